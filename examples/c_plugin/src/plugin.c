/*
 * The plugin's exported surface: its description, its function table and the entry
 * point, the only symbol the shared object exports.
 */
#include <transformer_bench/backend.h>

#include "error.h"
#include "model.h"

#define EXAMPLE_STRINGIFY(x) #x
#define EXAMPLE_VERSION_TEXT(major, minor, patch) \
  EXAMPLE_STRINGIFY(major) "." EXAMPLE_STRINGIFY(minor) "." EXAMPLE_STRINGIFY(patch)

#if defined(__clang__)
#define EXAMPLE_COMPILER "clang " EXAMPLE_VERSION_TEXT(__clang_major__, __clang_minor__, __clang_patchlevel__)
#elif defined(__GNUC__)
#define EXAMPLE_COMPILER "gcc " EXAMPLE_VERSION_TEXT(__GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__)
#else
#define EXAMPLE_COMPILER "an unknown compiler"
#endif

/* Static, so the strings live as long as the plugin stays loaded. */
static const tb_backend_info info = {
    .struct_size = sizeof(tb_backend_info),
    .name = "example_c",
    .version = "0.1.0",
    .description = "example plugin in plain C: one thread, plain loops, double accumulators",
    .build_info = "plain C, " EXAMPLE_COMPILER,
    .dtypes = TB_DTYPE_FLAG_F32,
    /* The plugin has no global mutable state, so different models may run at once.
     * One thread and a fixed summation order give the same bits for the same input. */
    .capabilities = TB_CAPABILITY_CONCURRENT_MODELS | TB_CAPABILITY_DETERMINISTIC,
    .max_threads = EXAMPLE_MAX_THREADS,
    .max_seq_len = 0,
};

static const tb_backend_info *get_info(void) { return &info; }

static const tb_backend_api api = {
    .struct_size = sizeof(tb_backend_api),
    .abi_major = TB_ABI_VERSION_MAJOR,
    .abi_minor = TB_ABI_VERSION_MINOR,
    .error_message = example_error_message,
    .error_code = example_error_code,
    .error_destroy = example_error_destroy,
    .get_info = get_info,
    .model_create = example_model_create,
    .model_destroy = example_model_destroy,
    .model_set_threads = example_model_set_threads,
    .model_forward = example_model_forward,
    .model_get_memory = example_model_get_memory,
};

TB_PLUGIN_EXPORT const tb_backend_api *tb_get_backend_api(uint32_t host_abi_major, uint32_t host_abi_minor) {
  /* Any 1.x host can use a 1.x table, because it reads only the fields inside
   * struct_size, so only the major version decides. */
  (void)host_abi_minor;
  return host_abi_major == TB_ABI_VERSION_MAJOR ? &api : NULL;
}
