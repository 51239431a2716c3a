// Everything `run` and `validate` do with a matrix before the first cell: parse the
// config file (or take the default matrix), apply the command-line overrides, fill an
// empty backend list with every backend found, and check the result.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/matrix.h"
#include "config/overrides.h"
#include "plugin/discovery.h"

namespace tb {

// Returns the checked matrix with its backend list resolved, ready for expand().
// Throws ConfigErrors with every error found. When the file itself has errors, the
// backend checks still run, but the cell checks wait until the file is fixed, since
// they would report on values that were never read.
MatrixConfig prepare_matrix(const std::optional<std::filesystem::path>& config_file, const MatrixOverrides& overrides,
                            const std::vector<std::string>& available_backends);

// As above, with the backends that `plugins` loaded.
MatrixConfig prepare_matrix(const std::optional<std::filesystem::path>& config_file, const MatrixOverrides& overrides,
                            const PluginSet& plugins);

}  // namespace tb
