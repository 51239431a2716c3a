// Checks of the forward pass's output: agreement with the reference backend on
// edge-case shapes, determinism, and structs as a later 1.x host sends them.
#include <algorithm>
#include <cstring>
#include <limits>
#include <filesystem>
#include <system_error>

#include "check/abi_calls.h"
#include "check/check_context.h"
#include "check/check_groups.h"
#include "check/compare.h"
#include "system/page_end_buffer.h"

namespace tb::check {

namespace {

constexpr size_t kStructPadding = 64;

struct ForwardShape {
  int batch_size;
  int seq_len;  // 0 means the model's max_seq_len
};

bool is_deterministic(CheckContext& context) {
  return (context.info().capabilities & TB_CAPABILITY_DETERMINISTIC) != 0;
}

bool plugin_is_reference(const CheckOptions& options) {
  std::error_code error;
  return std::filesystem::equivalent(options.plugin, options.reference, error);
}

CheckOutcome compare_with_reference(CheckContext& context, TestModelKind kind, ForwardShape requested) {
  if (!context.reference()) {
    return skip("no reference backend: pass --reference PATH (the scalar backend, tb_scalar.so)");
  }
  const TestModel& test_model = context.model(kind);
  const int seq_len = requested.seq_len == 0 ? test_model.config.max_seq_len : requested.seq_len;
  const std::string shape =
      test_model.label + ", B=" + std::to_string(requested.batch_size) + " T=" + std::to_string(seq_len);

  ModelHandle model = create_model(context.api(), test_model);
  ForwardBuffers buffers = make_forward_buffers(test_model.config, requested.batch_size, seq_len);
  const std::vector<float> logits = run_forward(context.api(), model.get(), buffers);
  const std::vector<float> expected =
      context.reference_logits(test_model, buffers.tokens, requested.batch_size, seq_len);

  const LogitsShape logits_shape{requested.batch_size, seq_len, test_model.config.vocab_size};
  if (auto mismatch = compare_logits(expected, logits, logits_shape)) {
    return fail(shape + ": " + *mismatch);
  }
  const std::string note = plugin_is_reference(context.options()) ? " (the plugin is the reference itself)" : "";
  return pass(shape + ": " + std::to_string(logits.size()) + " logits match the reference within " +
              "1e-4" + note);
}

CheckOutcome check_reference_single_token(CheckContext& context) {
  return compare_with_reference(context, TestModelKind::kBase, {1, 1});
}

CheckOutcome check_reference_max_seq_len(CheckContext& context) {
  return compare_with_reference(context, TestModelKind::kBase, {1, 0});
}

CheckOutcome check_reference_batch(CheckContext& context) {
  return compare_with_reference(context, TestModelKind::kBase, {3, 5});
}

CheckOutcome check_reference_odd_sizes(CheckContext& context) {
  return compare_with_reference(context, TestModelKind::kOddSizes, {2, 0});
}

// Runs `test_model` at B = 2, T = max_seq_len twice: with the usual buffers, then with
// tokens and logits buffers of exactly B*T and B*T*V elements (logits_capacity B*T*V),
// each ending right before an inaccessible page. Returns a failure message, or "".
std::string run_at_page_end(CheckContext& context, const TestModel& test_model) {
  const int batch_size = 2;
  const int seq_len = test_model.config.max_seq_len;
  const LogitsShape shape{batch_size, seq_len, test_model.config.vocab_size};

  ModelHandle model = create_model(context.api(), test_model);
  ForwardBuffers buffers = make_forward_buffers(test_model.config, batch_size, seq_len);
  const std::vector<float> expected = run_forward(context.api(), model.get(), buffers);

  const PageEndBuffer<int32_t> tokens(buffers.tokens.size());
  std::copy(buffers.tokens.begin(), buffers.tokens.end(), tokens.span().begin());
  const PageEndBuffer<float> logits(expected.size());
  tb_forward_args args = buffers.args;
  args.tokens = tokens.span().data();
  args.logits = logits.span().data();
  args.logits_capacity = expected.size();

  const CallResult result = call_abi(context.api(), [&] { return context.api().model_forward(model.get(), &args); });
  if (!result.ok) return test_model.label + ": model_forward failed: " + result.describe();
  if (auto mismatch = compare_logits(expected, logits.span(), shape)) return test_model.label + ": " + *mismatch;
  return "";
}

// A backend that reads or writes past its buffers faults at the guard page, and the
// isolated check reports the signal. The wide vocabulary is there because BLIS
// 0.9.0's small-matrix kernels read past the end of an output row of 1026 floats.
CheckOutcome check_buffers_at_page_end(CheckContext& context) {
  std::string labels;
  for (TestModelKind kind : {TestModelKind::kOddSizes, TestModelKind::kWideVocab}) {
    const TestModel& test_model = context.model(kind);
    const std::string failure = run_at_page_end(context, test_model);
    if (!failure.empty()) return fail("buffers that end at a page boundary: " + failure);
    labels += (labels.empty() ? "" : " and ") + test_model.label;
  }
  return pass(labels + ", B=2 T=max_seq_len: forward stayed inside buffers that end at an inaccessible page");
}

// Three runs on one input (twice on one model, once on a fresh one); returns the
// first mismatch, compared bit for bit when `bitwise`.
std::optional<std::string> find_run_difference(CheckContext& context, bool bitwise) {
  const TestModel& test_model = context.model(TestModelKind::kBase);
  ForwardBuffers buffers = make_forward_buffers(test_model.config, 2, 6);
  const LogitsShape shape{2, 6, test_model.config.vocab_size};

  ModelHandle model = create_model(context.api(), test_model);
  const std::vector<float> first = run_forward(context.api(), model.get(), buffers);
  const std::vector<float> second = run_forward(context.api(), model.get(), buffers);
  ModelHandle fresh = create_model(context.api(), test_model);
  const std::vector<float> third = run_forward(context.api(), fresh.get(), buffers);

  if (auto mismatch = compare_repeat(first, second, shape, bitwise)) return "the second call's " + *mismatch;
  if (auto mismatch = compare_repeat(first, third, shape, bitwise)) return "a fresh model's " + *mismatch;
  return std::nullopt;
}

CheckOutcome check_determinism(CheckContext& context) {
  const bool deterministic = is_deterministic(context);
  if (auto difference = find_run_difference(context, deterministic)) {
    const std::string claim = deterministic ? " although the backend claims TB_CAPABILITY_DETERMINISTIC" : "";
    return fail("the same input gave different logits" + claim + ": " + *difference);
  }
  return pass(deterministic ? "the same input gives bitwise identical logits, as TB_CAPABILITY_DETERMINISTIC claims"
                            : "the same input gives the same logits within 1e-4");
}

CheckOutcome check_determinism_bitwise(CheckContext& context) {
  if (is_deterministic(context)) return skip("covered by determinism: the backend claims TB_CAPABILITY_DETERMINISTIC");
  if (auto difference = find_run_difference(context, true)) {
    return fail("the same input gave logits that differ in their bits: " + *difference);
  }
  return pass("the same input gives bitwise identical logits (consider claiming TB_CAPABILITY_DETERMINISTIC)");
}

// A forward_args with `kStructPadding` zero bytes after it and struct_size covering them.
struct PaddedForwardArgs {
  alignas(tb_forward_args) unsigned char bytes[sizeof(tb_forward_args) + kStructPadding] = {};

