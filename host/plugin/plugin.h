// One loaded backend plugin: the shared object (Boost.DLL, local symbol binding,
// immediate resolution), its validated function table and its metadata. Once
// loaded, a plugin's file stays mapped until the process exits (RTLD_NODELETE), so
// threads it leaves behind never run unmapped code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/dll/shared_library.hpp>
#include <transformer_bench/backend.h>

#include "model/model_config.h"
#include "model/weights.h"

namespace tb {

class Model;

// A file that could not be used as a backend; what() is the reason for `list`.
class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PluginInfo {
  std::filesystem::path path;
  uint32_t abi_major = 0;
  uint32_t abi_minor = 0;
  std::string name;
  std::string version;
  std::string description;
  std::string build_info;
  uint32_t dtypes = 0;
  uint32_t capabilities = 0;
  int32_t max_threads = 0;
  int32_t max_seq_len = 0;
};

using BackendOptions = std::vector<std::pair<std::string, std::string>>;

class Plugin : public std::enable_shared_from_this<Plugin> {
 public:
  // Loads and validates `path`. Throws PluginLoadError naming the path, the reason
  // and, where they matter, both ABI versions.
  static std::shared_ptr<Plugin> load(const std::filesystem::path& path);

  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  const PluginInfo& info() const { return info_; }
  const tb_backend_api& api() const { return *api_; }

  // Creates a model from host weights; the weights may be freed afterwards. Throws
  // BackendError when the backend rejects the request.
  std::unique_ptr<Model> create_model(const ModelConfig& config, const Weights& weights,
                                      const BackendOptions& options = {}) const;

 private:
  Plugin() = default;

  boost::dll::shared_library library_;
  const tb_backend_api* api_ = nullptr;
  PluginInfo info_;
};

}  // namespace tb
