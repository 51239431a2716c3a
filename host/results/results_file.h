// Results files: writing a RunResult as a JSON document or as JSON Lines, and
// reading either back. The object mapping is in results/json.h; the other output
// formats (table, markdown, csv) are write-only and live in report/output_format.h.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "results/result.h"

namespace tb {

// One JSON object with schema_version, format, context and cells, indented.
void write_json(const RunResult& result, std::ostream& out);

// A header line with the context, then one line per cell.
void write_jsonl(const RunResult& result, std::ostream& out);

// The two halves of write_jsonl, for a run that appends each cell as it finishes:
// write the header once, then one call per cell. Each call writes a whole line and
// flushes, so a run that is killed leaves every finished cell readable.
void write_jsonl_header(const RunContext& context, std::ostream& out);
void append_jsonl_cell(const CellResult& cell, std::ostream& out);

struct ResultsFile {
  std::string source;  // the path or stream name the results came from
  int schema_version = 0;
  RunResult result;
};

// Reads a JSON document or JSON Lines, recognised by content, not by file name.
// Throws ResultsFormatError naming `source_name`, the line (JSON Lines) and the field
// when the input does not follow the schema.
ResultsFile read_results(std::istream& in, const std::string& source_name);

// Throws std::runtime_error when the file cannot be opened.
ResultsFile read_results_file(const std::filesystem::path& path);

}  // namespace tb
