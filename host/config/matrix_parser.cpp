// The top level of a matrix file: reading the YAML document and dispatching its
// sections to config/parse_*.cpp.
#include "config/matrix_parser.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "config/matrix_sections.h"
#include "config/yaml_documents.h"

namespace tb {

namespace {

const std::vector<std::string> kTopLevelKeys = {"models", "backends", "workload", "measurement"};
const std::vector<std::string> kWorkloadKeys = {"batch_size", "seq_len", "threads", "exclude"};

void parse_document(yaml::Reader& reader, const YAML::Node& document, const std::filesystem::path& base_dir,
                    MatrixConfig& config) {
  const yaml::Field root{"", document, document.Mark()};
  std::optional<std::map<std::string, yaml::Field>> sections = reader.map(root, kTopLevelKeys, "the top level");
  if (!sections) return;

  // The axes come first, because a model's default max_seq_len is the largest seq_len.
  std::optional<std::map<std::string, yaml::Field>> workload;
  if (auto it = sections->find("workload"); it != sections->end()) {
    workload = reader.map(it->second, kWorkloadKeys, "workload");
    if (workload) yaml::parse_axes(reader, *workload, config);
  }

  if (auto it = sections->find("models"); it != sections->end()) {
    yaml::parse_models(reader, it->second, base_dir, config);
  } else {
    reader.error(root, "missing key 'models'; describe at least one model (see docs/config.md)");
  }

  if (workload) {
    if (auto it = workload->find("exclude"); it != workload->end()) yaml::parse_exclude(reader, it->second, config);
  }
  if (auto it = sections->find("backends"); it != sections->end()) yaml::parse_backends(reader, it->second, config);
  if (auto it = sections->find("measurement"); it != sections->end()) {
    yaml::parse_measurement(reader, it->second, config.measurement);
  }
}

}  // namespace

MatrixParse parse_matrix_string(std::string_view yaml, const std::string& source_name,
                                const std::filesystem::path& base_dir) {
  MatrixParse result;
  result.config.source = source_name;
  result.config.locations = SourceLocations(source_name);
  yaml::Reader reader(result.config.locations, result.errors);

  yaml::Documents documents;
  try {
    documents = yaml::read_documents(std::string(yaml));
  } catch (const YAML::Exception& error) {
    // ParserException, DeepRecursion (nesting beyond yaml-cpp's limit) and the rest
    // all carry the position where reading stopped.
    reader.error_at(error.mark, "", "invalid YAML: " + error.msg);
    return result;
  }

  if (documents.count == 0) {
    reader.error_at(YAML::Mark(), "",
                    "the file contains no YAML document; a matrix needs at least a 'models' list (see docs/config.md)");
    return result;
  }
  result.has_document = true;
  if (documents.count > 1) {
    reader.error_at(documents.second_start, "",
                    "the file contains " + std::to_string(documents.count) +
                        " YAML documents; a matrix is one document, so remove every '---' after the first");
  }

  parse_document(reader, documents.first, base_dir, result.config);
  sort_by_position(result.errors);
  return result;
}

MatrixParse parse_matrix_file(const std::filesystem::path& file) {
  const std::string source = file.string();
  std::error_code status;
  if (std::filesystem::is_directory(file, status)) {
    MatrixParse result;
    result.config.source = source;
    result.errors.push_back(ConfigError{source, 0, 0, "", "the config path is a folder, not a file; give a .yaml file"});
    return result;
  }

  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    MatrixParse result;
    result.config.source = source;
    const std::string reason = std::filesystem::exists(file, status) ? "cannot be read" : "not found";
    result.errors.push_back(ConfigError{source, 0, 0, "", "config file " + reason + "; check the path"});
    return result;
  }

  std::ostringstream text;
  text << stream.rdbuf();
  return parse_matrix_string(text.str(), source, file.parent_path());
}

MatrixConfig load_matrix_string(std::string_view yaml, const std::string& source_name,
                                const std::filesystem::path& base_dir) {
  MatrixParse result = parse_matrix_string(yaml, source_name, base_dir);
  throw_if_errors(std::move(result.errors));
  return std::move(result.config);
}

MatrixConfig load_matrix_file(const std::filesystem::path& file) {
  MatrixParse result = parse_matrix_file(file);
  throw_if_errors(std::move(result.errors));
  return std::move(result.config);
}

}  // namespace tb
