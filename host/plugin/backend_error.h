// C++ side of the ABI's error objects: a tb_error* returned by a plugin becomes a
// BackendError exception that carries the status code and the message.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include <transformer_bench/backend.h>

namespace tb {

class BackendError : public std::runtime_error {
 public:
  BackendError(int32_t status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int32_t status() const { return status_; }

 private:
  int32_t status_;
};

// "INVALID_ARGUMENT", "OUT_OF_RANGE", ...; "UNKNOWN(<n>)" for a code this host does
// not know (a newer plugin may send one).
std::string status_name(int32_t status);

// Takes ownership of `error`: reads it, frees it through the plugin, and throws a
// BackendError whose message starts with `context`. Does nothing for NULL.
void throw_if_error(const tb_backend_api& api, tb_error* error, const std::string& context);

}  // namespace tb
