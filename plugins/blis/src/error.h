// Errors of the blis backend: the C++ exception the plugin throws internally and the
// opaque tb_error object that crosses the C ABI in its place.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include <transformer_bench/backend.h>

// The ABI's opaque error type, defined by each plugin.
struct tb_error {
  std::int32_t code;
  std::string message;
};

namespace tb::blis {

// An error with a TB_STATUS_* code, thrown inside the plugin and turned into a tb_error
// at the exported function.
class BackendError : public std::runtime_error {
 public:
  BackendError(std::int32_t code, const std::string& message)
      : std::runtime_error(message), code_(code) {}

  std::int32_t code() const noexcept { return code_; }

 private:
  std::int32_t code_;
};

// Converts the exception being handled into a new tb_error. Call only inside a catch
// block. Never throws: when even the error cannot be allocated, it returns a shared
// static out-of-memory error that error_destroy leaves alone.
tb_error* error_from_current_exception() noexcept;

// Frees an error made by error_from_current_exception.
void destroy_error(tb_error* error) noexcept;

}  // namespace tb::blis
