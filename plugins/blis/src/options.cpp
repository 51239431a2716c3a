#include "options.h"

#include <string>
#include <string_view>

#include "error.h"

namespace tb::blis {
namespace {

[[noreturn]] void throw_invalid(const std::string& message) {
  throw BackendError(TB_STATUS_INVALID_ARGUMENT, message);
}

GemmPath parse_gemm_path(std::string_view value) {
  if (value == "auto") {
    return GemmPath::kAuto;
  }
  if (value == "blis") {
    return GemmPath::kBlis;
  }
  if (value == "native") {
    return GemmPath::kNative;
  }
  throw_invalid("invalid value '" + std::string(value) +
                "' for option 'gemm': expected auto, blis or native");
}

std::optional<Isa> parse_kernels(std::string_view value) {
  std::optional<Isa> isa;
  if (value == "auto") {
    return isa;
  }
  if (value == "avx512") {
    isa = Isa::kAvx512;
  } else if (value == "avx2") {
    isa = Isa::kAvx2;
  } else if (value == "sse2") {
    isa = Isa::kSse2;
  } else {
    throw_invalid("invalid value '" + std::string(value) +
                  "' for option 'kernels': expected auto, avx512, avx2 or sse2");
  }
  if (!cpu_supports(*isa)) {
    throw BackendError(TB_STATUS_UNSUPPORTED,
                       "option kernels=" + std::string(value) +
                           " is not supported: this CPU does not run that instruction set; "
                           "use kernels=auto");
  }
  return isa;
}

}  // namespace

BackendOptions parse_options(const tb_option* const* options, std::size_t n_options) {
  BackendOptions parsed;
  if (n_options == 0) {
    return parsed;
  }
  if (options == nullptr) {
    throw_invalid("options is NULL but n_options is " + std::to_string(n_options));
  }

  bool seen_gemm = false;
  bool seen_kernels = false;
  for (std::size_t i = 0; i < n_options; ++i) {
    const tb_option* option = options[i];
    if (option == nullptr) {
      throw_invalid("option " + std::to_string(i) + " is NULL");
    }
    if (!TB_STRUCT_HAS_FIELD(option, tb_option, value)) {
      throw_invalid("option " + std::to_string(i) + " has struct_size " +
                    std::to_string(option->struct_size) + ", smaller than tb_option v1.0");
    }
    if (option->key == nullptr || option->value == nullptr) {
      throw_invalid("option " + std::to_string(i) + " has a NULL key or value");
    }

    const std::string_view key = option->key;
    if (key == "gemm") {
      if (seen_gemm) {
        throw_invalid("option 'gemm' is given twice");
      }
      seen_gemm = true;
      parsed.gemm_path = parse_gemm_path(option->value);
    } else if (key == "kernels") {
      if (seen_kernels) {
        throw_invalid("option 'kernels' is given twice");
      }
      seen_kernels = true;
      parsed.kernels = parse_kernels(option->value);
    } else {
      throw_invalid("unknown option '" + std::string(key) +
                    "'; the blis backend accepts 'gemm' and 'kernels'");
    }
  }
  return parsed;
}

const char* gemm_path_name(GemmPath path) {
  switch (path) {
    case GemmPath::kBlis:
      return "blis";
    case GemmPath::kNative:
      return "native";
    case GemmPath::kAuto:
      break;
  }
  return "auto";
}

}  // namespace tb::blis
