// The output formats of a RunResult and how a file name selects one: table (the
// console report), markdown, csv, json and jsonl. Each format's layout is in its own
// file (console_report.h, markdown_report.h, csv_report.h, results/results_file.h);
// docs/results.md describes them.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "results/result.h"

namespace tb {

enum class OutputFormat { kTable, kMarkdown, kCsv, kJson, kJsonl };

std::string to_string(OutputFormat format);

// "table", "markdown" (or "md"), "csv", "json", "jsonl". Throws std::invalid_argument
// listing the choices.
OutputFormat output_format_from_string(const std::string& name);

// .txt table, .md and .markdown markdown, .csv, .json, .jsonl (case-insensitive).
// Throws std::invalid_argument naming the file and the known extensions otherwise.
OutputFormat format_from_extension(const std::filesystem::path& path);

void write_results(const RunResult& result, OutputFormat format, std::ostream& out);

// Writes through write_text_file (report/text_file.h), so readers never see a
// half-written regular file. Throws std::runtime_error naming the file when writing
// fails.
void write_results_file(const RunResult& result, OutputFormat format, const std::filesystem::path& path);

}  // namespace tb
