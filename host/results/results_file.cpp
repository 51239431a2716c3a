// Writing and reading the JSON and JSON Lines results files.
#include "results/results_file.h"

#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>

#include "results/json.h"

namespace tb {

namespace {

using nlohmann::json;

// Prefixes an error from the object mapping with where it happened.
[[noreturn]] void rethrow_at(const std::string& where, const std::exception& error) {
  throw ResultsFormatError(where + ": " + error.what());
}

ResultsFile read_document(const json& document, const std::string& source) {
  ResultsFile file;
  file.source = source;
  try {
    file.schema_version = check_schema(document);
    if (!document.contains("context")) throw ResultsFormatError("required field 'context' is missing");
    file.result.context = context_from_json(document.at("context"));
  } catch (const ResultsFormatError& error) {
    rethrow_at(source, error);
  }

  const auto cells_field = document.find("cells");
  if (cells_field == document.end()) throw ResultsFormatError(source + ": required field 'cells' is missing");
  const json& cells = *cells_field;
  if (!cells.is_array()) throw ResultsFormatError(source + ": field 'cells' must be an array");
  for (size_t i = 0; i < cells.size(); ++i) {
    try {
      file.result.cells.push_back(cell_from_json(cells[i]));
    } catch (const ResultsFormatError& error) {
      rethrow_at(source + ": cells[" + std::to_string(i) + "]", error);
    }
  }
  return file;
}

ResultsFile read_lines(const std::string& text, const std::string& source) {
  ResultsFile file;
  file.source = source;
  bool have_header = false;

  std::istringstream lines(text);
  std::string line;
  size_t line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = source + " line " + std::to_string(line_number);

    const json value = json::parse(line, nullptr, false);
    if (value.is_discarded()) {
      // A run killed while appending leaves a partial last line without a newline.
      const bool last_line_cut = lines.eof() && !text.empty() && text.back() != '\n';
      if (last_line_cut) {
        throw ResultsFormatError(where + ": incomplete JSON line at the end of the file, probably from an " +
                                 "interrupted run; delete that line to use the cells before it");
      }
      throw ResultsFormatError(where + ": invalid JSON");
    }

    try {
      if (!have_header) {
        file.schema_version = check_schema(value);
        if (!value.contains("context")) throw ResultsFormatError("required field 'context' is missing");
        file.result.context = context_from_json(value.at("context"));
        have_header = true;
      } else {
        file.result.cells.push_back(cell_from_json(value));
      }
    } catch (const ResultsFormatError& error) {
      rethrow_at(where, error);
    }
  }

  if (!have_header) throw ResultsFormatError(source + ": empty file; expected JSON or JSON Lines results");
  return file;
}

}  // namespace

void write_json(const RunResult& result, std::ostream& out) { out << run_to_json(result).dump(2) << '\n'; }

void write_jsonl(const RunResult& result, std::ostream& out) {
  write_jsonl_header(result.context, out);
  for (const CellResult& cell : result.cells) append_jsonl_cell(cell, out);
}

void write_jsonl_header(const RunContext& context, std::ostream& out) {
  out << jsonl_header(context).dump() << '\n';
  out.flush();
}

void append_jsonl_cell(const CellResult& cell, std::ostream& out) {
  // One write of the whole line, so a reader never sees half a cell unless the
  // process dies inside this write.
  out << cell_to_json(cell).dump() + '\n';
  out.flush();
}

ResultsFile read_results(std::istream& in, const std::string& source_name) {
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};

  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    throw ResultsFormatError(source_name + ": empty file; expected JSON or JSON Lines results");
  }
  const size_t first_end = text.find('\n', first);
  const bool single_line = first_end == std::string::npos || text.find_first_not_of(" \t\r\n", first_end) ==
                                                                  std::string::npos;

  // A whole document parses as one value; JSON Lines with cells does not, and JSON
  // Lines with only its header line is a single line.
  const json whole = json::parse(text, nullptr, false);
  if (!whole.is_discarded()) {
    if (single_line && !(whole.is_object() && whole.contains("cells"))) return read_lines(text, source_name);
    return read_document(whole, source_name);
  }

  const std::string first_line = text.substr(first, first_end == std::string::npos ? std::string::npos : first_end - first);
  if (json::parse(first_line, nullptr, false).is_discarded()) {
    // Neither JSON Lines nor a valid document: report the parser's error for the document.
    try {
      const json reparsed = json::parse(text);
    } catch (const json::parse_error& error) {
      throw ResultsFormatError(source_name + ": invalid JSON: " + error.what());
    }
  }
  return read_lines(text, source_name);
}

ResultsFile read_results_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open results file '" + path.string() + "'");
  return read_results(in, path.string());
}

}  // namespace tb
