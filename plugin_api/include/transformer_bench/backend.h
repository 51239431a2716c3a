/*
 * transformer_bench/backend.h: the C ABI between the transformer-bench host and a
 * forward-pass backend plugin (a shared object loaded at run time).
 *
 * This header is the whole contract. It is plain C (C99 or later, or C++), has no
 * dependencies beyond <stddef.h> and <stdint.h>, and is all a plugin author needs.
 * It is not an implementation: the host and each backend implement their own sides.
 *
 * ---------------------------------------------------------------------------------
 * VERSIONING RULES (ABI major 1)
 * ---------------------------------------------------------------------------------
 * The ABI version is MAJOR.MINOR (TB_ABI_VERSION_MAJOR, TB_ABI_VERSION_MINOR).
 *
 * 1. Every struct that crosses the boundary starts with `size_t struct_size`, set by
 *    whoever fills the struct to sizeof() of the struct as *it* was compiled. A reader
 *    uses only the fields that lie entirely inside struct_size (TB_STRUCT_HAS_FIELD).
 * 2. Within a major version, structs and the function table grow only by appending
 *    fields at the end. No field is removed, reordered, retyped or given a new meaning.
 *    Each append bumps MINOR. A new enum value or status code also bumps MINOR.
 * 3. Anything else (removing, reordering or retyping a field, changing a function's
 *    signature or contract, renaming the entry point) bumps MAJOR.
 * 4. A host of version H.h loads a plugin of version P.p only when H == P. Then:
 *    - p < h (older plugin): the host uses the table's struct_size to see which
 *      functions exist and treats the missing ones as absent; it must not call them.
 *    - p > h (newer plugin): the host ignores the fields it does not know.
 *    A plugin likewise reads caller-filled structs up to their struct_size only, and
 *    uses documented defaults for fields the (older) host did not provide.
 * 5. A v1.0 plugin therefore keeps loading in every 1.x host. A layout test in the
 *    project pins sizeof() and offsetof() of every v1 field, so an accidental change
 *    other than an append fails the build's tests.
 *
 * ---------------------------------------------------------------------------------
 * GENERAL CONTRACT
 * ---------------------------------------------------------------------------------
 * - Errors: a function that can fail returns `tb_error*`; NULL means success. A
 *   non-NULL error is an opaque object allocated by the plugin and owned by the
 *   caller, who reads it with error_message()/error_code() and frees it with
 *   error_destroy(). No C++ exception or other language-specific unwinding may cross
 *   the boundary; plugins written in C++ catch everything at each exported function.
 * - Strings are NUL-terminated UTF-8.
 * - Threads: the host never calls functions on one model concurrently. Calls on
 *   different models, and calls to get_info() and the error functions, may come from
 *   any thread; unless the backend sets TB_CAPABILITY_CONCURRENT_MODELS, the host
 *   serialises all calls into one plugin.
 * - Memory: buffers passed by the host are borrowed for the duration of the call
 *   only, unless a function's contract says otherwise.
 * - Unloading: the transformer-bench host keeps a loaded plugin mapped until the
 *   process exits. Another host may unload it once its last model is destroyed, so a
 *   plugin whose threads outlive its calls (an OpenMP pool) should link with
 *   -Wl,-z,nodelete.
 */
#ifndef TRANSFORMER_BENCH_BACKEND_H
#define TRANSFORMER_BENCH_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TB_ABI_VERSION_MAJOR 1
#define TB_ABI_VERSION_MINOR 0

/* Name of the single symbol a plugin exports (see tb_get_backend_api_fn). */
#define TB_ENTRY_POINT_NAME "tb_get_backend_api"

/* Marks the entry point for export from a plugin built with -fvisibility=hidden. */
#if defined(_WIN32)
#define TB_PLUGIN_EXPORT __declspec(dllexport)
#else
#define TB_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* sizeof(type) up to and including `field`: the struct_size of the first version
 * that had `field`. */
#ifdef __cplusplus
#define TB_STRUCT_SIZE(type, field) (offsetof(type, field) + sizeof(type::field))
#else
#define TB_STRUCT_SIZE(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))
#endif

/* True when a struct whose struct_size is `size` contains `field`. */
#define TB_STRUCT_HAS_FIELD(ptr, type, field) \
  ((ptr)->struct_size >= TB_STRUCT_SIZE(type, field))

/* ------------------------------------------------------------------------------- */
/* Errors                                                                           */
/* ------------------------------------------------------------------------------- */

/* Status codes carried by a tb_error. Stored as int32_t in every struct and call,
 * never as a C enum, so the width is fixed. New codes may be added in a minor
 * version; a host treats an unknown code like TB_STATUS_INTERNAL. */
