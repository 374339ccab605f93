// Dropout masks from a counter-based hash (see CKernelsRandom.h). The loop bodies are
// plain C that the compiler vectorises; each instruction-set variant computes exactly
// the same integers, so masks do not depend on the CPU.
#include "CKernels.h"
#include "gemm_internal.h"

#define GOLDEN 0x9E3779B97F4A7C15ULL

/// SplitMix64 output for counter `pair`: 64 bits serving elements 2·pair (low half)
/// and 2·pair + 1 (high half).
static inline uint64_t pair_bits(uint64_t seed, uint64_t pair) {
    uint64_t z = seed + (pair + 1) * GOLDEN;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline uint32_t element_bits(uint64_t seed, uint64_t e) {
    uint64_t z = pair_bits(seed, e >> 1);
    return (e & 1) ? (uint32_t)(z >> 32) : (uint32_t)z;
}

// Each kernel handles an odd first element and an odd tail one element at a time and
// the aligned pairs in between in a loop the compiler vectorises.
#define DEFINE_KERNELS(SUFFIX, ATTR)                                                          \
    ATTR static void apply_##SUFFIX(long n, const float *restrict x, float *restrict y,       \
                                    uint64_t seed, uint64_t offset, uint32_t threshold,       \
                                    float scale) {                                            \
        long i = 0;                                                                           \
        if (n > 0 && (offset & 1)) {                                                          \
            y[0] = element_bits(seed, offset) >= threshold ? x[0] * scale : 0.0f;             \
            i = 1;                                                                            \
        }                                                                                     \
        uint64_t first = (offset + (uint64_t)i) >> 1;                                         \
        long pairs = (n - i) / 2;                                                             \
        const float *restrict xp = x + i;                                                     \
        float *restrict yp = y + i;                                                           \
        for (long j = 0; j < pairs; j++) {                                                    \
            uint64_t z = pair_bits(seed, first + (uint64_t)j);                                \
            float a = xp[2 * j], b = xp[2 * j + 1];                                           \
            yp[2 * j] = (uint32_t)z >= threshold ? a * scale : 0.0f;                          \
            yp[2 * j + 1] = (uint32_t)(z >> 32) >= threshold ? b * scale : 0.0f;              \
        }                                                                                     \
        for (i += 2 * pairs; i < n; i++)                                                      \
            y[i] = element_bits(seed, offset + (uint64_t)i) >= threshold ? x[i] * scale : 0.0f; \
    }                                                                                         \
    ATTR static void inplace_##SUFFIX(long n, float *restrict y, uint64_t seed,               \
                                      uint64_t offset, uint32_t threshold, float scale) {     \
        long i = 0;                                                                           \
        if (n > 0 && (offset & 1)) {                                                          \
            y[0] = element_bits(seed, offset) >= threshold ? y[0] * scale : 0.0f;             \
            i = 1;                                                                            \
        }                                                                                     \
        uint64_t first = (offset + (uint64_t)i) >> 1;                                         \
        long pairs = (n - i) / 2;                                                             \
        float *restrict yp = y + i;                                                           \
        for (long j = 0; j < pairs; j++) {                                                    \
            uint64_t z = pair_bits(seed, first + (uint64_t)j);                                \
            float a = yp[2 * j], b = yp[2 * j + 1];                                           \
            yp[2 * j] = (uint32_t)z >= threshold ? a * scale : 0.0f;                          \
            yp[2 * j + 1] = (uint32_t)(z >> 32) >= threshold ? b * scale : 0.0f;              \
        }                                                                                     \
        for (i += 2 * pairs; i < n; i++)                                                      \
            y[i] = element_bits(seed, offset + (uint64_t)i) >= threshold ? y[i] * scale : 0.0f; \
    }

DEFINE_KERNELS(portable, )
#if defined(__x86_64__)
DEFINE_KERNELS(avx2, __attribute__((target("avx2,fma"))))
DEFINE_KERNELS(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))))
#endif

void smr_dropout_apply(long n, const float *x, float *y, uint64_t seed, uint64_t offset,
                       uint32_t threshold, float scale) {
    if (x == y) {  // in place: the restrict-qualified two-pointer kernels must not alias
        switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
        case SMR_ISA_AVX512: inplace_avx512(n, y, seed, offset, threshold, scale); return;
        case SMR_ISA_AVX2: inplace_avx2(n, y, seed, offset, threshold, scale); return;
#endif
        default: inplace_portable(n, y, seed, offset, threshold, scale); return;
        }
    }
    switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: apply_avx512(n, x, y, seed, offset, threshold, scale); return;
    case SMR_ISA_AVX2: apply_avx2(n, x, y, seed, offset, threshold, scale); return;
#endif
    default: apply_portable(n, x, y, seed, offset, threshold, scale);
    }
}

void smr_dropout_mask(long n, float *m, uint64_t seed, uint64_t offset, uint32_t threshold, float scale) {
    for (long i = 0; i < n; i++) m[i] = 1.0f;
    smr_dropout_apply(n, m, m, seed, offset, threshold, scale);
}
