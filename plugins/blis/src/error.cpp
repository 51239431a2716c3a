#include "error.h"

#include <exception>
#include <new>

namespace tb::blis {
namespace {

tb_error g_out_of_memory_error{TB_STATUS_OUT_OF_MEMORY,
                               "out of memory (the error message could not be allocated)"};

tb_error* make_error(std::int32_t code, const char* message) noexcept {
  try {
    return new tb_error{code, message};
  } catch (...) {
    return &g_out_of_memory_error;
  }
}

}  // namespace

tb_error* error_from_current_exception() noexcept {
  try {
    throw;
  } catch (const BackendError& error) {
    return make_error(error.code(), error.what());
  } catch (const std::bad_alloc&) {
    return make_error(TB_STATUS_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& error) {
    return make_error(TB_STATUS_INTERNAL, error.what());
  } catch (...) {
    return make_error(TB_STATUS_INTERNAL, "unknown C++ exception inside the blis backend");
  }
}

void destroy_error(tb_error* error) noexcept {
  if (error != &g_out_of_memory_error) {
    delete error;
  }
}

}  // namespace tb::blis
