// Checks of the entry point and version negotiation: the plugin loads in this host,
// handles a host of a future major version safely, and returns a stable table.
#include <dlfcn.h>

#include <cstring>

#include "check/check_context.h"
#include "check/check_groups.h"

namespace tb::check {

namespace {

std::string version_text(uint32_t major, uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// The plugin's entry point, looked up again in the already loaded library so the
// checks can call it with versions other than the host's.
tb_get_backend_api_fn find_entry_point(CheckContext& context) {
  context.plugin();
  void* library = ::dlopen(context.options().plugin.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  if (library == nullptr) throw CheckFailure("dlopen of the loaded plugin failed: " + std::string(::dlerror()));

  // The handle is not closed: the plugin stays loaded until the process ends anyway.
  void* symbol = ::dlsym(library, TB_ENTRY_POINT_NAME);
  if (symbol == nullptr) throw CheckFailure(std::string("dlsym of ") + TB_ENTRY_POINT_NAME + " failed");
  return reinterpret_cast<tb_get_backend_api_fn>(symbol);
}

CheckOutcome check_load(CheckContext& context) {
  const PluginInfo& info = context.info();
  const tb_backend_api& api = context.api();
  return pass("backend '" + info.name + "' " + info.version + ", plugin ABI " +
              version_text(info.abi_major, info.abi_minor) + ", host ABI " +
              version_text(TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR) + ", function table of " +
              std::to_string(api.struct_size) + " bytes");
}

CheckOutcome check_future_major(CheckContext& context) {
  const tb_get_backend_api_fn entry_point = find_entry_point(context);
  const uint32_t future_major = TB_ABI_VERSION_MAJOR + 1;
  const std::string future = version_text(future_major, 0);

  const tb_backend_api* table = entry_point(future_major, 0);
  if (table == nullptr) {
    return pass("returns NULL for host ABI " + future + ", so such a host reports the plugin as incompatible");
  }
  if (table->struct_size < TB_STRUCT_SIZE(tb_backend_api, abi_minor)) {
    return fail("for host ABI " + future + " it returns a table too small to hold a version (struct_size " +
                std::to_string(table->struct_size) + ")");
  }
  if (table->abi_major == future_major) {
    return fail("for host ABI " + future + " it returns a table that claims ABI " +
                version_text(table->abi_major, table->abi_minor) + ", but the plugin is built for ABI " +
                std::to_string(context.info().abi_major) + ".x");
  }
  return pass("returns its ABI " + version_text(table->abi_major, table->abi_minor) + " table for host ABI " +
              future + ", which such a host rejects by the version");
}

CheckOutcome check_stable_table(CheckContext& context) {
  const tb_get_backend_api_fn entry_point = find_entry_point(context);
  const tb_backend_api& first = context.api();

  for (int call = 0; call < 2; ++call) {
    const tb_backend_api* again = entry_point(TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR);
    if (again == nullptr) return fail("the entry point returned NULL on a repeated call with the host's version");
    if (again->struct_size != first.struct_size || std::memcmp(again, &first, first.struct_size) != 0) {
      return fail("a repeated call to the entry point returned a different function table");
    }
  }
  return pass("repeated calls return the same function table");
}

}  // namespace

void add_entry_point_checks(std::vector<CheckDefinition>& checks) {
  checks.push_back({"load", "the plugin loads: entry point, ABI version, function table, get_info", false, {},
                    check_load});
  checks.push_back({"entry_point_future_major",
                    "asked by a host of the next ABI major version, the entry point returns NULL or a table "
                    "of its own version",
                    false,
                    {"load"},
                    check_future_major});
  checks.push_back({"entry_point_stable", "repeated calls to the entry point return the same table", false,
                    {"load"}, check_stable_table});
}

}  // namespace tb::check
