// Skips the whole plugin test run when BLIS_ARCH_TYPE=3 selects BLIS's haswell kernels
// (CMake's second run of these tests) on a CPU without AVX2 and FMA. BLIS 0.9.0 takes
// the variable without checking the CPU, so the run would die with SIGILL.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

namespace {

class BlisArchEnvironment : public testing::Environment {
 public:
  void SetUp() override {
    const char* arch_type = std::getenv("BLIS_ARCH_TYPE");
    if (arch_type == nullptr || std::string(arch_type) != "3") return;
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
      GTEST_SKIP() << "BLIS_ARCH_TYPE=3 selects BLIS's haswell kernels, which need AVX2 and FMA";
    }
  }
};

const testing::Environment* const kEnvironment = testing::AddGlobalTestEnvironment(new BlisArchEnvironment);

}  // namespace
