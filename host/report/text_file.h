// Writing a whole output file at once: into a temporary file next to the target,
// then renamed over it, so a reader never sees half a file and a failed write keeps
// the old file. Devices (/dev/null, /dev/stdout), FIFOs and symbolic links are
// written through in place instead.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>

namespace tb {

// Calls `write` with a stream to a temporary file next to `path` and renames that
// file to `path`, or writes `path` in place when it is not a regular file. Throws
// std::runtime_error naming `path` when the file cannot be created or written.
void write_text_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

}  // namespace tb