enum {
  TB_STATUS_OK = 0,               /* never carried by an error; listed for completeness */
  TB_STATUS_INVALID_ARGUMENT = 1, /* bad pointer, size, shape, token id or option */
  TB_STATUS_OUT_OF_RANGE = 2,     /* a size above a capability (e.g. seq_len > max) */
  TB_STATUS_UNSUPPORTED = 3,      /* valid request this backend does not implement */
  TB_STATUS_OUT_OF_MEMORY = 4,
  TB_STATUS_INTERNAL = 5          /* a bug or an unexpected failure inside the backend */
};

/* Opaque error object, defined by each plugin. */
typedef struct tb_error tb_error;

/* ------------------------------------------------------------------------------- */
/* Metadata                                                                         */
/* ------------------------------------------------------------------------------- */

/* Bit flags for tb_backend_info.dtypes. */
#define TB_DTYPE_FLAG_F32 (1u << 0)

/* Bit flags for tb_backend_info.capabilities. */
#define TB_CAPABILITY_CONCURRENT_MODELS (1u << 0) /* different models may run at once */
#define TB_CAPABILITY_DETERMINISTIC (1u << 1)     /* same input gives bitwise same logits */

/* Static description of a backend. Filled by the plugin; every string points to
 * storage that lives as long as the plugin stays loaded. */
typedef struct tb_backend_info {
  size_t struct_size;
  const char *name;        /* short identifier used in configs, e.g. "blis"; [a-z0-9_-]+ */
  const char *version;     /* the backend's own version, e.g. "0.1.0" */
  const char *description; /* one line, no trailing newline */
  const char *build_info;  /* free text: compiler, library versions, vector ISA, ... */
  uint32_t dtypes;         /* TB_DTYPE_FLAG_* the backend computes in */
  uint32_t capabilities;   /* TB_CAPABILITY_* */
  int32_t max_threads;     /* largest useful thread count; 0 means no limit */
  int32_t max_seq_len;     /* largest T the backend supports; 0 means no limit */
} tb_backend_info;

/* ------------------------------------------------------------------------------- */
/* Model description                                                                */
/* ------------------------------------------------------------------------------- */

/* Hyper-parameters of the pre-LayerNorm GPT decoder that every backend computes.
 * The model itself is defined in docs/model.md. */
typedef struct tb_model_config {
  size_t struct_size;
  int32_t vocab_size;   /* V */
  int32_t d_model;      /* C, divisible by n_heads */
  int32_t n_layers;     /* L */
  int32_t n_heads;      /* NH; head size is d_model / n_heads */
  int32_t d_ff;         /* hidden width of the feed-forward block */
  int32_t max_seq_len;  /* largest T any forward call will use */
  float layer_norm_eps; /* added to the biased variance in every LayerNorm */
} tb_model_config;

/* Element types for tb_tensor.dtype. */
enum { TB_DTYPE_F32 = 1 };

#define TB_TENSOR_MAX_RANK 4

/* A named, dense, row-major tensor lent by the host. */
typedef struct tb_tensor {
  size_t struct_size;
  const char *name;                   /* e.g. "blocks.0.attn.wq"; see docs/model.md */
  int32_t dtype;                      /* TB_DTYPE_* */
  int32_t rank;                       /* 1..TB_TENSOR_MAX_RANK */
  int64_t shape[TB_TENSOR_MAX_RANK];  /* entries past rank are 0 */
  const void *data;                   /* product(shape) elements, row-major */
} tb_tensor;

/* One backend option, passed through from the benchmark config unchanged. */
typedef struct tb_option {
  size_t struct_size;
  const char *key;
  const char *value;
} tb_option;

/* Arguments of model_create. Arrays hold pointers, not structs, so that each element
 * can carry its own struct_size as the structs grow. */
typedef struct tb_model_create_args {
  size_t struct_size;
  const tb_model_config *config;
  const tb_tensor *const *tensors; /* every tensor of the model, in any order */
  size_t n_tensors;
  const tb_option *const *options; /* may be NULL when n_options == 0 */
  size_t n_options;
} tb_model_create_args;

/* Opaque model instance, defined by each plugin. */
typedef struct tb_model tb_model;

/* Arguments of forward. */
typedef struct tb_forward_args {
  size_t struct_size;
  const int32_t *tokens;  /* [B, T] row-major token ids, each in [0, vocab_size) */
  int32_t batch_size;     /* B >= 1 */
  int32_t seq_len;        /* T, 1 <= T <= config.max_seq_len */
  float *logits;          /* [B, T, V] row-major output, owned by the host */
  size_t logits_capacity; /* number of floats logits can hold; >= B*T*V */
} tb_forward_args;

