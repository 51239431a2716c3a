// Markdown output: context list, results table, problems list.
#include "report/markdown_report.h"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "bench/statistics.h"
#include "report/console_report.h"
#include "report/number_text.h"

namespace tb {

namespace {

// A '|' inside a cell would end the cell, and a line break would end the table.
std::string escape_cell(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '|') {
      escaped += "\\|";
    } else if (c == '\n' || c == '\r') {
      escaped += ' ';
    } else {
      escaped += c;
    }
  }
  return escaped;
}

constexpr double kMiB = 1024.0 * 1024.0;

bool has_timing(const CellResult& cell) { return !cell.time.samples_ms.empty(); }

void write_context(const RunContext& context, std::ostream& out) {
  out << "# transformer-bench results\n\n";
  out << "- date: " << context.date << "\n";
  out << "- transformer-bench: " << context.host_version << " (" << context.build_type << " build)\n";
  out << "- host: " << context.hostname << ", " << context.cpu_model << ", " << context.cores << " cores";
  if (!context.governor.empty()) out << ", governor " << context.governor;
  out << "\n";
  out << "- FP32 peak: " << text::significant(context.peak_gflops, 3, true) << " GFLOP/s per core";
  if (!context.peak_source.empty()) out << " (" << context.peak_source << ")";
  out << "\n";
  out << "- config: " << context.config_source;
  if (!context.config_hash.empty()) out << " (hash " << context.config_hash << ")";
  out << "\n";
  if (context.shard_count > 1) {
    out << "- shard " << context.shard_index << " of " << context.shard_count << "\n";
  }
  for (const BackendContext& backend : context.backends) {
    out << "- backend " << backend.name << " " << backend.version;
    if (!backend.path.empty()) out << " (" << backend.path << ")";
    out << "\n";
  }
  for (const std::string& warning : context.warnings) out << "- warning: " << warning << "\n";
  out << "\n";
}

std::string scientific(double value) {
  if (std::isnan(value)) return "-";
  if (value == 0.0) return "0";
  char text[32];
  std::snprintf(text, sizeof(text), "%.1e", value);
  return text;
}

// The console table's columns and number formats (report/console_report.cpp).
std::vector<std::string> table_row(const CellResult& cell) {
  std::vector<std::string> row{escape_cell(cell.model), escape_cell(cell.backend), std::to_string(cell.batch_size),
                               std::to_string(cell.seq_len), std::to_string(cell.threads)};
  const bool timed = has_timing(cell);
  if (timed) {
    std::string time = text::significant(cell.time.median_ms) + " ± " + text::significant(cell.time.stddev_ms, 2);
    if (cell.time.cv > kHighCv) time += " \\*";
    row.push_back(time);
    row.push_back(text::significant(static_cast<double>(cell.weight_bytes + cell.workspace_bytes) / kMiB));
    row.push_back(text::significant(static_cast<double>(cell.rss_delta_bytes) / kMiB));
    row.push_back(cell.speedup > 0 ? text::fixed(cell.speedup, 2) + "x" : "-");
    row.push_back(cell.efficiency > 0 ? text::fixed(100.0 * cell.efficiency, 1) : "-");
    row.push_back(text::significant(cell.gflops_per_second));
  } else {
    row.insert(row.end(), 6, "-");
  }
  row.push_back(with_thousands_separators(cell.parameters));
  row.push_back(timed ? text::fixed(cell.loss, 4) : "-");
  row.push_back(timed ? scientific(cell.max_abs_diff) : "-");
  row.push_back(to_string(cell.status));
  return row;
}

}  // namespace

void write_markdown(const RunResult& result, std::ostream& out) {
  write_context(result.context, out);

  out << "| model | backend | B | T | threads | time ms | backend MiB | RSS Δ MiB | speedup | eff % | GFLOP/s "
         "| params | loss | max \\|diff\\| | status |\n";
  out << "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
  for (const CellResult& cell : result.cells) {
    out << "|";
    for (const std::string& field : table_row(cell)) out << " " << field << " |";
    out << "\n";
  }

  out << "\ntime ms is the median ± sample standard deviation of the timed forward calls; \\* marks a "
         "coefficient of variation above "
      << text::fixed(100.0 * kHighCv, 0) << " %. docs/report.md defines every column.\n";

  bool header_written = false;
  for (const CellResult& cell : result.cells) {
    if (cell.status == CellStatus::kOk) continue;
    if (!header_written) {
      out << "\nCells that are not ok:\n\n";
      header_written = true;
    }
    out << "- " << cell.model << " / " << cell.backend << ", batch " << cell.batch_size << ", seq "
        << cell.seq_len << ", threads " << cell.threads << ": " << to_string(cell.status);
    if (!cell.message.empty()) out << ": " << cell.message;
    out << "\n";
  }
}

}  // namespace tb
