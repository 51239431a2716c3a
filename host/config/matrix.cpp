#include "config/matrix.h"

namespace tb {

namespace {

bool matches(const ExcludeRule& rule, const MatrixConfig& config, const Cell& cell) {
  if (rule.model && *rule.model != config.models[cell.model].config.name) return false;
  if (rule.backend && *rule.backend != config.backends[cell.backend].name) return false;
  if (rule.batch_size && *rule.batch_size != cell.batch_size) return false;
  if (rule.seq_len && *rule.seq_len != cell.seq_len) return false;
  if (rule.threads && *rule.threads != cell.threads) return false;
  return true;
}

}  // namespace

std::vector<Cell> expand(const MatrixConfig& config) {
  std::vector<Cell> cells;
  for (size_t m = 0; m < config.models.size(); ++m) {
    for (size_t b = 0; b < config.backends.size(); ++b) {
      for (int batch_size : config.batch_sizes) {
        for (int seq_len : config.seq_lens) {
          for (int threads : config.threads) {
            Cell cell{cells.size(), m, b, batch_size, seq_len, threads};
            bool excluded = false;
            for (const ExcludeRule& rule : config.exclude) excluded = excluded || matches(rule, config, cell);
            if (!excluded) cells.push_back(cell);
          }
        }
      }
    }
  }
  return cells;
}

}  // namespace tb
