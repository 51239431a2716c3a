#include "positional_encoding.h"

#include <cmath>

namespace tb::blis {

PaddedMatrix make_positional_encoding(int max_seq_len, int d_model) {
  PaddedMatrix table = make_padded_matrix(max_seq_len, d_model);
  for (int pos = 0; pos < max_seq_len; ++pos) {
    float* row = table.row(pos);
    for (int j = 0; j < d_model; ++j) {
      const int even_index = j - j % 2;  // the 2i shared by columns 2i and 2i + 1
      const double angle =
          pos / std::pow(10000.0, static_cast<double>(even_index) / static_cast<double>(d_model));
      row[j] = static_cast<float>(j % 2 == 0 ? std::sin(angle) : std::cos(angle));
    }
  }
  return table;
}

}  // namespace tb::blis
