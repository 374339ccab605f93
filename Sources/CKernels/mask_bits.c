// Dropout masks stored as bits (see CKernelsRandom.h): applying a mask, and the fused
// forms the layers use — relu then dropout, and a residual add of a dropped-out branch —
// each one pass instead of two or three, with PyTorch's products exactly (noise is
// `scale` where the bit is set and 0 elsewhere, multiplied after the other operation).
#include "CKernels.h"
#include "gemm_internal.h"

// The products must round as PyTorch's separate ops do: with FMA in the target attribute,
// clang would otherwise contract `x + a * noise` into one fused multiply-add (the AVX2
// build's loops differ from the unfused ops in the last bit).
#pragma clang fp contract(off)

/// noise(e): the mask's value for element e.
static inline float noise_at(const uint8_t *bits, long e, float scale) {
    return (bits[e >> 3] >> (e & 7)) & 1 ? scale : 0.0f;
}

// Element-wise loops the vectoriser cannot see through (one bit per element); the AVX-512
// variants take 16 mask bits at a time, the AVX2 ones 8, the portable ones run these one by one.
#define MASK_LOOPS(SUFFIX, ATTR)                                                               \
    ATTR static void apply_tail_##SUFFIX(long from, long n, const float *x, float *y,           \
                                         const uint8_t *bits, long offset, float scale) {       \
        for (long i = from; i < n; i++) y[i] = x[i] * noise_at(bits, offset + i, scale);       \
    }                                                                                           \
    ATTR static void relu_tail_##SUFFIX(long from, long n, const float *x, float *y,            \
                                        const uint8_t *bits, float scale) {                     \
        for (long i = from; i < n; i++) y[i] = (x[i] > 0.0f ? x[i] : 0.0f) * noise_at(bits, i, scale); \
    }                                                                                           \
    ATTR static void add_tail_##SUFFIX(long from, long n, const float *x, const float *a,       \
                                       float *y, const uint8_t *bits, float scale) {            \
        for (long i = from; i < n; i++) y[i] = x[i] + a[i] * noise_at(bits, i, scale);         \
    }

MASK_LOOPS(portable, )
static long apply_fast_portable(long n, const float *x, float *y, const uint8_t *bits, long offset, float scale) {
    (void)n; (void)x; (void)y; (void)bits; (void)offset; (void)scale; return 0;
}
static long relu_fast_portable(long n, const float *x, float *y, const uint8_t *bits, float scale) {
    (void)n; (void)x; (void)y; (void)bits; (void)scale; return 0;
}
static long add_fast_portable(long n, const float *x, const float *a, float *y, const uint8_t *bits, float scale) {
    (void)n; (void)x; (void)a; (void)y; (void)bits; (void)scale; return 0;
}

#if defined(__x86_64__)
#include <immintrin.h>
#define AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma")))
#define AVX2 __attribute__((target("avx2,fma")))
MASK_LOOPS(avx2, AVX2)
MASK_LOOPS(avx512, AVX512)

/// The noise of 8 elements from one mask byte: `scale` in the lanes whose bit is set, 0 elsewhere.
AVX2 static inline __m256 noise8(uint8_t byte, __m256 s) {
    const __m256i select = _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128);
    const __m256i hit = _mm256_cmpeq_epi32(_mm256_and_si256(_mm256_set1_epi32(byte), select), select);
    return _mm256_and_ps(_mm256_castsi256_ps(hit), s);
}

/// The leading multiple of 8 elements when the mask offset is byte aligned (one mask byte per
/// vector); returns how many elements were written.
AVX2 static long apply_fast_avx2(long n, const float *x, float *y, const uint8_t *bits, long offset, float scale) {
    if (offset & 7) return 0;
    const uint8_t *b = bits + (offset >> 3);
    const __m256 s = _mm256_set1_ps(scale);
    long i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), noise8(b[i >> 3], s)));
    return i;
}

/// relu as `x > 0 ? x : 0` (max(x, 0) returns its second operand for NaN and for ±0).
AVX2 static long relu_fast_avx2(long n, const float *x, float *y, const uint8_t *bits, float scale) {
    const __m256 s = _mm256_set1_ps(scale), zero = _mm256_setzero_ps();
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 r = _mm256_max_ps(_mm256_loadu_ps(x + i), zero);
        _mm256_storeu_ps(y + i, _mm256_mul_ps(r, noise8(bits[i >> 3], s)));
    }
    return i;
}

