/* The model functions: argument checks, ownership and the workspace. */
#include "model.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "error.h"
#include "forward.h"
#include "weights.h"

struct tb_model {
  example_shape shape;
  example_parameters parameters;
  float *workspace; /* grown by forward to the largest seq_len seen */
  size_t workspace_floats;
  int32_t n_threads;
};

static tb_error *invalid(const char *what, int32_t value) {
  return example_error_create(TB_STATUS_INVALID_ARGUMENT, "%s is %d, expected a positive value", what, (int)value);
}

/* Reads the config fields of ABI 1.0. A newer host may send a larger struct, whose
 * extra fields this plugin ignores. */
static tb_error *read_config(const tb_model_config *config, example_shape *shape) {
  if (config == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "config is NULL");
  }
  if (config->struct_size < TB_STRUCT_SIZE(tb_model_config, layer_norm_eps)) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "config struct_size is %zu, expected at least %zu",
                                config->struct_size, TB_STRUCT_SIZE(tb_model_config, layer_norm_eps));
  }

  if (config->vocab_size < 1) return invalid("vocab_size", config->vocab_size);
  if (config->d_model < 1) return invalid("d_model", config->d_model);
  if (config->n_layers < 1) return invalid("n_layers", config->n_layers);
  if (config->n_heads < 1) return invalid("n_heads", config->n_heads);
  if (config->d_ff < 1) return invalid("d_ff", config->d_ff);
  if (config->max_seq_len < 1) return invalid("max_seq_len", config->max_seq_len);
  if (config->d_model % config->n_heads != 0) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "d_model %d is not divisible by n_heads %d",
                                (int)config->d_model, (int)config->n_heads);
  }
  if (!(config->layer_norm_eps > 0.0f) || isinf(config->layer_norm_eps)) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "layer_norm_eps is %g, expected a positive finite value",
                                (double)config->layer_norm_eps);
  }

  shape->vocab_size = config->vocab_size;
  shape->d_model = config->d_model;
  shape->n_layers = config->n_layers;
  shape->n_heads = config->n_heads;
  shape->d_ff = config->d_ff;
  shape->max_seq_len = config->max_seq_len;
  shape->layer_norm_eps = config->layer_norm_eps;
  return NULL;
}

/* This backend has no options, so any option is an unknown key. */
static tb_error *reject_options(const tb_option *const *options, size_t n_options) {
  if (n_options == 0) return NULL;
  if (options == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "options is NULL but n_options is %zu", n_options);
  }

  const tb_option *option = options[0];
  const int readable = option != NULL && option->struct_size >= TB_STRUCT_SIZE(tb_option, key) && option->key != NULL;
  return example_error_create(TB_STATUS_INVALID_ARGUMENT, "unknown option '%s': this backend has no options",
                              readable ? option->key : "(unreadable)");
}

tb_error *example_model_create(const tb_model_create_args *args, tb_model **out_model) {
  if (out_model == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "out_model is NULL");
  }
  *out_model = NULL;
  if (args == NULL || args->struct_size < TB_STRUCT_SIZE(tb_model_create_args, n_options)) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "create args are NULL or their struct_size is too small");
  }

  example_shape shape;
  tb_error *error = read_config(args->config, &shape);
  if (error == NULL) error = reject_options(args->options, args->n_options);
  if (error != NULL) return error;

  tb_model *model = calloc(1, sizeof *model);
  if (model == NULL) {
    return example_error_create(TB_STATUS_OUT_OF_MEMORY, "cannot allocate the model");
  }
  model->shape = shape;
  model->n_threads = 1;

  error = example_parameters_load(&shape, args->tensors, args->n_tensors, &model->parameters);
  if (error != NULL) {
    free(model);
    return error;
  }
  *out_model = model;
  return NULL;
}

void example_model_destroy(tb_model *model) {
  if (model == NULL) return;
  example_parameters_free(&model->parameters);
  free(model->workspace);
  free(model);
}

