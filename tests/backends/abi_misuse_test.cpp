// Calls through the raw function table that the host's wrappers never make: NULL
// pointers, structs smaller than ABI 1.0, malformed tensors. The ABI makes each an
// INVALID_ARGUMENT error, never a crash.
#include <cstdint>

#include "backend_fixture.h"

namespace {

// Checks that `error` is non-NULL with `status` and a message, then frees it.
::testing::AssertionResult is_error(const tb_backend_api& api, tb_error* error, int32_t status) {
  if (error == nullptr) return ::testing::AssertionFailure() << "returned success";
  const int32_t code = api.error_code(error);
  const char* message = api.error_message(error);
  const std::string text = message != nullptr ? message : "";
  api.error_destroy(error);

  if (message == nullptr || text.empty()) return ::testing::AssertionFailure() << "error has no message";
  if (code != status) {
    return ::testing::AssertionFailure() << "code " << code << ", expected " << status << "; message: " << text;
  }
  return ::testing::AssertionSuccess() << text;
}

// Owns everything a raw model_create call points to, each part open to breaking.
struct RawCreateArgs {
  explicit RawCreateArgs(const tb::ModelConfig& model_config, const tb::Weights& weights)
      : config(model_config.to_abi()), views(weights) {
    for (size_t i = 0; i < views.size(); ++i) tensors.push_back(*views.data()[i]);
    for (const tb_tensor& tensor : tensors) tensor_pointers.push_back(&tensor);
    args.struct_size = sizeof(args);
    args.config = &config;
    args.tensors = tensor_pointers.data();
    args.n_tensors = tensor_pointers.size();
  }

  tb_model_config config;
  tb::TensorViews views;
  std::vector<tb_tensor> tensors;
  std::vector<const tb_tensor*> tensor_pointers;
  tb_model_create_args args{};
};

class AbiCase {
 public:
  AbiCase() : config_(make_config(20, 16, 1, 2, 8)), weights_(make_weights(config_, 97)) {}

  const tb::ModelConfig& config() const { return config_; }
  const tb::Weights& weights() const { return weights_; }

