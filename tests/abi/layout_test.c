/*
 * Layout pins of ABI 1.0: the offset and the type of every field of every struct
 * that crosses the plugin boundary, the 1.0 size of each struct, and the value of
 * every constant, checked at compile time. Any change to the header other than an
 * append at the end of a struct, or a new constant, breaks the build of this file,
 * and the negative-compile test (layout_negative_test.cmake) shows that once.
 *
 * The numbers are for LP64 targets with natural alignment (x86-64, AArch64 Linux);
 * other data models skip the offsets and keep only the type and constant pins.
 *
 * When a 1.x minor appends a field, add its pins here below the 1.0 ones, and never
 * change an existing line.
 */
#include <stddef.h>
#include <string.h>

#include <transformer_bench/backend.h>

/* The field exists at `offset`, with exactly type `field_type`. _Generic compares
 * the type after lvalue conversion, which drops only top-level qualifiers. */
#define PIN_FIELD(type, field, offset, field_type)                                   \
  _Static_assert(offsetof(type, field) == (offset), #type "." #field " has moved"); \
  _Static_assert(_Generic(((type *)0)->field, field_type: 1, default: 0), #type "." #field " has changed type")

/* The 1.0 fields end where they did in 1.0. Appended fields may make the struct larger. */
#define PIN_V1_0_SIZE(type, last_field, size) \
  _Static_assert(TB_STRUCT_SIZE(type, last_field) == (size), #type " 1.0 size changed")

#define PIN_TYPE(type, field, field_type) \
  _Static_assert(_Generic(((type *)0)->field, field_type: 1, default: 0), #type "." #field " has changed type")

/* ---- constants: values are part of the ABI ---- */
_Static_assert(TB_ABI_VERSION_MAJOR == 1, "the layout pins are for ABI major 1");
_Static_assert(TB_STATUS_OK == 0, "TB_STATUS_OK changed");
_Static_assert(TB_STATUS_INVALID_ARGUMENT == 1, "TB_STATUS_INVALID_ARGUMENT changed");
_Static_assert(TB_STATUS_OUT_OF_RANGE == 2, "TB_STATUS_OUT_OF_RANGE changed");
_Static_assert(TB_STATUS_UNSUPPORTED == 3, "TB_STATUS_UNSUPPORTED changed");
_Static_assert(TB_STATUS_OUT_OF_MEMORY == 4, "TB_STATUS_OUT_OF_MEMORY changed");
_Static_assert(TB_STATUS_INTERNAL == 5, "TB_STATUS_INTERNAL changed");
_Static_assert(TB_DTYPE_FLAG_F32 == 1u, "TB_DTYPE_FLAG_F32 changed");
_Static_assert(TB_CAPABILITY_CONCURRENT_MODELS == 1u, "TB_CAPABILITY_CONCURRENT_MODELS changed");
_Static_assert(TB_CAPABILITY_DETERMINISTIC == 2u, "TB_CAPABILITY_DETERMINISTIC changed");
_Static_assert(TB_DTYPE_F32 == 1, "TB_DTYPE_F32 changed");
_Static_assert(TB_TENSOR_MAX_RANK == 4, "TB_TENSOR_MAX_RANK changed");
_Static_assert(sizeof(TB_ENTRY_POINT_NAME) == sizeof("tb_get_backend_api"), "TB_ENTRY_POINT_NAME changed");

/* ---- types, on every data model ---- */
PIN_TYPE(tb_backend_info, name, const char *);
PIN_TYPE(tb_backend_info, dtypes, uint32_t);
PIN_TYPE(tb_backend_info, max_seq_len, int32_t);
PIN_TYPE(tb_model_config, layer_norm_eps, float);
PIN_TYPE(tb_tensor, data, const void *);
PIN_TYPE(tb_forward_args, logits_capacity, size_t);
PIN_TYPE(tb_backend_api, model_forward, tb_error *(*)(tb_model *, const tb_forward_args *));
PIN_TYPE(tb_backend_api, model_get_memory, tb_error *(*)(const tb_model *, tb_memory_info *));

_Static_assert(_Generic((tb_get_backend_api_fn)0, const tb_backend_api *(*)(uint32_t, uint32_t): 1, default: 0),
               "tb_get_backend_api_fn changed");

#if defined(__LP64__) && (defined(__x86_64__) || defined(__aarch64__))

/* ---- tb_backend_info, ABI 1.0 ---- */
PIN_FIELD(tb_backend_info, struct_size, 0, size_t);
PIN_FIELD(tb_backend_info, name, 8, const char *);
PIN_FIELD(tb_backend_info, version, 16, const char *);
PIN_FIELD(tb_backend_info, description, 24, const char *);
PIN_FIELD(tb_backend_info, build_info, 32, const char *);
PIN_FIELD(tb_backend_info, dtypes, 40, uint32_t);
PIN_FIELD(tb_backend_info, capabilities, 44, uint32_t);
PIN_FIELD(tb_backend_info, max_threads, 48, int32_t);
PIN_FIELD(tb_backend_info, max_seq_len, 52, int32_t);
PIN_V1_0_SIZE(tb_backend_info, max_seq_len, 56);

/* ---- tb_model_config, ABI 1.0 ---- */
PIN_FIELD(tb_model_config, struct_size, 0, size_t);
PIN_FIELD(tb_model_config, vocab_size, 8, int32_t);
PIN_FIELD(tb_model_config, d_model, 12, int32_t);
PIN_FIELD(tb_model_config, n_layers, 16, int32_t);
PIN_FIELD(tb_model_config, n_heads, 20, int32_t);
PIN_FIELD(tb_model_config, d_ff, 24, int32_t);
PIN_FIELD(tb_model_config, max_seq_len, 28, int32_t);
PIN_FIELD(tb_model_config, layer_norm_eps, 32, float);
PIN_V1_0_SIZE(tb_model_config, layer_norm_eps, 36);

/* ---- tb_tensor, ABI 1.0 ---- */
PIN_FIELD(tb_tensor, struct_size, 0, size_t);
PIN_FIELD(tb_tensor, name, 8, const char *);
PIN_FIELD(tb_tensor, dtype, 16, int32_t);
PIN_FIELD(tb_tensor, rank, 20, int32_t);
/* An array converts to a pointer in _Generic, so its length is pinned by size. */
PIN_FIELD(tb_tensor, shape, 24, int64_t *);
_Static_assert(sizeof(((tb_tensor *)0)->shape) == 4 * sizeof(int64_t), "tb_tensor.shape changed length");
PIN_FIELD(tb_tensor, data, 56, const void *);
PIN_V1_0_SIZE(tb_tensor, data, 64);

/* ---- tb_option, ABI 1.0 ---- */
PIN_FIELD(tb_option, struct_size, 0, size_t);
PIN_FIELD(tb_option, key, 8, const char *);
PIN_FIELD(tb_option, value, 16, const char *);
PIN_V1_0_SIZE(tb_option, value, 24);

/* ---- tb_model_create_args, ABI 1.0 ---- */
PIN_FIELD(tb_model_create_args, struct_size, 0, size_t);
PIN_FIELD(tb_model_create_args, config, 8, const tb_model_config *);
PIN_FIELD(tb_model_create_args, tensors, 16, const tb_tensor *const *);
PIN_FIELD(tb_model_create_args, n_tensors, 24, size_t);
PIN_FIELD(tb_model_create_args, options, 32, const tb_option *const *);
PIN_FIELD(tb_model_create_args, n_options, 40, size_t);
PIN_V1_0_SIZE(tb_model_create_args, n_options, 48);

/* ---- tb_forward_args, ABI 1.0 ---- */
PIN_FIELD(tb_forward_args, struct_size, 0, size_t);
PIN_FIELD(tb_forward_args, tokens, 8, const int32_t *);
PIN_FIELD(tb_forward_args, batch_size, 16, int32_t);
PIN_FIELD(tb_forward_args, seq_len, 20, int32_t);
PIN_FIELD(tb_forward_args, logits, 24, float *);
PIN_FIELD(tb_forward_args, logits_capacity, 32, size_t);
PIN_V1_0_SIZE(tb_forward_args, logits_capacity, 40);

/* ---- tb_memory_info, ABI 1.0 ---- */
PIN_FIELD(tb_memory_info, struct_size, 0, size_t);
PIN_FIELD(tb_memory_info, weight_bytes, 8, uint64_t);
PIN_FIELD(tb_memory_info, workspace_bytes, 16, uint64_t);
PIN_V1_0_SIZE(tb_memory_info, workspace_bytes, 24);

/* ---- tb_backend_api, ABI 1.0 ---- */
PIN_FIELD(tb_backend_api, struct_size, 0, size_t);
PIN_FIELD(tb_backend_api, abi_major, 8, uint32_t);
PIN_FIELD(tb_backend_api, abi_minor, 12, uint32_t);
PIN_FIELD(tb_backend_api, error_message, 16, const char *(*)(const tb_error *));
PIN_FIELD(tb_backend_api, error_code, 24, int32_t (*)(const tb_error *));
PIN_FIELD(tb_backend_api, error_destroy, 32, void (*)(tb_error *));
PIN_FIELD(tb_backend_api, get_info, 40, const tb_backend_info *(*)(void));
PIN_FIELD(tb_backend_api, model_create, 48, tb_error *(*)(const tb_model_create_args *, tb_model **));
PIN_FIELD(tb_backend_api, model_destroy, 56, void (*)(tb_model *));
PIN_FIELD(tb_backend_api, model_set_threads, 64, tb_error *(*)(tb_model *, int32_t));
PIN_FIELD(tb_backend_api, model_forward, 72, tb_error *(*)(tb_model *, const tb_forward_args *));
PIN_FIELD(tb_backend_api, model_get_memory, 80, tb_error *(*)(const tb_model *, tb_memory_info *));
PIN_V1_0_SIZE(tb_backend_api, model_get_memory, 88);

#endif /* LP64 */

int main(void) {
  /* The compiler checked everything above, so running only shows it was built. */
  return strcmp(TB_ENTRY_POINT_NAME, "tb_get_backend_api") == 0 ? 0 : 1;
}
