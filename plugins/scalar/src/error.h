// Errors of the scalar backend: the tb_error object the host receives, and the
// exception that carries a TB_STATUS_* code from a failed check to the exported
// function, where it becomes a tb_error. Nothing here crosses the C ABI as C++.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include <transformer_bench/backend.h>

// The ABI declares tb_error as an opaque struct in the global namespace, and each
// plugin defines it.
struct tb_error {
  int32_t code;
  std::string message;
};

namespace tb::scalar {

class Error : public std::runtime_error {
 public:
  Error(int32_t code, const std::string& message) : std::runtime_error(message), code_(code) {}

  int32_t code() const noexcept { return code_; }

 private:
  int32_t code_;
};

[[noreturn]] void throw_invalid_argument(const std::string& message);
[[noreturn]] void throw_out_of_range(const std::string& message);

// Converts the exception being handled into a new tb_error. Call only inside a catch
// block. Never throws: when the error itself cannot be allocated it returns a static
// out-of-memory error, which destroy_error() recognises and does not free.
tb_error* error_from_current_exception() noexcept;

void destroy_error(tb_error* error) noexcept;

}  // namespace tb::scalar
