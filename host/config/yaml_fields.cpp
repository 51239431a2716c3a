#include "config/yaml_fields.h"

#include <algorithm>
#include <utility>

#include "config/closest_match.h"
#include "config/scalar_values.h"

namespace tb::yaml {

namespace {

std::string join_quoted(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "'" : ", '") + word + "'";
  return text;
}

}  // namespace

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    default:
      return "an empty value";
  }
}

Field child(const Field& parent, const std::string& key, const YAML::Node& key_node, const YAML::Node& value) {
  const std::string path = parent.path.empty() ? key : parent.path + "." + key;
  const YAML::Mark mark = value.IsNull() || value.Mark().is_null() ? key_node.Mark() : value.Mark();
  return Field{path, value, mark};
}

void Reader::error_at(const YAML::Mark& mark, const std::string& path, std::string message) {
  const bool has_position = !mark.is_null();
  errors_.push_back(ConfigError{locations_.file(), has_position ? mark.line + 1 : 0, has_position ? mark.column + 1 : 0,
                                path, std::move(message)});
}

void Reader::error(const Field& field, std::string message) {
  const std::string prefix = field.path.empty() ? "" : field.path + ": ";
  error_at(field.mark, field.path, prefix + message);
}

void Reader::remember(const Field& field) {
  if (field.mark.is_null()) return;
  locations_.set(field.path, SourceLocation{locations_.file(), field.mark.line + 1, field.mark.column + 1, {}});
}

std::optional<std::map<std::string, Field>> Reader::map(const Field& field, const std::vector<std::string>& allowed,
                                                        const std::string& what) {
  if (!field.node.IsMap()) {
    const std::string keys = allowed.empty() ? "" : " with keys " + join_quoted(allowed);
    error(field, "expected a map" + keys + ", got " + describe(field.node));
    return std::nullopt;
  }
  remember(field);

  std::map<std::string, Field> entries;
  for (const auto& pair : field.node) {
    const YAML::Node key_node = pair.first;
    const YAML::Node value_node = pair.second;
    if (!key_node.IsScalar()) {
      error_at(key_node.Mark(), field.path, "invalid key in " + what + ": expected a name, got " + describe(key_node));
      continue;
    }

    const std::string key = key_node.Scalar();
    Field value = child(field, key, key_node, value_node);
    if (auto previous = entries.find(key); previous != entries.end()) {
      error_at(key_node.Mark(), value.path,
               "duplicate key '" + key + "' in " + what + " (first given on line " +
                   std::to_string(previous->second.mark.line + 1) + "); remove one of them");
      continue;
    }

    const bool known = allowed.empty() || std::find(allowed.begin(), allowed.end(), key) != allowed.end();
    if (!known) {
      std::string message = "unknown key '" + key + "' in " + what;
      if (std::optional<std::string> suggestion = closest_match(key, allowed)) {
        message += "; did you mean '" + *suggestion + "'?";
      } else {
        message += "; valid keys are " + join_quoted(allowed);
      }
      error_at(key_node.Mark(), value.path, std::move(message));
      continue;
    }

    remember(value);
    entries.emplace(key, std::move(value));
  }
  return entries;
}

std::optional<std::vector<Field>> Reader::list(const Field& field, bool scalar_is_list) {
  if (scalar_is_list && field.node.IsScalar()) {
    remember(field);
    return std::vector<Field>{Field{field.path + "[0]", field.node, field.mark}};
  }
  if (!field.node.IsSequence()) {
    error(field, std::string("expected a list") + (scalar_is_list ? " or a single value" : "") + ", got " +
                     describe(field.node));
    return std::nullopt;
  }
  remember(field);

  std::vector<Field> items;
  size_t index = 0;
  for (const YAML::Node& item : field.node) {
    const YAML::Mark mark = item.Mark().is_null() ? field.mark : item.Mark();
    Field item_field{field.path + "[" + std::to_string(index) + "]", item, mark};
    remember(item_field);
    items.push_back(std::move(item_field));
    ++index;
  }
  return items;
}

std::optional<std::string> Reader::scalar_text(const Field& field, const char* expected) {
  if (!field.node.IsScalar()) {
    error(field, std::string("expected ") + expected + ", got " + describe(field.node));
    return std::nullopt;
  }
  return field.node.Scalar();
}

std::optional<std::string> Reader::string(const Field& field) {
  std::optional<std::string> text = scalar_text(field, "a string");
  if (text && text->empty()) {
    error(field, "expected a non-empty string, got ''");
    return std::nullopt;
  }
  return text;
}

namespace {

template <typename T>
std::optional<T> take(Reader& reader, const Field& field, Parsed<T> parsed) {
  if (!parsed.value) reader.error(field, parsed.error);
  return parsed.value;
}

}  // namespace

std::optional<int> Reader::positive_int(const Field& field) {
  std::optional<std::string> text = scalar_text(field, "a positive integer");
  if (!text) return std::nullopt;
  return take(*this, field, parse_int(*text, Sign::kPositive));
}

std::optional<int> Reader::non_negative_int(const Field& field) {
  std::optional<std::string> text = scalar_text(field, "a non-negative integer");
  if (!text) return std::nullopt;
  return take(*this, field, parse_int(*text, Sign::kNonNegative));
}

std::optional<uint64_t> Reader::seed(const Field& field) {
  std::optional<std::string> text = scalar_text(field, "a non-negative integer");
  if (!text) return std::nullopt;
  return take(*this, field, parse_seed(*text));
}

std::optional<double> Reader::positive_real(const Field& field) {
  std::optional<std::string> text = scalar_text(field, "a positive number");
  if (!text) return std::nullopt;
  return take(*this, field, parse_real(*text, Sign::kPositive));
}

std::optional<double> Reader::non_negative_real(const Field& field) {
  std::optional<std::string> text = scalar_text(field, "a non-negative number");
  if (!text) return std::nullopt;
  return take(*this, field, parse_real(*text, Sign::kNonNegative));
}

std::optional<std::vector<int>> Reader::positive_int_axis(const Field& field) {
  std::optional<std::vector<Field>> items = list(field, /*scalar_is_list=*/true);
  if (!items) return std::nullopt;
  if (items->empty()) {
    error(field, "the list is empty; give at least one value");
    return std::nullopt;
  }

  std::vector<int> values;
  bool complete = true;
  for (const Field& item : *items) {
    std::optional<int> value = positive_int(item);
    if (value) values.push_back(*value);
    complete = complete && value.has_value();
  }
  if (!complete) return std::nullopt;
  return values;
}

}  // namespace tb::yaml
