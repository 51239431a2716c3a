// Checks of get_info: every string present and valid UTF-8, a name usable in
// configs, sensible limits, and the same description on every call.
#include <cstring>
#include <string_view>

#include "check/check_context.h"
#include "check/check_groups.h"
#include "check/utf8.h"

namespace tb::check {

namespace {

const tb_backend_info& backend_info(CheckContext& context) {
  const tb_backend_info* info = context.api().get_info();
  if (info == nullptr) throw CheckFailure("get_info returned NULL");
  return *info;
}

// Throws CheckFailure unless `text` is a valid string for field `field`.
void require_string(const char* field, const char* text, bool allow_empty, bool allow_newlines) {
  if (text == nullptr) throw CheckFailure(std::string("info.") + field + " is NULL");

  const std::string_view view(text);
  if (!allow_empty && view.empty()) throw CheckFailure(std::string("info.") + field + " is empty");
  if (!is_valid_utf8(view)) throw CheckFailure(std::string("info.") + field + " is not valid UTF-8");
  if (!allow_newlines && view.find_first_of("\r\n") != std::string_view::npos) {
    throw CheckFailure(std::string("info.") + field + " contains a line break; it must be one line");
  }
}

CheckOutcome check_strings(CheckContext& context) {
  const tb_backend_info& info = backend_info(context);
  require_string("name", info.name, false, false);
  require_string("version", info.version, false, false);
  require_string("description", info.description, false, false);
  require_string("build_info", info.build_info, true, true);
  return pass("name, version, description and build_info are set and valid UTF-8");
}

CheckOutcome check_name(CheckContext& context) {
  const tb_backend_info& info = backend_info(context);
  const std::string name = info.name != nullptr ? info.name : "";
  const bool valid = !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") ==
                                          std::string::npos;
  if (!valid) return fail("name '" + name + "' does not match [a-z0-9_-]+");
  return pass("name '" + name + "' matches [a-z0-9_-]+");
}

std::string describe_capabilities(uint32_t capabilities) {
  std::string text;
  if (capabilities & TB_CAPABILITY_CONCURRENT_MODELS) text += " CONCURRENT_MODELS";
  if (capabilities & TB_CAPABILITY_DETERMINISTIC) text += " DETERMINISTIC";
  return text.empty() ? "none" : text.substr(1);
}

CheckOutcome check_fields(CheckContext& context) {
  const tb_backend_info& info = backend_info(context);
  if (info.struct_size < TB_STRUCT_SIZE(tb_backend_info, max_seq_len)) {
    return fail("info.struct_size is " + std::to_string(info.struct_size) + ", below the ABI 1.0 size " +
                std::to_string(TB_STRUCT_SIZE(tb_backend_info, max_seq_len)));
  }
  if ((info.dtypes & TB_DTYPE_FLAG_F32) == 0) return fail("info.dtypes lacks TB_DTYPE_FLAG_F32");
  if (info.max_threads < 0) return fail("info.max_threads is " + std::to_string(info.max_threads));
  if (info.max_seq_len < 0) return fail("info.max_seq_len is " + std::to_string(info.max_seq_len));

  const auto limit = [](int32_t value) { return value == 0 ? std::string("no limit") : std::to_string(value); };
  return pass("dtypes F32, capabilities " + describe_capabilities(info.capabilities) + ", max_threads " +
              limit(info.max_threads) + ", max_seq_len " + limit(info.max_seq_len));
}

bool same_string(const char* a, const char* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return std::strcmp(a, b) == 0;
}

CheckOutcome check_stable(CheckContext& context) {
  const tb_backend_info& first = backend_info(context);
  const tb_backend_info& second = backend_info(context);
  const bool same = same_string(first.name, second.name) && same_string(first.version, second.version) &&
                    same_string(first.description, second.description) &&
                    same_string(first.build_info, second.build_info) && first.dtypes == second.dtypes &&
                    first.capabilities == second.capabilities && first.max_threads == second.max_threads &&
                    first.max_seq_len == second.max_seq_len;
  if (!same) return fail("two calls to get_info returned different descriptions");
  return pass("two calls to get_info return the same description");
}

CheckOutcome check_build_info(CheckContext& context) {
  const tb_backend_info& info = backend_info(context);
  if (info.build_info == nullptr || info.build_info[0] == '\0') {
    return fail("info.build_info is empty; reports show it to tell builds apart");
  }
  return pass("build_info: " + std::string(info.build_info));
}

}  // namespace

void add_metadata_checks(std::vector<CheckDefinition>& checks) {
  checks.push_back({"metadata_strings", "info strings are set, valid UTF-8, and one line where the ABI says so",
                    false, {"load"}, check_strings});
  checks.push_back({"metadata_name", "info.name matches [a-z0-9_-]+", false, {"load"}, check_name});
  checks.push_back({"metadata_fields", "info has the F32 dtype and non-negative limits", false, {"load"},
                    check_fields});
  checks.push_back({"metadata_stable", "get_info returns the same description every time", false, {"load"},
                    check_stable});
  checks.push_back({"metadata_build_info", "info.build_info is not empty", true, {"load"}, check_build_info});
}

}  // namespace tb::check
