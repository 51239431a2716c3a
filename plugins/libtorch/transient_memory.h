// Bookkeeping for tensors that LibTorch allocates inside one forward call and frees
// before the call returns, so that model_get_memory can include their peak.
#pragma once

#include <algorithm>
#include <cstdint>

namespace tb_libtorch {

// The bytes of per-call temporaries alive at once, and the peak of that over all calls.
// Code that creates a temporary counts it with a Hold for as long as it lives.
// Allocations inside LibTorch and oneDNN that the backend cannot see (such as oneDNN's
// scratchpad) are not included.
class TransientMemory {
 public:
  // Counts `bytes` as alive from construction to destruction.
  class Hold {
   public:
    Hold(TransientMemory& memory, uint64_t bytes) : memory_(memory), bytes_(bytes) {
      memory_.current_bytes_ += bytes_;
      memory_.peak_bytes_ = std::max(memory_.peak_bytes_, memory_.current_bytes_);
    }
    ~Hold() { memory_.current_bytes_ -= bytes_; }

    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    TransientMemory& memory_;
    uint64_t bytes_;
  };

  uint64_t peak_bytes() const { return peak_bytes_; }

 private:
  uint64_t current_bytes_ = 0;
  uint64_t peak_bytes_ = 0;
};

}  // namespace tb_libtorch
