// The sinusoidal positional encoding the model adds to the token embeddings.
#pragma once

#include "aligned_buffer.h"

namespace tb::blis {

// PE[pos, 2i] = sin(pos / 10000^(2i / C)) and PE[pos, 2i + 1] = cos(pos / 10000^(2i / C)),
// computed in double and rounded once to float. Returns a (max_seq_len, C) matrix.
PaddedMatrix make_positional_encoding(int max_seq_len, int d_model);

}  // namespace tb::blis
