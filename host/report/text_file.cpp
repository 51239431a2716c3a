// Atomic replacement of an output file.
#include "report/text_file.h"

#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace tb {

namespace {

// A device such as /dev/null or /dev/stdout, a FIFO or a symbolic link is written
// through as it is: renaming a temporary file over it would replace the device or
// link with a regular file.
bool replace_by_rename(const std::filesystem::path& path) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::symlink_status(path, error);
  return !std::filesystem::exists(status) || std::filesystem::is_regular_file(status);
}

void write_in_place(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot open '" + path.string() + "' for writing");
  write(out);
  out.close();
  if (!out) throw std::runtime_error("failed to write '" + path.string() + "'");
}

}  // namespace

void write_text_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write) {
  if (!replace_by_rename(path)) {
    write_in_place(path, write);
    return;
  }

  std::filesystem::path temporary = path;
  temporary += ".tmp";

  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create '" + temporary.string() + "' to write '" + path.string() + "'");
  write(out);
  out.close();

  std::error_code error;
  if (!out) {
    std::filesystem::remove(temporary, error);
    throw std::runtime_error("failed to write '" + path.string() + "' (disk full?)");
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    const std::string reason = error.message();
    std::filesystem::remove(temporary, error);
    throw std::runtime_error("cannot rename '" + temporary.string() + "' to '" + path.string() + "': " + reason);
  }
}

}  // namespace tb
