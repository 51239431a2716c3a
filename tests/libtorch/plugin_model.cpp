#include "plugin_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tb_test {

PluginModel::PluginModel(const PluginLibrary& plugin, TestModel& model)
    : api_(plugin.api()), vocab_size_(model.config().vocab_size) {
  const tb_model_create_args args = model.create_args();
  const CallResult result = take_error(api_, api_.model_create(&args, &model_));
  if (!result.ok()) {
    throw std::runtime_error("model_create failed: " + result.message);
  }
}

PluginModel::~PluginModel() {
  api_.model_destroy(model_);
}

CallResult PluginModel::set_threads(int32_t n_threads) {
  return take_error(api_, api_.model_set_threads(model_, n_threads));
}

CallResult PluginModel::forward(const std::vector<int32_t>& tokens, int32_t batch_size,
                                int32_t seq_len, std::vector<float>& logits) {
  logits.assign(static_cast<size_t>(batch_size) * static_cast<size_t>(seq_len) *
                    static_cast<size_t>(vocab_size_),
                0.0f);
  tb_forward_args args{};
  args.struct_size = sizeof(tb_forward_args);
  args.tokens = tokens.data();
  args.batch_size = batch_size;
  args.seq_len = seq_len;
  args.logits = logits.data();
  args.logits_capacity = logits.size();
  return take_error(api_, api_.model_forward(model_, &args));
}

tb_memory_info PluginModel::memory() {
  tb_memory_info info{};
  info.struct_size = sizeof(tb_memory_info);
  const CallResult result = take_error(api_, api_.model_get_memory(model_, &info));
  if (!result.ok()) {
    throw std::runtime_error("model_get_memory failed: " + result.message);
  }
  return info;
}

double max_abs_difference(const std::vector<float>& actual, const std::vector<double>& expected) {
  if (actual.size() != expected.size()) {
    return std::numeric_limits<double>::infinity();
  }
  double largest = 0.0;
  for (size_t i = 0; i < actual.size(); ++i) {
    const double difference = std::fabs(static_cast<double>(actual[i]) - expected[i]);
    if (std::isnan(difference)) {
      return std::numeric_limits<double>::infinity();
    }
    largest = std::max(largest, difference);
  }
  return largest;
}

}  // namespace tb_test
