#include "panel_packing.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace tb::blis {

void pack_column_panels(PaddedMatrix& matrix, int panel_columns) {
  const int panels = (matrix.cols + panel_columns - 1) / panel_columns;
  const std::ptrdiff_t panel_stride = static_cast<std::ptrdiff_t>(matrix.rows) * panel_columns;

  AlignedBuffer packed;
  packed.reserve_zeroed(padded_storage_floats(panels, panel_stride));
  for (int p = 0; p < panels; ++p) {
    const int col0 = p * panel_columns;
    const int width = std::min(panel_columns, matrix.cols - col0);
    float* panel = packed.data() + p * panel_stride;
    for (int k = 0; k < matrix.rows; ++k) {
      std::memcpy(panel + k * panel_columns, matrix.row(k) + col0,
                  static_cast<std::size_t>(width) * sizeof(float));
    }
  }

  matrix.storage = std::move(packed);
  matrix.ld = panel_columns;
  matrix.panel_stride = panel_stride;
}

}  // namespace tb::blis
