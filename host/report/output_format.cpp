// Output format names, file extensions and dispatch to the writers.
#include "report/output_format.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "report/console_report.h"
#include "report/csv_report.h"
#include "report/markdown_report.h"
#include "report/text_file.h"
#include "results/results_file.h"

namespace tb {

std::string to_string(OutputFormat format) {
  switch (format) {
    case OutputFormat::kTable: return "table";
    case OutputFormat::kMarkdown: return "markdown";
    case OutputFormat::kCsv: return "csv";
    case OutputFormat::kJson: return "json";
    case OutputFormat::kJsonl: return "jsonl";
  }
  return "unknown";
}

OutputFormat output_format_from_string(const std::string& name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "markdown" || name == "md") return OutputFormat::kMarkdown;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "jsonl") return OutputFormat::kJsonl;
  throw std::invalid_argument("unknown output format '" + name + "'; expected table, markdown, csv, json or jsonl");
}

OutputFormat format_from_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });

  if (extension == ".txt") return OutputFormat::kTable;
  if (extension == ".md" || extension == ".markdown") return OutputFormat::kMarkdown;
  if (extension == ".csv") return OutputFormat::kCsv;
  if (extension == ".json") return OutputFormat::kJson;
  if (extension == ".jsonl") return OutputFormat::kJsonl;
  throw std::invalid_argument("cannot tell the output format of '" + path.string() +
                              "' from its extension; use .txt, .md, .csv, .json or .jsonl");
}

void write_results(const RunResult& result, OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::kTable: write_console_report(result, out); return;
    case OutputFormat::kMarkdown: write_markdown(result, out); return;
    case OutputFormat::kCsv: write_csv(result, out); return;
    case OutputFormat::kJson: write_json(result, out); return;
    case OutputFormat::kJsonl: write_jsonl(result, out); return;
  }
}

void write_results_file(const RunResult& result, OutputFormat format, const std::filesystem::path& path) {
  write_text_file(path, [&](std::ostream& out) { write_results(result, format, out); });
}

}  // namespace tb
