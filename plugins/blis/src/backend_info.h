// The static description of the blis backend returned by get_info.
#pragma once

#include <transformer_bench/backend.h>

namespace tb::blis {

// Built on first use and kept until the plugin is unloaded.
const tb_backend_info& backend_info() noexcept;

}  // namespace tb::blis
