// `transformer-bench validate CONFIG`: parses and checks a matrix config the way `run`
// does, including the plugin search, and prints what the matrix would run, without
// running anything.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command.h"
#include "config/config_error.h"
#include "config/default_matrix.h"
#include "config/matrix_summary.h"
#include "config/override_options.h"
#include "config/prepare_matrix.h"
#include "plugin/discovery.h"

namespace {

namespace po = boost::program_options;

constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;

void print_help(const po::options_description& options) {
  std::ostringstream text;
  text << options;
  std::printf(
      "Usage: transformer-bench validate [CONFIG] [options]\n\n"
      "Parses the matrix config CONFIG (default: the built-in default matrix, configs/default.yaml),\n"
      "applies the options below, searches for plugins and checks everything 'run' would check.\n"
      "On success prints the cell count and each axis and exits with 0; otherwise prints every\n"
      "error as file:line:column: error: message to stderr and exits with 1.\n\n%s",
      text.str().c_str());
}

int validate(const std::vector<std::string>& args) {
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("plugin-dir", po::value<std::vector<std::string>>()->composing()->value_name("DIR"),
       "search DIR for backend plugins before the default folders; may be repeated");
  // clang-format on
  tb::add_override_options(options);

  po::options_description positional_only;
  positional_only.add_options()("config", po::value<std::string>());
  po::options_description all;
  all.add(options).add(positional_only);
  po::positional_options_description positional;
  positional.add("config", 1);

  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::fprintf(stderr,
                 "transformer-bench validate: error: %s. Run 'transformer-bench validate --help' for the options.\n",
                 error.what());
    return kExitUsage;
  }

  if (values.count("help")) {
    print_help(options);
    return 0;
  }

  std::optional<std::filesystem::path> config_file;
  if (values.count("config")) config_file = values["config"].as<std::string>();
  const std::string source = config_file ? config_file->string() : tb::kDefaultMatrixSource;
  std::vector<std::string> plugin_dirs;
  if (values.count("plugin-dir")) plugin_dirs = values["plugin-dir"].as<std::vector<std::string>>();

  try {
    const tb::MatrixOverrides overrides = tb::read_overrides(values);
    const tb::PluginSet plugins = tb::discover_plugins(tb::plugin_search_dirs(plugin_dirs));
    const tb::MatrixConfig config = tb::prepare_matrix(config_file, overrides, plugins);

    std::printf("%s: valid, %s", source.c_str(), tb::summarize_matrix(config).c_str());
    return 0;
  } catch (const tb::ConfigErrors& invalid) {
    for (const tb::ConfigError& error : invalid.errors()) std::fprintf(stderr, "%s\n", tb::format_error(error).c_str());
    const size_t count = invalid.errors().size();
    std::fprintf(stderr, "%s: invalid, %zu %s\n", source.c_str(), count, count == 1 ? "error" : "errors");
    return kExitInvalid;
  }
}

}  // namespace

TB_REGISTER_COMMAND(validate_command, "validate", "check a matrix config and show the cells it expands to", false,
                    &validate);
