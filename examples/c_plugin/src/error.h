/*
 * The plugin's side of the ABI's error objects: how a tb_error is allocated, read and
 * freed. The callers decide which status a failure gets.
 */
#ifndef EXAMPLE_ERROR_H
#define EXAMPLE_ERROR_H

#include <stdint.h>

#include <transformer_bench/backend.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Allocates an error with a printf-style message. Never returns NULL: when memory
 * runs out, or the message cannot be formatted, it returns a static error that
 * example_error_destroy does not free. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
tb_error *example_error_create(int32_t code, const char *format, ...);

const char *example_error_message(const tb_error *error);
int32_t example_error_code(const tb_error *error);
void example_error_destroy(tb_error *error);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* EXAMPLE_ERROR_H */
