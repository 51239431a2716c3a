// The scalar backend's static description (tb_backend_info).
#pragma once

#include <transformer_bench/backend.h>

namespace tb::scalar {

// Returns the description, built on first use and valid while the plugin is loaded.
const tb_backend_info* backend_info() noexcept;

}  // namespace tb::scalar
