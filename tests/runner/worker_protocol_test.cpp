#include "bench/worker_protocol.h"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

#include "results/json.h"
#include "test_tasks.h"

namespace {

TEST(WorkerProtocol, TaskRoundTrip) {
  tb::CellTask task = tb::testing::make_task(5, "blis", 2, 16, 3);
  task.model.weights_file = "/weights/model.safetensors";
  task.model.config.layer_norm_eps = 1e-6f;
  task.backend.path = "/plugins/tb_blis.so";
  task.backend.options = {{"block", "64"}, {"pack", "yes"}};
  task.reference.path = "/plugins/tb_scalar.so";
  task.measurement.warmup = 2;
  task.measurement.repetitions = 7;
  task.measurement.min_time_s = 0.25;
  task.measurement.time_limit_s = 9;
  task.measurement.tolerance = 3e-5;
  task.measurement.token_seed = 1234567890123ULL;
  task.peak_gflops_per_core = 88.5;
  task.reference_logits_file = "/tmp/ref.f32";

  const tb::CellTask back = tb::task_from_json(nlohmann::json::parse(tb::task_to_json(task).dump()));
  EXPECT_EQ(back.index, 5u);
  EXPECT_EQ(back.model.config.name, task.model.config.name);
  EXPECT_EQ(back.model.config.d_ff, 32);
  EXPECT_EQ(back.model.config.layer_norm_eps, 1e-6f);
  EXPECT_EQ(back.model.seed, 1u);
  EXPECT_EQ(back.model.weights_file, "/weights/model.safetensors");
  EXPECT_EQ(back.backend.name, "blis");
  EXPECT_EQ(back.backend.path, "/plugins/tb_blis.so");
  EXPECT_EQ(back.backend.options, task.backend.options);
  EXPECT_EQ(back.reference.name, "scalar");
  EXPECT_EQ(back.reference.path, "/plugins/tb_scalar.so");
  EXPECT_EQ(back.batch_size, 2);
  EXPECT_EQ(back.seq_len, 16);
  EXPECT_EQ(back.threads, 3);
  EXPECT_EQ(back.measurement.warmup, 2);
  EXPECT_EQ(back.measurement.repetitions, 7);
  EXPECT_DOUBLE_EQ(back.measurement.min_time_s, 0.25);
  EXPECT_DOUBLE_EQ(back.measurement.time_limit_s, 9);
  EXPECT_DOUBLE_EQ(back.measurement.tolerance, 3e-5);
  EXPECT_EQ(back.measurement.token_seed, 1234567890123ULL);
  EXPECT_DOUBLE_EQ(back.peak_gflops_per_core, 88.5);
  EXPECT_EQ(back.reference_logits_file, "/tmp/ref.f32");
}

TEST(WorkerProtocol, MissingFieldIsError) {
  nlohmann::json json = tb::task_to_json(tb::testing::make_task(0, "scalar", 1, 1, 1));
  json.erase("threads");
  EXPECT_THROW(tb::task_from_json(json), std::runtime_error);
}

TEST(WorkerProtocol, ResultLineRoundTrip) {
  tb::CellResult result;
  result.index = 4;
  result.model = "16d_1l_2h";
  result.backend = "scalar";
  result.batch_size = 1;
  result.seq_len = 1;
  result.threads = 1;
  result.status = tb::CellStatus::kMismatch;
  result.message = "max |diff| too large";
  result.time.samples_ms = {1.0, 2.0};
  result.time.median_ms = 1.5;
  result.loss = std::nan("");
  result.max_abs_diff = 0.25;
  result.rss_delta_bytes = 4096;

  const std::string line = tb::cell_to_json(result).dump();
  ASSERT_EQ(line.find('\n'), std::string::npos);
  const tb::CellResult back = tb::cell_from_json(nlohmann::json::parse(line));
  EXPECT_EQ(back.index, 4u);
  EXPECT_EQ(back.status, tb::CellStatus::kMismatch);
  EXPECT_EQ(back.message, result.message);
  EXPECT_EQ(back.time.samples_ms, result.time.samples_ms);
  EXPECT_TRUE(std::isnan(back.loss));
  EXPECT_DOUBLE_EQ(back.max_abs_diff, 0.25);
  EXPECT_EQ(back.rss_delta_bytes, 4096u);
}

}  // namespace
