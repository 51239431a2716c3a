#include "forward_request.h"

#include <climits>
#include <string>

#include "error.h"

namespace tb::blis {
namespace {

[[noreturn]] void throw_invalid(const std::string& message) {
  throw BackendError(TB_STATUS_INVALID_ARGUMENT, message);
}

}  // namespace

ForwardRequest validate_forward_args(const ModelShape& shape, const tb_forward_args* args) {
  if (args == nullptr) {
    throw_invalid("forward args is NULL");
  }
  if (!TB_STRUCT_HAS_FIELD(args, tb_forward_args, logits_capacity)) {
    throw_invalid("forward args struct_size " + std::to_string(args->struct_size) +
                  " is smaller than tb_forward_args v1.0, so fields are missing");
  }
  if (args->tokens == nullptr) {
    throw_invalid("tokens is NULL");
  }
  if (args->logits == nullptr) {
    throw_invalid("logits is NULL");
  }
  if (args->batch_size < 1) {
    throw_invalid("batch_size is " + std::to_string(args->batch_size) + ", expected >= 1");
  }
  if (args->seq_len < 1) {
    throw_invalid("seq_len is " + std::to_string(args->seq_len) + ", expected >= 1");
  }
  if (args->seq_len > shape.max_seq_len) {
    throw BackendError(TB_STATUS_OUT_OF_RANGE,
                       "seq_len " + std::to_string(args->seq_len) +
                           " is larger than the model's max_seq_len " +
                           std::to_string(shape.max_seq_len));
  }

  const long long rows = static_cast<long long>(args->batch_size) * args->seq_len;
  if (rows > INT_MAX) {
    throw BackendError(TB_STATUS_OUT_OF_RANGE,
                       "batch_size * seq_len is " + std::to_string(rows) + ", more than " +
                           std::to_string(INT_MAX) + " rows");
  }
  // rows < 2^31 and V <= 2^24, so the product fits in 64 bits.
  const unsigned long long needed = static_cast<unsigned long long>(rows) * shape.vocab_size;
  if (args->logits_capacity < needed) {
    throw_invalid("logits_capacity is " + std::to_string(args->logits_capacity) +
                  " floats, but B * T * V = " + std::to_string(needed));
  }

  for (long long i = 0; i < rows; ++i) {
    const std::int32_t token = args->tokens[i];
    if (token < 0 || token >= shape.vocab_size) {
      throw_invalid("token id " + std::to_string(token) + " at batch " +
                    std::to_string(i / args->seq_len) + ", position " +
                    std::to_string(i % args->seq_len) + " is outside [0, " +
                    std::to_string(shape.vocab_size) + ")");
    }
  }

  ForwardRequest request;
  request.tokens = args->tokens;
  request.batch = args->batch_size;
  request.seq_len = args->seq_len;
  request.logits = args->logits;
  return request;
}

}  // namespace tb::blis
