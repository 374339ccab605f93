// AVX-512 exp / tanh / sigmoid, 16 lanes at a time with a masked tail. exp: Cody-Waite
// reduction x = n·ln2 + r, a degree-7 polynomial for e^r (Cephes expf), and vscalefps
// for the 2^n scaling, which rounds overflow to +inf and underflow to (sub)normals
// exactly. Compiled with a function-level target; called only after CPU detection.
#if defined(__x86_64__)
#include <immintrin.h>
#include "vmath_internal.h"

#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512dq,fma"))), apply_to = function)

#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define S(v) _mm512_set1_ps(v)

ALWAYS_INLINE __m512 exp16(__m512 x) {
    // Clamp (operand order keeps NaN: max/min return the second operand on NaN).
    x = _mm512_min_ps(S(VM_EXP_HI), _mm512_max_ps(S(VM_EXP_LO), x));
    const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, S(VM_LOG2E)),
                                          _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, S(VM_LN2_HI), x);
    r = _mm512_fnmadd_ps(n, S(VM_LN2_LO), r);
    __m512 p = S(VM_EXP_P0);
    p = _mm512_fmadd_ps(p, r, S(VM_EXP_P1));
    p = _mm512_fmadd_ps(p, r, S(VM_EXP_P2));
    p = _mm512_fmadd_ps(p, r, S(VM_EXP_P3));
    p = _mm512_fmadd_ps(p, r, S(VM_EXP_P4));
    p = _mm512_fmadd_ps(p, r, S(VM_EXP_P5));
    const __m512 r2 = _mm512_mul_ps(r, r);
    p = _mm512_add_ps(_mm512_fmadd_ps(p, r2, r), S(1.0f));
    return _mm512_scalef_ps(p, n);
}

ALWAYS_INLINE __m512 tanh16(__m512 x) {
    // tanh is odd: compute tanh(|x|), then give it the sign of x (so tanh(-0) = -0).
    const __m512 ax = _mm512_abs_ps(x);
    // Small |x|: |x| + |x|·z·P(z), z = x².
    const __m512 z = _mm512_mul_ps(x, x);
    __m512 p = S(VM_TANH_P0);
    p = _mm512_fmadd_ps(p, z, S(VM_TANH_P1));
    p = _mm512_fmadd_ps(p, z, S(VM_TANH_P2));
    p = _mm512_fmadd_ps(p, z, S(VM_TANH_P3));
    p = _mm512_fmadd_ps(p, z, S(VM_TANH_P4));
    const __m512 small = _mm512_fmadd_ps(_mm512_mul_ps(p, z), ax, ax);
    // Large |x|: 1 - 2/(e^{2|x|} + 1) (e^{2|x|} = inf gives exactly 1).
    const __m512 e = exp16(_mm512_add_ps(ax, ax));
    const __m512 large = _mm512_sub_ps(S(1.0f), _mm512_div_ps(S(2.0f), _mm512_add_ps(e, S(1.0f))));
    const __mmask16 isSmall = _mm512_cmp_ps_mask(ax, S(VM_TANH_SMALL), _CMP_LT_OQ);
    const __m512 t = _mm512_mask_blend_ps(isSmall, large, small);
    return _mm512_or_ps(t, _mm512_and_ps(x, S(-0.0f)));
}

ALWAYS_INLINE __m512 sigmoid16(__m512 x) {
    // e/(1+e) with e = exp(-|x|): never overflows, keeps tiny results accurate.
    const __m512 e = exp16(_mm512_sub_ps(S(0.0f), _mm512_abs_ps(x)));
    const __m512 s = _mm512_div_ps(S(1.0f), _mm512_add_ps(S(1.0f), e));
    const __mmask16 negative = _mm512_cmp_ps_mask(x, S(0.0f), _CMP_LT_OQ);
    return _mm512_mask_mul_ps(s, negative, e, s);
}

#define DEFINE_MAP(NAME, F)                                                      \
    void NAME(int n, const float *x, float *y) {                               \
        int i = 0;                                                             \
        for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, F(_mm512_loadu_ps(x + i))); \
        if (i < n) {                                                           \
            const __mmask16 m = (__mmask16)((1u << (n - i)) - 1);              \
            _mm512_mask_storeu_ps(y + i, m, F(_mm512_maskz_loadu_ps(m, x + i))); \
        }                                                                      \
    }

DEFINE_MAP(smr_vexp_avx512, exp16)
DEFINE_MAP(smr_vtanh_avx512, tanh16)
DEFINE_MAP(smr_vsigmoid_avx512, sigmoid16)

#pragma clang attribute pop
#endif
