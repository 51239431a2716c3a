// Text report of a comparison.
#include "report/compare_report.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "report/number_text.h"
#include "report/text_table.h"

namespace tb {

namespace {

std::string method_text(const CellComparison& pair) {
  if (pair.verdict == CompareVerdict::kNotComparable) return "-";
  switch (pair.test.method) {
    case MannWhitneyMethod::kExact: return "exact";
    case MannWhitneyMethod::kNormalApproximation: return "normal";
    case MannWhitneyMethod::kTooFewSamples: return "-";
  }
  return "-";
}

std::string result_text(const CellComparison& pair) {
  std::string text;
  switch (pair.verdict) {
    case CompareVerdict::kSlower:
    case CompareVerdict::kFaster:
      text = to_string(pair.verdict) + " (" + text::fixed(100.0 * std::fabs(pair.ratio - 1.0), 1) + " %)";
      break;
    case CompareVerdict::kNoChange: text = to_string(pair.verdict); break;
    case CompareVerdict::kNotTested: text = to_string(MannWhitneyMethod::kTooFewSamples); break;
    case CompareVerdict::kNotComparable:
      text = "not comparable: base " + to_string(pair.base.status) + ", new " + to_string(pair.current.status);
      break;
  }
  if (pair.regression) text += "  REGRESSION";
  return text;
}

std::string run_label(const ResultsFile& file) {
  const RunContext& context = file.result.context;
  return file.source + " (" + context.date + ", " + context.hostname + ", " + context.cpu_model + ")";
}

void write_one_sided(const char* heading, const std::vector<CellResult>& cells, std::ostream& out) {
  if (cells.empty()) return;
  out << "\n" << heading << " (" << cells.size() << (cells.size() == 1 ? " cell" : " cells") << "):\n";
  for (const CellResult& cell : cells) out << "  " << describe_cell(cell) << "\n";
}

}  // namespace

std::string p_value_text(double p_value) {
  if (std::isnan(p_value)) return "-";
  char text[32];
  std::snprintf(text, sizeof(text), "%.2g", p_value);
  return text;
}

void write_compare_report(const Comparison& comparison, const ResultsFile& base, const ResultsFile& current,
                          std::ostream& out) {
  out << "base  " << run_label(base) << "\n";
  out << "new   " << run_label(current) << "\n";
  if (base.result.context.cpu_model != current.result.context.cpu_model) {
    out << "warning: the runs come from different CPUs, so differences include the machine, not only the code\n";
  }
  out << "\n";

  using Align = TextTable::Align;
  TextTable table;
  for (const char* header : {"model", "backend"}) table.add_column(header, Align::kLeft);
  for (const char* header : {"B", "T", "threads", "base ms", "new ms", "new/base", "U", "p"}) {
    table.add_column(header, Align::kRight);
  }
  table.add_column("test", Align::kLeft);
  table.add_column("result", Align::kLeft);

  for (const CellComparison& pair : comparison.matched) {
    const bool comparable = pair.verdict != CompareVerdict::kNotComparable;
    table.add_row({pair.base.model, pair.base.backend, std::to_string(pair.base.batch_size),
                   std::to_string(pair.base.seq_len), std::to_string(pair.base.threads),
                   comparable ? text::significant(pair.base.time.median_ms) : "-",
                   comparable ? text::significant(pair.current.time.median_ms) : "-",
                   comparable ? text::fixed(pair.ratio, 3) : "-", comparable ? text::shortest(pair.test.u1) : "-",
                   p_value_text(pair.test.p_value), method_text(pair), result_text(pair)});
  }
  table.write(out);

  write_one_sided("Only in base", comparison.only_base, out);
  write_one_sided("Only in new", comparison.only_current, out);

  size_t slower = 0, faster = 0, unchanged = 0, untested = 0, not_comparable = 0;
  for (const CellComparison& pair : comparison.matched) {
    switch (pair.verdict) {
      case CompareVerdict::kSlower: ++slower; break;
      case CompareVerdict::kFaster: ++faster; break;
      case CompareVerdict::kNoChange: ++unchanged; break;
      case CompareVerdict::kNotTested: ++untested; break;
      case CompareVerdict::kNotComparable: ++not_comparable; break;
    }
  }
  const CompareOptions& options = comparison.options;
  out << "\n" << comparison.matched.size() << " matched cells: " << slower << " slower, " << faster << " faster, "
      << unchanged << " without significant change, " << untested << " not tested, " << not_comparable
      << " not comparable.\n";
  out << "Test: two-sided Mann-Whitney U on the raw samples of each cell, alpha " << text::shortest(options.alpha)
      << ".\n"
      << "  U       pairs (base sample, new sample) where the base sample is larger, ties counting 1/2;\n"
      << "          n1 x n2 / 2 means no shift, larger means the new run is faster\n"
      << "  exact   p from the exact null distribution of U (no tied samples, at most "
      << kMannWhitneyExactMaxSamples << " per side)\n"
      << "  normal  p from the normal approximation with tie and continuity corrections\n"
      << "  No test is made when a side has fewer than " << kMannWhitneyMinSamples << " samples.\n";
  if (options.threshold_percent) {
    const size_t regressions = comparison.regressions();
    out << "Threshold " << text::shortest(*options.threshold_percent)
        << " %: a regression is a significant slowdown above the threshold, or a cell ok in base and not ok in new. "
        << regressions << (regressions == 1 ? " regression" : " regressions") << " found.\n";
  }
}

}  // namespace tb
