// Checks of a parsed matrix that the file alone cannot decide: whether its backends
// were found, and whether the cells it expands to can run. They run after the
// command-line overrides and locate each error at the YAML node or option that set
// the offending value.
#pragma once

#include <string>
#include <vector>

#include "config/config_error.h"
#include "config/matrix.h"
#include "plugin/discovery.h"

namespace tb {

// A matrix may expand to at most this many cells. At 5 ms per cell a million cells
// take more than an hour, so a larger matrix is almost surely a mistake. The limit
// also keeps expand() from exhausting memory.
inline constexpr size_t kMaxCells = 1000000;

// Returns the names of the backends `plugins` loaded, in discovery order.
std::vector<std::string> backend_names(const PluginSet& plugins);

// Fills an empty backend list with every available backend, in discovery order. A
// non-empty list is left as it is.
void resolve_backends(MatrixConfig& config, const std::vector<std::string>& available);

// Checks that every listed backend is available (the message names those that are),
// that none is listed twice, and that the reference and baseline are among the
// matrix's backends. An empty backend list means every available backend.
std::vector<ConfigError> check_backends(const MatrixConfig& config, const std::vector<std::string>& available);

// Checks that the matrix has models and axis values without duplicates, and at most
// kMaxCells cells of which the exclude rules leave at least one. Also checks that no
// cell has a seq_len above its model's max_seq_len, that weight files exist, and that
// min_time is below time_limit. The backend list must be resolved first. While it is
// empty, the checks on cells are skipped.
std::vector<ConfigError> check_cells(const MatrixConfig& config);

// Runs both checks above on a copy whose empty backend list is resolved.
std::vector<ConfigError> validate_matrix(const MatrixConfig& config, const std::vector<std::string>& available);
std::vector<ConfigError> validate_matrix(const MatrixConfig& config, const PluginSet& plugins);

}  // namespace tb
