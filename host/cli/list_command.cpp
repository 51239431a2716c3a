// `transformer-bench list`: where the host looks for plugins, which backends it
// loaded from there and which files it rejected, with the reason for each.
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command.h"
#include "plugin/discovery.h"

namespace {

namespace po = boost::program_options;

constexpr int kExitUsage = 2;

std::string capabilities_text(uint32_t capabilities) {
  std::string text;
  if (capabilities & TB_CAPABILITY_CONCURRENT_MODELS) text += "concurrent models, ";
  if (capabilities & TB_CAPABILITY_DETERMINISTIC) text += "deterministic, ";
  if (text.empty()) return "none";
  return text.substr(0, text.size() - 2);
}

std::string limit_text(int32_t limit) { return limit == 0 ? "no limit" : std::to_string(limit); }

void print_search_path(const tb::PluginSet& plugins) {
  std::printf("Plugin search path (in order; the first backend of a name wins):\n");
  int position = 1;
  for (const tb::SearchDir& dir : plugins.search_dirs) {
    std::error_code error;
    const bool present = std::filesystem::is_directory(dir.dir, error);
    std::printf("  %d. %s  (%s)%s\n", position++, dir.dir.c_str(), dir.origin.c_str(), present ? "" : "  missing");
  }
}

void print_backends(const tb::PluginSet& plugins) {
  const std::vector<std::shared_ptr<tb::Plugin>> backends = plugins.backends();
  std::printf("\nBackends (%zu):\n", backends.size());
  for (const std::shared_ptr<tb::Plugin>& backend : backends) {
    const tb::PluginInfo& info = backend->info();
    std::printf("  %s %s  (ABI %u.%u)\n", info.name.c_str(), info.version.c_str(), info.abi_major, info.abi_minor);
    std::printf("    path:         %s\n", info.path.c_str());
    std::printf("    description:  %s\n", info.description.c_str());
    std::printf("    build:        %s\n", info.build_info.c_str());
    std::printf("    capabilities: %s; max threads: %s; max seq_len: %s\n", capabilities_text(info.capabilities).c_str(),
                limit_text(info.max_threads).c_str(), limit_text(info.max_seq_len).c_str());
  }
}

void print_rejections(const tb::PluginSet& plugins) {
  std::vector<const tb::PluginCandidate*> rejected;
  for (const tb::PluginCandidate& candidate : plugins.candidates) {
    if (!candidate.plugin) rejected.push_back(&candidate);
  }
  if (rejected.empty()) return;

  std::printf("\nRejected files (%zu):\n", rejected.size());
  for (const tb::PluginCandidate* candidate : rejected) {
    std::printf("  %s  (%s)\n    %s\n", candidate->path.c_str(), candidate->origin.c_str(),
                candidate->rejection.c_str());
  }
}

int list(const std::vector<std::string>& args) {
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("plugin-dir", po::value<std::vector<std::string>>()->composing()->value_name("DIR"),
       "search DIR for backend plugins before the default folders; may be repeated");
  // clang-format on

  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(options).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::fprintf(stderr, "transformer-bench list: error: %s. Run 'transformer-bench list --help' for the options.\n",
                 error.what());
    return kExitUsage;
  }
  if (values.count("help")) {
    std::ostringstream text;
    text << options;
    std::printf("Usage: transformer-bench list [--plugin-dir DIR]...\n\n"
                "Shows the plugin search path, every backend loaded from it with its version, ABI version,\n"
                "path and build information, and every file that was rejected, with the reason.\n\n%s",
                text.str().c_str());
    return 0;
  }

  std::vector<std::string> plugin_dirs;
  if (values.count("plugin-dir")) plugin_dirs = values["plugin-dir"].as<std::vector<std::string>>();
  const tb::PluginSet plugins = tb::discover_plugins(tb::plugin_search_dirs(plugin_dirs));

  print_search_path(plugins);
  print_backends(plugins);
  print_rejections(plugins);
  return 0;
}

}  // namespace

TB_REGISTER_COMMAND(list_command, "list", "show the plugin search path, the backends found and rejected files",
                    false, &list);
