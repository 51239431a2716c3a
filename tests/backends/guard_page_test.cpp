// Each backend with its token and logits buffers ending right before an inaccessible
// page. A backend that touches memory past B*T tokens or B*T*V logits crashes here
// instead of passing by luck: BLIS 0.9.0's small-matrix kernels, for one, read past
// the end of an unpadded C, and did so with V = 1026.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <span>
#include <string>

#include "backend_fixture.h"
#include "system/page_end_buffer.h"

namespace {

struct GuardCase {
  const char* name;
  int vocab_size, batch_size, seq_len;
};

// Vocabulary sizes that are not a multiple of any vector width or GEMM tile, and
// B*T*V sizes that do not fill whole pages, so the logits end inside a page.
const GuardCase kGuardCases[] = {
    {"vocab 1026", 1026, 2, 5},
    {"vocab 8002", 8002, 1, 3},
    {"vocab 37, one token", 37, 1, 1},
};

// Floats after B*T*V in the second run of each case, as the host's benchmark leaves
// them (logits_capacity counts them). The ABI forbids writing there.
constexpr size_t kSpareFloats = 64;

TEST_P(BackendTest, BuffersEndingAtGuardPage) {
  for (const GuardCase& c : kGuardCases) {
    const tb::ModelConfig config = make_config(c.vocab_size, 32, 2, 4, 8);
    const tb::Weights weights = make_weights(config, 17);
    const std::vector<int32_t> tokens = tb::make_tokens(c.batch_size, c.seq_len, c.vocab_size, 9);
    const std::vector<float> expected = scalar_logits(config, weights, tokens, c.batch_size, c.seq_len);

    tb::PageEndBuffer<int32_t> guarded_tokens(tokens.size());
    std::memcpy(guarded_tokens.span().data(), tokens.data(), tokens.size() * sizeof(int32_t));

    const std::unique_ptr<tb::Model> model = plugin().create_model(config, weights);
    for (size_t spare : {size_t{0}, kSpareFloats}) {
      tb::PageEndBuffer<float> logits(expected.size() + spare);
      const std::span<float> tail = logits.span().subspan(expected.size());
      constexpr float kCanary = -12345.0f;
      std::fill(tail.begin(), tail.end(), kCanary);

      for (int threads : {1, two_threads()}) {
        SCOPED_TRACE(std::string(c.name) + ", " + std::to_string(spare) + " spare floats, " +
                     std::to_string(threads) + " thread(s)");
        model->set_threads(threads);
        model->forward(guarded_tokens.span(), c.batch_size, c.seq_len, logits.span());
        EXPECT_TRUE(logits_near(logits.span(), expected, c.batch_size, c.seq_len, c.vocab_size, kLogitTolerance));
        EXPECT_EQ(std::count(tail.begin(), tail.end(), kCanary), static_cast<std::ptrdiff_t>(spare))
            << "the backend wrote past B*T*V";
      }
    }
  }
}

}  // namespace
