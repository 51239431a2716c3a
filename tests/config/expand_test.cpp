// Expansion of a matrix into cells: count, nesting order and exclude rules.
#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tb::testing {
namespace {

MatrixConfig two_by_two_matrix() {
  const MatrixParse result = parse(
      "models:\n"
      "  - {name: a, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "  - {name: b, d_model: 32, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "backends: [scalar, blis]\n"
      "workload:\n"
      "  batch_size: [1, 2]\n"
      "  seq_len: [8, 16, 32]\n"
      "  threads: [1, 2]\n");
  EXPECT_TRUE(result.errors.empty()) << all_errors(result.errors);
  return result.config;
}

TEST(Expand, CrossProductCount) { EXPECT_EQ(expand(two_by_two_matrix()).size(), 2u * 2u * 2u * 3u * 2u); }

TEST(Expand, ModelsOutermostThreadsInnermost) {
  const std::vector<Cell> cells = expand(two_by_two_matrix());
  ASSERT_EQ(cells.size(), 48u);

  EXPECT_EQ(cells[0].model, 0u);
  EXPECT_EQ(cells[0].backend, 0u);
  EXPECT_EQ(cells[0].batch_size, 1);
  EXPECT_EQ(cells[0].seq_len, 8);
  EXPECT_EQ(cells[0].threads, 1);

  EXPECT_EQ(cells[1].threads, 2);
  EXPECT_EQ(cells[1].seq_len, 8);
  EXPECT_EQ(cells[2].seq_len, 16);
  EXPECT_EQ(cells[6].batch_size, 2);
  EXPECT_EQ(cells[12].backend, 1u);
  EXPECT_EQ(cells[24].model, 1u);

  for (size_t i = 0; i < cells.size(); ++i) EXPECT_EQ(cells[i].index, i);
}

TEST(Expand, ExcludeRemovesMatchingCells) {
  MatrixConfig config = two_by_two_matrix();
  config.exclude.push_back(ExcludeRule{std::nullopt, "scalar", std::nullopt, std::nullopt, 2});
  config.exclude.push_back(ExcludeRule{"b", std::nullopt, std::nullopt, 32, std::nullopt});

  const std::vector<Cell> cells = expand(config);
  // Rule 1 removes scalar at 2 threads: 2 models x 2 batch x 3 seq = 12 cells. Rule 2
  // removes model b at seq 32: 2 backends x 2 batch x 2 threads = 8 cells, of which
  // 2 (scalar, 2 threads) are already gone.
  EXPECT_EQ(cells.size(), 48u - 12u - 6u);
  for (const Cell& cell : cells) {
    EXPECT_FALSE(cell.backend == 0 && cell.threads == 2);
    EXPECT_FALSE(cell.model == 1 && cell.seq_len == 32);
  }
  for (size_t i = 0; i < cells.size(); ++i) EXPECT_EQ(cells[i].index, i);
}

TEST(Expand, ExcludeFromYaml) {
  const MatrixParse result = parse(
      "models:\n"
      "  - {name: a, d_model: 16, n_layers: 1, n_heads: 2, vocab_size: 20}\n"
      "backends: [scalar, blis]\n"
      "workload:\n"
      "  threads: [1, 2]\n"
      "  exclude:\n"
      "    - {backend: scalar, threads: 2}\n");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);

  const std::vector<Cell> cells = expand(result.config);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].backend, 0u);
  EXPECT_EQ(cells[0].threads, 1);
  EXPECT_EQ(cells[1].backend, 1u);
  EXPECT_EQ(cells[1].threads, 1);
  EXPECT_EQ(cells[2].backend, 1u);
  EXPECT_EQ(cells[2].threads, 2);
}

}  // namespace
}  // namespace tb::testing
