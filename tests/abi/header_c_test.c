/*
 * The ABI header compiled as C: built once as C11 and once as C99 with -pedantic
 * -Werror, and run. It uses every macro of the header and fills every struct, so a
 * C++-only construct or a C extension in the header fails the build, and a
 * struct_size macro that computes the wrong size fails the run.
 */
#include <stdio.h>
#include <string.h>

#include <transformer_bench/backend.h>

static int failures = 0;

static void expect(int condition, const char *what) {
  if (!condition) {
    fprintf(stderr, "header_c_test: failed: %s\n", what);
    ++failures;
  }
}

/* The header's declaration of the entry point must be usable from C; this
 * definition checks that it matches tb_get_backend_api_fn. */
const tb_backend_api *tb_get_backend_api(uint32_t host_abi_major, uint32_t host_abi_minor) {
  (void)host_abi_major;
  (void)host_abi_minor;
  return NULL;
}

int main(void) {
  tb_get_backend_api_fn entry_point = tb_get_backend_api;
  tb_backend_info info;
  tb_model_config config;
  tb_tensor tensor;
  tb_option option;
  tb_model_create_args create_args;
  tb_forward_args forward_args;
  tb_memory_info memory;
  tb_backend_api api;

  memset(&info, 0, sizeof info);
  memset(&config, 0, sizeof config);
  memset(&tensor, 0, sizeof tensor);
  memset(&option, 0, sizeof option);
  memset(&create_args, 0, sizeof create_args);
  memset(&forward_args, 0, sizeof forward_args);
  memset(&memory, 0, sizeof memory);
  memset(&api, 0, sizeof api);

  expect(entry_point(TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR) == NULL, "the entry point is callable");
  expect(strcmp(TB_ENTRY_POINT_NAME, "tb_get_backend_api") == 0, "TB_ENTRY_POINT_NAME names the entry point");

  expect(TB_STRUCT_SIZE(tb_memory_info, weight_bytes) == offsetof(tb_memory_info, weight_bytes) + sizeof(uint64_t),
         "TB_STRUCT_SIZE ends at the end of the named field");
  expect(TB_STRUCT_SIZE(tb_backend_api, model_get_memory) <= sizeof(tb_backend_api),
         "the 1.0 table fits in the current table");

  memory.struct_size = TB_STRUCT_SIZE(tb_memory_info, weight_bytes);
  expect(TB_STRUCT_HAS_FIELD(&memory, tb_memory_info, weight_bytes), "a struct has the fields inside struct_size");
  expect(!TB_STRUCT_HAS_FIELD(&memory, tb_memory_info, workspace_bytes),
         "a struct lacks the fields past struct_size");

  info.dtypes = TB_DTYPE_FLAG_F32;
  info.capabilities = TB_CAPABILITY_CONCURRENT_MODELS | TB_CAPABILITY_DETERMINISTIC;
  tensor.dtype = TB_DTYPE_F32;
  tensor.rank = TB_TENSOR_MAX_RANK;
  expect(info.capabilities == 3u, "the capability flags are distinct bits");
  expect(TB_STATUS_OK == 0, "TB_STATUS_OK is 0");
  expect(TB_STATUS_INTERNAL == 5, "TB_STATUS_INTERNAL is 5");

  if (failures == 0) printf("header_c_test: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
