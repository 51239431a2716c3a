#include "plugin_library.h"

#include <dlfcn.h>

#include <stdexcept>

namespace tb_test {

PluginLibrary::PluginLibrary(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_LOCAL | RTLD_NOW);
  if (handle == nullptr) {
    throw std::runtime_error("dlopen(" + path + ") failed: " + dlerror());
  }
  void* entry = dlsym(handle, TB_ENTRY_POINT_NAME);
  if (entry == nullptr) {
    throw std::runtime_error(path + " does not export " TB_ENTRY_POINT_NAME);
  }
  entry_point_ = reinterpret_cast<tb_get_backend_api_fn>(entry);
  api_ = entry_point_(TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR);
  if (api_ == nullptr) {
    throw std::runtime_error(path + " returned no function table for ABI " +
                             std::to_string(TB_ABI_VERSION_MAJOR));
  }
}

CallResult take_error(const tb_backend_api& api, tb_error* error) {
  CallResult result;
  if (error != nullptr) {
    result.status = api.error_code(error);
    result.message = api.error_message(error);
    api.error_destroy(error);
  }
  return result;
}

}  // namespace tb_test
