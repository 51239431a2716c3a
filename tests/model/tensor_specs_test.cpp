// tensor_specs() against the tensor names and shapes of the golden files, which were
// written outside this project.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "golden_file.h"
#include "model/model_config.h"

namespace {

using ShapeByName = std::map<std::string, std::vector<int64_t>>;

TEST(TensorSpecs, MatchGoldenNamesAndShapes) {
  for (const std::string& file_name : tb::test::golden_file_names()) {
    SCOPED_TRACE(file_name);
    tb::test::GoldenFile golden = tb::test::load_golden(file_name);
    tb::validate(golden.config);

    // The golden files list tensors in their own order, so compare as maps.
    ShapeByName from_specs;
    for (const tb::TensorSpec& spec : tb::tensor_specs(golden.config)) from_specs[spec.name] = spec.shape;
    ShapeByName from_file;
    for (const tb::Tensor& tensor : golden.weights.tensors) from_file[tensor.name] = tensor.shape;

    EXPECT_EQ(from_specs, from_file);
    EXPECT_EQ(from_file.size(), golden.weights.tensors.size()) << "the golden file repeats a tensor name";
  }
}

TEST(TensorSpecs, NamesAreUnique) {
  tb::ModelConfig config;
  config.vocab_size = 50;
  config.d_model = 32;
  config.n_layers = 12;
  config.n_heads = 4;
  config.max_seq_len = 8;
  tb::validate(config);

  const std::vector<tb::TensorSpec> specs = tb::tensor_specs(config);
  std::set<std::string> names;
  for (const tb::TensorSpec& spec : specs) names.insert(spec.name);
  EXPECT_EQ(names.size(), specs.size());
  EXPECT_EQ(specs.size(), 1u + 16u * 12u + 4u);
}

TEST(TensorSpecs, InitKinds) {
  tb::ModelConfig config;
  config.vocab_size = 20;
  config.d_model = 16;
  config.n_layers = 1;
  config.n_heads = 2;
  config.max_seq_len = 8;
  tb::validate(config);

  for (const tb::TensorSpec& spec : tb::tensor_specs(config)) {
    SCOPED_TRACE(spec.name);
    const bool is_gamma = spec.name.ends_with(".gamma");
    const bool is_vector = spec.shape.size() == 1;
    if (is_gamma) {
      EXPECT_EQ(spec.init, tb::TensorSpec::Init::kOnes);
    } else if (is_vector) {
      EXPECT_EQ(spec.init, tb::TensorSpec::Init::kZeros);
    } else {
      EXPECT_EQ(spec.init, tb::TensorSpec::Init::kNormal);
    }
  }
}

}  // namespace
