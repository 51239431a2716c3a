// The full example in docs/config.md parses and has the cell count the page states,
// so the page cannot drift from the parser.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "config_test_support.h"

namespace tb::testing {
namespace {

// The first ```yaml block of the page.
std::string first_yaml_block(const std::string& markdown) {
  const std::string fence = "```yaml\n";
  const size_t start = markdown.find(fence);
  if (start == std::string::npos) return {};
  const size_t end = markdown.find("```", start + fence.size());
  return markdown.substr(start + fence.size(), end - start - fence.size());
}

TEST(ConfigDoc, FullExampleExpandsAsStated) {
  std::ifstream stream(TB_CONFIG_DOC);
  std::ostringstream text;
  text << stream.rdbuf();
  const std::string example = first_yaml_block(text.str());
  ASSERT_FALSE(example.empty()) << "no ```yaml block in " << TB_CONFIG_DOC;

  const MatrixParse result = parse_matrix_string(example, "config.md", "/configs");
  ASSERT_TRUE(result.errors.empty()) << all_errors(result.errors);
  const MatrixConfig& config = result.config;

  ASSERT_EQ(config.models.size(), 2u);
  EXPECT_EQ(config.models[1].config.name, "32d_2l_4h");
  EXPECT_EQ(config.models[1].weights_file, "/configs/weights/small.safetensors");
  EXPECT_EQ(config.backends.size(), 2u);
  EXPECT_EQ(config.batch_sizes.size() * config.seq_lens.size() * config.threads.size(), 4u);
  EXPECT_EQ(expand(config).size(), 9u);
}

}  // namespace
}  // namespace tb::testing
