/* Counts heap allocations made anywhere in the process while counting is on. The
 * test executable defines malloc, calloc, realloc and the aligned variants itself
 * (allocation_hook.c) and exports them, so they take precedence over glibc's for the
 * executable and for every library it loads, the plugin and BLIS included. C++
 * operator new goes through malloc in libstdc++, so it is counted too. */
#ifndef TB_TESTS_BLIS_ALLOCATION_HOOK_H
#define TB_TESTS_BLIS_ALLOCATION_HOOK_H

#ifdef __cplusplus
extern "C" {
#endif

void tb_allocation_counting_start(void);
/* Stops counting and returns the number of allocations since the last start. */
long tb_allocation_counting_stop(void);
/* The largest size in bytes requested while counting was last on. */
long tb_allocation_max_size(void);

#ifdef __cplusplus
}
#endif

#endif
