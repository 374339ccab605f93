// AVX2+FMA exp / tanh / sigmoid, 8 lanes at a time (the tail goes through a small
// buffer). Same algorithm as vmath_avx512.c; without vscalefps, 2^n is applied as two
// exact power-of-two factors so that overflow gives +inf and underflow rounds gradually.
#if defined(__x86_64__)
#include <immintrin.h>
#include "vmath_internal.h"

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define S(v) _mm256_set1_ps(v)

/// 2^k for integer k in [-126, 127].
ALWAYS_INLINE __m256 pow2i(__m256i k) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(k, _mm256_set1_epi32(127)), 23));
}

ALWAYS_INLINE __m256 exp8(__m256 x) {
    x = _mm256_min_ps(S(VM_EXP_HI), _mm256_max_ps(S(VM_EXP_LO), x));  // NaN passes through
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, S(VM_LOG2E)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, S(VM_LN2_HI), x);
    r = _mm256_fnmadd_ps(n, S(VM_LN2_LO), r);
    __m256 p = S(VM_EXP_P0);
    p = _mm256_fmadd_ps(p, r, S(VM_EXP_P1));
    p = _mm256_fmadd_ps(p, r, S(VM_EXP_P2));
    p = _mm256_fmadd_ps(p, r, S(VM_EXP_P3));
    p = _mm256_fmadd_ps(p, r, S(VM_EXP_P4));
    p = _mm256_fmadd_ps(p, r, S(VM_EXP_P5));
    const __m256 r2 = _mm256_mul_ps(r, r);
    p = _mm256_add_ps(_mm256_fmadd_ps(p, r2, r), S(1.0f));
    // n in [-150, 129]: split into halves that are both normal powers of two.
    const __m256i k = _mm256_cvtps_epi32(n);
    const __m256i k1 = _mm256_srai_epi32(k, 1), k2 = _mm256_sub_epi32(k, k1);
    return _mm256_mul_ps(_mm256_mul_ps(p, pow2i(k1)), pow2i(k2));
}

ALWAYS_INLINE __m256 tanh8(__m256 x) {
    // tanh is odd: compute tanh(|x|), then give it the sign of x (so tanh(-0) = -0).
    const __m256 sign = S(-0.0f);
    const __m256 ax = _mm256_andnot_ps(sign, x);
    const __m256 z = _mm256_mul_ps(x, x);
    __m256 p = S(VM_TANH_P0);
    p = _mm256_fmadd_ps(p, z, S(VM_TANH_P1));
    p = _mm256_fmadd_ps(p, z, S(VM_TANH_P2));
    p = _mm256_fmadd_ps(p, z, S(VM_TANH_P3));
    p = _mm256_fmadd_ps(p, z, S(VM_TANH_P4));
    const __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(p, z), ax, ax);
    const __m256 e = exp8(_mm256_add_ps(ax, ax));
    const __m256 large = _mm256_sub_ps(S(1.0f), _mm256_div_ps(S(2.0f), _mm256_add_ps(e, S(1.0f))));
    const __m256 isSmall = _mm256_cmp_ps(ax, S(VM_TANH_SMALL), _CMP_LT_OQ);
    const __m256 t = _mm256_blendv_ps(large, small, isSmall);
    return _mm256_or_ps(t, _mm256_and_ps(x, sign));
}

ALWAYS_INLINE __m256 sigmoid8(__m256 x) {
    const __m256 e = exp8(_mm256_sub_ps(S(0.0f), _mm256_andnot_ps(S(-0.0f), x)));
    const __m256 s = _mm256_div_ps(S(1.0f), _mm256_add_ps(S(1.0f), e));
    const __m256 negative = _mm256_cmp_ps(x, S(0.0f), _CMP_LT_OQ);
    return _mm256_blendv_ps(s, _mm256_mul_ps(e, s), negative);
}

#define DEFINE_MAP(NAME, F)                                                      \
    void NAME(int n, const float *x, float *y) {                               \
        int i = 0;                                                             \
        for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, F(_mm256_loadu_ps(x + i))); \
        if (i < n) {                                                           \
            float buf[8] = {0};                                                \
            for (int j = i; j < n; j++) buf[j - i] = x[j];                     \
            _mm256_storeu_ps(buf, F(_mm256_loadu_ps(buf)));                    \
            for (int j = i; j < n; j++) y[j] = buf[j - i];                     \
        }                                                                      \
    }

DEFINE_MAP(smr_vexp_avx2, exp8)
DEFINE_MAP(smr_vtanh_avx2, tanh8)
DEFINE_MAP(smr_vsigmoid_avx2, sigmoid8)

#pragma clang attribute pop
#endif
