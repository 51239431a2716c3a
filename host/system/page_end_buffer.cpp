#include "system/page_end_buffer.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace tb {

PageEndMapping::PageEndMapping(size_t bytes) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t data_pages = (bytes + page - 1) / page;
  mapping_bytes_ = (data_pages + 1) * page;

  mapping_ = mmap(nullptr, mapping_bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping_ == MAP_FAILED) {
    mapping_ = nullptr;
    throw std::runtime_error("mmap of " + std::to_string(mapping_bytes_) + " bytes failed: " + std::strerror(errno));
  }

  char* guard = static_cast<char*>(mapping_) + data_pages * page;
  if (mprotect(guard, page, PROT_NONE) != 0) {
    const int error = errno;
    munmap(mapping_, mapping_bytes_);
    throw std::runtime_error(std::string("mprotect of a guard page failed: ") + std::strerror(error));
  }
  data_ = guard - bytes;
}

PageEndMapping::~PageEndMapping() {
  if (mapping_ != nullptr) munmap(mapping_, mapping_bytes_);
}

}  // namespace tb
