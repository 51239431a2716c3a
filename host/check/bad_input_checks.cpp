// Checks that invalid input gets an error status and a message, never a crash. The
// forward checks send bad token ids, sizes and buffers, the create checks unknown
// options, bad tensors and an impossible config. After each rejected forward call
// the model must still produce its earlier logits.
#include <algorithm>
#include <climits>
#include <functional>

#include "check/abi_calls.h"
#include "check/check_context.h"
#include "check/check_groups.h"
#include "check/compare.h"
#include "check/utf8.h"
#include "plugin/backend_error.h"

namespace tb::check {

namespace {

const std::initializer_list<int32_t> kSizeOrArgumentError = {TB_STATUS_INVALID_ARGUMENT, TB_STATUS_OUT_OF_RANGE};
const std::initializer_list<int32_t> kArgumentError = {TB_STATUS_INVALID_ARGUMENT};

std::string status_list(std::initializer_list<int32_t> statuses) {
  std::string text;
  for (int32_t status : statuses) text += (text.empty() ? "" : " or ") + status_name(status);
  return text;
}

// Throws CheckFailure unless `result` is an error with one of `statuses` and a
// non-empty UTF-8 message.
void expect_rejected(const CallResult& result, const std::string& call, std::initializer_list<int32_t> statuses) {
  if (result.ok) throw CheckFailure(call + " succeeded; expected " + status_list(statuses));
  if (result.threw) throw CheckFailure(call + " let a C++ exception escape instead of returning an error");
  if (std::find(statuses.begin(), statuses.end(), result.status) == statuses.end()) {
    throw CheckFailure(call + " returned " + result.describe() + "; expected " + status_list(statuses));
  }
  if (result.message_was_null) throw CheckFailure(call + ": error_message returned NULL");
  if (result.message.empty()) throw CheckFailure(call + " returned an error with an empty message");
  if (!is_valid_utf8(result.message)) throw CheckFailure(call + " returned an error message that is not UTF-8");
}

// A model of the base test model, the logits of one good forward pass, and the
// means to send it bad forward calls.
class ForwardProbe {
 public:
  explicit ForwardProbe(CheckContext& context)
      : context_(context),
        test_model_(context.model(TestModelKind::kBase)),
        model_(create_model(context.api(), test_model_)),
        buffers_(make_forward_buffers(test_model_.config, 2, 4)),
        expected_(run_forward(context.api(), model_.get(), buffers_)) {}

  const ModelConfig& config() const { return test_model_.config; }

  // Calls model_forward with good arguments altered by `alter`, and expects a
  // rejection with one of `statuses`.
  void expect_rejected_forward(const std::string& what, const std::function<void(tb_forward_args&)>& alter,
                               std::initializer_list<int32_t> statuses = kSizeOrArgumentError) {
    ForwardBuffers buffers = make_forward_buffers(test_model_.config, 2, 4);
    alter(buffers.args);
    const tb_backend_api& api = context_.api();
    const CallResult result = call_abi(api, [&] { return api.model_forward(model_.get(), &buffers.args); });
    expect_rejected(result, "model_forward with " + what, statuses);
    ++rejected_;
  }

  // Calls model_forward with `buffers`, which the caller built, and expects a
  // rejection.
  void expect_rejected_forward(const std::string& what, ForwardBuffers& buffers) {
    const tb_backend_api& api = context_.api();
    const CallResult result = call_abi(api, [&] { return api.model_forward(model_.get(), &buffers.args); });
    expect_rejected(result, "model_forward with " + what, kSizeOrArgumentError);
    ++rejected_;
  }

  // Runs the good call again, which must give the model's earlier logits.
  CheckOutcome verify_model_still_runs() {
    const std::vector<float> again = run_forward(context_.api(), model_.get(), buffers_);
    const LogitsShape shape{2, 4, test_model_.config.vocab_size};
    if (auto mismatch = compare_logits(expected_, again, shape)) {
      return fail("after " + std::to_string(rejected_) + " rejected calls the model's " + *mismatch);
    }
    return pass("all " + std::to_string(rejected_) + " calls rejected with a message; the model still runs");
  }

