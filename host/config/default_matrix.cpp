#include "config/default_matrix.h"

#include "config/matrix_parser.h"

namespace tb {

MatrixConfig default_matrix() { return load_matrix_string(default_matrix_yaml(), kDefaultMatrixSource); }

}  // namespace tb
