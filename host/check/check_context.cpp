#include "check/check_context.h"

#include "plugin/backend_error.h"
#include "plugin/model.h"

namespace tb::check {

Plugin& CheckContext::plugin() {
  if (!plugin_) plugin_ = Plugin::load(options_.plugin);
  return *plugin_;
}

std::shared_ptr<Plugin> CheckContext::reference() {
  if (reference_ || options_.reference.empty()) return reference_;
  try {
    reference_ = Plugin::load(options_.reference);
  } catch (const PluginLoadError& error) {
    throw CheckFailure("the reference backend " + options_.reference.string() + " does not load: " + error.what());
  }
  return reference_;
}

const TestModel& CheckContext::model(TestModelKind kind) {
  auto found = models_.find(kind);
  if (found == models_.end()) {
    found = models_.emplace(kind, make_test_model(kind, info().max_seq_len)).first;
  }
  return found->second;
}

std::vector<float> CheckContext::reference_logits(const TestModel& model, const std::vector<int32_t>& tokens,
                                                  int batch_size, int seq_len) {
  std::shared_ptr<Plugin> backend = reference();
  if (!backend) throw CheckFailure("no reference backend");

  const size_t n_logits = tokens.size() * static_cast<size_t>(model.config.vocab_size);
  std::vector<float> logits(n_logits);
  try {
    std::unique_ptr<Model> reference_model = backend->create_model(model.config, model.weights);
    reference_model->forward(tokens, batch_size, seq_len, logits);
  } catch (const BackendError& error) {
    throw CheckFailure(std::string("the reference backend failed: ") + error.what());
  }
  return logits;
}

}  // namespace tb::check
