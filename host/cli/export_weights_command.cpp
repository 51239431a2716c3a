// `transformer-bench export-weights`: writes the deterministic weights that `run`
// generates for a model (init_weights) to a .safetensors file, so they can be
// inspected, used by other tools or loaded back through a model's `weights: {file}`.
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "cli/command.h"
#include "config/config_error.h"
#include "config/matrix_parser.h"
#include "model/model_config.h"
#include "model/weights.h"
#include "weights/safetensors.h"

namespace {

namespace po = boost::program_options;

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

void print_help(const po::options_description& options) {
  std::ostringstream text;
  text << options;
  std::printf(
      "Usage: transformer-bench export-weights --d-model D --n-layers L --n-heads H --vocab-size V\n"
      "                                        [--d-ff F] [--seed N] [--name NAME] -o FILE.safetensors\n"
      "       transformer-bench export-weights --config CONFIG --model NAME -o FILE.safetensors\n\n"
      "Writes the weights 'run' generates from a seed (docs/model.md) as float32 safetensors, in\n"
      "canonical tensor order, with the model configuration and seed in __metadata__. The shape\n"
      "comes from the options or from the model NAME of a matrix config (its shape and seed).\n\n%s",
      text.str().c_str());
}

po::options_description visible_options() {
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("output,o", po::value<std::string>()->value_name("FILE"), "the .safetensors file to write (replaced if it exists)")
      ("config", po::value<std::string>()->value_name("CONFIG"), "take the model from this matrix config")
      ("model", po::value<std::string>()->value_name("NAME"), "the model of --config to export")
      ("d-model", po::value<int>()->value_name("D"), "model width")
      ("n-layers", po::value<int>()->value_name("L"), "number of transformer blocks")
      ("n-heads", po::value<int>()->value_name("H"), "attention heads; must divide d-model")
      ("vocab-size", po::value<int>()->value_name("V"), "vocabulary size")
      ("d-ff", po::value<int>()->value_name("F"), "feed-forward width (default 2 x d-model)")
      ("seed", po::value<uint64_t>()->default_value(0)->value_name("N"), "seed of the weights")
      ("name", po::value<std::string>()->value_name("NAME"), "model name in the metadata (default <D>d_<L>l_<H>h)");
  // clang-format on
  return options;
}

// The model and seed from --config/--model. Throws std::runtime_error naming the
// model and the config when the model is not found or loads its weights from a file.
tb::ModelEntry model_from_config(const std::string& config_file, const std::string& name) {
  const tb::MatrixConfig config = tb::load_matrix_file(config_file);
  std::string names;
  for (const tb::ModelEntry& entry : config.models) {
    if (entry.config.name == name) {
      if (!entry.weights_file.empty()) {
        throw std::runtime_error("model '" + name + "' of " + config_file + " loads its weights from " +
                                 entry.weights_file + "; there are no generated weights to export");
      }
      return entry;
    }
    names += (names.empty() ? "" : ", ") + entry.config.name;
  }
  throw std::runtime_error("model '" + name + "' not found in " + config_file + "; it has: " + names);
}

tb::ModelEntry model_from_options(const po::variables_map& values) {
  for (const char* required : {"d-model", "n-layers", "n-heads", "vocab-size"}) {
    if (!values.count(required)) {
      throw std::invalid_argument(std::string("missing --") + required + " (or give --config and --model)");
    }
  }
  tb::ModelEntry entry;
  entry.config.d_model = values["d-model"].as<int>();
  entry.config.n_layers = values["n-layers"].as<int>();
  entry.config.n_heads = values["n-heads"].as<int>();
  entry.config.vocab_size = values["vocab-size"].as<int>();
  if (values.count("d-ff")) entry.config.d_ff = values["d-ff"].as<int>();
  // The weights do not depend on the longest sequence; any positive value passes
  // validate().
  entry.config.max_seq_len = 1;
  entry.config.name =
      values.count("name") ? values["name"].as<std::string>() : tb::default_model_name(entry.config);
  entry.seed = values["seed"].as<uint64_t>();
  tb::validate(entry.config);
  return entry;
}

int export_weights(const std::vector<std::string>& args) {
  const po::options_description options = visible_options();
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(options).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::fprintf(stderr,
                 "transformer-bench export-weights: error: %s. Run 'transformer-bench export-weights --help' for the "
                 "options.\n",
                 error.what());
    return kExitUsage;
  }
  if (values.count("help")) {
    print_help(options);
    return 0;
  }
  if (!values.count("output")) {
    std::fprintf(stderr, "transformer-bench export-weights: error: missing -o FILE.safetensors.\n");
    return kExitUsage;
  }
  if (values.count("config") != values.count("model")) {
    std::fprintf(stderr, "transformer-bench export-weights: error: --config and --model go together.\n");
    return kExitUsage;
  }

  tb::ModelEntry model;
  try {
    model = values.count("config") ? model_from_config(values["config"].as<std::string>(),
                                                       values["model"].as<std::string>())
                                   : model_from_options(values);
  } catch (const tb::ConfigErrors& invalid) {
    for (const tb::ConfigError& error : invalid.errors()) std::fprintf(stderr, "%s\n", tb::format_error(error).c_str());
    return kExitUsage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "transformer-bench export-weights: error: %s\n", error.what());
    return kExitUsage;
  }

  const std::string output = values["output"].as<std::string>();
  try {
    const tb::Weights weights = tb::init_weights(model.config, model.seed);
    tb::write_safetensors(output, weights, tb::weights_metadata(model.config, model.seed));
    std::fprintf(stderr, "Wrote %s: model %s, seed %llu, %zu tensors, %llu bytes of float32\n", output.c_str(),
                 model.config.name.c_str(), static_cast<unsigned long long>(model.seed), weights.tensors.size(),
                 static_cast<unsigned long long>(weights.bytes()));
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "transformer-bench export-weights: error: %s\n", error.what());
    return kExitError;
  }
}

}  // namespace

TB_REGISTER_COMMAND(export_weights_command, "export-weights",
                    "write a model's generated weights to a .safetensors file", false, &export_weights);
