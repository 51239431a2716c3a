#include "bench/config_hash.h"

#include <gtest/gtest.h>

#include "test_tasks.h"

namespace {

tb::MatrixConfig small_matrix() {
  tb::MatrixConfig config;
  config.source = "a.yaml";
  config.models.push_back(tb::testing::tiny_model());
  config.backends.push_back({"scalar", {}});
  return config;
}

TEST(ConfigHash, SixteenHexDigitsAndStable) {
  const std::string hash = tb::config_hash(small_matrix());
  EXPECT_EQ(hash.size(), 16u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(tb::config_hash(small_matrix()), hash);
}

TEST(ConfigHash, ChangesWithWhatIsMeasured) {
  const std::string base = tb::config_hash(small_matrix());

  tb::MatrixConfig seed = small_matrix();
  seed.models[0].seed = 2;
  EXPECT_NE(tb::config_hash(seed), base);

  tb::MatrixConfig options = small_matrix();
  options.backends[0].options.emplace_back("block", "64");
  EXPECT_NE(tb::config_hash(options), base);

  tb::MatrixConfig threads = small_matrix();
  threads.threads = {1, 2};
  EXPECT_NE(tb::config_hash(threads), base);

  tb::MatrixConfig tolerance = small_matrix();
  tolerance.measurement.tolerance = 1e-3;
  EXPECT_NE(tb::config_hash(tolerance), base);
}

TEST(ConfigHash, IgnoresPresentationAndLimits) {
  const std::string base = tb::config_hash(small_matrix());

  tb::MatrixConfig changed = small_matrix();
  changed.source = "b.yaml";
  changed.measurement.time_limit_s = 5;
  changed.measurement.baseline = "blis";
  changed.measurement.peak_gflops = 100.0;
  EXPECT_EQ(tb::config_hash(changed), base);
}

}  // namespace
