// Conversion of every exception the backend or LibTorch can throw into a tb_error.
#include "error.h"

#include <c10/util/Exception.h>

#include <exception>
#include <new>

namespace tb_libtorch {
namespace {

// Returned when allocating a tb_error fails, so that an out-of-memory condition still
// reaches the host as an error. destroy_error never frees it.
tb_error g_allocation_failed{TB_STATUS_OUT_OF_MEMORY,
                             "libtorch backend: out of memory while reporting an error"};

tb_error* make_error(int32_t code, const char* function, const std::string& message) noexcept {
  try {
    return new tb_error{code, std::string(function) + ": " + message};
  } catch (...) {
    return &g_allocation_failed;
  }
}

}  // namespace

BackendError::BackendError(int32_t status, const std::string& message)
    : std::runtime_error(message), status_(status) {}

void throw_invalid_argument(const std::string& message) {
  throw BackendError(TB_STATUS_INVALID_ARGUMENT, message);
}

void throw_out_of_range(const std::string& message) {
  throw BackendError(TB_STATUS_OUT_OF_RANGE, message);
}

tb_error* error_from_current_exception(const char* function) noexcept {
  // The handlers run from the most specific type to the most general one: c10's
  // OutOfMemoryError derives from c10::Error, which derives from std::exception.
  try {
    throw;
  } catch (const BackendError& e) {
    return make_error(e.status(), function, e.what());
  } catch (const c10::OutOfMemoryError& e) {
    return make_error(TB_STATUS_OUT_OF_MEMORY, function, e.what_without_backtrace());
  } catch (const c10::Error& e) {
    // LibTorch 1.13's CPU allocator reports a failed allocation as a plain c10::Error
    // with the message "DefaultCPUAllocator: can't allocate memory: ...".
    const std::string message = e.what_without_backtrace();
    const bool out_of_memory = message.find("DefaultCPUAllocator: can't allocate memory") != std::string::npos;
    return make_error(out_of_memory ? TB_STATUS_OUT_OF_MEMORY : TB_STATUS_INTERNAL, function,
                      "LibTorch error: " + message);
  } catch (const std::bad_alloc&) {
    return make_error(TB_STATUS_OUT_OF_MEMORY, function, "out of memory");
  } catch (const std::exception& e) {
    return make_error(TB_STATUS_INTERNAL, function, e.what());
  } catch (...) {
    return make_error(TB_STATUS_INTERNAL, function, "unknown exception");
  }
}

void destroy_error(tb_error* error) noexcept {
  if (error != &g_allocation_failed) {
    delete error;
  }
}

}  // namespace tb_libtorch
