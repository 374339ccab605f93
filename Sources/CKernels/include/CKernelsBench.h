// Benchmark-only kernels: measuring what this CPU can do, not computing anything useful.
#ifndef SMR_CKERNELS_BENCH_H
#define SMR_CKERNELS_BENCH_H

#ifdef __cplusplus
extern "C" {
#endif

/// Runs a register-only FP32 fused multiply-add loop (no memory traffic) with the widest
/// vector instruction set this CPU supports, for `iterations` iterations, and returns the
/// number of floating-point operations performed (2 per lane per FMA). Time it from the
/// caller to obtain the single-thread FP32 peak.
double smr_fma_peak_run(long iterations);

/// Instruction set used by `smr_fma_peak_run` ("avx512", "avx2", "portable").
const char *smr_fma_peak_isa(void);

/// The heap allocator's statistics, for memory soaks: bytes in use by live allocations,
/// bytes free inside the heap (fragmentation and trimmable top), bytes in separate mmap'd
/// blocks. Zero where the C library does not report them (non-glibc).
void smr_heap_stats(unsigned long *in_use, unsigned long *free_bytes, unsigned long *mmapped);

/// The calling thread's cache of freed heap blocks (block_cache.c): bytes and blocks parked
/// in it, and whether the cache is on (off with SMR_BLOCK_CACHE=0 or outside glibc).
void smr_block_cache_stats(unsigned long *cached_bytes, unsigned long *cached_blocks, int *is_enabled);
/// The usable size the cache files a freed block under (its own reading of glibc's chunk
/// header; equals malloc_usable_size for every live block). 0 where the cache is compiled out.
unsigned long smr_block_usable_size(void *p);
/// glibc's malloc_usable_size (0 where the cache is compiled out), to test the one above.
unsigned long smr_glibc_usable_size(void *p);

#ifdef __cplusplus
}
#endif
#endif