tb_error *example_model_set_threads(tb_model *model, int32_t n_threads) {
  if (model == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "model is NULL");
  }
  if (n_threads < 1) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "n_threads is %d, expected at least 1", (int)n_threads);
  }
  if (n_threads > EXAMPLE_MAX_THREADS) {
    return example_error_create(TB_STATUS_OUT_OF_RANGE, "n_threads %d is above max_threads %d", (int)n_threads,
                                EXAMPLE_MAX_THREADS);
  }
  model->n_threads = n_threads;
  return NULL;
}

/* Checks the forward arguments in the order of the contract. On success *n_logits is
 * B*T*V. */
static tb_error *check_forward_args(const tb_model *model, const tb_forward_args *args, size_t *n_logits) {
  if (args == NULL || args->struct_size < TB_STRUCT_SIZE(tb_forward_args, logits_capacity)) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "forward args are NULL or their struct_size is too small");
  }
  if (args->tokens == NULL) return example_error_create(TB_STATUS_INVALID_ARGUMENT, "tokens is NULL");
  if (args->logits == NULL) return example_error_create(TB_STATUS_INVALID_ARGUMENT, "logits is NULL");
  if (args->batch_size < 1) return invalid("batch_size", args->batch_size);
  if (args->seq_len < 1) return invalid("seq_len", args->seq_len);
  if (args->seq_len > model->shape.max_seq_len) {
    return example_error_create(TB_STATUS_OUT_OF_RANGE, "seq_len %d is above the model's max_seq_len %lld",
                                (int)args->seq_len, (long long)model->shape.max_seq_len);
  }

  /* B and T are positive int32_t values and V < 2^31, so B*T fits in 62 bits and only
   * the product with V can overflow. */
  const size_t rows = (size_t)args->batch_size * (size_t)args->seq_len;
  const size_t V = (size_t)model->shape.vocab_size;
  if (rows > SIZE_MAX / V) {
    return example_error_create(TB_STATUS_OUT_OF_RANGE, "B*T*V overflows size_t");
  }
  *n_logits = rows * V;
  if (args->logits_capacity < *n_logits) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "logits_capacity is %zu floats, expected at least B*T*V = %zu",
                                args->logits_capacity, *n_logits);
  }

  for (size_t i = 0; i < rows; ++i) {
    const int32_t token = args->tokens[i];
    if (token < 0 || token >= model->shape.vocab_size) {
      return example_error_create(TB_STATUS_INVALID_ARGUMENT, "token id %d at [%zu, %zu] is outside [0, %lld)",
                                  (int)token, i / (size_t)args->seq_len, i % (size_t)args->seq_len,
                                  (long long)model->shape.vocab_size);
    }
  }
  return NULL;
}

tb_error *example_model_forward(tb_model *model, const tb_forward_args *args) {
  if (model == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "model is NULL");
  }
  size_t n_logits = 0;
  tb_error *error = check_forward_args(model, args, &n_logits);
  if (error != NULL) return error;

  /* The workspace grows once per larger seq_len and is reused after that. */
  const size_t needed = example_workspace_floats(&model->shape, args->seq_len);
  if (needed > model->workspace_floats) {
    float *workspace = realloc(model->workspace, needed * sizeof(float));
    if (workspace == NULL) {
      return example_error_create(TB_STATUS_OUT_OF_MEMORY, "cannot allocate %zu bytes of workspace",
                                  needed * sizeof(float));
    }
    model->workspace = workspace;
    model->workspace_floats = needed;
  }

  example_forward(&model->shape, &model->parameters.weights, args->tokens, args->batch_size, args->seq_len,
                  args->logits, model->workspace);
  return NULL;
}

tb_error *example_model_get_memory(const tb_model *model, tb_memory_info *out) {
  if (model == NULL || out == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "model or out is NULL");
  }

  /* An older host passes a smaller struct: write only the fields it has. */
  if (TB_STRUCT_HAS_FIELD(out, tb_memory_info, weight_bytes)) {
    out->weight_bytes = (uint64_t)(model->parameters.n_floats * sizeof(float));
  }
  if (TB_STRUCT_HAS_FIELD(out, tb_memory_info, workspace_bytes)) {
    out->workspace_bytes = (uint64_t)(model->workspace_floats * sizeof(float));
  }
  return NULL;
}
