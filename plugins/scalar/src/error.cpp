// Conversion of C++ exceptions into tb_error objects at the ABI boundary.
#include "error.h"

#include <exception>
#include <new>

namespace tb::scalar {

namespace {

// Returned when allocating a tb_error fails. The message fits libstdc++'s 15-character
// small-string buffer, so constructing this object at load time does not allocate.
tb_error out_of_memory_error{TB_STATUS_OUT_OF_MEMORY, "out of memory"};

tb_error* make_error(int32_t code, const char* message) noexcept {
  try {
    return new tb_error{code, message};
  } catch (...) {
    return &out_of_memory_error;
  }
}

}  // namespace

void throw_invalid_argument(const std::string& message) {
  throw Error(TB_STATUS_INVALID_ARGUMENT, message);
}

void throw_out_of_range(const std::string& message) {
  throw Error(TB_STATUS_OUT_OF_RANGE, message);
}

tb_error* error_from_current_exception() noexcept {
  try {
    throw;
  } catch (const Error& error) {
    return make_error(error.code(), error.what());
  } catch (const std::bad_alloc&) {
    return make_error(TB_STATUS_OUT_OF_MEMORY, "out of memory");
  } catch (const std::length_error&) {
    // std::vector throws this for a size above max_size(): an allocation that cannot
    // succeed rather than a bug.
    return make_error(TB_STATUS_OUT_OF_MEMORY, "out of memory: a buffer would exceed std::vector::max_size()");
  } catch (const std::exception& error) {
    return make_error(TB_STATUS_INTERNAL, error.what());
  } catch (...) {
    return make_error(TB_STATUS_INTERNAL, "unknown C++ exception inside the scalar backend");
  }
}

void destroy_error(tb_error* error) noexcept {
  if (error != &out_of_memory_error) delete error;
}

}  // namespace tb::scalar
