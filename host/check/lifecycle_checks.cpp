// Checks of a model's life: create and destroy, a first forward pass, memory
// accounting, no growth over many create/destroy cycles, and two models at once.
#include <cstdint>
#include <optional>

#include "check/abi_calls.h"
#include "check/check_context.h"
#include "check/check_groups.h"
#include "check/compare.h"
#include "system/process_memory.h"

#if defined(__SANITIZE_ADDRESS__)
#define TB_CHECK_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TB_CHECK_UNDER_ASAN 1
#endif
#endif

#ifdef TB_CHECK_UNDER_ASAN
#include <sanitizer/lsan_interface.h>
#endif

namespace tb::check {

namespace {

constexpr int kRepeatedCycles = 200;
constexpr int kWarmupCycles = 20;
// A leaked base test model is about 90 KB, so leaking one per cycle grows the RSS
// by about 16 MB over the measured cycles. Allocator noise stayed below 200 KiB for
// the scalar and example backends.
constexpr uint64_t kMaxRssGrowthBytes = 1024 * 1024;

bool is_deterministic(CheckContext& context) {
  return (context.info().capabilities & TB_CAPABILITY_DETERMINISTIC) != 0;
}

LogitsShape shape_of(const ForwardBuffers& buffers, const TestModel& model) {
  return {buffers.args.batch_size, buffers.args.seq_len, model.config.vocab_size};
}

CheckOutcome check_create_destroy(CheckContext& context) {
  for (TestModelKind kind : {TestModelKind::kBase, TestModelKind::kOddSizes}) {
    ModelHandle model = create_model(context.api(), context.model(kind));
  }
  return pass("created and destroyed models " + context.model(TestModelKind::kBase).label + " and " +
              context.model(TestModelKind::kOddSizes).label);
}

CheckOutcome check_forward_runs(CheckContext& context) {
  const TestModel& test_model = context.model(TestModelKind::kBase);
  ModelHandle model = create_model(context.api(), test_model);
  ForwardBuffers buffers = make_forward_buffers(test_model.config, 1, 4);
  const std::vector<float> logits = run_forward(context.api(), model.get(), buffers);
  return pass("B=1 T=4: wrote all " + std::to_string(logits.size()) +
              " logits, all finite, and nothing past them");
}

std::optional<tb_memory_info> read_memory(const tb_backend_api& api, tb_model* model, std::string* error) {
  tb_memory_info info{};
  info.struct_size = sizeof(info);
  const CallResult result = call_abi(api, [&] { return api.model_get_memory(model, &info); });
  if (!result.ok) {
    *error = result.describe();
    return std::nullopt;
  }
  return info;
}

CheckOutcome check_memory_info(CheckContext& context) {
  const TestModel& test_model = context.model(TestModelKind::kBase);
  ModelHandle model = create_model(context.api(), test_model);
  std::string error;

  if (!read_memory(context.api(), model.get(), &error)) return fail("model_get_memory failed: " + error);
  ForwardBuffers buffers = make_forward_buffers(test_model.config, 2, test_model.config.max_seq_len);
  run_forward(context.api(), model.get(), buffers);
  const std::optional<tb_memory_info> info = read_memory(context.api(), model.get(), &error);
  if (!info) return fail("model_get_memory failed after a forward pass: " + error);

  return pass("weight_bytes " + std::to_string(info->weight_bytes) + ", workspace_bytes " +
              std::to_string(info->workspace_bytes) + " after a forward pass");
}

CheckOutcome check_weight_bytes(CheckContext& context) {
  const TestModel& test_model = context.model(TestModelKind::kBase);
  ModelHandle model = create_model(context.api(), test_model);
  std::string error;
  const std::optional<tb_memory_info> info = read_memory(context.api(), model.get(), &error);
  if (!info) return fail("model_get_memory failed: " + error);
  if (info->weight_bytes == 0) return fail("weight_bytes is 0 for a model with parameters");
  return pass("weight_bytes " + std::to_string(info->weight_bytes) + " for " +
              std::to_string(test_model.weights.bytes()) + " bytes of host weights");
}

void run_cycles(CheckContext& context, int count) {
  const TestModel& test_model = context.model(TestModelKind::kBase);
  ForwardBuffers buffers = make_forward_buffers(test_model.config, 1, 8);
  for (int cycle = 0; cycle < count; ++cycle) {
    ModelHandle model = create_model(context.api(), test_model);
    run_forward(context.api(), model.get(), buffers);
  }
}

CheckOutcome check_repeated_create_destroy(CheckContext& context) {
  const std::string cycles = std::to_string(kRepeatedCycles) + " create/forward/destroy cycles";
#ifdef TB_CHECK_UNDER_ASAN
  // AddressSanitizer keeps freed memory in quarantine, so the RSS grows without a
  // leak. LeakSanitizer finds leaks directly instead.
  run_cycles(context, kRepeatedCycles);
  if (__lsan_do_recoverable_leak_check() != 0) return fail("LeakSanitizer found leaks after " + cycles);
  return pass("LeakSanitizer found no leak after " + cycles);
#else
  run_cycles(context, kWarmupCycles);
  const std::optional<uint64_t> before = current_rss_bytes();
  run_cycles(context, kRepeatedCycles - kWarmupCycles);
  const std::optional<uint64_t> after = current_rss_bytes();
  if (!before || !after) return skip("the resident set size is unreadable (/proc/self/status)");

  const uint64_t growth = *after > *before ? *after - *before : 0;
  const std::string measured = "resident memory grew by " + std::to_string(growth / 1024) + " KiB over the last " +
                               std::to_string(kRepeatedCycles - kWarmupCycles) + " of " + cycles;
  if (growth > kMaxRssGrowthBytes) {
    return fail(measured + ", above the " + std::to_string(kMaxRssGrowthBytes / 1024) + " KiB limit: a leak");
  }
  return pass(measured);
#endif
}

CheckOutcome check_two_models(CheckContext& context) {
  const tb_backend_api& api = context.api();
  const TestModel& first_model = context.model(TestModelKind::kBase);
  const TestModel& second_model = context.model(TestModelKind::kOddSizes);
  ForwardBuffers first_buffers = make_forward_buffers(first_model.config, 2, 5, 11);
  ForwardBuffers second_buffers = make_forward_buffers(second_model.config, 1, 4, 12);

  // Each model alone, destroyed before the other exists.
  std::vector<float> first_alone;
  std::vector<float> second_alone;
  {
    ModelHandle model = create_model(api, first_model);
    first_alone = run_forward(api, model.get(), first_buffers);
  }
  {
    ModelHandle model = create_model(api, second_model);
    second_alone = run_forward(api, model.get(), second_buffers);
  }

  // Both alive, calls interleaved, the first model destroyed while the second runs on.
  ModelHandle second = create_model(api, second_model);
  std::vector<float> second_together;
  {
    ModelHandle first = create_model(api, first_model);
    for (int round = 0; round < 2; ++round) {
      const std::vector<float> first_together = run_forward(api, first.get(), first_buffers);
      second_together = run_forward(api, second.get(), second_buffers);
      if (auto mismatch = compare_repeat(first_alone, first_together, shape_of(first_buffers, first_model),
                                         is_deterministic(context))) {
        return fail("with a second model alive, the first model's " + *mismatch);
      }
    }
  }
  second_together = run_forward(api, second.get(), second_buffers);
  if (auto mismatch = compare_repeat(second_alone, second_together, shape_of(second_buffers, second_model),
                                     is_deterministic(context))) {
    return fail("after the other model was destroyed, the second model's " + *mismatch);
  }
  return pass("two models of different shapes alive at once give the same logits as each alone");
}

}  // namespace

void add_lifecycle_checks(std::vector<CheckDefinition>& checks) {
  checks.push_back({"create_destroy", "model_create accepts valid models and model_destroy frees them", false,
                    {"load"}, check_create_destroy});
  checks.push_back({"forward_runs",
                    "a forward pass succeeds, writes every logit, finite, and nothing past B*T*V",
                    false,
                    {"create_destroy"},
                    check_forward_runs});
  checks.push_back({"memory_info", "model_get_memory succeeds before and after a forward pass", false,
                    {"forward_runs"}, check_memory_info});
  checks.push_back({"memory_weight_bytes", "model_get_memory reports non-zero weight_bytes", true,
                    {"memory_info"}, check_weight_bytes});
  checks.push_back({"create_destroy_repeated",
                    "200 create/forward/destroy cycles do not grow resident memory (a leak check)",
                    false,
                    {"forward_runs"},
                    check_repeated_create_destroy});
  checks.push_back({"two_models", "two models alive at once do not disturb each other", false,
                    {"forward_runs"}, check_two_models});
}

}  // namespace tb::check
