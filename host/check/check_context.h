// The state of one check inside its child process: the options, the plugin under
// test and the reference backend (each loaded on first use), and the test models.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include <transformer_bench/backend.h>

#include "check/check.h"
#include "check/test_models.h"
#include "plugin/plugin.h"

namespace tb::check {

class CheckContext {
 public:
  explicit CheckContext(const CheckOptions& options) : options_(options) {}

  const CheckOptions& options() const { return options_; }

  // The plugin under test. Throws PluginLoadError when it does not load.
  Plugin& plugin();
  const tb_backend_api& api() { return plugin().api(); }
  const PluginInfo& info() { return plugin().info(); }

  // The reference backend, or nullptr when no reference was given or found. Throws
  // CheckFailure when the reference is set but does not load.
  std::shared_ptr<Plugin> reference();

  // A test model sized for this plugin (see make_test_model); built once.
  const TestModel& model(TestModelKind kind);

  // The reference backend's logits for `tokens` [B, T] on `model`. Throws
  // CheckFailure when the reference fails.
  std::vector<float> reference_logits(const TestModel& model, const std::vector<int32_t>& tokens, int batch_size,
                                      int seq_len);

 private:
  CheckOptions options_;
  std::shared_ptr<Plugin> plugin_;
  std::shared_ptr<Plugin> reference_;
  std::map<TestModelKind, TestModel> models_;
};

}  // namespace tb::check
