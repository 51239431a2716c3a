// The parsers of the matrix file's sections, called by config/matrix_parser.cpp in
// the order the sections depend on each other: workload axes, models (whose default
// max_seq_len is the largest seq_len), exclude rules (which name models), backends,
// measurement. Internal to config/.
#pragma once

#include <filesystem>

#include "config/matrix.h"
#include "config/yaml_fields.h"

namespace tb::yaml {

// The batch_size, seq_len and threads axes of the workload section. An axis with an
// error is left empty, so later checks do not report on a value that was never read.
void parse_axes(Reader& reader, const std::map<std::string, Field>& workload, MatrixConfig& config);

void parse_models(Reader& reader, const Field& models, const std::filesystem::path& base_dir, MatrixConfig& config);

void parse_exclude(Reader& reader, const Field& exclude, MatrixConfig& config);

void parse_backends(Reader& reader, const Field& backends, MatrixConfig& config);

void parse_measurement(Reader& reader, const Field& measurement, MeasurementConfig& config);

}  // namespace tb::yaml
