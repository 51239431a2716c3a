#include "bench/config_hash.h"

#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace tb {

namespace {

using nlohmann::json;

template <typename T>
json optional_to_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json fingerprint_fields(const MatrixConfig& config) {
  json models = json::array();
  for (const ModelEntry& model : config.models) {
    const ModelConfig& c = model.config;
    models.push_back(json{{"name", c.name},
                          {"vocab_size", c.vocab_size},
                          {"d_model", c.d_model},
                          {"n_layers", c.n_layers},
                          {"n_heads", c.n_heads},
                          {"d_ff", c.d_ff},
                          {"max_seq_len", c.max_seq_len},
                          {"layer_norm_eps", c.layer_norm_eps},
                          {"seed", model.seed},
                          {"weights_file", model.weights_file}});
  }

  json backends = json::array();
  for (const BackendEntry& backend : config.backends) {
    backends.push_back(json{{"name", backend.name}, {"options", backend.options}});
  }

  json exclude = json::array();
  for (const ExcludeRule& rule : config.exclude) {
    exclude.push_back(json{{"model", optional_to_json(rule.model)},
                           {"backend", optional_to_json(rule.backend)},
                           {"batch_size", optional_to_json(rule.batch_size)},
                           {"seq_len", optional_to_json(rule.seq_len)},
                           {"threads", optional_to_json(rule.threads)}});
  }

  const MeasurementConfig& m = config.measurement;
  return json{{"models", models},
              {"backends", backends},
              {"batch_sizes", config.batch_sizes},
              {"seq_lens", config.seq_lens},
              {"threads", config.threads},
              {"exclude", exclude},
              {"measurement",
               json{{"warmup", m.warmup},
                    {"repetitions", m.repetitions},
                    {"min_time_s", m.min_time_s},
                    {"token_seed", m.token_seed},
                    {"reference", m.reference},
                    {"tolerance", m.tolerance}}}};
}

}  // namespace

std::string config_hash(const MatrixConfig& config) {
  // nlohmann::json keeps object keys sorted, so dump() is canonical.
  const std::string text = fingerprint_fields(config).dump();

  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char byte : text) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace tb
