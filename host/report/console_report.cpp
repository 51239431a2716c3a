#include "report/console_report.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>
#include <tuple>
#include <vector>

#include "bench/statistics.h"
#include "report/number_text.h"
#include "report/text_table.h"

namespace tb {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

bool has_timing(const CellResult& cell) { return !cell.time.samples_ms.empty(); }

std::string scientific(double value) {
  if (std::isnan(value)) return "-";
  if (value == 0.0) return "0";
  char text[32];
  std::snprintf(text, sizeof(text), "%.1e", value);
  return text;
}

void write_context(const RunContext& context, std::ostream& out) {
  out << "transformer-bench " << context.host_version << " (" << context.build_type << " build), " << context.date
      << "\n";
  out << "machine   " << context.hostname << ": " << context.cpu_model << ", " << context.cores << " cores, governor "
      << (context.governor.empty() ? "unknown" : context.governor) << ", load average "
      << text::fixed(context.load_average_1m, 2) << " at start\n";
  out << "peak      " << text::significant(context.peak_gflops, 3, true) << " GFLOP/s FP32 per core";
  if (context.cores > 1 && context.peak_gflops > 0) {
    out << " x " << context.cores << " cores = " << text::significant(context.peak_gflops * context.cores)
        << " GFLOP/s";
  }
  out << " (" << context.peak_source << ")\n";
  out << "config    " << context.config_source << " (hash " << context.config_hash << ")";
  if (context.shard_count > 1) out << ", shard " << context.shard_index << " of " << context.shard_count;
  out << "\n";
  for (const BackendContext& backend : context.backends) {
    out << "backend   " << backend.name << " " << backend.version << " (ABI " << backend.abi_version << ", "
        << backend.path << ")\n";
    if (!backend.build_info.empty()) out << "          " << backend.build_info << "\n";
  }
  for (const std::string& warning : context.warnings) out << "warning   " << warning << "\n";
  out << "\n";
}

std::string time_text(const CellResult& cell) {
  std::string text = text::significant(cell.time.median_ms) + " ± " + text::significant(cell.time.stddev_ms, 2);
  if (cell.time.cv > kHighCv) text += " *";
  return text;
}

std::string status_text(const CellResult& cell, const std::map<size_t, int>& problem_numbers) {
  std::string text = to_string(cell.status);
  if (const auto number = problem_numbers.find(cell.index); number != problem_numbers.end()) {
    text += " [" + std::to_string(number->second) + "]";
  }
  return text;
}

void write_cell_table(const RunResult& result, const std::map<size_t, int>& problem_numbers, std::ostream& out) {
  using Align = TextTable::Align;
  TextTable table;
  table.add_column("model", Align::kLeft);
  table.add_column("backend", Align::kLeft);
  table.add_column("B", Align::kRight);
  table.add_column("T", Align::kRight);
  table.add_column("threads", Align::kRight);
  table.add_column("time ms", Align::kRight);
  table.add_column("backend MiB", Align::kRight);
  table.add_column("RSS Δ MiB", Align::kRight);
  table.add_column("speedup", Align::kRight);
  table.add_column("eff %", Align::kRight);
  table.add_column("GFLOP/s", Align::kRight);
  table.add_column("params", Align::kRight);
  table.add_column("loss", Align::kRight);
  table.add_column("max |diff|", Align::kRight);
  table.add_column("status", Align::kLeft);

  for (const CellResult& cell : result.cells) {
    std::vector<std::string> row{cell.model, cell.backend, std::to_string(cell.batch_size),
                                 std::to_string(cell.seq_len), std::to_string(cell.threads)};
    if (has_timing(cell)) {
      row.push_back(time_text(cell));
      row.push_back(text::significant(static_cast<double>(cell.weight_bytes + cell.workspace_bytes) / kMiB));
      row.push_back(text::significant(static_cast<double>(cell.rss_delta_bytes) / kMiB));
      row.push_back(cell.speedup > 0 ? text::fixed(cell.speedup, 2) + "x" : "-");
      row.push_back(cell.efficiency > 0 ? text::fixed(100.0 * cell.efficiency, 1) : "-");
      row.push_back(text::significant(cell.gflops_per_second));
    } else {
      row.insert(row.end(), 6, "-");
    }
    row.push_back(with_thousands_separators(cell.parameters));
    row.push_back(has_timing(cell) ? text::fixed(cell.loss, 4) : "-");
    row.push_back(has_timing(cell) ? scientific(cell.max_abs_diff) : "-");
    row.push_back(status_text(cell, problem_numbers));
    table.add_row(std::move(row));
  }
  table.write(out);
}

// The fastest ok cell of each model and workload (B, T), over backends and threads.
void write_fastest(const RunResult& result, std::ostream& out) {
  std::map<std::tuple<std::string, int, int>, const CellResult*> fastest;
  std::vector<std::tuple<std::string, int, int>> order;
  for (const CellResult& cell : result.cells) {
    if (cell.status != CellStatus::kOk || !has_timing(cell)) continue;
    const auto key = std::make_tuple(cell.model, cell.batch_size, cell.seq_len);
    auto [it, inserted] = fastest.emplace(key, &cell);
    if (inserted) {
      order.push_back(key);
    } else if (cell.time.median_ms < it->second->time.median_ms) {
      it->second = &cell;
    }
  }
  if (order.empty()) return;

  out << "\nFastest backend per model and workload (ok cells only):\n";
  for (const auto& key : order) {
    const CellResult& cell = *fastest.at(key);
    out << "  " << cell.model << " B=" << cell.batch_size << " T=" << cell.seq_len << ": " << cell.backend
        << " with " << cell.threads << (cell.threads == 1 ? " thread, " : " threads, ")
        << text::significant(cell.time.median_ms) << " ms";
    if (cell.speedup > 0) out << ", " << text::fixed(cell.speedup, 2) << "x the baseline at the same threads";
    out << "\n";
  }
}

void write_problems(const RunResult& result, const std::map<size_t, int>& problem_numbers, std::ostream& out) {
  if (problem_numbers.empty()) return;
  out << "\nCells that are not ok:\n";
  for (const CellResult& cell : result.cells) {
    const auto number = problem_numbers.find(cell.index);
    if (number == problem_numbers.end()) continue;
    out << "  [" << number->second << "] " << cell.model << " " << cell.backend << " B=" << cell.batch_size
        << " T=" << cell.seq_len << " threads=" << cell.threads << ": " << to_string(cell.status);
    if (!cell.message.empty()) {
      // Continuation lines (a worker's stderr) are indented under the entry.
      std::string message;
      for (char c : cell.message) message += c == '\n' ? std::string("\n      ") : std::string(1, c);
      out << ": " << message;
    }
    out << "\n";
  }
}

void write_footnotes(const RunContext& context, std::ostream& out) {
  const MeasurementContext& m = context.measurement;
  out << "\nColumns:\n"
      << "  time ms     median ± sample standard deviation of the timed forward calls (warmup: " << m.warmup
      << ", then at least\n"
      << "              " << m.repetitions << " calls and " << text::significant(m.min_time_s)
      << " s, each timed with std::chrono::steady_clock);\n"
      << "              * marks a coefficient of variation above " << text::fixed(100.0 * kHighCv, 0)
      << "% (noisy timing)\n"
      << "  backend MiB weights + workspace as the backend reports them (model_get_memory)\n"
      << "  RSS Δ MiB   peak resident memory during model creation and forward calls minus the resident\n"
      << "              memory just before model creation, of the process that ran the cell\n"
      << "  speedup     median of " << m.baseline << " / this median, at the same model, B, T and threads\n"
      << "  eff %       GFLOP/s / (FP32 peak per core x threads)\n"
      << "  GFLOP/s     FLOPs of one forward call counted by the host (matmuls and causal attention,\n"
      << "              2 per multiply-add) / median time\n"
      << "  params      parameters of the model\n"
      << "  loss        mean next-token cross-entropy (nats) of the last timed call's logits\n"
      << "  max |diff|  max absolute difference of the logits from " << m.reference << "'s on the same weights\n"
      << "              and tokens; above " << scientific(m.tolerance) << " the cell is a mismatch\n"
      << (m.isolated ? "  Cells ran in one worker process each; a worker running longer than "
                     : "  Cells ran inside the run's own process (--no-isolation), so the time limit of ")
      << text::significant(m.time_limit_s) << (m.isolated ? " s was killed.\n" : " s was not enforced.\n");
}

}  // namespace

std::string with_thousands_separators(int64_t value) {
  const std::string digits = std::to_string(value < 0 ? -value : value);
  std::string text;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return value < 0 ? "-" + text : text;
}

void write_console_report(const RunResult& result, std::ostream& out) {
  std::map<size_t, int> problem_numbers;
  for (const CellResult& cell : result.cells) {
    if (cell.status != CellStatus::kOk) {
      problem_numbers.emplace(cell.index, static_cast<int>(problem_numbers.size()) + 1);
    }
  }

  write_context(result.context, out);
  write_cell_table(result, problem_numbers, out);
  write_fastest(result, out);
  write_problems(result, problem_numbers, out);
  write_footnotes(result.context, out);
}

}  // namespace tb
