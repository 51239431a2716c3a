// Packing of a weight matrix into the column panels the native GEMM kernel streams
// (GemmArgs::b_panel_stride), done once at model creation.
#pragma once

#include "aligned_buffer.h"

namespace tb::blis {

// Replaces a row-major (k, n) matrix by its panel-packed form: ceil(n / panel_columns)
// panels, each k rows of panel_columns floats, with zeros past column n. Afterwards
// ld == panel_columns and panel_stride == k * panel_columns. Throws std::bad_alloc.
void pack_column_panels(PaddedMatrix& matrix, int panel_columns);

}  // namespace tb::blis
