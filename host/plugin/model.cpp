#include "plugin/model.h"

#include <stdexcept>
#include <string>

#include "plugin/backend_error.h"
#include "plugin/plugin.h"

namespace tb {

namespace {

// Calls into the plugin and turns both a returned error and an escaped C++ exception
// (an ABI violation, but one a host must survive) into a BackendError.
template <typename Call>
void call_plugin(const Plugin& plugin, const char* function, Call call) {
  tb_error* error = nullptr;
  try {
    error = call();
  } catch (...) {
    throw BackendError(TB_STATUS_INTERNAL,
                       plugin.info().name + ": " + function + " let a C++ exception escape, which the ABI forbids");
  }
  throw_if_error(plugin.api(), error, plugin.info().name + ": " + function + " failed");
}

}  // namespace

Model::Model(std::shared_ptr<const Plugin> plugin, tb_model* handle) : plugin_(std::move(plugin)), handle_(handle) {}

Model::~Model() {
  try {
    plugin_->api().model_destroy(handle_);
  } catch (...) {
    // A destructor cannot report; the plugin broke the ABI and the host carries on.
  }
}

void Model::set_threads(int n_threads) {
  call_plugin(*plugin_, "model_set_threads",
              [&] { return plugin_->api().model_set_threads(handle_, static_cast<int32_t>(n_threads)); });
}

void Model::forward(std::span<const int32_t> tokens, int batch_size, int seq_len, std::span<float> logits) {
  // The ABI passes no token count, so a short buffer would be read past its end.
  const int64_t token_count = static_cast<int64_t>(batch_size) * seq_len;
  if (batch_size > 0 && seq_len > 0 && static_cast<int64_t>(tokens.size()) < token_count) {
    throw std::invalid_argument("Model::forward: " + std::to_string(tokens.size()) + " token ids for B=" +
                                std::to_string(batch_size) + ", T=" + std::to_string(seq_len) + " (need B*T)");
  }
  tb_forward_args args{};
  args.struct_size = sizeof(args);
  args.tokens = tokens.data();
  args.batch_size = batch_size;
  args.seq_len = seq_len;
  args.logits = logits.data();
  args.logits_capacity = logits.size();
  call_plugin(*plugin_, "model_forward", [&] { return plugin_->api().model_forward(handle_, &args); });
}

MemoryInfo Model::memory() const {
  tb_memory_info info{};
  info.struct_size = sizeof(info);
  call_plugin(*plugin_, "model_get_memory", [&] { return plugin_->api().model_get_memory(handle_, &info); });
  return MemoryInfo{info.weight_bytes, info.workspace_bytes};
}

}  // namespace tb
