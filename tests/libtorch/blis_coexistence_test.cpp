// The LibTorch and BLIS plugins loaded into one process, as the host loads them
// (dlopen with RTLD_LOCAL | RTLD_NOW), running forward passes in turn. Both use
// OpenMP (libgomp) and a copy of BLIS: LibTorch through the system BLAS, the BLIS
// plugin through a copy linked into it.
//
// Each case runs in a fresh process (a gtest death test in "threadsafe" style
// re-executes this binary), so that the load order it names is the real one.
#include "plugin_library.h"
#include "plugin_model.h"
#include "reference_forward.h"
#include "test_model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace tb_test {
namespace {

constexpr double kTolerance = 1e-4;

// Returns a description of the first mismatch or failed call, or an empty string.
std::string check_model(PluginModel& first, PluginModel& second, const std::vector<int32_t>& tokens,
                        int32_t batch_size, int32_t seq_len, const std::vector<double>& expected) {
  for (const int32_t threads : {1, 2, 1}) {
    for (PluginModel* model : {&first, &second}) {
      const char* plugin_label = model == &first ? "first" : "second";
      std::vector<float> logits;
      const CallResult set = model->set_threads(threads);
      const CallResult run = set.ok() ? model->forward(tokens, batch_size, seq_len, logits) : set;
      if (!run.ok()) {
        return std::string(plugin_label) + " plugin failed at " + std::to_string(threads) + " threads: " + run.message;
      }
      const double difference = max_abs_difference(logits, expected);
      if (!(difference < kTolerance)) {
        std::ostringstream message;
        message << plugin_label << " plugin at " << threads << " threads differs from the reference by "
                << difference;
        return message.str();
      }
    }
  }
  return "";
}

std::string run_both_plugins(const char* first_path, const char* second_path) {
  const PluginLibrary first(first_path);
  const PluginLibrary second(second_path);

  const std::string golden_path = std::string(TB_GOLDEN_DIR) + "/small_32d_2l_4h.json";
  TestModel golden_model = TestModel::golden(golden_path, 32);
  const GoldenCase golden = load_golden_case(golden_path);
  PluginModel golden_first(first, golden_model);
  PluginModel golden_second(second, golden_model);
  std::string failure = check_model(golden_first, golden_second, golden.tokens, golden.batch_size,
                                    golden.seq_len, golden.logits);
  if (!failure.empty()) {
    return "golden model: " + failure;
  }

  // Large enough for LibTorch's oneDNN route and for BLIS to start its OpenMP threads.
  TestModel large_model = TestModel::random({500, 256, 2, 4, 1024, 64}, 6);
  const std::vector<int32_t> tokens = random_tokens(500, 64, 3);
  const std::vector<double> expected = reference_forward(large_model, tokens, 1, 64);
  PluginModel large_first(first, large_model);
  PluginModel large_second(second, large_model);
  failure = check_model(large_first, large_second, tokens, 1, 64, expected);
  return failure.empty() ? "" : "random model: " + failure;
}

// Runs both plugins and ends the process: exit status 0 when all went well.
[[noreturn]] void run_and_exit(const char* first_path, const char* second_path) {
  std::string failure;
  try {
    failure = run_both_plugins(first_path, second_path);
  } catch (const std::exception& e) {
    failure = e.what();
  }
  if (!failure.empty()) {
    std::fprintf(stderr, "%s\n", failure.c_str());
  }
  std::exit(failure.empty() ? 0 : 1);
}

// Returns the path of tb_blis.so, or an empty string when it was not built.
std::string blis_plugin_path() {
#ifdef TB_BLIS_PLUGIN
  struct stat file_status{};
  return stat(TB_BLIS_PLUGIN, &file_status) == 0 ? TB_BLIS_PLUGIN : "";
#else
  return "";
#endif
}

TEST(LibtorchWithBlisDeathTest, LibtorchLoadedFirst) {
  const std::string blis = blis_plugin_path();
  if (blis.empty()) {
    GTEST_SKIP() << "tb_blis.so was not built (TB_WITH_BLIS=OFF or BLIS missing), so there is "
                    "no second plugin to load";
  }
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_and_exit(TB_LIBTORCH_PLUGIN, blis.c_str()), ::testing::ExitedWithCode(0), "");
}

TEST(LibtorchWithBlisDeathTest, BlisLoadedFirst) {
  const std::string blis = blis_plugin_path();
  if (blis.empty()) {
    GTEST_SKIP() << "tb_blis.so was not built (TB_WITH_BLIS=OFF or BLIS missing), so there is "
                    "no second plugin to load";
  }
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_and_exit(blis.c_str(), TB_LIBTORCH_PLUGIN), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace tb_test
