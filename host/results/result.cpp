#include "results/result.h"

#include <stdexcept>

namespace tb {

std::string to_string(CellStatus status) {
  switch (status) {
    case CellStatus::kOk: return "ok";
    case CellStatus::kMismatch: return "mismatch";
    case CellStatus::kError: return "error";
    case CellStatus::kCrashed: return "crashed";
    case CellStatus::kTimedOut: return "timed_out";
    case CellStatus::kSkipped: return "skipped";
  }
  return "unknown";
}

CellStatus cell_status_from_string(const std::string& text) {
  for (CellStatus status : {CellStatus::kOk, CellStatus::kMismatch, CellStatus::kError, CellStatus::kCrashed,
                            CellStatus::kTimedOut, CellStatus::kSkipped}) {
    if (to_string(status) == text) return status;
  }
  throw std::invalid_argument("unknown cell status '" + text + "'");
}

}  // namespace tb