  explicit PaddedForwardArgs(const tb_forward_args& args) {
    std::memcpy(bytes, &args, sizeof args);
    get()->struct_size = sizeof bytes;
  }
  tb_forward_args* get() { return reinterpret_cast<tb_forward_args*>(bytes); }
};

struct PaddedMemoryInfo {
  alignas(tb_memory_info) unsigned char bytes[sizeof(tb_memory_info) + kStructPadding] = {};

  PaddedMemoryInfo() { get()->struct_size = sizeof bytes; }
  tb_memory_info* get() { return reinterpret_cast<tb_memory_info*>(bytes); }
};

CheckOutcome check_larger_structs(CheckContext& context) {
  const tb_backend_api& api = context.api();
  const TestModel& test_model = context.model(TestModelKind::kBase);
  ForwardBuffers buffers = make_forward_buffers(test_model.config, 2, 5);
  ModelHandle plain_model = create_model(api, test_model);
  const std::vector<float> expected = run_forward(api, plain_model.get(), buffers);

  CreateRequest request(test_model);
  request.pad_structs(kStructPadding);
  ModelHandle padded_model;
  const CallResult created = try_create(api, request.args(), &padded_model);
  if (!created.ok) return fail("model_create rejected structs larger than ABI 1.0: " + created.describe());
  if (padded_model.get() == nullptr) return fail("model_create returned success but no model");

  // NaN, so that logits the padded call does not write count as a mismatch.
  std::fill(buffers.logits.begin(), buffers.logits.end(), std::numeric_limits<float>::quiet_NaN());
  PaddedForwardArgs padded_args(buffers.args);
  const CallResult forwarded = call_abi(api, [&] { return api.model_forward(padded_model.get(), padded_args.get()); });
  if (!forwarded.ok) return fail("model_forward rejected tb_forward_args larger than ABI 1.0: " + forwarded.describe());
  const std::vector<float> actual(buffers.logits.begin(), buffers.logits.begin() + static_cast<ptrdiff_t>(expected.size()));
  if (auto mismatch = compare_repeat(expected, actual, {2, 5, test_model.config.vocab_size}, is_deterministic(context))) {
    return fail("with larger structs the " + *mismatch);
  }

  PaddedMemoryInfo memory;
  const CallResult measured = call_abi(api, [&] { return api.model_get_memory(padded_model.get(), memory.get()); });
  if (!measured.ok) return fail("model_get_memory rejected a tb_memory_info larger than ABI 1.0: " + measured.describe());

  return pass("structs " + std::to_string(kStructPadding) +
              " bytes larger than ABI 1.0, as a later 1.x host sends them, give the same logits");
}

}  // namespace

void add_forward_checks(std::vector<CheckDefinition>& checks) {
  checks.push_back({"reference_single_token", "logits match the reference for T = 1", false, {"forward_runs"},
                    check_reference_single_token});
  checks.push_back({"reference_max_seq_len", "logits match the reference for T = max_seq_len", false,
                    {"forward_runs"}, check_reference_max_seq_len});
  checks.push_back({"reference_batch", "logits match the reference for a batch of 3", false, {"forward_runs"},
                    check_reference_batch});
  checks.push_back({"reference_odd_sizes",
                    "logits match the reference for V = 61 and d_model = 20 (not a multiple of 8), B = 2",
                    false,
                    {"forward_runs"},
                    check_reference_odd_sizes});
  checks.push_back({"buffers_at_page_end",
                    "forward touches nothing past B*T tokens and B*T*V logits (buffers end at a guard page)",
                    false,
                    {"forward_runs"},
                    check_buffers_at_page_end});
  checks.push_back({"determinism", "the same input gives the same logits, bit for bit when claimed", false,
                    {"forward_runs"}, check_determinism});
  checks.push_back({"determinism_bitwise", "the same input gives bitwise identical logits", true,
                    {"forward_runs"}, check_determinism_bitwise});
  checks.push_back({"larger_struct_sizes",
                    "structs with a larger struct_size, from a later 1.x host, are accepted",
                    false,
                    {"forward_runs"},
                    check_larger_structs});
}

}  // namespace tb::check
