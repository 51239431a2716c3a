// A backend plugin opened as the host opens it (dlopen with RTLD_LOCAL | RTLD_NOW),
// plus helpers that turn the plugin's tb_error results into values tests can check.
#pragma once

#include <transformer_bench/backend.h>

#include <cstdint>
#include <string>

namespace tb_test {

class PluginLibrary {
 public:
  // Opens the plugin at `path` and fetches its function table. Throws
  // std::runtime_error with the dynamic linker's message on failure.
  explicit PluginLibrary(const std::string& path);

  // The library stays loaded until the process exits: unloading LibTorch while its
  // OpenMP worker threads exist is not something these tests examine.
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const tb_backend_api& api() const { return *api_; }

  tb_get_backend_api_fn entry_point() const { return entry_point_; }

 private:
  tb_get_backend_api_fn entry_point_ = nullptr;
  const tb_backend_api* api_ = nullptr;
};

// The outcome of one plugin call: TB_STATUS_OK or the error's code and message.
struct CallResult {
  int32_t status = TB_STATUS_OK;
  std::string message;

  bool ok() const { return status == TB_STATUS_OK; }
};

// Reads and destroys `error`, which may be NULL.
CallResult take_error(const tb_backend_api& api, tb_error* error);

}  // namespace tb_test
