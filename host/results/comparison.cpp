// Cell matching and per-cell verdicts for `compare`.
#include "results/comparison.h"

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>

namespace tb {

namespace {

using CellKey = std::tuple<std::string, std::string, int, int, int>;

CellKey key_of(const CellResult& cell) {
  return {cell.model, cell.backend, cell.batch_size, cell.seq_len, cell.threads};
}

bool has_timing(const CellResult& cell) {
  return (cell.status == CellStatus::kOk || cell.status == CellStatus::kMismatch) && !cell.time.samples_ms.empty() &&
         cell.time.median_ms > 0;
}

std::map<CellKey, size_t> index_by_key(const RunResult& run, const char* run_name) {
  std::map<CellKey, size_t> positions;
  for (size_t i = 0; i < run.cells.size(); ++i) {
    if (!positions.emplace(key_of(run.cells[i]), i).second) {
      throw std::invalid_argument(std::string("the ") + run_name + " run has two results for the cell " +
                                  describe_cell(run.cells[i]) + "; merge or edit the file so each cell appears once");
    }
  }
  return positions;
}

void judge(CellComparison& pair, const CompareOptions& options) {
  if (!has_timing(pair.base) || !has_timing(pair.current)) {
    pair.ratio = std::numeric_limits<double>::quiet_NaN();
    pair.verdict = CompareVerdict::kNotComparable;
    pair.test.p_value = std::numeric_limits<double>::quiet_NaN();
    pair.regression = options.threshold_percent.has_value() && pair.base.status == CellStatus::kOk &&
                      pair.current.status != CellStatus::kOk;
    return;
  }

  pair.ratio = pair.current.time.median_ms / pair.base.time.median_ms;
  pair.test = mann_whitney_u(pair.base.time.samples_ms, pair.current.time.samples_ms);

  if (pair.test.method == MannWhitneyMethod::kTooFewSamples) {
    pair.verdict = CompareVerdict::kNotTested;
  } else if (pair.test.p_value < options.alpha) {
    pair.verdict = pair.ratio > 1.0 ? CompareVerdict::kSlower : CompareVerdict::kFaster;
  } else {
    pair.verdict = CompareVerdict::kNoChange;
  }

  const bool status_worse = pair.base.status == CellStatus::kOk && pair.current.status != CellStatus::kOk;
  if (options.threshold_percent) {
    const bool slower_beyond_threshold =
        pair.verdict == CompareVerdict::kSlower && pair.ratio > 1.0 + *options.threshold_percent / 100.0;
    pair.regression = slower_beyond_threshold || status_worse;
  }
}

}  // namespace

std::string to_string(CompareVerdict verdict) {
  switch (verdict) {
    case CompareVerdict::kSlower: return "slower";
    case CompareVerdict::kFaster: return "faster";
    case CompareVerdict::kNoChange: return "no significant change";
    case CompareVerdict::kNotTested: return "not tested";
    case CompareVerdict::kNotComparable: return "not comparable";
  }
  return "unknown";
}

size_t Comparison::regressions() const {
  size_t count = 0;
  for (const CellComparison& pair : matched) count += pair.regression ? 1 : 0;
  return count;
}

std::string describe_cell(const CellResult& cell) {
  return cell.model + " / " + cell.backend + ", batch " + std::to_string(cell.batch_size) + ", seq " +
         std::to_string(cell.seq_len) + ", threads " + std::to_string(cell.threads);
}

Comparison compare_runs(const RunResult& base, const RunResult& current, const CompareOptions& options) {
  if (!(options.alpha > 0 && options.alpha < 1)) {
    throw std::invalid_argument("alpha must be between 0 and 1 (exclusive), got " + std::to_string(options.alpha));
  }
  if (options.threshold_percent && !(*options.threshold_percent >= 0)) {
    throw std::invalid_argument("the threshold must be a non-negative percentage, got " +
                                std::to_string(*options.threshold_percent));
  }

  const std::map<CellKey, size_t> base_positions = index_by_key(base, "base");
  const std::map<CellKey, size_t> current_positions = index_by_key(current, "new");

  Comparison comparison;
  comparison.options = options;
  for (const CellResult& cell : base.cells) {
    const auto found = current_positions.find(key_of(cell));
    if (found == current_positions.end()) {
      comparison.only_base.push_back(cell);
      continue;
    }
    CellComparison pair;
    pair.base = cell;
    pair.current = current.cells[found->second];
    judge(pair, options);
    comparison.matched.push_back(std::move(pair));
  }
  for (const CellResult& cell : current.cells) {
    if (!base_positions.contains(key_of(cell))) comparison.only_current.push_back(cell);
  }
  return comparison;
}

}  // namespace tb
