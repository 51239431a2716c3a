// The `backends` section: names, or maps of a name and the options passed to it.
#include <map>
#include <set>

#include "config/matrix_sections.h"

namespace tb::yaml {

namespace {

const std::vector<std::string> kBackendKeys = {"name", "options"};

void parse_options(Reader& reader, const Field& field, BackendOptions& options) {
  // Option keys belong to each plugin, so any key is accepted here, and the plugin
  // rejects the ones it does not know when the model is created.
  if (!reader.map(field, {}, field.path)) return;

  // The YAML map is iterated again because std::map lost the written order. map() has
  // reported duplicate and non-scalar keys already, so they are skipped here.
  std::set<std::string> seen;
  for (const auto& pair : field.node) {
    const YAML::Node key_node = pair.first;
    if (!key_node.IsScalar() || !seen.insert(key_node.Scalar()).second) continue;

    const Field value = child(field, key_node.Scalar(), key_node, pair.second);
    if (!value.node.IsScalar()) {
      reader.error(value, "expected a scalar option value, got " + describe(value.node) +
                              "; options are passed to the backend as strings");
      continue;
    }
    options.emplace_back(key_node.Scalar(), value.node.Scalar());
  }
}

void parse_backend(Reader& reader, const Field& field, MatrixConfig& config) {
  if (field.node.IsScalar()) {
    if (std::optional<std::string> name = reader.string(field)) config.backends.push_back(BackendEntry{*name, {}});
    return;
  }
  if (!field.node.IsMap()) {
    reader.error(field, "expected a backend name or a map with 'name' and 'options', got " + describe(field.node));
    return;
  }

  std::optional<std::map<std::string, Field>> keys = reader.map(field, kBackendKeys, field.path);
  if (!keys) return;

  BackendEntry entry;
  const auto name = keys->find("name");
  if (name == keys->end()) {
    reader.error(field, "missing key 'name'");
    return;
  }
  std::optional<std::string> name_value = reader.string(name->second);
  if (!name_value) return;
  entry.name = *name_value;

  if (auto options = keys->find("options"); options != keys->end()) parse_options(reader, options->second, entry.options);
  config.backends.push_back(std::move(entry));
}

}  // namespace

void parse_backends(Reader& reader, const Field& backends, MatrixConfig& config) {
  // An empty value or an empty list both mean every backend found.
  if (backends.node.IsNull()) return;

  std::optional<std::vector<Field>> items = reader.list(backends, /*scalar_is_list=*/true);
  if (!items) return;
  for (const Field& item : *items) parse_backend(reader, item, config);
}

}  // namespace tb::yaml
