// Backend options of the blis backend, parsed from the host's key/value pairs.
#pragma once

#include <cstddef>
#include <optional>

#include <transformer_bench/backend.h>

#include "cpu_kernels.h"

namespace tb::blis {

// Choice of the code that multiplies the weight matrices.
enum class GemmPath {
  kAuto,    // the native kernels for small GEMMs, BLIS for the others
  kBlis,    // BLIS for every weight GEMM
  kNative,  // the native kernels for every weight GEMM
};

struct BackendOptions {
  GemmPath gemm_path = GemmPath::kAuto;
  std::optional<Isa> kernels;  // unset: the widest set the CPU runs
};

// Parses the options passed to model_create:
//   gemm    = auto | blis | native
//   kernels = auto | avx512 | avx2 | sse2
// Throws BackendError: TB_STATUS_INVALID_ARGUMENT for an unknown or repeated key or an
// unknown value, TB_STATUS_UNSUPPORTED for a kernel set this CPU cannot run.
BackendOptions parse_options(const tb_option* const* options, std::size_t n_options);

const char* gemm_path_name(GemmPath path);

}  // namespace tb::blis
