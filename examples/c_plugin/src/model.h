/*
 * The model functions of the function table: everything between the host's
 * arguments and the forward pass. Each function checks its input against the ABI
 * contract and reports a violation as a tb_error rather than aborting.
 */
#ifndef EXAMPLE_MODEL_H
#define EXAMPLE_MODEL_H

#include <stdint.h>

#include <transformer_bench/backend.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The largest thread count model_set_threads accepts: forward runs on one thread. */
#define EXAMPLE_MAX_THREADS 1

tb_error *example_model_create(const tb_model_create_args *args, tb_model **out_model);
void example_model_destroy(tb_model *model);
tb_error *example_model_set_threads(tb_model *model, int32_t n_threads);
tb_error *example_model_forward(tb_model *model, const tb_forward_args *args);
tb_error *example_model_get_memory(const tb_model *model, tb_memory_info *out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EXAMPLE_MODEL_H */
