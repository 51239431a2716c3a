// Checks of threading: the thread count may change between forward calls without
// changing the result, invalid counts are rejected, and a backend that claims
// TB_CAPABILITY_CONCURRENT_MODELS really runs two models at once safely.
#include <algorithm>
#include <functional>
#include <optional>
#include <thread>

#include "check/abi_calls.h"
#include "check/check_context.h"
#include "check/check_groups.h"
#include "check/compare.h"

namespace tb::check {

namespace {

constexpr int kConcurrentRounds = 10;

bool is_deterministic(CheckContext& context) {
  return (context.info().capabilities & TB_CAPABILITY_DETERMINISTIC) != 0;
}

CheckOutcome check_thread_changes(CheckContext& context) {
  const tb_backend_api& api = context.api();
  const TestModel& test_model = context.model(TestModelKind::kBase);
  const int32_t max_threads = context.info().max_threads;
  const int32_t more = max_threads == 0 ? 2 : std::min<int32_t>(max_threads, 2);

  ModelHandle model = create_model(api, test_model);
  ForwardBuffers buffers = make_forward_buffers(test_model.config, 2, 7);
  const LogitsShape shape{2, 7, test_model.config.vocab_size};
  const std::vector<float> one_thread = run_forward(api, model.get(), buffers);

  set_threads(api, model.get(), more);
  const std::vector<float> more_threads = run_forward(api, model.get(), buffers);
  if (auto mismatch = compare_logits(one_thread, more_threads, shape)) {
    return fail("with " + std::to_string(more) + " threads the " + *mismatch);
  }

  set_threads(api, model.get(), 1);
  const std::vector<float> back_to_one = run_forward(api, model.get(), buffers);
  if (auto mismatch = compare_repeat(one_thread, back_to_one, shape, is_deterministic(context))) {
    return fail("back at 1 thread the " + *mismatch);
  }

  const std::string sequence = "1 -> " + std::to_string(more) + " -> 1 threads";
  if (more == 1) return pass(sequence + " give the same logits; max_threads is 1, so no other count was tried");
  return pass(sequence + " between forward calls give the same logits");
}

// Throws CheckFailure unless model_set_threads(n) fails with one of `statuses`.
void expect_thread_count_rejected(const tb_backend_api& api, tb_model* model, int32_t n_threads,
                                  std::initializer_list<int32_t> statuses, const char* expected) {
  const CallResult result = call_abi(api, [&] { return api.model_set_threads(model, n_threads); });
  const std::string call = "model_set_threads(" + std::to_string(n_threads) + ")";
  if (result.ok) throw CheckFailure(call + " succeeded; expected " + expected);
  if (result.threw) throw CheckFailure(call + " let a C++ exception escape");
  if (std::find(statuses.begin(), statuses.end(), result.status) == statuses.end()) {
    throw CheckFailure(call + " returned " + result.describe() + "; expected " + expected);
  }
}

CheckOutcome check_invalid_thread_counts(CheckContext& context) {
  const tb_backend_api& api = context.api();
  const TestModel& test_model = context.model(TestModelKind::kBase);
  ModelHandle model = create_model(api, test_model);
  const int32_t max_threads = context.info().max_threads;

  expect_thread_count_rejected(api, model.get(), 0, {TB_STATUS_INVALID_ARGUMENT, TB_STATUS_OUT_OF_RANGE},
                               "INVALID_ARGUMENT or OUT_OF_RANGE");
  expect_thread_count_rejected(api, model.get(), -1, {TB_STATUS_INVALID_ARGUMENT, TB_STATUS_OUT_OF_RANGE},
                               "INVALID_ARGUMENT or OUT_OF_RANGE");
  std::string tried = "0 and -1";
  if (max_threads > 0) {
    expect_thread_count_rejected(api, model.get(), max_threads + 1, {TB_STATUS_OUT_OF_RANGE}, "OUT_OF_RANGE");
    tried += " and max_threads + 1 = " + std::to_string(max_threads + 1);
  }

  ForwardBuffers buffers = make_forward_buffers(test_model.config, 1, 3);
  run_forward(api, model.get(), buffers);
  return pass("rejects " + tried + " threads, and the model still runs");
}

CheckOutcome check_concurrent_models(CheckContext& context) {
  if ((context.info().capabilities & TB_CAPABILITY_CONCURRENT_MODELS) == 0) {
    return skip("the backend does not claim TB_CAPABILITY_CONCURRENT_MODELS, so the host never runs models at once");
  }
  const tb_backend_api& api = context.api();
  const TestModel& test_model = context.model(TestModelKind::kBase);
  ModelHandle first = create_model(api, test_model);
  ModelHandle second = create_model(api, test_model);
  ForwardBuffers expected_buffers = make_forward_buffers(test_model.config, 2, 8);
  const std::vector<float> expected = run_forward(api, first.get(), expected_buffers);
  const LogitsShape shape{2, 8, test_model.config.vocab_size};
  const bool deterministic = is_deterministic(context);

  // Each thread owns its model and buffers. A failure is recorded, not thrown, so
  // that it does not escape the thread.
  std::optional<std::string> failures[2];
  auto work = [&](tb_model* model, std::optional<std::string>& failure) {
    ForwardBuffers buffers = make_forward_buffers(test_model.config, 2, 8);
    try {
      for (int round = 0; round < kConcurrentRounds && !failure; ++round) {
        const std::vector<float> logits = run_forward(api, model, buffers);
        failure = compare_repeat(expected, logits, shape, deterministic);
      }
    } catch (const CheckFailure& error) {
      failure = error.what();
    }
  };
  {
    std::jthread first_thread(work, first.get(), std::ref(failures[0]));
    std::jthread second_thread(work, second.get(), std::ref(failures[1]));
  }

  for (const auto& failure : failures) {
    if (failure) return fail("while two models ran on two threads at once: " + *failure);
  }
  return pass("two models on two threads, " + std::to_string(kConcurrentRounds) +
              " forward passes each at once, give the same logits as one alone");
}

}  // namespace

void add_threading_checks(std::vector<CheckDefinition>& checks) {
  checks.push_back({"thread_changes", "changing the thread count between forward calls keeps the logits", false,
                    {"forward_runs"}, check_thread_changes});
  checks.push_back({"thread_count_invalid", "model_set_threads rejects 0, -1 and counts above max_threads", false,
                    {"forward_runs"}, check_invalid_thread_counts});
  checks.push_back({"concurrent_models",
                    "with TB_CAPABILITY_CONCURRENT_MODELS, two models run on two threads at once correctly",
                    false,
                    {"forward_runs"},
                    check_concurrent_models});
}

}  // namespace tb::check
