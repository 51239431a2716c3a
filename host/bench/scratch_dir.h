// A private temporary folder for one run (worker task files, captured worker stderr,
// cached reference logits), removed with everything in it when the run ends.
#pragma once

#include <filesystem>

namespace tb {

class ScratchDir {
 public:
  // Creates $TMPDIR/transformer-bench-XXXXXX (/tmp without TMPDIR). Throws
  // std::runtime_error when that fails.
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tb
