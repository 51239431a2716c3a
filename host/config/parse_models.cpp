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

const std::vector<std::string> kModelKeys = {"name", "d_model",     "n_layers",       "n_heads", "vocab_size",
                                             "d_ff", "max_seq_len", "layer_norm_eps", "weights"};
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

// Returns the parameter count of tensor_specs(), computed in double so that it cannot
// overflow.
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
      std::filesystem::path weights_path(*path);
      if (weights_path.is_relative() && !base_dir.empty()) weights_path = base_dir / weights_path;
      entry.weights_file = weights_path.lexically_normal().string();
    }
  }
}

std::string format_count(double count) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", count);
  return text;
}

using Keys = std::map<std::string, Field>;

// Reads a positive integer into `target` if the key is present. Returns false when
// the key is required and missing, or when its value is invalid.
bool read_size(Reader& reader, const Field& model, const Keys& keys, const char* key, bool required, int& target) {
  const auto it = keys.find(key);
  if (it == keys.end()) {
    if (required) reader.error(model, std::string("missing key '") + key + "'");
    return !required;
  }
  std::optional<int> value = reader.positive_int(it->second);
  if (value) target = *value;
  return value.has_value();
}

bool read_layer_norm_eps(Reader& reader, const Keys& keys, ModelConfig& model) {
  const auto it = keys.find("layer_norm_eps");
  if (it == keys.end()) return true;

  std::optional<double> value = reader.positive_real(it->second);
  if (!value) return false;
  const float narrowed = static_cast<float>(*value);
  if (!(narrowed > 0.0f && std::isfinite(narrowed))) {
    reader.error(it->second, "layer_norm_eps " + it->second.node.Scalar() +
                                 " is outside the float32 range; use a value such as 1e-5");
    return false;
  }
  model.layer_norm_eps = narrowed;
  return true;
}

// Checks that n_heads divides d_model, fills the default d_ff and checks the size
// limit. Returns false on an error.
bool check_shape(Reader& reader, const Field& field, const Keys& keys, ModelConfig& model) {
  if (model.d_model % model.n_heads != 0) {
    reader.error(keys.at("n_heads"), "d_model " + std::to_string(model.d_model) + " is not divisible by n_heads " +
                                         std::to_string(model.n_heads) +
                                         "; choose a head count that divides d_model");
    return false;
  }

  if (model.d_ff == 0) {
    if (model.d_model > std::numeric_limits<int>::max() / 2) {
      reader.error(keys.at("d_model"), "the default d_ff, 2 * d_model, is above " +
                                           std::to_string(std::numeric_limits<int>::max()) +
                                           "; lower d_model or set d_ff");
      return false;
    }
    model.d_ff = 2 * model.d_model;
  }

  if (parameter_estimate(model) > kMaxParameters) {
    reader.error(field, "the model has about " + format_count(parameter_estimate(model)) +
                            " parameters, more than the limit of 2^40; reduce d_model, d_ff, n_layers or vocab_size");
    return false;
  }
  return true;
}

// Reads the name, or gives the model its default name once its shape is valid.
// `name_mark` becomes the position of the name, if one is given.
bool read_name(Reader& reader, const Keys& keys, bool shape_valid, ModelConfig& model, YAML::Mark& name_mark) {
  const auto it = keys.find("name");
  if (it == keys.end()) {
    if (shape_valid) model.name = default_model_name(model);
    return true;
  }

  name_mark = it->second.mark;
  std::optional<std::string> name = reader.string(it->second);
  if (!name) return false;
  if (!is_valid_name(*name)) {
    reader.error(it->second, "invalid model name '" + *name + "'; use letters, digits, '_', '-' and '.'");
    return false;
  }
  model.name = *name;
  return true;
}

// Reads one model. Returns false when any of its values is invalid. `name_mark` is
// where the model's name is given, or where the model starts when the name is the
// default one.
bool parse_model(Reader& reader, const Field& field, const std::filesystem::path& base_dir, int largest_seq_len,
                 ModelEntry& entry, YAML::Mark& name_mark) {
  name_mark = field.mark;
  std::optional<Keys> keys = reader.map(field, kModelKeys, field.path);
  if (!keys) return false;
  ModelConfig& model = entry.config;

  // Every field is read even after an error, so that all errors are reported.
  bool shape_read = read_size(reader, field, *keys, "d_model", true, model.d_model);
  shape_read = read_size(reader, field, *keys, "n_layers", true, model.n_layers) && shape_read;
  shape_read = read_size(reader, field, *keys, "n_heads", true, model.n_heads) && shape_read;
  shape_read = read_size(reader, field, *keys, "vocab_size", true, model.vocab_size) && shape_read;
  shape_read = read_size(reader, field, *keys, "d_ff", false, model.d_ff) && shape_read;

  bool valid = read_size(reader, field, *keys, "max_seq_len", false, model.max_seq_len);
  if (!keys->count("max_seq_len")) {
    model.max_seq_len = largest_seq_len;
    entry.max_seq_len_from_axis = true;
  }
  valid = read_layer_norm_eps(reader, *keys, model) && valid;
  if (auto it = keys->find("weights"); it != keys->end()) parse_weights(reader, it->second, base_dir, entry);

  const bool shape_valid = shape_read && check_shape(reader, field, *keys, model);
  valid = read_name(reader, *keys, shape_valid, model, name_mark) && shape_valid && valid;

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
