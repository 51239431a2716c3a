// Errors of the LibTorch backend: the tb_error object handed to the host, and the
// exception the backend throws internally until an exported function converts it.
// Nothing here crosses the C ABI as an exception.
#pragma once

#include <transformer_bench/backend.h>

#include <cstdint>
#include <stdexcept>
#include <string>

// The plugin's definition of the opaque error type of the C ABI.
struct tb_error {
  int32_t code;
  std::string message;
};

namespace tb_libtorch {

// An error with a TB_STATUS_* code, thrown inside the backend and turned into a
// tb_error at the C ABI boundary.
class BackendError : public std::runtime_error {
 public:
  BackendError(int32_t status, const std::string& message);

  int32_t status() const noexcept { return status_; }

 private:
  int32_t status_;
};

[[noreturn]] void throw_invalid_argument(const std::string& message);
[[noreturn]] void throw_out_of_range(const std::string& message);

// Creates a tb_error for the exception being handled, mapping LibTorch's out-of-memory
// errors and std::bad_alloc to TB_STATUS_OUT_OF_MEMORY. Call only inside a catch block.
// Never throws: when even the error object cannot be allocated it returns a static one.
tb_error* error_from_current_exception(const char* function) noexcept;

// Frees an error made by error_from_current_exception.
void destroy_error(tb_error* error) noexcept;

}  // namespace tb_libtorch
