// The `models` section: one map per model with its shape and weights.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

#include "config/matrix_sections.h"

namespace tb::yaml {

namespace {

const std::vector<std::string> kModelKeys = {"name",        "d_model",        "n_layers", "n_heads", "vocab_size",
                                             "d_ff",        "max_seq_len",    "layer_norm_eps", "weights"};
const std::vector<std::string> kWeightsKeys = {"init", "seed", "file"};

// Parameter counts and FLOPs are computed in 64-bit integers and doubles, so a model
// beyond 2^40 parameters (4 TiB of float32) is rejected before anything overflows.
constexpr double kMaxParameters = 1099511627776.0;

bool is_valid_name(const std::string& name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

// The parameter count of tensor_specs(), in double so it cannot overflow.
double parameter_estimate(const ModelConfig& model) {
  const double c = model.d_model;
  const double f = model.d_ff;
  const double v = model.vocab_size;
  const double per_layer = 4.0 * c * c + 4.0 * c + 2.0 * c * f + f + c + 4.0 * c;
  return v * c + model.n_layers * per_layer + 2.0 * c + c * v + v;
}

void parse_weights(Reader& reader, const Field& field, const std::filesystem::path& base_dir, ModelEntry& entry) {
  std::optional<std::map<std::string, Field>> weights = reader.map(field, kWeightsKeys, field.path);
  if (!weights) return;

  const auto init = weights->find("init");
  const auto seed = weights->find("seed");
  const auto file = weights->find("file");

  if (file != weights->end() && (init != weights->end() || seed != weights->end())) {
    const Field& other = init != weights->end() ? init->second : seed->second;
    reader.error(other, "weights come either from 'file' or from 'init' and 'seed', not both; remove one");
    return;
  }

  if (init != weights->end()) {
    std::optional<std::string> method = reader.string(init->second);
    if (method && *method != "normal") {
      reader.error(init->second, "unknown init method '" + *method + "'; the only one is 'normal'");
    }
  }
  if (seed != weights->end()) {
    if (std::optional<uint64_t> value = reader.seed(seed->second)) entry.seed = *value;
  }
  if (file != weights->end()) {
    if (std::optional<std::string> path = reader.string(file->second)) {
      const std::filesystem::path weights_path(*path);
      entry.weights_file = (weights_path.is_relative() && !base_dir.empty() ? base_dir / weights_path : weights_path)
                               .lexically_normal()
                               .string();
    }
  }
}

std::string format_count(double count) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", count);
  return text;
}

// Reads one model. Returns false when any of its values is invalid. `name_mark` is
// where the model's name is given, or where the model starts when the name is the
// default one.
bool parse_model(Reader& reader, const Field& field, const std::filesystem::path& base_dir, int largest_seq_len,
                 ModelEntry& entry, YAML::Mark& name_mark) {
  name_mark = field.mark;
  std::optional<std::map<std::string, Field>> keys = reader.map(field, kModelKeys, field.path);
  if (!keys) return false;

  bool valid = true;
  ModelConfig& model = entry.config;

  auto read_required = [&](const char* key, int& target) {
    const auto it = keys->find(key);
    if (it == keys->end()) {
      reader.error(field, std::string("missing key '") + key + "'");
      valid = false;
      return;
    }
    std::optional<int> value = reader.positive_int(it->second);
    if (value) target = *value;
    valid = valid && value.has_value();
  };
  read_required("d_model", model.d_model);
  read_required("n_layers", model.n_layers);
  read_required("n_heads", model.n_heads);
  read_required("vocab_size", model.vocab_size);

  if (auto it = keys->find("d_ff"); it != keys->end()) {
    std::optional<int> value = reader.positive_int(it->second);
    if (value) model.d_ff = *value;
    valid = valid && value.has_value();
  }

  if (auto it = keys->find("max_seq_len"); it != keys->end()) {
    std::optional<int> value = reader.positive_int(it->second);
    if (value) model.max_seq_len = *value;
    valid = valid && value.has_value();
  } else {
    model.max_seq_len = largest_seq_len;
    entry.max_seq_len_from_axis = true;
  }

  if (auto it = keys->find("layer_norm_eps"); it != keys->end()) {
    std::optional<double> value = reader.positive_real(it->second);
    const float narrowed = value ? static_cast<float>(*value) : 0.0f;
    if (value && !(narrowed > 0.0f && std::isfinite(narrowed))) {
      reader.error(it->second, "layer_norm_eps " + it->second.node.Scalar() +
                                   " is outside the float32 range; use a value such as 1e-5");
      value.reset();
    }
    if (value) model.layer_norm_eps = narrowed;
    valid = valid && value.has_value();
  }

  if (auto it = keys->find("weights"); it != keys->end()) parse_weights(reader, it->second, base_dir, entry);

  const bool shape_read = model.d_model > 0 && model.n_heads > 0;
  if (const auto heads = keys->find("n_heads"); shape_read && model.d_model % model.n_heads != 0) {
    reader.error(heads->second, "d_model " + std::to_string(model.d_model) + " is not divisible by n_heads " +
                                    std::to_string(model.n_heads) + "; choose a head count that divides d_model");
    valid = false;
  }
  if (valid && model.d_ff == 0) {
    if (model.d_model > std::numeric_limits<int>::max() / 2) {
      reader.error(keys->at("d_model"), "the default d_ff, 2 * d_model, is above " +
                                            std::to_string(std::numeric_limits<int>::max()) +
                                            "; lower d_model or set d_ff");
      valid = false;
    } else {
      model.d_ff = 2 * model.d_model;
    }
  }
  if (valid && parameter_estimate(model) > kMaxParameters) {
    reader.error(field, "the model has about " + format_count(parameter_estimate(model)) +
                            " parameters, more than the limit of 2^40; reduce d_model, d_ff, n_layers or vocab_size");
    valid = false;
  }

  if (auto it = keys->find("name"); it != keys->end()) {
    name_mark = it->second.mark;
    std::optional<std::string> name = reader.string(it->second);
    if (name && !is_valid_name(*name)) {
      reader.error(it->second, "invalid model name '" + *name + "'; use letters, digits, '_', '-' and '.'");
      name.reset();
    }
    if (name) model.name = *name;
    valid = valid && name.has_value();
  } else if (valid) {
    model.name = default_model_name(model);
  }

  // The model library's own rules, so the host and this parser cannot disagree about
  // what a valid model is. Every rule it has is checked above with a location.
  if (valid && model.max_seq_len > 0) {
    try {
      ModelConfig copy = model;
      validate(copy);
    } catch (const std::invalid_argument& error) {
      reader.error(field, error.what());
      valid = false;
    }
  }
  return valid;
}

}  // namespace

void parse_models(Reader& reader, const Field& models, const std::filesystem::path& base_dir, MatrixConfig& config) {
  std::optional<std::vector<Field>> items = reader.list(models, /*scalar_is_list=*/false);
  if (!items) return;
  if (items->empty()) {
    reader.error(models, "the list is empty; describe at least one model");
    return;
  }

  const int largest_seq_len =
      config.seq_lens.empty() ? 0 : *std::max_element(config.seq_lens.begin(), config.seq_lens.end());

  std::map<std::string, const Field*> first_by_name;
  for (const Field& item : *items) {
    ModelEntry entry;
    YAML::Mark name_mark;
    const bool valid = parse_model(reader, item, base_dir, largest_seq_len, entry, name_mark);

    if (valid) {
      const std::string& name = entry.config.name;
      if (auto first = first_by_name.find(name); first != first_by_name.end()) {
        reader.error(Field{item.path + ".name", {}, name_mark}, "duplicate model name '" + name + "', first used by " + first->second->path +
                                     " on line " + std::to_string(first->second->mark.line + 1) +
                                     "; give one of them a different 'name'");
      } else {
        first_by_name.emplace(name, &item);
      }
    }
    config.models.push_back(std::move(entry));
  }
}

}  // namespace tb::yaml