AVX2 static long add_fast_avx2(long n, const float *x, const float *a, float *y, const uint8_t *bits, float scale) {
    const __m256 s = _mm256_set1_ps(scale);
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 d = _mm256_mul_ps(_mm256_loadu_ps(a + i), noise8(bits[i >> 3], s));
        _mm256_storeu_ps(y + i, _mm256_add_ps(_mm256_loadu_ps(x + i), d));
    }
    return i;
}

/// 16 bits of the mask starting at bit 8·byte (little-endian pair of bytes).
AVX512 static inline __mmask16 bits16(const uint8_t *b, long i) {
    return (__mmask16)(b[i >> 3] | (b[(i >> 3) + 1] << 8));
}

/// The leading multiple of 16 elements when the mask offset is byte aligned; returns how
/// many elements were written.
AVX512 static long apply_fast_avx512(long n, const float *x, float *y, const uint8_t *bits, long offset, float scale) {
    if (offset & 7) return 0;
    const uint8_t *b = bits + (offset >> 3);
    const __m512 s = _mm512_set1_ps(scale);
    long i = 0;
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(y + i, _mm512_mul_ps(_mm512_loadu_ps(x + i), _mm512_maskz_mov_ps(bits16(b, i), s)));
    return i;
}

AVX512 static long relu_fast_avx512(long n, const float *x, float *y, const uint8_t *bits, float scale) {
    const __m512 s = _mm512_set1_ps(scale), zero = _mm512_setzero_ps();
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512 v = _mm512_loadu_ps(x + i);
        __m512 r = _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(v, zero, _CMP_GT_OQ), v);
        _mm512_storeu_ps(y + i, _mm512_mul_ps(r, _mm512_maskz_mov_ps(bits16(bits, i), s)));
    }
    return i;
}

AVX512 static long add_fast_avx512(long n, const float *x, const float *a, float *y, const uint8_t *bits, float scale) {
    const __m512 s = _mm512_set1_ps(scale);
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512 d = _mm512_mul_ps(_mm512_loadu_ps(a + i), _mm512_maskz_mov_ps(bits16(bits, i), s));
        _mm512_storeu_ps(y + i, _mm512_add_ps(_mm512_loadu_ps(x + i), d));
    }
    return i;
}
#endif

#define DEFINE_MASK_KERNELS(SUFFIX, ATTR)                                                      \
    /* A select the vectoriser turns into a compare and blend (a branch would mispredict). */ \
    ATTR static void positive_scale_##SUFFIX(long n, const float *restrict h, float *restrict g, \
                                             float scale) {                                     \
        for (long i = 0; i < n; i++) {                                                          \
            float v = g[i] * scale;                                                             \
            g[i] = h[i] > 0.0f ? v : 0.0f;                                                      \
        }                                                                                       \
    }                                                                                           \
    ATTR static void apply_bits_##SUFFIX(long n, const float *x, float *y, const uint8_t *bits, \
                                         long offset, float scale) {                            \
        apply_tail_##SUFFIX(apply_fast_##SUFFIX(n, x, y, bits, offset, scale), n, x, y, bits, offset, scale); \
    }                                                                                           \
    ATTR static void relu_bits_##SUFFIX(long n, const float *x, float *y, const uint8_t *bits,  \
                                        float scale) {                                          \
        relu_tail_##SUFFIX(relu_fast_##SUFFIX(n, x, y, bits, scale), n, x, y, bits, scale);     \
    }                                                                                           \
    ATTR static void add_bits_##SUFFIX(long n, const float *x, const float *a, float *y,        \
                                       const uint8_t *bits, float scale) {                      \
        add_tail_##SUFFIX(add_fast_##SUFFIX(n, x, a, y, bits, scale), n, x, a, y, bits, scale); \
    }

DEFINE_MASK_KERNELS(portable, )
#if defined(__x86_64__)
DEFINE_MASK_KERNELS(avx2, AVX2)
DEFINE_MASK_KERNELS(avx512, AVX512)
#endif

void smr_apply_mask_bits(long n, const float *x, float *y, const uint8_t *bits, long offset, float scale) {
    SMR_DISPATCH(apply_bits, n, x, y, bits, offset, scale)
}

void smr_relu_mask_bits(long n, const float *x, float *y, const uint8_t *bits, float scale) {
    SMR_DISPATCH(relu_bits, n, x, y, bits, scale)
}

void smr_add_mask_bits(long n, const float *x, const float *a, float *y, const uint8_t *bits, float scale) {
    SMR_DISPATCH(add_bits, n, x, a, y, bits, scale)
}

void smr_positive_scale(long n, const float *h, float *g, float scale) {
    SMR_DISPATCH(positive_scale, n, h, g, scale)
}
