// Shards and merge: shard selection over the expanded order, the K/N syntax, and a
// merge of every shard giving back the unsharded cell set. Merges of files that do
// not belong together are rejected.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "results/merge.h"
#include "results/results_file.h"
#include "results/shard.h"
#include "sample_results.h"

namespace tb {
namespace {

std::vector<Cell> cells_with_indices(size_t count) {
  std::vector<Cell> cells;
  for (size_t i = 0; i < count; ++i) cells.push_back(Cell{i, i % 2, i % 3, 1, 8, 1});
  return cells;
}

std::vector<size_t> indices(const std::vector<Cell>& cells) {
  std::vector<size_t> result;
  for (const Cell& cell : cells) result.push_back(cell.index);
  return result;
}

// The cells of `full` that shard k of n runs, as the shard's results file contains them.
ResultsFile shard_file(const RunResult& full, int k, int n) {
  ResultsFile file;
  file.source = "shard-" + std::to_string(k) + ".json";
  file.schema_version = 1;
  file.result.context = full.context;
  file.result.context.shard_index = k;
  file.result.context.shard_count = n;
  file.result.context.hostname = "node-" + std::to_string(k);
  for (const CellResult& cell : full.cells) {
    if (in_shard(cell.index, ShardSpec{k, n})) file.result.cells.push_back(cell);
  }
  return file;
}

std::string merge_error(const std::vector<ResultsFile>& files) {
  try {
    merge_results(files);
  } catch (const MergeError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Shard, RoundRobinOverExpandedOrder) {
  const std::vector<Cell> cells = cells_with_indices(7);
  EXPECT_EQ(indices(select_shard(cells, 1, 3)), (std::vector<size_t>{0, 3, 6}));
  EXPECT_EQ(indices(select_shard(cells, 2, 3)), (std::vector<size_t>{1, 4}));
  EXPECT_EQ(indices(select_shard(cells, 3, 3)), (std::vector<size_t>{2, 5}));
  EXPECT_EQ(indices(select_shard(cells, 1, 1)), indices(cells));
}

TEST(Shard, ShardsPartitionTheCells) {
  const std::vector<Cell> cells = cells_with_indices(23);
  for (int n = 1; n <= 5; ++n) {
    std::vector<size_t> all;
    for (int k = 1; k <= n; ++k) {
      const std::vector<size_t> shard = indices(select_shard(cells, k, n));
      all.insert(all.end(), shard.begin(), shard.end());
    }
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all, indices(cells)) << "n = " << n;
  }
}

TEST(Shard, MoreShardsThanCellsLeavesSomeEmpty) {
  EXPECT_TRUE(select_shard(cells_with_indices(2), 3, 4).empty());
}

TEST(Shard, ParsesKOverN) {
  const ShardSpec shard = parse_shard("2/5");
  EXPECT_EQ(shard.index, 2);
  EXPECT_EQ(shard.count, 5);
}

TEST(Shard, RejectsInvalidSpecs) {
  for (const char* text : {"0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "-1/2", "1/", "/2", " 1/2"}) {
    EXPECT_THROW(parse_shard(text), std::invalid_argument) << text;
  }
  EXPECT_THROW(select_shard(cells_with_indices(3), 0, 2), std::invalid_argument);
}

TEST(Merge, ShardsGiveBackTheFullRun) {
  const RunResult full = testing::matrix_result();
  const RunResult merged = merge_results({shard_file(full, 2, 2), shard_file(full, 1, 2)});

  ASSERT_EQ(merged.cells.size(), full.cells.size());
  for (size_t i = 0; i < full.cells.size(); ++i) {
    EXPECT_EQ(merged.cells[i].index, full.cells[i].index);
    EXPECT_EQ(merged.cells[i].model, full.cells[i].model);
    EXPECT_EQ(merged.cells[i].backend, full.cells[i].backend);
    EXPECT_EQ(merged.cells[i].batch_size, full.cells[i].batch_size);
    EXPECT_EQ(merged.cells[i].threads, full.cells[i].threads);
    EXPECT_EQ(merged.cells[i].status, full.cells[i].status);
    EXPECT_EQ(merged.cells[i].time.samples_ms, full.cells[i].time.samples_ms);
  }
  EXPECT_EQ(merged.context.shard_index, 1);
  EXPECT_EQ(merged.context.shard_count, 1);
  EXPECT_EQ(merged.context.hostname, "node-2, node-1");
  EXPECT_EQ(merged.context.config_hash, full.context.config_hash);
}

TEST(Merge, SpeedupsUseBaselineFromOtherShard) {
  // With 3 shards, blis cell 6 (batch 4, threads 1) is in shard 1 and its scalar
  // baseline, cell 2, in shard 3.
  const RunResult full = testing::matrix_result();
  const RunResult merged =
      merge_results({shard_file(full, 1, 3), shard_file(full, 2, 3), shard_file(full, 3, 3)});
  const CellResult& blis = merged.cells[6];
  const CellResult& scalar = merged.cells[2];
  ASSERT_EQ(blis.backend, "blis");
  ASSERT_EQ(scalar.backend, "scalar");
  ASSERT_EQ(blis.batch_size, scalar.batch_size);
  ASSERT_EQ(blis.threads, scalar.threads);
  EXPECT_DOUBLE_EQ(blis.speedup, scalar.time.median_ms / blis.time.median_ms);
  EXPECT_GT(blis.speedup, 1.0);
}

TEST(Merge, WorksThroughFiles) {
  const RunResult full = testing::matrix_result();
  const std::filesystem::path directory = std::filesystem::temp_directory_path() / "tb_merge_test";
  std::filesystem::create_directories(directory);

  std::vector<ResultsFile> read;
  for (int k = 1; k <= 3; ++k) {
    const std::filesystem::path path = directory / ("shard-" + std::to_string(k) + (k == 2 ? ".jsonl" : ".json"));
    std::ofstream out(path);
    const RunResult shard = shard_file(full, k, 3).result;
    if (k == 2) {
      write_jsonl(shard, out);
    } else {
      write_json(shard, out);
    }
    out.close();
    read.push_back(read_results_file(path));
  }
  std::filesystem::remove_all(directory);

  const RunResult merged = merge_results(read);
  ASSERT_EQ(merged.cells.size(), full.cells.size());
  for (size_t i = 0; i < merged.cells.size(); ++i) EXPECT_EQ(merged.cells[i].index, i);
}

TEST(Merge, MissingShardIsWarned) {
  const RunResult full = testing::matrix_result();
  const RunResult merged = merge_results({shard_file(full, 1, 2)});
  ASSERT_FALSE(merged.context.warnings.empty());
  EXPECT_NE(merged.context.warnings.back().find("contain 8 of 16 cells"), std::string::npos);
}

TEST(Merge, RejectsDifferentConfigs) {
  const RunResult full = testing::matrix_result();
  ResultsFile other = shard_file(full, 2, 2);
  other.result.context.config_hash = "0000000000000000";
  const std::string error = merge_error({shard_file(full, 1, 2), other});
  EXPECT_NE(error.find("cannot merge 'shard-2.json' (config_hash \"0000000000000000\") with 'shard-1.json'"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("different matrix configurations"), std::string::npos) << error;
}

TEST(Merge, RejectsDifferentSchemaVersions) {
  const RunResult full = testing::matrix_result();
  ResultsFile other = shard_file(full, 2, 2);
  other.schema_version = 2;
  const std::string error = merge_error({shard_file(full, 1, 2), other});
  EXPECT_NE(error.find("(schema_version 2) with 'shard-1.json' (schema_version 1)"), std::string::npos) << error;
}

TEST(Merge, RejectsOverlappingCells) {
  const RunResult full = testing::matrix_result();
  ResultsFile first = shard_file(full, 1, 2);
  ResultsFile again = shard_file(full, 1, 2);
  again.source = "copy.json";
  const std::string error = merge_error({first, again});
  EXPECT_NE(error.find("cell 0 (16d_1l_2h / scalar, batch 1, seq 16, threads 1) is in both 'shard-1.json' and "
                       "'copy.json'"),
            std::string::npos)
      << error;
}

TEST(Merge, RejectsSameCellUnderOtherIndex) {
  const RunResult full = testing::matrix_result();
  ResultsFile first = shard_file(full, 1, 2);
  ResultsFile second = shard_file(full, 2, 2);
  second.result.cells[0] = first.result.cells[0];
  second.result.cells[0].index = 99;
  EXPECT_NE(merge_error({first, second}).find("is in both"), std::string::npos);
}

TEST(Merge, RejectsNoFiles) { EXPECT_EQ(merge_error({}), "no results files to merge"); }

}  // namespace
}  // namespace tb
