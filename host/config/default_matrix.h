// The default matrix: configs/default.yaml, compiled into the executable at build
// time, so the shipped file and the binary cannot drift apart.
#pragma once

#include <string_view>

#include "config/matrix.h"

namespace tb {

// The source name of the default matrix in errors and results.
inline constexpr const char* kDefaultMatrixSource = "<default>";

// The text of configs/default.yaml as it was when the binary was built.
std::string_view default_matrix_yaml();

// The parsed default matrix. Throws ConfigErrors, which the tests rule out.
MatrixConfig default_matrix();

}  // namespace tb
