// Releasing a plugin. If a plugin leaves worker threads behind, such as an OpenMP
// pool, and its code or that of a library it loaded is unmapped, those threads crash
// the process later at a random point. tb::Plugin::load therefore marks every plugin
// RTLD_NODELETE; this test fails if a released plugin with live threads is unmapped.
#include <dlfcn.h>

#include <filesystem>

#include "backend_fixture.h"

namespace {

size_t count_threads() {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++count;
  return count;
}

bool is_loaded(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  dlclose(handle);
  return true;
}

TEST_P(BackendTest, UnloadLeavesNoThreadsBehind) {
  // The check passes for a plugin that stays mapped anyway: glibc keeps an object
  // loaded once it defines an STB_GNU_UNIQUE symbol, and std::to_string gives the
  // scalar plugin two of them.
  plugin_.reset();
  const size_t threads_before = count_threads();

  {
    const std::shared_ptr<tb::Plugin> plugin = tb::Plugin::load(GetParam().path);
    const tb::ModelConfig config = make_config(50, 32, 2, 4, 16);
    const std::unique_ptr<tb::Model> model = plugin->create_model(config, make_weights(config, 113));
    model->set_threads(plugin->info().max_threads == 1 ? 1 : 2);
    run_forward(*model, tb::make_tokens(2, 16, config.vocab_size, 127), 2, 16, config.vocab_size);
  }

  const size_t threads_after = count_threads();
  if (threads_after > threads_before) {
    EXPECT_TRUE(is_loaded(GetParam().path))
        << (threads_after - threads_before)
        << " thread(s) started by the plugin still run after it was unloaded, so they can execute unmapped "
           "code. Link the plugin with -Wl,-z,nodelete or join its threads before unloading.";
  }
}

}  // namespace