/* Memory held by a model, as the backend accounts for it. */
typedef struct tb_memory_info {
  size_t struct_size;
  uint64_t weight_bytes;    /* parameters in the backend's own layout */
  uint64_t workspace_bytes; /* activations and scratch for the largest shape seen so far */
} tb_memory_info;

/* ------------------------------------------------------------------------------- */
/* The function table                                                               */
/* ------------------------------------------------------------------------------- */

typedef struct tb_backend_api {
  size_t struct_size; /* sizeof(tb_backend_api) as the plugin was compiled */
  uint32_t abi_major; /* TB_ABI_VERSION_MAJOR the plugin was compiled with */
  uint32_t abi_minor; /* TB_ABI_VERSION_MINOR the plugin was compiled with */

  /* Returns the message of `error`. Any thread. The string is owned by the error
   * and valid until error_destroy(error). Never returns NULL for a non-NULL error. */
  const char *(*error_message)(const tb_error *error);

  /* Returns the TB_STATUS_* code of `error`. Any thread. */
  int32_t (*error_code)(const tb_error *error);

  /* Frees `error`. Called by the host exactly once per error it receives. NULL is
   * accepted and ignored. Any thread. */
  void (*error_destroy)(tb_error *error);

  /* Returns the backend's static description. Any thread, any time while the plugin
   * is loaded. Never NULL; the struct and its strings are owned by the plugin. */
  const tb_backend_info *(*get_info)(void);

  /* Creates a model. Called by the host on any thread.
   * - args and everything it points to (config, tensors and their data, options)
   *   are borrowed for this call only: the backend copies or re-lays-out whatever
   *   it keeps.
   * - Every tensor named in docs/model.md must be present with the listed shape and
   *   dtype; a missing, extra or misshapen tensor is TB_STATUS_INVALID_ARGUMENT.
   * - An option key the backend does not know is TB_STATUS_INVALID_ARGUMENT.
   * - On success *out_model is a new model owned by the host, to be released with
   *   model_destroy. On error *out_model is set to NULL.
   * The new model runs with one thread until model_set_threads says otherwise. */
  tb_error *(*model_create)(const tb_model_create_args *args, tb_model **out_model);

  /* Destroys a model and frees everything it owns. NULL is ignored. Called once per
   * model, never while another call on that model is running. */
  void (*model_destroy)(tb_model *model);

  /* Sets how many threads later forward calls on `model` may use (n_threads >= 1).
   * A multi-threaded backend uses that many for the whole forward pass, 1 included,
   * and never more; a single-threaded one accepts any count and says so in
   * build_info. A value above info.max_threads (when non-zero) is
   * TB_STATUS_OUT_OF_RANGE. */
  tb_error *(*model_set_threads)(tb_model *model, int32_t n_threads);

  /* Runs the forward pass: logits = model(tokens). Writes exactly B*T*V floats to
   * args->logits and nothing else. Token ids out of range, B < 1, T < 1,
   * T > config.max_seq_len, NULL buffers or a too small logits_capacity are
   * TB_STATUS_INVALID_ARGUMENT (or TB_STATUS_OUT_OF_RANGE for sizes), not a crash.
   * Buffers are borrowed for this call only. The first call with a larger shape may
   * allocate; later calls with that shape or smaller should not. */
  tb_error *(*model_forward)(tb_model *model, const tb_forward_args *args);

  /* Fills *out (whose struct_size the host sets) with the model's memory use. */
  tb_error *(*model_get_memory)(const tb_model *model, tb_memory_info *out);

  /* ---- end of ABI 1.0; later 1.x fields are appended below this line ---- */
} tb_backend_api;

/* The one symbol a plugin exports, named TB_ENTRY_POINT_NAME.
 * The host calls it once per load, before anything else, with its own ABI version.
 * Returns a pointer to a table that stays valid and unchanged while the plugin is
 * loaded, or NULL when the plugin cannot serve a host of `host_abi_major` (the host
 * then reports the plugin as incompatible). Must not allocate per call, have side
 * effects beyond one-time initialisation, or throw. */
typedef const tb_backend_api *(*tb_get_backend_api_fn)(uint32_t host_abi_major,
                                                       uint32_t host_abi_minor);

/* Declaration for plugin authors; the definition lives in the plugin. */
TB_PLUGIN_EXPORT const tb_backend_api *tb_get_backend_api(uint32_t host_abi_major,
                                                          uint32_t host_abi_minor);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TRANSFORMER_BENCH_BACKEND_H */
