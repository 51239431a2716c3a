#include "plugin/backend_error.h"

namespace tb {

std::string status_name(int32_t status) {
  switch (status) {
    case TB_STATUS_OK: return "OK";
    case TB_STATUS_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case TB_STATUS_OUT_OF_RANGE: return "OUT_OF_RANGE";
    case TB_STATUS_UNSUPPORTED: return "UNSUPPORTED";
    case TB_STATUS_OUT_OF_MEMORY: return "OUT_OF_MEMORY";
    case TB_STATUS_INTERNAL: return "INTERNAL";
    default: return "UNKNOWN(" + std::to_string(status) + ")";
  }
}

void throw_if_error(const tb_backend_api& api, tb_error* error, const std::string& context) {
  if (error == nullptr) return;

  const char* message = api.error_message(error);
  const int32_t status = api.error_code(error);
  std::string text = context + ": " + status_name(status) + ": " + (message ? message : "(no message)");
  api.error_destroy(error);

  // A plugin that reports failure with TB_STATUS_OK breaks the contract; keep the
  // failure rather than trust the code.
  throw BackendError(status == TB_STATUS_OK ? TB_STATUS_INTERNAL : status, text);
}

}  // namespace tb
