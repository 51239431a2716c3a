// The `workload` section: the batch_size, seq_len and threads axes and the exclude
// rules that cut cells out of their cross product.
#include <algorithm>
#include <map>

#include "config/closest_match.h"
#include "config/matrix_sections.h"

namespace tb::yaml {

namespace {

const std::vector<std::string> kExcludeKeys = {"model", "backend", "batch_size", "seq_len", "threads"};

void parse_axis(Reader& reader, const std::map<std::string, Field>& workload, const char* key, std::vector<int>& axis) {
  const auto it = workload.find(key);
  if (it == workload.end()) return;

  std::optional<std::vector<int>> values = reader.positive_int_axis(it->second);
  if (values) {
    axis = std::move(*values);
  } else {
    axis.clear();
  }
}

std::vector<std::string> model_names(const MatrixConfig& config) {
  std::vector<std::string> names;
  for (const ModelEntry& model : config.models) {
    if (!model.config.name.empty()) names.push_back(model.config.name);
  }
  return names;
}

void parse_rule(Reader& reader, const Field& field, const std::vector<std::string>& models, MatrixConfig& config) {
  std::optional<std::map<std::string, Field>> keys = reader.map(field, kExcludeKeys, field.path);
  if (!keys) return;
  if (keys->empty() && field.node.size() == 0) {
    reader.error(field, "the rule is empty and would exclude every cell; give at least one of model, backend, "
                        "batch_size, seq_len, threads");
    return;
  }

  ExcludeRule rule;
  if (auto it = keys->find("model"); it != keys->end()) {
    rule.model = reader.string(it->second);
    const bool known = rule.model && std::find(models.begin(), models.end(), *rule.model) != models.end();
    if (rule.model && !known && !models.empty()) {
      std::string message = "model '" + *rule.model + "' is not in the matrix";
      if (std::optional<std::string> suggestion = closest_match(*rule.model, models)) {
        message += "; did you mean '" + *suggestion + "'?";
      } else {
        message += "; the models are " + models.front();
        for (size_t i = 1; i < models.size(); ++i) message += ", " + models[i];
      }
      reader.error(it->second, message);
    }
  }
  if (auto it = keys->find("backend"); it != keys->end()) rule.backend = reader.string(it->second);
  if (auto it = keys->find("batch_size"); it != keys->end()) rule.batch_size = reader.positive_int(it->second);
  if (auto it = keys->find("seq_len"); it != keys->end()) rule.seq_len = reader.positive_int(it->second);
  if (auto it = keys->find("threads"); it != keys->end()) rule.threads = reader.positive_int(it->second);

  // A rule with an invalid value is dropped rather than kept with that field unset,
  // which would make it exclude more cells than written.
  const size_t read = static_cast<size_t>(rule.model.has_value()) + rule.backend.has_value() +
                      rule.batch_size.has_value() + rule.seq_len.has_value() + rule.threads.has_value();
  if (read == keys->size() && !keys->empty()) config.exclude.push_back(std::move(rule));
}

}  // namespace

void parse_axes(Reader& reader, const std::map<std::string, Field>& workload, MatrixConfig& config) {
  parse_axis(reader, workload, "batch_size", config.batch_sizes);
  parse_axis(reader, workload, "seq_len", config.seq_lens);
  parse_axis(reader, workload, "threads", config.threads);
}

void parse_exclude(Reader& reader, const Field& exclude, MatrixConfig& config) {
  std::optional<std::vector<Field>> rules = reader.list(exclude, /*scalar_is_list=*/false);
  if (!rules) return;

  const std::vector<std::string> models = model_names(config);
  for (const Field& rule : *rules) parse_rule(reader, rule, models, config);
}

}  // namespace tb::yaml
