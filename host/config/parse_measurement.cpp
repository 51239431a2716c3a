// The `measurement` section: how each cell is timed and checked.
#include <map>

#include "config/matrix_sections.h"

namespace tb::yaml {

namespace {

const std::vector<std::string> kMeasurementKeys = {"warmup",    "repetitions", "min_time",    "time_limit", "baseline",
                                                   "reference", "tolerance",   "peak_gflops", "token_seed"};

template <typename T>
void assign(std::optional<T> value, T& target) {
  if (value) target = *value;
}

}  // namespace

void parse_measurement(Reader& reader, const Field& measurement, MeasurementConfig& config) {
  std::optional<std::map<std::string, Field>> keys = reader.map(measurement, kMeasurementKeys, "measurement");
  if (!keys) return;

  for (const auto& [key, field] : *keys) {
    if (key == "warmup") {
      assign(reader.non_negative_int(field), config.warmup);
    } else if (key == "repetitions") {
      assign(reader.positive_int(field), config.repetitions);
    } else if (key == "min_time") {
      assign(reader.non_negative_real(field), config.min_time_s);
    } else if (key == "time_limit") {
      assign(reader.positive_real(field), config.time_limit_s);
    } else if (key == "baseline") {
      assign(reader.string(field), config.baseline);
    } else if (key == "reference") {
      assign(reader.string(field), config.reference);
    } else if (key == "tolerance") {
      assign(reader.positive_real(field), config.tolerance);
    } else if (key == "peak_gflops") {
      // An empty value keeps the default: the peak is measured.
      if (!field.node.IsNull()) config.peak_gflops = reader.positive_real(field);
    } else if (key == "token_seed") {
      assign(reader.seed(field), config.token_seed);
    }
  }
}

}  // namespace tb::yaml
