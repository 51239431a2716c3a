// JSON mapping of RunContext and CellResult, schema version 1 (docs/results.md).
#include "results/json.h"

#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

namespace tb {

namespace {

using nlohmann::json;

// JSON has no NaN or infinity, so a non-finite number is written as null and read
// back as NaN.
json number_or_null(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

std::string describe(const json& value) {
  std::string text = value.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

[[noreturn]] void wrong_type(const std::string& path, const char* expected, const json& value) {
  throw ResultsFormatError("field '" + path + "': expected " + expected + ", got " + describe(value));
}

// Each reader takes the object, the key and the path of the object for messages.
// Optional fields leave `out` unchanged when the key is absent.

const json* find_field(const json& object, const char* key, const std::string& parent, bool required) {
  const std::string path = parent.empty() ? key : parent + "." + key;
  const auto it = object.find(key);
  if (it == object.end()) {
    if (required) throw ResultsFormatError("required field '" + path + "' is missing");
    return nullptr;
  }
  return &*it;
}

std::string field_path(const std::string& parent, const char* key) {
  return parent.empty() ? key : parent + "." + key;
}

void read_string(const json& object, const char* key, const std::string& parent, std::string& out,
                 bool required = false) {
  const json* value = find_field(object, key, parent, required);
  if (value == nullptr) return;
  if (!value->is_string()) wrong_type(field_path(parent, key), "a string", *value);
  out = value->get<std::string>();
}

void read_double(const json& object, const char* key, const std::string& parent, double& out) {
  const json* value = find_field(object, key, parent, false);
  if (value == nullptr) return;
  if (value->is_null()) {
    out = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  if (!value->is_number()) wrong_type(field_path(parent, key), "a number or null", *value);
  out = value->get<double>();
}

template <typename Integer>
void read_integer(const json& object, const char* key, const std::string& parent, Integer& out,
                  bool required = false) {
  const json* value = find_field(object, key, parent, required);
  if (value == nullptr) return;
  const std::string path = field_path(parent, key);
  if (!value->is_number_integer()) wrong_type(path, "an integer", *value);

  // Range checks keep a corrupt file from wrapping silently into a plausible value.
  if (value->is_number_unsigned()) {
    const auto number = value->get<uint64_t>();
    if (number > static_cast<uint64_t>(std::numeric_limits<Integer>::max())) {
      wrong_type(path, "an integer in range", *value);
    }
    out = static_cast<Integer>(number);
  } else {
    const auto number = value->get<int64_t>();
    if constexpr (std::is_unsigned_v<Integer>) {
      if (number < 0) wrong_type(path, "a non-negative integer", *value);
      out = static_cast<Integer>(number);
    } else {
      if (number < static_cast<int64_t>(std::numeric_limits<Integer>::min()) ||
          number > static_cast<int64_t>(std::numeric_limits<Integer>::max())) {
        wrong_type(path, "an integer in range", *value);
      }
      out = static_cast<Integer>(number);
    }
  }
}

void read_bool(const json& object, const char* key, const std::string& parent, bool& out) {
  const json* value = find_field(object, key, parent, false);
  if (value == nullptr) return;
  if (!value->is_boolean()) wrong_type(field_path(parent, key), "true or false", *value);
  out = value->get<bool>();
}

const json* read_object(const json& object, const char* key, const std::string& parent) {
  const json* value = find_field(object, key, parent, false);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) wrong_type(field_path(parent, key), "an object", *value);
  return value;
}

const json* read_array(const json& object, const char* key, const std::string& parent) {
  const json* value = find_field(object, key, parent, false);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) wrong_type(field_path(parent, key), "an array", *value);
  return value;
}

json backend_to_json(const BackendContext& backend) {
  return json{{"name", backend.name},
              {"version", backend.version},
              {"build_info", backend.build_info},
              {"path", backend.path},
              {"abi_version", backend.abi_version}};
}

BackendContext backend_from_json(const json& object, const std::string& path) {
  if (!object.is_object()) wrong_type(path, "an object", object);
  BackendContext backend;
  read_string(object, "name", path, backend.name, true);
  read_string(object, "version", path, backend.version);
  read_string(object, "build_info", path, backend.build_info);
  read_string(object, "path", path, backend.path);
  read_string(object, "abi_version", path, backend.abi_version);
  return backend;
}

json measurement_to_json(const MeasurementContext& measurement) {
  return json{{"warmup", measurement.warmup},
              {"repetitions", measurement.repetitions},
              {"min_time_s", number_or_null(measurement.min_time_s)},
              {"time_limit_s", number_or_null(measurement.time_limit_s)},
              {"reference", measurement.reference},
              {"tolerance", number_or_null(measurement.tolerance)},
              {"baseline", measurement.baseline},
              {"isolated", measurement.isolated}};
}

MeasurementContext measurement_from_json(const json& object, const std::string& path) {
  MeasurementContext measurement;
  read_integer(object, "warmup", path, measurement.warmup);
  read_integer(object, "repetitions", path, measurement.repetitions);
  read_double(object, "min_time_s", path, measurement.min_time_s);
  read_double(object, "time_limit_s", path, measurement.time_limit_s);
  read_string(object, "reference", path, measurement.reference);
  read_double(object, "tolerance", path, measurement.tolerance);
  read_string(object, "baseline", path, measurement.baseline);
  read_bool(object, "isolated", path, measurement.isolated);
  return measurement;
}

}  // namespace

json context_to_json(const RunContext& context) {
  json backends = json::array();
  for (const BackendContext& backend : context.backends) backends.push_back(backend_to_json(backend));

  return json{{"date", context.date},
              {"host_version", context.host_version},
              {"build_type", context.build_type},
              {"hostname", context.hostname},
              {"cpu_model", context.cpu_model},
              {"cores", context.cores},
              {"governor", context.governor},
              {"load_average_1m", number_or_null(context.load_average_1m)},
              {"peak_gflops", number_or_null(context.peak_gflops)},
              {"peak_source", context.peak_source},
              {"config_source", context.config_source},
              {"config_hash", context.config_hash},
              {"matrix_cells", context.matrix_cells},
              {"shard", json{{"index", context.shard_index}, {"count", context.shard_count}}},
              {"measurement", measurement_to_json(context.measurement)},
              {"backends", backends},
              {"warnings", context.warnings}};
}

RunContext context_from_json(const json& object) {
  const std::string where = "context";
  if (!object.is_object()) wrong_type(where, "an object", object);

  RunContext context;
  read_string(object, "date", where, context.date);
  read_string(object, "host_version", where, context.host_version);
  read_string(object, "build_type", where, context.build_type);
  read_string(object, "hostname", where, context.hostname);
  read_string(object, "cpu_model", where, context.cpu_model);
  read_integer(object, "cores", where, context.cores);
  read_string(object, "governor", where, context.governor);
  read_double(object, "load_average_1m", where, context.load_average_1m);
  read_double(object, "peak_gflops", where, context.peak_gflops);
  read_string(object, "peak_source", where, context.peak_source);
  read_string(object, "config_source", where, context.config_source);
  read_string(object, "config_hash", where, context.config_hash);
  read_integer(object, "matrix_cells", where, context.matrix_cells);

  if (const json* shard = read_object(object, "shard", where)) {
    read_integer(*shard, "index", where + ".shard", context.shard_index);
    read_integer(*shard, "count", where + ".shard", context.shard_count);
  }

  if (const json* measurement = read_object(object, "measurement", where)) {
    context.measurement = measurement_from_json(*measurement, where + ".measurement");
  }

  if (const json* backends = read_array(object, "backends", where)) {
    for (size_t i = 0; i < backends->size(); ++i) {
      context.backends.push_back(backend_from_json((*backends)[i], where + ".backends[" + std::to_string(i) + "]"));
    }
  }

  if (const json* warnings = read_array(object, "warnings", where)) {
    for (size_t i = 0; i < warnings->size(); ++i) {
      const json& warning = (*warnings)[i];
      if (!warning.is_string()) wrong_type(where + ".warnings[" + std::to_string(i) + "]", "a string", warning);
      context.warnings.push_back(warning.get<std::string>());
    }
  }
  return context;
}

json cell_to_json(const CellResult& cell) {
  json samples = json::array();
  for (double sample : cell.time.samples_ms) samples.push_back(number_or_null(sample));

  const json time{{"samples_ms", samples},
                  {"median_ms", number_or_null(cell.time.median_ms)},
                  {"mean_ms", number_or_null(cell.time.mean_ms)},
                  {"stddev_ms", number_or_null(cell.time.stddev_ms)},
                  {"min_ms", number_or_null(cell.time.min_ms)},
                  {"max_ms", number_or_null(cell.time.max_ms)},
                  {"p90_ms", number_or_null(cell.time.p90_ms)},
                  {"cv", number_or_null(cell.time.cv)}};
  const json throughput{{"tokens_per_second", number_or_null(cell.tokens_per_second)},
                        {"gflops_per_second", number_or_null(cell.gflops_per_second)},
                        {"efficiency", number_or_null(cell.efficiency)},
                        {"speedup", number_or_null(cell.speedup)}};
  const json memory{{"weight_bytes", cell.weight_bytes},
                    {"workspace_bytes", cell.workspace_bytes},
                    {"rss_delta_bytes", cell.rss_delta_bytes}};
  const json correctness{{"max_abs_diff", number_or_null(cell.max_abs_diff)}, {"loss", number_or_null(cell.loss)}};

  return json{{"index", cell.index},
              {"model", cell.model},
              {"backend", cell.backend},
              {"batch_size", cell.batch_size},
              {"seq_len", cell.seq_len},
              {"threads", cell.threads},
              {"status", to_string(cell.status)},
              {"message", cell.message},
              {"parameters", cell.parameters},
              {"flops", number_or_null(cell.flops)},
              {"time", time},
              {"throughput", throughput},
              {"memory", memory},
              {"correctness", correctness}};
}

CellResult cell_from_json(const json& object) {
  const std::string where;  // cell fields are named from the cell object
  if (!object.is_object()) wrong_type("cell", "an object", object);

  CellResult cell;
  read_integer(object, "index", where, cell.index, true);
  read_string(object, "model", where, cell.model, true);
  read_string(object, "backend", where, cell.backend, true);
  read_integer(object, "batch_size", where, cell.batch_size, true);
  read_integer(object, "seq_len", where, cell.seq_len, true);
  read_integer(object, "threads", where, cell.threads, true);

  std::string status;
  read_string(object, "status", where, status, true);
  try {
    cell.status = cell_status_from_string(status);
  } catch (const std::invalid_argument&) {
    throw ResultsFormatError("field 'status': unknown value \"" + status +
                             "\"; expected ok, mismatch, error, crashed, timed_out or skipped");
  }
  read_string(object, "message", where, cell.message);
  read_integer(object, "parameters", where, cell.parameters);
  read_double(object, "flops", where, cell.flops);

  if (const json* time = read_object(object, "time", where)) {
    if (const json* samples = read_array(*time, "samples_ms", "time")) {
      for (size_t i = 0; i < samples->size(); ++i) {
        const json& sample = (*samples)[i];
        if (!sample.is_number()) wrong_type("time.samples_ms[" + std::to_string(i) + "]", "a number", sample);
        cell.time.samples_ms.push_back(sample.get<double>());
      }
    }
    read_double(*time, "median_ms", "time", cell.time.median_ms);
    read_double(*time, "mean_ms", "time", cell.time.mean_ms);
    read_double(*time, "stddev_ms", "time", cell.time.stddev_ms);
    read_double(*time, "min_ms", "time", cell.time.min_ms);
    read_double(*time, "max_ms", "time", cell.time.max_ms);
    read_double(*time, "p90_ms", "time", cell.time.p90_ms);
    read_double(*time, "cv", "time", cell.time.cv);
  }

  if (const json* throughput = read_object(object, "throughput", where)) {
    read_double(*throughput, "tokens_per_second", "throughput", cell.tokens_per_second);
    read_double(*throughput, "gflops_per_second", "throughput", cell.gflops_per_second);
    read_double(*throughput, "efficiency", "throughput", cell.efficiency);
    read_double(*throughput, "speedup", "throughput", cell.speedup);
  }

  if (const json* memory = read_object(object, "memory", where)) {
    read_integer(*memory, "weight_bytes", "memory", cell.weight_bytes);
    read_integer(*memory, "workspace_bytes", "memory", cell.workspace_bytes);
    read_integer(*memory, "rss_delta_bytes", "memory", cell.rss_delta_bytes);
  }

  if (const json* correctness = read_object(object, "correctness", where)) {
    read_double(*correctness, "max_abs_diff", "correctness", cell.max_abs_diff);
    read_double(*correctness, "loss", "correctness", cell.loss);
  }
  return cell;
}

json run_to_json(const RunResult& result) {
  json cells = json::array();
  for (const CellResult& cell : result.cells) cells.push_back(cell_to_json(cell));
  return json{{"schema_version", kResultsSchemaVersion},
              {"format", kResultsFormatName},
              {"context", context_to_json(result.context)},
              {"cells", cells}};
}

json jsonl_header(const RunContext& context) {
  return json{{"schema_version", kResultsSchemaVersion},
              {"format", kResultsFormatName},
              {"context", context_to_json(context)}};
}

int check_schema(const json& document) {
  if (!document.is_object()) {
    throw ResultsFormatError("expected a JSON object with \"format\": \"" + std::string(kResultsFormatName) +
                             "\", got " + describe(document));
  }
  std::string format;
  read_string(document, "format", "", format, true);
  if (format != kResultsFormatName) {
    throw ResultsFormatError("field 'format' is \"" + format + "\", expected \"" + kResultsFormatName +
                             "\"; this is not a transformer-bench results file");
  }

  int version = 0;
  read_integer(document, "schema_version", "", version, true);
  if (version != kResultsSchemaVersion) {
    throw ResultsFormatError("schema_version " + std::to_string(version) + " is not supported; this build of " +
                             "transformer-bench reads version " + std::to_string(kResultsSchemaVersion) +
                             ". Use the transformer-bench that wrote the file, or a newer one");
  }
  return version;
}

}  // namespace tb