 private:
  tb::ModelConfig config_;
  tb::Weights weights_;
};

// Runs model_create on `raw`; expects INVALID_ARGUMENT and *out_model set to NULL.
::testing::AssertionResult create_fails(const tb_backend_api& api, const RawCreateArgs& raw) {
  tb_model* model = nullptr;
  tb_model* const placeholder = reinterpret_cast<tb_model*>(&model);  // any non-NULL value
  model = placeholder;
  tb_error* error = api.model_create(&raw.args, &model);
  if (error == nullptr) {
    api.model_destroy(model);
    return ::testing::AssertionFailure() << "model_create succeeded";
  }
  if (model != nullptr) {
    api.error_destroy(error);
    return ::testing::AssertionFailure() << "model_create failed but did not set *out_model to NULL";
  }
  return is_error(api, error, TB_STATUS_INVALID_ARGUMENT);
}

TEST_P(BackendTest, RawCreateRejectsNullAndShortStructs) {
  const tb_backend_api& api = plugin().api();
  const AbiCase setup;

  tb_model* model = nullptr;
  EXPECT_TRUE(is_error(api, api.model_create(nullptr, &model), TB_STATUS_INVALID_ARGUMENT));
  EXPECT_EQ(model, nullptr);

  RawCreateArgs valid(setup.config(), setup.weights());
  EXPECT_TRUE(is_error(api, api.model_create(&valid.args, nullptr), TB_STATUS_INVALID_ARGUMENT));

  RawCreateArgs short_args(setup.config(), setup.weights());
  short_args.args.struct_size = sizeof(size_t);
  EXPECT_TRUE(create_fails(api, short_args)) << "args struct_size too small";

  RawCreateArgs no_config(setup.config(), setup.weights());
  no_config.args.config = nullptr;
  EXPECT_TRUE(create_fails(api, no_config)) << "NULL config";

  RawCreateArgs short_config(setup.config(), setup.weights());
  short_config.config.struct_size = offsetof(tb_model_config, layer_norm_eps);
  EXPECT_TRUE(create_fails(api, short_config)) << "config struct_size without layer_norm_eps";

  RawCreateArgs no_tensor_array(setup.config(), setup.weights());
  no_tensor_array.args.tensors = nullptr;
  EXPECT_TRUE(create_fails(api, no_tensor_array)) << "NULL tensors with n_tensors > 0";

  RawCreateArgs null_options(setup.config(), setup.weights());
  null_options.args.n_options = 1;
  EXPECT_TRUE(create_fails(api, null_options)) << "NULL options with n_options > 0";
}

TEST_P(BackendTest, RawCreateRejectsMalformedTensors) {
  const tb_backend_api& api = plugin().api();
  const AbiCase setup;

  RawCreateArgs null_entry(setup.config(), setup.weights());
  null_entry.tensor_pointers[3] = nullptr;
  EXPECT_TRUE(create_fails(api, null_entry)) << "NULL tensor pointer";

  RawCreateArgs short_tensor(setup.config(), setup.weights());
  short_tensor.tensors[2].struct_size = offsetof(tb_tensor, data);
  EXPECT_TRUE(create_fails(api, short_tensor)) << "tensor struct_size without data";

  RawCreateArgs no_name(setup.config(), setup.weights());
  no_name.tensors[1].name = nullptr;
  EXPECT_TRUE(create_fails(api, no_name)) << "NULL tensor name";

  RawCreateArgs no_data(setup.config(), setup.weights());
  no_data.tensors[0].data = nullptr;
  EXPECT_TRUE(create_fails(api, no_data)) << "NULL tensor data";

  RawCreateArgs wrong_dtype(setup.config(), setup.weights());
  wrong_dtype.tensors[4].dtype = TB_DTYPE_F32 + 1;
  EXPECT_TRUE(create_fails(api, wrong_dtype)) << "unknown dtype";

  RawCreateArgs bad_rank(setup.config(), setup.weights());
  bad_rank.tensors[0].rank = TB_TENSOR_MAX_RANK + 1;
  EXPECT_TRUE(create_fails(api, bad_rank)) << "rank above TB_TENSOR_MAX_RANK";

  RawCreateArgs negative_dim(setup.config(), setup.weights());
  negative_dim.tensors[0].shape[0] = -20;
  EXPECT_TRUE(create_fails(api, negative_dim)) << "negative dimension";
}

TEST_P(BackendTest, RawForwardRejectsBadArguments) {
  const tb_backend_api& api = plugin().api();
  const AbiCase setup;
  const std::unique_ptr<tb::Model> owner = plugin().create_model(setup.config(), setup.weights());

  // A second raw model, so the calls below use the table exactly as written.
  RawCreateArgs raw(setup.config(), setup.weights());
  tb_model* model = nullptr;
  ASSERT_EQ(api.model_create(&raw.args, &model), nullptr);
  ASSERT_NE(model, nullptr);

  const std::vector<int32_t> tokens = tb::make_tokens(1, 4, 20, 101);
  std::vector<float> logits(4 * 20);
  tb_forward_args valid{};
  valid.struct_size = sizeof(valid);
  valid.tokens = tokens.data();
  valid.batch_size = 1;
  valid.seq_len = 4;
  valid.logits = logits.data();
  valid.logits_capacity = logits.size();

  EXPECT_TRUE(is_error(api, api.model_forward(model, nullptr), TB_STATUS_INVALID_ARGUMENT)) << "NULL args";
  EXPECT_TRUE(is_error(api, api.model_forward(nullptr, &valid), TB_STATUS_INVALID_ARGUMENT)) << "NULL model";

  tb_forward_args short_args = valid;
  short_args.struct_size = offsetof(tb_forward_args, logits_capacity);
  EXPECT_TRUE(is_error(api, api.model_forward(model, &short_args), TB_STATUS_INVALID_ARGUMENT))
      << "struct_size without logits_capacity";

  tb_forward_args no_tokens = valid;
  no_tokens.tokens = nullptr;
  EXPECT_TRUE(is_error(api, api.model_forward(model, &no_tokens), TB_STATUS_INVALID_ARGUMENT)) << "NULL tokens";

  tb_forward_args no_logits = valid;
  no_logits.logits = nullptr;
  EXPECT_TRUE(is_error(api, api.model_forward(model, &no_logits), TB_STATUS_INVALID_ARGUMENT)) << "NULL logits";

  tb_memory_info memory{};
  memory.struct_size = sizeof(memory);
  EXPECT_TRUE(is_error(api, api.model_get_memory(model, nullptr), TB_STATUS_INVALID_ARGUMENT)) << "NULL out";
  EXPECT_TRUE(is_error(api, api.model_get_memory(nullptr, &memory), TB_STATUS_INVALID_ARGUMENT)) << "NULL model";
  EXPECT_TRUE(is_error(api, api.model_set_threads(nullptr, 1), TB_STATUS_INVALID_ARGUMENT)) << "NULL model";

  // After all that, the valid call works.
  EXPECT_EQ(api.model_forward(model, &valid), nullptr);
  api.model_destroy(model);
}

TEST_P(BackendTest, RawDestroyAcceptsNull) {
  const tb_backend_api& api = plugin().api();
  api.model_destroy(nullptr);
  api.error_destroy(nullptr);
  SUCCEED();
}

}  // namespace
