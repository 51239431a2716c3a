// Thread control and runtime description. The facts in build_info are read from the
// running LibTorch (at::show_config, at::get_parallel_info) and from the dynamic linker,
// not assumed from the build machine.
#include "runtime.h"

#include "onednn_linear.h"

#include <ATen/Parallel.h>
#include <ATen/Version.h>

#include <dlfcn.h>
#include <sched.h>

#include <climits>
#include <cstdlib>
#include <sstream>

namespace tb_libtorch {
namespace {

// Returns the text that follows `prefix` in `text` up to the first of `terminators`
// or the end of the line, or "unknown".
std::string find_value(const std::string& text, const std::string& prefix,
                       const char* terminators = "\n") {
  const size_t start = text.find(prefix);
  if (start == std::string::npos) {
    return "unknown";
  }
  const size_t value_start = start + prefix.size();
  const size_t value_end = text.find_first_of(terminators, value_start);
  return text.substr(value_start, value_end == std::string::npos ? std::string::npos : value_end - value_start);
}

// Returns the real path of the library whose sgemm_ LibTorch calls, resolved in the
// order the dynamic linker used for libtorch_cpu: the global scope first, then
// libtorch_cpu and its dependencies.
std::string blas_library() {
  void* symbol = nullptr;
  if (void* global_scope = dlopen(nullptr, RTLD_NOW)) {
    symbol = dlsym(global_scope, "sgemm_");
    dlclose(global_scope);
  }

  Dl_info torch_info{};
  if (symbol == nullptr && dladdr(reinterpret_cast<void*>(&at::set_num_threads), &torch_info) != 0 &&
      torch_info.dli_fname != nullptr) {
    if (void* torch = dlopen(torch_info.dli_fname, RTLD_NOW | RTLD_NOLOAD)) {
      symbol = dlsym(torch, "sgemm_");
      dlclose(torch);
    }
  }

  Dl_info blas_info{};
  if (symbol == nullptr || dladdr(symbol, &blas_info) == 0 || blas_info.dli_fname == nullptr) {
    return "not found";
  }
  char resolved[PATH_MAX];
  return realpath(blas_info.dli_fname, resolved) != nullptr ? resolved : blas_info.dli_fname;
}

std::string describe_runtime() {
  const std::string config = at::show_config();
  const std::string parallel = at::get_parallel_info();
  const std::string backend = find_value(parallel, "ATen parallel backend: ");

  std::ostringstream info;
  info << "LibTorch " << find_value(config, "TORCH_VERSION=", ",\n") << ", parallel backend "
       << backend;
  if (backend == "OpenMP") {
    info << ' ' << find_value(parallel, "\nOpenMP ", " \n");
  }
  info << ", CPU capability " << find_value(config, "CPU capability usage: ");
  if (OneDnnLinear::available()) {
    info << ", oneDNN " << find_value(config, "MKL-DNN ", " \n")
         << " (prepacked 1x1 convolutions) for large linear layers";
  } else {
    info << ", no prepacked oneDNN operators, so every linear layer runs on the BLAS";
  }
  info << ", BLAS " << blas_library() << " for small products and attention, called from one thread at a time";
  return info.str();
}

}  // namespace

void use_threads(int32_t n_threads) {
  if (at::get_num_threads() != n_threads) {
    at::set_num_threads(n_threads);
  }
}

int32_t max_threads() {
  static const int32_t cpus = [] {
    cpu_set_t set;
    CPU_ZERO(&set);
    return sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 0;
  }();
  return cpus;
}

const std::string& build_info() {
  static const std::string info = describe_runtime();
  return info;
}

}  // namespace tb_libtorch