 private:
  CheckContext& context_;
  const TestModel& test_model_;
  ModelHandle model_;
  ForwardBuffers buffers_;
  std::vector<float> expected_;
  int rejected_ = 0;
};

CheckOutcome check_token_ids(CheckContext& context) {
  ForwardProbe probe(context);
  const int32_t V = probe.config().vocab_size;
  for (const int32_t token : {-1, V, INT32_MAX, INT32_MIN}) {
    ForwardBuffers buffers = make_forward_buffers(probe.config(), 2, 4);
    buffers.tokens[5] = token;
    probe.expect_rejected_forward("token id " + std::to_string(token) + " (V = " + std::to_string(V) + ")", buffers);
  }
  return probe.verify_model_still_runs();
}

CheckOutcome check_seq_len(CheckContext& context) {
  ForwardProbe probe(context);
  const int too_long = probe.config().max_seq_len + 1;
  ForwardBuffers buffers = make_forward_buffers(probe.config(), 1, too_long);
  probe.expect_rejected_forward("T = max_seq_len + 1 = " + std::to_string(too_long), buffers);
  probe.expect_rejected_forward("T = 0", [](tb_forward_args& args) { args.seq_len = 0; });
  probe.expect_rejected_forward("T = -1", [](tb_forward_args& args) { args.seq_len = -1; });
  return probe.verify_model_still_runs();
}

CheckOutcome check_batch_size(CheckContext& context) {
  ForwardProbe probe(context);
  probe.expect_rejected_forward("B = 0", [](tb_forward_args& args) { args.batch_size = 0; });
  probe.expect_rejected_forward("B = -1", [](tb_forward_args& args) { args.batch_size = -1; });
  return probe.verify_model_still_runs();
}

CheckOutcome check_null_buffers(CheckContext& context) {
  ForwardProbe probe(context);
  probe.expect_rejected_forward("tokens = NULL", [](tb_forward_args& args) { args.tokens = nullptr; });
  probe.expect_rejected_forward("logits = NULL", [](tb_forward_args& args) { args.logits = nullptr; });
  return probe.verify_model_still_runs();
}

CheckOutcome check_logits_capacity(CheckContext& context) {
  ForwardProbe probe(context);
  const size_t needed = static_cast<size_t>(2 * 4) * static_cast<size_t>(probe.config().vocab_size);
  probe.expect_rejected_forward("logits_capacity = B*T*V - 1 = " + std::to_string(needed - 1),
                                [&](tb_forward_args& args) { args.logits_capacity = needed - 1; });
  probe.expect_rejected_forward("logits_capacity = 0", [](tb_forward_args& args) { args.logits_capacity = 0; });
  return probe.verify_model_still_runs();
}

// Calls model_create and expects a rejection with INVALID_ARGUMENT and *out_model
// set to NULL, as the contract requires.
void expect_rejected_create(const tb_backend_api& api, const tb_model_create_args* args, const std::string& what) {
  // A non-NULL address that is not a model, so a plugin that leaves *out_model alone
  // is caught.
  static char not_a_model;
  tb_model* model = reinterpret_cast<tb_model*>(&not_a_model);
  const CallResult result = call_abi(api, [&] { return api.model_create(args, &model); });

  const std::string call = "model_create with " + what;
  if (result.ok) {
    if (model != nullptr && model != reinterpret_cast<tb_model*>(&not_a_model)) api.model_destroy(model);
    throw CheckFailure(call + " succeeded; expected INVALID_ARGUMENT");
  }
  expect_rejected(result, call, kArgumentError);
  if (model != nullptr) throw CheckFailure(call + " failed but did not set *out_model to NULL");
}

CheckOutcome check_unknown_option(CheckContext& context) {
  CreateRequest request(context.model(TestModelKind::kBase));
  request.add_option("tb_check_unknown_option", "1");
  expect_rejected_create(context.api(), request.args(), "the unknown option 'tb_check_unknown_option'");
  return pass("an unknown option key is rejected with INVALID_ARGUMENT and a message");
}

CheckOutcome check_bad_tensors(CheckContext& context) {
  const TestModel& test_model = context.model(TestModelKind::kBase);
  const tb_backend_api& api = context.api();
  {
    CreateRequest request(test_model);
    request.remove_tensor("blocks.1.attn.wk");
    expect_rejected_create(api, request.args(), "the tensor 'blocks.1.attn.wk' missing");
  }
  {
    CreateRequest request(test_model);
    request.set_tensor_shape("ln_f.gamma", {test_model.config.d_model - 1});
    expect_rejected_create(api, request.args(), "'ln_f.gamma' one element short");
  }
  {
    CreateRequest request(test_model);
    request.add_unknown_tensor("blocks.0.attn.unknown");
    expect_rejected_create(api, request.args(), "the extra tensor 'blocks.0.attn.unknown'");
  }
  {
    TestModel impossible = test_model;
    impossible.config.n_heads = 3;  // d_model = 32 is not divisible by 3
    CreateRequest request(impossible);
    expect_rejected_create(api, request.args(), "d_model 32 and n_heads 3");
  }
  return pass("a missing, a misshapen and an unknown tensor and an impossible config are each rejected");
}

CheckOutcome check_null_args(CheckContext& context) {
  const tb_backend_api& api = context.api();
  expect_rejected_create(api, nullptr, "args = NULL");

  ModelHandle model = create_model(api, context.model(TestModelKind::kBase));
  const CallResult result = call_abi(api, [&] { return api.model_forward(model.get(), nullptr); });
  expect_rejected(result, "model_forward with args = NULL", kArgumentError);
  return pass("NULL create and forward arguments are rejected with INVALID_ARGUMENT");
}

}  // namespace

void add_bad_input_checks(std::vector<CheckDefinition>& checks) {
  checks.push_back({"reject_token_ids", "forward rejects token ids -1, V, INT32_MAX and INT32_MIN", false,
                    {"forward_runs"}, check_token_ids});
  checks.push_back({"reject_seq_len", "forward rejects T above max_seq_len, 0 and -1", false, {"forward_runs"},
                    check_seq_len});
  checks.push_back({"reject_batch_size", "forward rejects B = 0 and B = -1", false, {"forward_runs"},
                    check_batch_size});
  checks.push_back({"reject_null_buffers", "forward rejects NULL tokens and NULL logits", false, {"forward_runs"},
                    check_null_buffers});
  checks.push_back({"reject_logits_capacity", "forward rejects a logits_capacity below B*T*V", false,
                    {"forward_runs"}, check_logits_capacity});
  checks.push_back({"reject_unknown_option", "model_create rejects an unknown option key", false,
                    {"create_destroy"}, check_unknown_option});
  checks.push_back({"reject_bad_tensors",
                    "model_create rejects missing, misshapen and unknown tensors and an impossible config",
                    false,
                    {"create_destroy"},
                    check_bad_tensors});
  checks.push_back({"reject_null_args", "model_create and model_forward reject NULL argument structs", true,
                    {"forward_runs"}, check_null_args});
}

}  // namespace tb::check
