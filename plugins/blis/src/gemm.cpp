#include "gemm.h"

#include <algorithm>
#include <cstring>

#include "blis_gemm.h"
#include "parallel.h"

namespace tb::blis {
namespace {

// The native kernels start a second thread only for at least this many multiply-adds
// per thread (about 2 us of work at 130 GFLOP/s). Below it, waking a thread and joining
// it again costs about as much as it saves.
constexpr long long kNativeMinMultiplyAddsPerThread = 1LL << 18;

// Row passes around a BLIS call (bias, GELU) use a thread per this many elements.
constexpr long long kMinElementsPerThread = 1LL << 15;

long long multiply_adds(const GemmArgs& g) {
  return static_cast<long long>(g.m) * g.n * g.k;
}

int threads_for(int n_threads, long long work, long long min_work_per_thread) {
  const long long useful = std::max(1LL, work / min_work_per_thread);
  return static_cast<int>(std::min<long long>(n_threads, useful));
}

}  // namespace

bool GemmEngine::uses_blis(const GemmArgs& args) const {
  if (args.b_panel_stride != 0) {
    return false;  // BLIS cannot read the native kernels' panel layout
  }
  if (!args.c_padded) {
    // BLIS 0.9.0's small-matrix (sup) kernels read (but do not write) memory past the
    // end of C, even with beta == 0 (seen in bli_sgemmsup_rv_haswell_asm_4x2 with
    // V = 1026 and the logits buffer ending at a guard page). A C without padding,
    // such as the host's logits buffer, therefore always takes the native kernels.
    return false;
  }
  switch (path_) {
    case GemmPath::kBlis:
      return true;
    case GemmPath::kNative:
      return false;
    case GemmPath::kAuto:
      break;
  }
  return multiply_adds(args) >= kBlisMinMultiplyAdds;
}

void GemmEngine::run(const GemmArgs& args, int n_threads) const {
  if (args.m <= 0 || args.n <= 0) {
    return;
  }
  if (uses_blis(args)) {
    run_blis(args, n_threads);
  } else {
    run_native(args, n_threads);
  }
}

void GemmEngine::run_native(const GemmArgs& g, int n_threads) const {
  const int threads = threads_for(n_threads, multiply_adds(g), kNativeMinMultiplyAddsPerThread);
  if (threads <= 1) {
    kernels_.gemm(g);
    return;
  }

  // Split C by column panels when there are enough of them, since then each thread
  // streams its own part of B (the weights) and B is read once in total. Otherwise
  // split by row tiles.
  const int panel = kernels_.gemm_panel_columns;
  const int panels = (g.n + panel - 1) / panel;
  if (panels >= threads) {
    const std::ptrdiff_t panel_stride = g.b_panel_stride != 0 ? g.b_panel_stride : panel;
    parallel_ranges(threads, panels, [&](int begin, int end, int) noexcept {
      const int col0 = begin * panel;
      GemmArgs part = g;
      part.n = std::min(end * panel, g.n) - col0;
      part.b += begin * panel_stride;
      part.c += col0;
      if (part.bias != nullptr) {
        part.bias += col0;
      }
      kernels_.gemm(part);
    });
    return;
  }

  const int tile = kernels_.gemm_tile_rows;
  const int tiles = (g.m + tile - 1) / tile;
  parallel_ranges(threads, tiles, [&](int begin, int end, int) noexcept {
    const int row0 = begin * tile;
    GemmArgs part = g;
    part.m = std::min(end * tile, g.m) - row0;
    part.a += row0 * g.lda;
    part.c += row0 * g.ldc;
    kernels_.gemm(part);
  });
}

void GemmEngine::run_blis(const GemmArgs& g, int n_threads) const {
  const long long elements = static_cast<long long>(g.m) * g.n;
  const int row_threads = threads_for(n_threads, elements, kMinElementsPerThread);

  // BLIS has no bias term, so the bias goes into C first and BLIS accumulates onto it.
  float beta = g.accumulate ? 1.0f : 0.0f;
  if (g.bias != nullptr) {
    parallel_ranges(row_threads, g.m, [&](int begin, int end, int) noexcept {
      for (int i = begin; i < end; ++i) {
        float* row = g.c + i * g.ldc;
        if (g.accumulate) {
          for (int j = 0; j < g.n; ++j) {
            row[j] += g.bias[j];
          }
        } else {
          std::memcpy(row, g.bias, static_cast<std::size_t>(g.n) * sizeof(float));
        }
      }
    });
    beta = 1.0f;
  }

  blis_sgemm(g.m, g.n, g.k, g.a, g.lda, g.b, g.ldb, beta, g.c, g.ldc, n_threads);

  if (g.epilogue == Epilogue::kGelu) {
    parallel_ranges(row_threads, g.m, [&](int begin, int end, int) noexcept {
      kernels_.gelu(end - begin, g.n, g.c + begin * g.ldc, g.ldc);
    });
  }
}

}  // namespace tb::blis
