// A buffer that ends right before an inaccessible page, so code that reads or writes
// past its last element faults at once instead of passing by luck. The check suite
// and the backend tests hand such buffers to plugins. POSIX only.
#pragma once

#include <cstddef>
#include <span>

namespace tb {

class PageEndMapping {
 public:
  // Maps `bytes` of zeroed, writable memory whose last byte is followed by a
  // PROT_NONE page. Throws std::runtime_error when mmap or mprotect fails.
  explicit PageEndMapping(size_t bytes);
  ~PageEndMapping();

  PageEndMapping(const PageEndMapping&) = delete;
  PageEndMapping& operator=(const PageEndMapping&) = delete;

  // The start of the usable bytes, `bytes` before a page boundary. So its alignment is
  // only what `bytes` gives: 4 bytes for a buffer of floats, and maybe no more.
  void* data() const { return data_; }

 private:
  void* mapping_ = nullptr;
  size_t mapping_bytes_ = 0;
  void* data_ = nullptr;
};

// `count` elements of T in a PageEndMapping.
template <typename T>
class PageEndBuffer {
 public:
  explicit PageEndBuffer(size_t count) : mapping_(count * sizeof(T)), count_(count) {}

  std::span<T> span() const { return {static_cast<T*>(mapping_.data()), count_}; }

 private:
  PageEndMapping mapping_;
  size_t count_;
};

}  // namespace tb
