// Register-only FMA loop used by the benchmark to measure the single-thread FP32 peak.
// Twelve independent accumulator chains hide the FMA latency (4 cycles, 2 pipes on
// Zen 4); the loop body touches no memory, so the only limit is FMA throughput.
#include "CKernelsBench.h"
#include "gemm_internal.h"
#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>

#define CHAINS 12

__attribute__((target("avx512f,fma"), noinline))
static double fma_loop_avx512(long iterations) {
    __m512 acc[CHAINS];
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-6f);
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_set1_ps((float)c);
    for (long it = 0; it < iterations; it++) {
#pragma clang loop unroll(full)
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_fmadd_ps(acc[c], a, b);
    }
    __m512 s = acc[0];
    for (int c = 1; c < CHAINS; c++) s = _mm512_add_ps(s, acc[c]);
    volatile float sink = _mm512_reduce_add_ps(s);
    (void)sink;
    return (double)iterations * CHAINS * 16 * 2;
}

__attribute__((target("avx2,fma"), noinline))
static double fma_loop_avx2(long iterations) {
    __m256 acc[CHAINS];
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-6f);
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_set1_ps((float)c);
    for (long it = 0; it < iterations; it++) {
#pragma clang loop unroll(full)
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_fmadd_ps(acc[c], a, b);
    }
    __m256 s = acc[0];
    for (int c = 1; c < CHAINS; c++) s = _mm256_add_ps(s, acc[c]);
    float lanes[8];
    _mm256_storeu_ps(lanes, s);
    volatile float sink = lanes[0];
    (void)sink;
    return (double)iterations * CHAINS * 8 * 2;
}
#endif

// Portable: what the baseline target can do. On x86-64 that is SSE2 (no FMA: a multiply
// and an add, still 2 flops per lane) in 12 independent 4-lane chains; elsewhere plain C
// that the compiler vectorises for its target.
__attribute__((noinline))
static double fma_loop_portable(long iterations) {
#if defined(__x86_64__)
    __m128 acc[CHAINS];
    const __m128 a = _mm_set1_ps(0.999999f), b = _mm_set1_ps(1e-6f);
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm_set1_ps((float)c);
    for (long it = 0; it < iterations; it++) {
#pragma clang loop unroll(full)
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm_add_ps(_mm_mul_ps(acc[c], a), b);
    }
    __m128 s = acc[0];
    for (int c = 1; c < CHAINS; c++) s = _mm_add_ps(s, acc[c]);
    float lanes[4];
    _mm_storeu_ps(lanes, s);
    volatile float sink = lanes[0];
    (void)sink;
    return (double)iterations * CHAINS * 4 * 2;
#else
    float acc[16][4];
    for (int c = 0; c < 16; c++)
        for (int l = 0; l < 4; l++) acc[c][l] = (float)(c + l);
    for (long it = 0; it < iterations; it++)
        for (int c = 0; c < 16; c++)
            for (int l = 0; l < 4; l++) acc[c][l] = acc[c][l] * 0.999999f + 1e-6f;
    float s = 0;
    for (int c = 0; c < 16; c++)
        for (int l = 0; l < 4; l++) s += acc[c][l];
    volatile float sink = s;
    (void)sink;
    return (double)iterations * 16 * 4 * 2;
#endif
}

double smr_fma_peak_run(long iterations) {
    switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: return fma_loop_avx512(iterations);
    case SMR_ISA_AVX2: return fma_loop_avx2(iterations);
#endif
    default: return fma_loop_portable(iterations);
    }
}

const char *smr_fma_peak_isa(void) { return smr_isa_name(smr_gemm_detect_isa()); }
