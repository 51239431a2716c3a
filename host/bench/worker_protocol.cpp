#include "bench/worker_protocol.h"

#include <stdexcept>

namespace tb {

namespace {

using nlohmann::json;

json binding_to_json(const BackendBinding& binding) {
  json options = json::array();
  for (const auto& [key, value] : binding.options) options.push_back(json::array({key, value}));
  return json{{"name", binding.name}, {"path", binding.path.string()}, {"options", options}};
}

BackendBinding binding_from_json(const json& object) {
  BackendBinding binding;
  binding.name = object.at("name").get<std::string>();
  binding.path = object.at("path").get<std::string>();
  for (const json& option : object.at("options")) {
    binding.options.emplace_back(option.at(0).get<std::string>(), option.at(1).get<std::string>());
  }
  return binding;
}

json model_to_json(const ModelEntry& model) {
  const ModelConfig& config = model.config;
  return json{{"name", config.name},
              {"vocab_size", config.vocab_size},
              {"d_model", config.d_model},
              {"n_layers", config.n_layers},
              {"n_heads", config.n_heads},
              {"d_ff", config.d_ff},
              {"max_seq_len", config.max_seq_len},
              {"layer_norm_eps", config.layer_norm_eps},
              {"seed", model.seed},
              {"weights_file", model.weights_file}};
}

ModelEntry model_from_json(const json& object) {
  ModelEntry model;
  ModelConfig& config = model.config;
  config.name = object.at("name").get<std::string>();
  config.vocab_size = object.at("vocab_size").get<int>();
  config.d_model = object.at("d_model").get<int>();
  config.n_layers = object.at("n_layers").get<int>();
  config.n_heads = object.at("n_heads").get<int>();
  config.d_ff = object.at("d_ff").get<int>();
  config.max_seq_len = object.at("max_seq_len").get<int>();
  config.layer_norm_eps = object.at("layer_norm_eps").get<float>();
  model.seed = object.at("seed").get<uint64_t>();
  model.weights_file = object.at("weights_file").get<std::string>();
  return model;
}

json measurement_to_json(const MeasurementConfig& measurement) {
  return json{{"warmup", measurement.warmup},
              {"repetitions", measurement.repetitions},
              {"min_time_s", measurement.min_time_s},
              {"time_limit_s", measurement.time_limit_s},
              {"reference", measurement.reference},
              {"tolerance", measurement.tolerance},
              {"token_seed", measurement.token_seed}};
}

MeasurementConfig measurement_from_json(const json& object) {
  MeasurementConfig measurement;
  measurement.warmup = object.at("warmup").get<int>();
  measurement.repetitions = object.at("repetitions").get<int>();
  measurement.min_time_s = object.at("min_time_s").get<double>();
  measurement.time_limit_s = object.at("time_limit_s").get<double>();
  measurement.reference = object.at("reference").get<std::string>();
  measurement.tolerance = object.at("tolerance").get<double>();
  measurement.token_seed = object.at("token_seed").get<uint64_t>();
  return measurement;
}

}  // namespace

json task_to_json(const CellTask& task) {
  return json{{"index", task.index},
              {"model", model_to_json(task.model)},
              {"backend", binding_to_json(task.backend)},
              {"reference", binding_to_json(task.reference)},
              {"batch_size", task.batch_size},
              {"seq_len", task.seq_len},
              {"threads", task.threads},
              {"measurement", measurement_to_json(task.measurement)},
              {"peak_gflops_per_core", task.peak_gflops_per_core},
              {"reference_logits_file", task.reference_logits_file.string()}};
}

CellTask task_from_json(const json& object) {
  try {
    CellTask task;
    task.index = object.at("index").get<size_t>();
    task.model = model_from_json(object.at("model"));
    task.backend = binding_from_json(object.at("backend"));
    task.reference = binding_from_json(object.at("reference"));
    task.batch_size = object.at("batch_size").get<int>();
    task.seq_len = object.at("seq_len").get<int>();
    task.threads = object.at("threads").get<int>();
    task.measurement = measurement_from_json(object.at("measurement"));
    task.peak_gflops_per_core = object.at("peak_gflops_per_core").get<double>();
    task.reference_logits_file = object.at("reference_logits_file").get<std::string>();
    return task;
  } catch (const json::exception& error) {
    throw std::runtime_error(std::string("invalid worker task: ") + error.what());
  }
}

}  // namespace tb
