// Comparison of two runs, cell by cell, for `compare`. Cells are matched by model,
// backend, batch size, sequence length and threads, and each matched pair gets the
// ratio of median times and a Mann-Whitney U test on the raw samples. Printing is in
// report/compare_report.h and the chart in report/compare_chart.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "results/mann_whitney.h"
#include "results/result.h"

namespace tb {

struct CompareOptions {
  double alpha = 0.05;  // significance level of the two-sided test
  // Slowdown in percent above which a significant slowdown is a regression; unset:
  // nothing is a regression.
  std::optional<double> threshold_percent;
};

enum class CompareVerdict {
  kSlower,         // significantly slower (p < alpha, new median above base)
  kFaster,         // significantly faster
  kNoChange,       // p >= alpha
  kNotTested,      // timed on both sides, but too few samples for the test
  kNotComparable,  // a side has no timing (error, crash, time-out, skipped)
};

std::string to_string(CompareVerdict verdict);

struct CellComparison {
  CellResult base;
  CellResult current;  // the new run's cell
  double ratio = 0;    // current median / base median; NaN when not comparable
  MannWhitneyResult test;
  CompareVerdict verdict = CompareVerdict::kNotComparable;
  // Counted for the exit status of `compare --threshold`: a significant slowdown
  // beyond the threshold, or a cell that was ok in the base run and is not ok now.
  bool regression = false;
};

struct Comparison {
  CompareOptions options;
  std::vector<CellComparison> matched;  // in the base run's cell order
  std::vector<CellResult> only_base;
  std::vector<CellResult> only_current;

  size_t regressions() const;
};

// "model / backend, batch B, seq T, threads N", to name a cell in messages.
std::string describe_cell(const CellResult& cell);

// Throws std::invalid_argument when a run has two cells with the same model,
// backend, batch size, sequence length and threads, naming the cell and the run,
// or when alpha is outside (0, 1) or the threshold is negative.
Comparison compare_runs(const RunResult& base, const RunResult& current, const CompareOptions& options);

}  // namespace tb
