// Heap allocations inside model_forward, counted by the hook in allocation_hook.c: the
// first call of a shape may allocate, later calls of that shape or a smaller one must
// not. The one exception is BLIS on one thread: the OpenMP build of BLIS 0.9 opens an
// `omp parallel num_threads(1)` region per call, and libgomp allocates (and frees) a
// small team for every one-thread region, so there each BLIS call may allocate once.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "allocation_hook.h"
#include "plugin_loader.h"

namespace tb::blis_test {
namespace {

struct ForwardBuffers {
  std::vector<std::int32_t> tokens;
  std::vector<float> logits;
  tb_forward_args args{};

  ForwardBuffers(int batch, int seq_len, int vocab_size)
      : tokens(sequential_tokens(batch * seq_len, vocab_size)),
        logits(static_cast<std::size_t>(batch) * seq_len * vocab_size) {
    args.struct_size = sizeof(tb_forward_args);
    args.tokens = tokens.data();
    args.batch_size = batch;
    args.seq_len = seq_len;
    args.logits = logits.data();
    args.logits_capacity = logits.size();
  }
};

// Runs forward `repeats` times with counting on and returns the allocations seen.
long count_forward_allocations(tb_model* model, const ForwardBuffers& buffers, int repeats) {
  bool ok = true;
  tb_allocation_counting_start();
  for (int i = 0; i < repeats; ++i) {
    tb_error* error = plugin_api().model_forward(model, &buffers.args);
    ok = ok && error == nullptr;
    plugin_api().error_destroy(error);
  }
  const long allocations = tb_allocation_counting_stop();
  EXPECT_TRUE(ok) << "model_forward failed";
  return allocations;
}

TEST(AllocationHook, CountsMallocInTest) {
  tb_allocation_counting_start();
  void* volatile memory = std::malloc(64);
  std::free(memory);
  const long allocations = tb_allocation_counting_stop();
  EXPECT_GE(allocations, 1);
}

TEST(AllocationHook, CountsAllocationsInPlugin) {
  const tb_model_config config = make_config(50, 40, 2, 4, 80, 24);
  const TensorSet weights = random_weights(config, 1);
  tb_allocation_counting_start();
  const auto [code, message] = try_create(config, weights);
  const long allocations = tb_allocation_counting_stop();
  ASSERT_EQ(code, TB_STATUS_OK) << message;
  EXPECT_GT(allocations, 0) << "the hook does not see the plugin's allocations";
}

struct AllocationCase {
  const char* name;
  Options options;
  int threads;
  int d_model;  // 40: auto sends every GEMM to the native kernels; 160: the large ones to BLIS
  bool blis_on_one_thread;  // the libgomp exception above applies
};

class ForwardAllocation : public testing::TestWithParam<AllocationCase> {};

TEST_P(ForwardAllocation, NoneAfterFirstCallOfShape) {
  const AllocationCase& test_case = GetParam();
  const int max_threads = plugin_api().get_info()->max_threads;
  if (max_threads > 0 && test_case.threads > max_threads) {
    GTEST_SKIP() << "this machine has fewer than " << test_case.threads << " CPUs";
  }
  const int d = test_case.d_model;
  const int n_layers = 2;
  const tb_model_config config = make_config(50, d, n_layers, 4, 4 * d, 48);
  const TensorSet weights = random_weights(config, 2);
  ScopedModel model(config, weights, test_case.options);
  ASSERT_NE(model.get(), nullptr);
  ASSERT_EQ(consume_error(plugin_api().model_set_threads(model.get(), test_case.threads)).first,
            TB_STATUS_OK);

  const ForwardBuffers large(3, 48, config.vocab_size);
  const ForwardBuffers small(1, 5, config.vocab_size);
  const ForwardBuffers medium(2, 31, config.vocab_size);

  // The first call of the largest shape may allocate the workspace.
  count_forward_allocations(model.get(), large, 1);

  constexpr int kRepeats = 3;
  // At most the four weight GEMMs of each layer go to BLIS; the output head never does.
  const long gemms_per_forward = 4 * n_layers;
  const long allowed = test_case.blis_on_one_thread ? kRepeats * gemms_per_forward : 0;
  const struct {
    const char* name;
    const ForwardBuffers& buffers;
  } steps[] = {{"same shape again", large},
               {"smaller shape", small},
               {"medium shape", medium},
               {"back to the largest shape", large}};
  for (const auto& step : steps) {
    EXPECT_LE(count_forward_allocations(model.get(), step.buffers, kRepeats), allowed) << step.name;
    // A libgomp team is about 1.5 KiB; any workspace buffer of these shapes is larger.
    EXPECT_LE(tb_allocation_max_size(), test_case.blis_on_one_thread ? 4096 : 0) << step.name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    GemmPaths, ForwardAllocation,
    testing::Values(AllocationCase{"auto_1_thread", {}, 1, 40, false},
                    AllocationCase{"auto_2_threads", {}, 2, 40, false},
                    AllocationCase{"auto_with_blis_1_thread", {}, 1, 160, true},
                    AllocationCase{"auto_with_blis_2_threads", {}, 2, 160, false},
                    AllocationCase{"blis_1_thread", {{"gemm", "blis"}}, 1, 40, true},
                    AllocationCase{"blis_2_threads", {{"gemm", "blis"}}, 2, 40, false},
                    AllocationCase{"native_1_thread", {{"gemm", "native"}}, 1, 160, false},
                    AllocationCase{"native_2_threads", {{"gemm", "native"}}, 2, 160, false}),
    [](const testing::TestParamInfo<AllocationCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tb::blis_test
