// CSV output, one row per cell.
#include "report/csv_report.h"

#include <ostream>

#include "report/number_text.h"

namespace tb {

namespace {

// Measured figures of a cell without samples (error, crash, time-out, skipped) are
// left empty rather than written as 0, so spreadsheet sums and means skip them.
std::vector<std::string> csv_row(const CellResult& cell) {
  const TimingStats& time = cell.time;
  const bool timed = !time.samples_ms.empty();
  const auto measured = [&](double value) { return timed ? text::shortest(value) : std::string(); };
  return {std::to_string(cell.index),
          cell.model,
          cell.backend,
          std::to_string(cell.batch_size),
          std::to_string(cell.seq_len),
          std::to_string(cell.threads),
          to_string(cell.status),
          cell.message,
          std::to_string(time.samples_ms.size()),
          measured(time.median_ms),
          measured(time.mean_ms),
          measured(time.stddev_ms),
          measured(time.min_ms),
          measured(time.max_ms),
          measured(time.p90_ms),
          measured(time.cv),
          measured(cell.tokens_per_second),
          text::shortest(cell.flops),
          measured(cell.gflops_per_second),
          measured(cell.efficiency),
          measured(cell.speedup),
          std::to_string(cell.parameters),
          measured(cell.loss),
          std::to_string(cell.weight_bytes),
          std::to_string(cell.workspace_bytes),
          std::to_string(cell.rss_delta_bytes),
          measured(cell.max_abs_diff)};
}

void write_row(const std::vector<std::string>& fields, std::ostream& out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << csv_field(fields[i]);
  }
  out << "\r\n";
}

}  // namespace

const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> columns{
      "index",      "model",     "backend",           "batch_size",   "seq_len",         "threads",
      "status",     "message",   "samples",           "median_ms",    "mean_ms",         "stddev_ms",
      "min_ms",     "max_ms",    "p90_ms",            "cv",           "tokens_per_second", "flops",
      "gflops_per_second",       "efficiency",        "speedup",      "parameters",      "loss",
      "weight_bytes", "workspace_bytes", "rss_delta_bytes", "max_abs_diff"};
  return columns;
}

void write_csv(const RunResult& result, std::ostream& out) {
  write_row(csv_columns(), out);
  for (const CellResult& cell : result.cells) write_row(csv_row(cell), out);
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);

  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace tb
