/* Definitions of the allocation functions that forward to glibc's internal entry
 * points and count calls while counting is on. free is forwarded but not counted. */
#include "allocation_hook.h"

#include <errno.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>

/* glibc's own implementations, exported for exactly this kind of interposition. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

static atomic_int g_counting;
static atomic_long g_allocations;
static atomic_long g_max_size;

static void note_allocation(size_t size) {
  long seen;
  if (!atomic_load_explicit(&g_counting, memory_order_relaxed)) {
    return;
  }
  atomic_fetch_add_explicit(&g_allocations, 1, memory_order_relaxed);
  seen = atomic_load_explicit(&g_max_size, memory_order_relaxed);
  while ((long)size > seen &&
         !atomic_compare_exchange_weak_explicit(&g_max_size, &seen, (long)size,
                                                memory_order_relaxed, memory_order_relaxed)) {
  }
}

void tb_allocation_counting_start(void) {
  atomic_store(&g_allocations, 0);
  atomic_store(&g_max_size, 0);
  atomic_store(&g_counting, 1);
}

long tb_allocation_max_size(void) { return atomic_load(&g_max_size); }

long tb_allocation_counting_stop(void) {
  atomic_store(&g_counting, 0);
  return atomic_load(&g_allocations);
}

void *malloc(size_t size) {
  note_allocation(size);
  return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
  note_allocation(count * size);
  return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
  note_allocation(size);
  return __libc_realloc(pointer, size);
}

void free(void *pointer) { __libc_free(pointer); }

void *memalign(size_t alignment, size_t size) {
  note_allocation(size);
  return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
  note_allocation(size);
  return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
  void *pointer;
  note_allocation(size);
  if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) {
    return EINVAL;
  }
  pointer = __libc_memalign(alignment, size);
  if (pointer == NULL) {
    return ENOMEM;
  }
  *out = pointer;
  return 0;
}
