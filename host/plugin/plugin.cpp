// Loading and validation of one plugin file.
#include "plugin/plugin.h"

#include <dlfcn.h>

#include <cstring>

#include "plugin/backend_error.h"
#include "plugin/model.h"

namespace tb {

namespace {

std::string version_string(uint32_t major, uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

std::string host_version() { return version_string(TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR); }

// Rejects a table whose v1.0 mandatory functions are not all set.
void check_mandatory_functions(const tb_backend_api& api) {
  const std::pair<const char*, bool> functions[] = {
      {"error_message", api.error_message != nullptr},
      {"error_code", api.error_code != nullptr},
      {"error_destroy", api.error_destroy != nullptr},
      {"get_info", api.get_info != nullptr},
      {"model_create", api.model_create != nullptr},
      {"model_destroy", api.model_destroy != nullptr},
      {"model_set_threads", api.model_set_threads != nullptr},
      {"model_forward", api.model_forward != nullptr},
      {"model_get_memory", api.model_get_memory != nullptr},
  };
  for (const auto& [name, present] : functions) {
    if (!present) throw PluginLoadError(std::string("mandatory function ") + name + " is NULL in the function table");
  }
}

std::string copy_string(const char* text) { return text ? std::string(text) : std::string(); }

// Marks an already loaded library RTLD_NODELETE, so it is never unmapped. A plugin
// whose runtime keeps worker threads alive between calls (an OpenMP pool, say) would
// otherwise crash the process at a random later point when the last handle closes
// and those threads run unmapped code. A benchmark process loads each plugin once,
// so nothing is lost by keeping it.
void keep_mapped_until_exit(const std::filesystem::path& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD | RTLD_NODELETE);
  if (handle != nullptr) dlclose(handle);  // the flag stays; this drops only our extra reference
}

}  // namespace

std::shared_ptr<Plugin> Plugin::load(const std::filesystem::path& path) {
  std::shared_ptr<Plugin> plugin(new Plugin());
  plugin->info_.path = path;

  // Local binding keeps each plugin's dependencies (two OpenMP runtimes, say) from
  // resolving against another plugin's; immediate resolution turns a missing
  // symbol into a load error now rather than a crash mid-benchmark.
  boost::dll::fs::error_code error;
  plugin->library_.load(boost::dll::fs::path(path.string()),
                        boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now, error);
  if (error) {
    throw PluginLoadError("not a loadable shared object: " + error.message());
  }
  keep_mapped_until_exit(path);

  if (!plugin->library_.has(TB_ENTRY_POINT_NAME)) {
    throw PluginLoadError(std::string("no entry point: the symbol ") + TB_ENTRY_POINT_NAME +
                          " is not exported (declare it with TB_PLUGIN_EXPORT and extern \"C\")");
  }
  auto& entry_point = plugin->library_.get<const tb_backend_api*(uint32_t, uint32_t)>(TB_ENTRY_POINT_NAME);

  const tb_backend_api* api = nullptr;
  try {
    api = entry_point(TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR);
  } catch (...) {
    throw PluginLoadError("the entry point threw a C++ exception, which the ABI forbids");
  }
  if (api == nullptr) {
    throw PluginLoadError("the entry point returned NULL for host ABI " + host_version() +
                          ": the plugin does not support this ABI major version");
  }

  constexpr size_t kVersionFieldsSize = TB_STRUCT_SIZE(tb_backend_api, abi_minor);
  if (api->struct_size < kVersionFieldsSize) {
    throw PluginLoadError("function table too small to hold a version: struct_size " +
                          std::to_string(api->struct_size) + " bytes");
  }
  plugin->info_.abi_major = api->abi_major;
  plugin->info_.abi_minor = api->abi_minor;
  const std::string plugin_version = version_string(api->abi_major, api->abi_minor);

  if (api->abi_major != TB_ABI_VERSION_MAJOR) {
    throw PluginLoadError("ABI major version mismatch: plugin " + plugin_version + ", host " + host_version());
  }

  constexpr size_t kV1_0Size = TB_STRUCT_SIZE(tb_backend_api, model_get_memory);
  if (api->struct_size < kV1_0Size) {
    throw PluginLoadError("function table too small: struct_size " + std::to_string(api->struct_size) +
                          " bytes, ABI 1.0 needs at least " + std::to_string(kV1_0Size) + " (plugin ABI " +
                          plugin_version + ", host " + host_version() + ")");
  }
  check_mandatory_functions(*api);
  plugin->api_ = api;

  const tb_backend_info* info = nullptr;
  try {
    info = api->get_info();
  } catch (...) {
    throw PluginLoadError("get_info threw a C++ exception, which the ABI forbids");
  }
  if (info == nullptr) throw PluginLoadError("get_info returned NULL");
  if (info->struct_size < TB_STRUCT_SIZE(tb_backend_info, max_seq_len)) {
    throw PluginLoadError("backend info too small: struct_size " + std::to_string(info->struct_size) + " bytes");
  }
  if (info->name == nullptr || std::strlen(info->name) == 0) {
    throw PluginLoadError("backend info has no name");
  }

  plugin->info_.name = info->name;
  plugin->info_.version = copy_string(info->version);
  plugin->info_.description = copy_string(info->description);
  plugin->info_.build_info = copy_string(info->build_info);
  plugin->info_.dtypes = info->dtypes;
  plugin->info_.capabilities = info->capabilities;
  plugin->info_.max_threads = info->max_threads;
  plugin->info_.max_seq_len = info->max_seq_len;
  return plugin;
}

std::unique_ptr<Model> Plugin::create_model(const ModelConfig& config, const Weights& weights,
                                            const BackendOptions& options) const {
  const tb_model_config abi_config = config.to_abi();
  const TensorViews tensors(weights);

  std::vector<tb_option> option_structs;
  option_structs.reserve(options.size());
  for (const auto& [key, value] : options) {
    option_structs.push_back(tb_option{sizeof(tb_option), key.c_str(), value.c_str()});
  }
  std::vector<const tb_option*> option_pointers;
  for (const tb_option& option : option_structs) option_pointers.push_back(&option);

  tb_model_create_args args{};
  args.struct_size = sizeof(args);
  args.config = &abi_config;
  args.tensors = tensors.data();
  args.n_tensors = tensors.size();
  args.options = option_pointers.empty() ? nullptr : option_pointers.data();
  args.n_options = option_pointers.size();

  tb_model* handle = nullptr;
  tb_error* error = nullptr;
  try {
    error = api_->model_create(&args, &handle);
  } catch (...) {
    throw BackendError(TB_STATUS_INTERNAL, info_.name + ": model_create let a C++ exception escape, which the ABI forbids");
  }
  throw_if_error(*api_, error, info_.name + ": model_create failed");
  if (handle == nullptr) {
    throw BackendError(TB_STATUS_INTERNAL, info_.name + ": model_create reported success but returned no model");
  }
  return std::make_unique<Model>(shared_from_this(), handle);
}

}  // namespace tb
