/* Error objects: one heap block per error holding the status and the message. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct tb_error {
  int32_t code;
  const char *message; /* points just past the struct, into the same allocation */
};

/* Returned when the message cannot be allocated, so an out-of-memory condition is
 * still reported. It is shared and immutable, so it is never freed. */
static tb_error out_of_memory_error = {TB_STATUS_OUT_OF_MEMORY, "out of memory while reporting an error"};

/* Returned when vsnprintf rejects the format or its arguments. It is static for the
 * same reason. */
static tb_error format_error = {TB_STATUS_INTERNAL, "the plugin failed to format an error message"};

tb_error *example_error_create(int32_t code, const char *format, ...) {
  va_list args;
  va_start(args, format);
  const int length = vsnprintf(NULL, 0, format, args);
  va_end(args);
  if (length < 0) {
    return &format_error;
  }

  tb_error *error = malloc(sizeof(tb_error) + (size_t)length + 1);
  if (error == NULL) {
    return &out_of_memory_error;
  }

  char *message = (char *)(error + 1);
  va_start(args, format);
  vsnprintf(message, (size_t)length + 1, format, args);
  va_end(args);

  error->code = code;
  error->message = message;
  return error;
}

const char *example_error_message(const tb_error *error) { return error->message; }

int32_t example_error_code(const tb_error *error) { return error->code; }

void example_error_destroy(tb_error *error) {
  if (error != &out_of_memory_error && error != &format_error) {
    free(error);
  }
}
