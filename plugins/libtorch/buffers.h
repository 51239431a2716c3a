// Grow-only float buffers for the workspace: each is a flat tensor that callers view
// with the shape of the current call, and that is replaced only by a larger one.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace tb_libtorch {

// Replaces `buffer` by an uninitialised one of `numel` floats when it contains fewer.
// Returns whether it did.
bool reserve(at::Tensor& buffer, int64_t numel);

// Returns a view of `buffer` with `shape`, first replacing the buffer by a larger one
// when it contains fewer elements than the view needs. A replaced buffer's contents are
// lost.
at::Tensor view_of(at::Tensor& buffer, at::IntArrayRef shape);

// Returns the bytes of `tensor`, 0 for an undefined one.
uint64_t bytes_of(const at::Tensor& tensor);

}  // namespace tb_libtorch
