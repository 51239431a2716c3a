// The LibTorch runtime as this backend drives it: the intra-op thread count, and the
// description of the runtime that goes into tb_backend_info.build_info.
#pragma once

#include <cstdint>
#include <string>

namespace tb_libtorch {

// Sets LibTorch's intra-op thread count for the calling thread, which OpenMP keeps per
// thread, to `n_threads`. Later LibTorch kernels and oneDNN primitives started from this
// thread use that many OpenMP threads.
void use_threads(int32_t n_threads);

// Returns the number of CPUs this process could run on at the first call, or 0 when
// that cannot be read. Later calls return the same value.
int32_t max_threads();

// Returns one line naming the LibTorch version, its parallel backend, CPU capability,
// oneDNN version and the BLAS library that LibTorch's sgemm_ calls resolve to.
// Computed on the first call, and later calls return the same string.
const std::string& build_info();

}  // namespace tb_libtorch
