/*
 * The model's parameters inside the plugin: a private copy of every tensor the host
 * lends to model_create, matched by name and shape against the list in
 * docs/model.md of the transformer-bench sources.
 */
#ifndef EXAMPLE_WEIGHTS_H
#define EXAMPLE_WEIGHTS_H

#include <stddef.h>

#include <transformer_bench/backend.h>

#include "forward.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct example_parameters {
  float *storage;         /* every parameter in one allocation */
  size_t n_floats;
  example_block *blocks;  /* [L] */
  example_weights weights; /* pointers into storage and blocks */
} example_parameters;

/* Copies the host's tensors into *out. A missing, unknown, duplicate or misshapen
 * tensor is TB_STATUS_INVALID_ARGUMENT; a failed allocation TB_STATUS_OUT_OF_MEMORY.
 * On error *out owns nothing. */
tb_error *example_parameters_load(const example_shape *shape, const tb_tensor *const *tensors, size_t n_tensors,
                                  example_parameters *out);

void example_parameters_free(example_parameters *parameters);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EXAMPLE_WEIGHTS_H */
