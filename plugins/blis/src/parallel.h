// Parallel loops of the backend's own code: one OpenMP team of at most n_threads
// threads, each given a contiguous range. OpenMP is also the runtime of the BLIS build
// linked here (blis-openmp), so both share one pool of threads.
#pragma once

#include <type_traits>

#include <omp.h>

namespace tb::blis {

// Calls body(begin, end, thread) for contiguous ranges that cover [0, count), one
// range per thread of a team of at most n_threads threads. `thread` is in
// [0, n_threads) and picks that thread's scratch memory. With n_threads == 1 or
// count < 2, the body runs once on the calling thread. The body must be noexcept,
// because an exception leaving an OpenMP region ends the process.
template <typename Body>
void parallel_ranges(int n_threads, int count, const Body& body) {
  static_assert(std::is_nothrow_invocable_v<const Body&, int, int, int>,
                "the body of a parallel region must be noexcept");
  if (n_threads <= 1 || count < 2) {
    body(0, count, 0);
    return;
  }
  const int team_size = n_threads < count ? n_threads : count;
#pragma omp parallel num_threads(team_size)
  {
    // The runtime may start fewer threads than requested, so split by the real team.
    const int thread = omp_get_thread_num();
    const int threads = omp_get_num_threads();
    const int begin = static_cast<int>(static_cast<long long>(count) * thread / threads);
    const int end = static_cast<int>(static_cast<long long>(count) * (thread + 1) / threads);
    if (begin < end) {
      body(begin, end, thread);
    }
  }
}

}  // namespace tb::blis
