// Optimizer kernels: Adam/AdamW and SGD updates, and the reductions behind
// clip_grad_norm_, each compiled for AVX-512, AVX2+FMA and portable C and chosen at run
// time (SMR_KERNEL_ISA caps the choice, as for the GEMM).
//
// Numerics follow PyTorch's CPU kernels operation by operation: `lerp_`, `addcmul_` and
// `add(alpha=)` are fused multiply-adds there (measured against torch 2.15: 0 mismatches
// out of 10⁶), `addcdiv_` is (value * t1) / t2 + self, and division and square root are
// IEEE (correctly rounded). The one difference: torch's float `sqrt` goes through MKL and
// is off by one ulp for ~15 % of inputs, so our results can differ from torch's by an ulp.
// Contraction is switched off so the compiler cannot fuse anything PyTorch does not.
#include "CKernelsOptim.h"
#include "gemm_internal.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define ALWAYS_INLINE static inline __attribute__((always_inline))

// MARK: - Scalar element updates (portable path and vector tails)

/// RN_float(1 / b): the double quotient rounded again to float is the correctly rounded float
/// quotient (53 ≥ 2·24 + 2 bits, so the double rounding is innocuous).
static inline float correctly_rounded_reciprocal(float b) { return (float)(1.0 / (double)b); }

/// PyTorch's lerp: small weights use start + w·(end − start), others end − (1 − w)·(end − start),
/// both as one fused multiply-add (as its vectorised kernel does).
ALWAYS_INLINE float lerp1(float start, float end, float w) {
    return fabsf(w) < 0.5f ? fmaf(w, end - start, start) : fmaf(w - 1.0f, end - start, end);
}

ALWAYS_INLINE void adam1(long i, float *param, const float *grad, float *m, float *v,
                         float *vmax, const smr_adam_hyper *h) {
    float g = h->maximize ? -grad[i] : grad[i];
    float p = param[i];
    if (h->weight_decay != 0.0f) g = fmaf(p, h->weight_decay, g);
    if (h->decay_factor != 1.0f) p = p * h->decay_factor;
    float mi = lerp1(m[i], g, h->exp_avg_weight);
    float vi = fmaf(h->one_minus_beta2 * g, g, v[i] * h->beta2);
    m[i] = mi;
    v[i] = vi;
    float s = vi;
    if (vmax) {
        float old = vmax[i];
        s = (old >= vi || old != old) ? old : vi;  // torch.maximum propagates NaN
        vmax[i] = s;
    }
    float denom = sqrtf(s) / h->bias_correction2_sqrt + h->eps;
    param[i] = p + (h->neg_step_size * mi) / denom;
}

ALWAYS_INLINE void sgd1(long i, float *param, const float *grad, float *buf, int init,
                        const smr_sgd_hyper *h) {
    float g = h->maximize ? -grad[i] : grad[i];
    float p = param[i];
    if (h->weight_decay != 0.0f) g = fmaf(p, h->weight_decay, g);
    if (buf) {
        float b = init ? g : fmaf(g, h->one_minus_dampening, buf[i] * h->momentum);
        buf[i] = b;
        g = h->nesterov ? fmaf(b, h->momentum, g) : b;
    }
    param[i] = fmaf(g, -h->lr, p);
}

/// The generic loops; instantiated once per target so the compiler vectorises SGD and the
/// reductions for each instruction set (Adam has hand-written vector bodies below).
#define DEFINE_GENERIC(SUFFIX)                                                              \
    __attribute__((unused)) static void adam_##SUFFIX##_tail(long start, long n, float *param, const float *grad,  \
                                     float *m, float *v, float *vmax,                      \
                                     const smr_adam_hyper *h) {                            \
        for (long i = start; i < n; i++) adam1(i, param, grad, m, v, vmax, h);             \
    }                                                                                      \
    __attribute__((unused)) static void sgd_##SUFFIX(long n, float *param, const float *grad, float *buf,          \
                             int init, const smr_sgd_hyper *h) {                           \
        for (long i = 0; i < n; i++) sgd1(i, param, grad, buf, init, h);                   \
    }                                                                                      \
    __attribute__((unused)) static void scale_##SUFFIX(long n, float *x, float c) {                                \
        for (long i = 0; i < n; i++) x[i] = x[i] * c;                                      \
    }                                                                                      \
    /* The largest |x| as bits: >= 0x7f800000 exactly when an element is inf or NaN. */   \
    __attribute__((unused)) static int all_finite_##SUFFIX(long n, const float *x) {                               \
        uint32_t worst = 0;                                                                \
        for (long i = 0; i < n; i++) {                                                     \
            uint32_t b;                                                                    \
            memcpy(&b, x + i, sizeof b);                                                   \
            b &= 0x7fffffffu;                                                              \
            worst = b > worst ? b : worst;                                                 \
        }                                                                                  \
        return worst < 0x7f800000u;                                                        \
    }

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma"))), apply_to = function)
DEFINE_GENERIC(avx512)
#pragma clang attribute pop
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
DEFINE_GENERIC(avx2)
#pragma clang attribute pop
#endif
DEFINE_GENERIC(portable)

static void adam_portable(long n, float *param, const float *grad, float *m, float *v,
                          float *vmax, const smr_adam_hyper *h) {
    adam_portable_tail(0, n, param, grad, m, v, vmax, h);
}

static double sum_squares_portable(long n, const float *x) {
    double s[4] = {0, 0, 0, 0};
    long i = 0;
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < 4; k++) s[k] += (double)x[i + k] * (double)x[i + k];
    for (; i < n; i++) s[0] += (double)x[i] * (double)x[i];
    return (s[0] + s[1]) + (s[2] + s[3]);
}

static float max_abs_portable(long n, const float *x) {
    float best = 0.0f;
    for (long i = 0; i < n; i++) {
        float a = fabsf(x[i]);
        if (a != a) return a;
        if (a > best) best = a;
    }
    return best;
}

#if defined(__x86_64__)
// MARK: - AVX-512

#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma"))), apply_to = function)

/// RN_float(x / b) for 16 non-negative floats x and a constant b > 0, bit-identical to the
/// IEEE division x / b but without the divide unit, which the per-element square root and
/// division already saturate. With y = RN(1/b), q0 = RN(x·y) is within 2 ulps of x/b; one
/// correction q1 = RN(q0 + (x − b·q0)·y) makes it faithful (the residual is tiny), and a second
/// one, from a faithful quotient and the correctly rounded reciprocal, is the correctly rounded
/// quotient (Markstein's theorem; Handbook of Floating-Point Arithmetic, §4.7). The residuals are
/// fused multiply-adds, so no intermediate rounding. Checked exhaustively against `vdivps` for
/// every significand of x and many divisors (`OptimizerTests`). Domain: x/b below 2^126 (here
/// x = sqrt(v) < 2^64 and b ≥ 2^-27), x never subnormal; an infinite first guess (x = +inf)
/// is kept, since its residual would be inf − inf; NaN stays NaN.
ALWAYS_INLINE __m512 div_by_constant16(__m512 x, __m512 b, __m512 y) {
    const __m512 q0 = _mm512_mul_ps(x, y);
    __m512 q = _mm512_fmadd_ps(_mm512_fnmadd_ps(q0, b, x), y, q0);
    q = _mm512_fmadd_ps(_mm512_fnmadd_ps(q, b, x), y, q);
    return _mm512_mask_mov_ps(q, _mm512_fpclass_ps_mask(q0, 0x08 /* +inf */), q0);
}

/// Broadcast hyper-parameters, loaded once per call (not per vector: `param` may alias `h`).
typedef struct {
    __m512 sign, weight_decay, decay_factor, w, w_minus_1, beta2, one_minus_beta2, neg_step, eps;
    /// bias_correction2_sqrt and its correctly rounded reciprocal, for `div_by_constant16`.
    __m512 bc2_sqrt, bc2_sqrt_recip;
} adam_consts16;

/// One 16-lane Adam body; `k` masks the lanes that exist (all 16 except in the tail).
/// The flags are compile-time constants in each instantiation, so no per-vector branches.
ALWAYS_INLINE void adam16(__mmask16 k, long i, float *param, const float *grad, float *m, float *v,
                          float *vmax, const adam_consts16 *c, const int L2, const int DECAY,
                          const int AMS, const int SMALL) {
    __m512 g = _mm512_xor_ps(_mm512_maskz_loadu_ps(k, grad + i), c->sign);
    __m512 p = _mm512_maskz_loadu_ps(k, param + i);
    if (L2) g = _mm512_fmadd_ps(p, c->weight_decay, g);
    if (DECAY) p = _mm512_mul_ps(p, c->decay_factor);
    __m512 mi = _mm512_maskz_loadu_ps(k, m + i);
    __m512 diff = _mm512_sub_ps(g, mi);
    mi = SMALL ? _mm512_fmadd_ps(c->w, diff, mi) : _mm512_fmadd_ps(c->w_minus_1, diff, g);
    __m512 vi = _mm512_mul_ps(_mm512_maskz_loadu_ps(k, v + i), c->beta2);
    vi = _mm512_fmadd_ps(_mm512_mul_ps(c->one_minus_beta2, g), g, vi);
    _mm512_mask_storeu_ps(m + i, k, mi);
    _mm512_mask_storeu_ps(v + i, k, vi);
    __m512 s = vi;
    if (AMS) {
        __m512 old = _mm512_maskz_loadu_ps(k, vmax + i);
        // old wins where old >= vi or old is NaN (torch.maximum propagates NaN)
        __mmask16 keep = _mm512_cmp_ps_mask(old, vi, _CMP_NLT_UQ);
        s = _mm512_mask_blend_ps(keep, vi, old);
        _mm512_mask_storeu_ps(vmax + i, k, s);
    }
    __m512 denom = _mm512_add_ps(div_by_constant16(_mm512_sqrt_ps(s), c->bc2_sqrt, c->bc2_sqrt_recip), c->eps);
    __m512 step = _mm512_div_ps(_mm512_mul_ps(c->neg_step, mi), denom);
    _mm512_mask_storeu_ps(param + i, k, _mm512_add_ps(p, step));
}

ALWAYS_INLINE void adam_loop16(long n, float *param, const float *grad, float *m, float *v,
                               float *vmax, const adam_consts16 *c, const int L2, const int DECAY,
                               const int AMS, const int SMALL) {
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        adam16((__mmask16)0xFFFF, i, param, grad, m, v, vmax, c, L2, DECAY, AMS, SMALL);
        adam16((__mmask16)0xFFFF, i + 16, param, grad, m, v, vmax, c, L2, DECAY, AMS, SMALL);
    }
    for (; i < n; i += 16) {
        long left = n - i;
        __mmask16 k = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        adam16(k, i, param, grad, m, v, vmax, c, L2, DECAY, AMS, SMALL);
    }
}

static void adam_avx512(long n, float *param, const float *grad, float *m, float *v,
                        float *vmax, const smr_adam_hyper *h) {
    const adam_consts16 c = {
        _mm512_set1_ps(h->maximize ? -0.0f : 0.0f), _mm512_set1_ps(h->weight_decay),
        _mm512_set1_ps(h->decay_factor), _mm512_set1_ps(h->exp_avg_weight),
        _mm512_set1_ps(h->exp_avg_weight - 1.0f), _mm512_set1_ps(h->beta2),
        _mm512_set1_ps(h->one_minus_beta2), _mm512_set1_ps(h->neg_step_size),
        _mm512_set1_ps(h->eps), _mm512_set1_ps(h->bias_correction2_sqrt),
        _mm512_set1_ps(correctly_rounded_reciprocal(h->bias_correction2_sqrt))};
    const int flags = (h->weight_decay != 0.0f) | (h->decay_factor != 1.0f) << 1 | (vmax != NULL) << 2 |
                      (fabsf(h->exp_avg_weight) < 0.5f) << 3;
#define ADAM16_CASE(F) \
    case F: adam_loop16(n, param, grad, m, v, vmax, &c, (F) & 1, ((F) >> 1) & 1, ((F) >> 2) & 1, ((F) >> 3) & 1); return;
    switch (flags) {
        ADAM16_CASE(0) ADAM16_CASE(1) ADAM16_CASE(2) ADAM16_CASE(3) ADAM16_CASE(4) ADAM16_CASE(5)
        ADAM16_CASE(6) ADAM16_CASE(7) ADAM16_CASE(8) ADAM16_CASE(9) ADAM16_CASE(10) ADAM16_CASE(11)
        ADAM16_CASE(12) ADAM16_CASE(13) ADAM16_CASE(14) ADAM16_CASE(15)
    }
#undef ADAM16_CASE
}

static void div_by_constant_avx512(long n, const float *x, float b, float *out) {
    const __m512 vb = _mm512_set1_ps(b), vy = _mm512_set1_ps(correctly_rounded_reciprocal(b));
    for (long i = 0; i < n; i += 16) {
        long left = n - i;
        __mmask16 k = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        _mm512_mask_storeu_ps(out + i, k, div_by_constant16(_mm512_maskz_loadu_ps(k, x + i), vb, vy));
    }
}

static double sum_squares_avx512(long n, const float *x) {
    __m512d a0 = _mm512_setzero_pd(), a1 = _mm512_setzero_pd();
    __m512d a2 = _mm512_setzero_pd(), a3 = _mm512_setzero_pd();
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        __m512d x0 = _mm512_cvtps_pd(_mm256_loadu_ps(x + i));
        __m512d x1 = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 8));
        __m512d x2 = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 16));
        __m512d x3 = _mm512_cvtps_pd(_mm256_loadu_ps(x + i + 24));
        a0 = _mm512_fmadd_pd(x0, x0, a0);
        a1 = _mm512_fmadd_pd(x1, x1, a1);
        a2 = _mm512_fmadd_pd(x2, x2, a2);
        a3 = _mm512_fmadd_pd(x3, x3, a3);
    }
    for (; i < n; i += 8) {
        long left = n - i;
        __mmask8 k = left >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << left) - 1);
        __m512d x0 = _mm512_cvtps_pd(_mm256_maskz_loadu_ps(k, x + i));
        a0 = _mm512_fmadd_pd(x0, x0, a0);
    }
    return _mm512_reduce_add_pd(_mm512_add_pd(_mm512_add_pd(a0, a1), _mm512_add_pd(a2, a3)));
}

#pragma clang attribute pop

// MARK: - AVX2 + FMA

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

typedef struct {
    __m256 sign, weight_decay, decay_factor, w, w_minus_1, beta2, one_minus_beta2, neg_step, bc2_sqrt, eps;
    __m256 bc2_sqrt_recip;
} adam_consts8;

/// The 8-lane `div_by_constant16`: RN(x / b) by two Markstein corrections, no divide unit.
ALWAYS_INLINE __m256 div_by_constant8(__m256 x, __m256 b, __m256 y) {
    const __m256 q0 = _mm256_mul_ps(x, y);
    __m256 q = _mm256_fmadd_ps(_mm256_fnmadd_ps(q0, b, x), y, q0);
    q = _mm256_fmadd_ps(_mm256_fnmadd_ps(q, b, x), y, q);
    return _mm256_blendv_ps(q, q0, _mm256_cmp_ps(q0, _mm256_set1_ps(INFINITY), _CMP_EQ_OQ));
}

ALWAYS_INLINE void adam8(long i, float *param, const float *grad, float *m, float *v, float *vmax,
                         const adam_consts8 *c, const int L2, const int DECAY, const int AMS, const int SMALL) {
    __m256 g = _mm256_xor_ps(_mm256_loadu_ps(grad + i), c->sign);
    __m256 p = _mm256_loadu_ps(param + i);
    if (L2) g = _mm256_fmadd_ps(p, c->weight_decay, g);
    if (DECAY) p = _mm256_mul_ps(p, c->decay_factor);
    __m256 mi = _mm256_loadu_ps(m + i);
    __m256 diff = _mm256_sub_ps(g, mi);
    mi = SMALL ? _mm256_fmadd_ps(c->w, diff, mi) : _mm256_fmadd_ps(c->w_minus_1, diff, g);
    __m256 vi = _mm256_mul_ps(_mm256_loadu_ps(v + i), c->beta2);
    vi = _mm256_fmadd_ps(_mm256_mul_ps(c->one_minus_beta2, g), g, vi);
    _mm256_storeu_ps(m + i, mi);
    _mm256_storeu_ps(v + i, vi);
    __m256 s = vi;
    if (AMS) {
        __m256 old = _mm256_loadu_ps(vmax + i);
        __m256 keep = _mm256_cmp_ps(old, vi, _CMP_NLT_UQ);
        s = _mm256_blendv_ps(vi, old, keep);
        _mm256_storeu_ps(vmax + i, s);
    }
    __m256 denom = _mm256_add_ps(div_by_constant8(_mm256_sqrt_ps(s), c->bc2_sqrt, c->bc2_sqrt_recip), c->eps);
    __m256 step = _mm256_div_ps(_mm256_mul_ps(c->neg_step, mi), denom);
    _mm256_storeu_ps(param + i, _mm256_add_ps(p, step));
}

ALWAYS_INLINE void adam_loop8(long n, float *param, const float *grad, float *m, float *v, float *vmax,
                              const adam_consts8 *c, const smr_adam_hyper *h, const int L2,
                              const int DECAY, const int AMS, const int SMALL) {
    long i = 0;
    for (; i + 8 <= n; i += 8) adam8(i, param, grad, m, v, vmax, c, L2, DECAY, AMS, SMALL);
    adam_avx2_tail(i, n, param, grad, m, v, vmax, h);
}

static void adam_avx2(long n, float *param, const float *grad, float *m, float *v,
                      float *vmax, const smr_adam_hyper *h) {
    const adam_consts8 c = {
        _mm256_set1_ps(h->maximize ? -0.0f : 0.0f), _mm256_set1_ps(h->weight_decay),
        _mm256_set1_ps(h->decay_factor), _mm256_set1_ps(h->exp_avg_weight),
        _mm256_set1_ps(h->exp_avg_weight - 1.0f), _mm256_set1_ps(h->beta2),
        _mm256_set1_ps(h->one_minus_beta2), _mm256_set1_ps(h->neg_step_size),
        _mm256_set1_ps(h->bias_correction2_sqrt), _mm256_set1_ps(h->eps),
        _mm256_set1_ps(correctly_rounded_reciprocal(h->bias_correction2_sqrt))};
    const int flags = (h->weight_decay != 0.0f) | (h->decay_factor != 1.0f) << 1 | (vmax != NULL) << 2 |
                      (fabsf(h->exp_avg_weight) < 0.5f) << 3;
#define ADAM8_CASE(F) \
    case F: adam_loop8(n, param, grad, m, v, vmax, &c, h, (F) & 1, ((F) >> 1) & 1, ((F) >> 2) & 1, ((F) >> 3) & 1); return;
    switch (flags) {
        ADAM8_CASE(0) ADAM8_CASE(1) ADAM8_CASE(2) ADAM8_CASE(3) ADAM8_CASE(4) ADAM8_CASE(5)
        ADAM8_CASE(6) ADAM8_CASE(7) ADAM8_CASE(8) ADAM8_CASE(9) ADAM8_CASE(10) ADAM8_CASE(11)
        ADAM8_CASE(12) ADAM8_CASE(13) ADAM8_CASE(14) ADAM8_CASE(15)
    }
#undef ADAM8_CASE
}

static void div_by_constant_avx2(long n, const float *x, float b, float *out) {
    const __m256 vb = _mm256_set1_ps(b), vy = _mm256_set1_ps(correctly_rounded_reciprocal(b));
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, div_by_constant8(_mm256_loadu_ps(x + i), vb, vy));
    for (; i < n; i++) out[i] = x[i] / b;
}

static double sum_squares_avx2(long n, const float *x) {
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
    __m256d a2 = _mm256_setzero_pd(), a3 = _mm256_setzero_pd();
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256d x0 = _mm256_cvtps_pd(_mm_loadu_ps(x + i));
        __m256d x1 = _mm256_cvtps_pd(_mm_loadu_ps(x + i + 4));
        __m256d x2 = _mm256_cvtps_pd(_mm_loadu_ps(x + i + 8));
        __m256d x3 = _mm256_cvtps_pd(_mm_loadu_ps(x + i + 12));
        a0 = _mm256_fmadd_pd(x0, x0, a0);
        a1 = _mm256_fmadd_pd(x1, x1, a1);
        a2 = _mm256_fmadd_pd(x2, x2, a2);
        a3 = _mm256_fmadd_pd(x3, x3, a3);
    }
    __m256d a = _mm256_add_pd(_mm256_add_pd(a0, a1), _mm256_add_pd(a2, a3));
    double lanes[4];
    _mm256_storeu_pd(lanes, a);
    double s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    for (; i < n; i++) s += (double)x[i] * (double)x[i];
    return s;
}

#pragma clang attribute pop
#endif

// MARK: - Dispatch

typedef void (*adam_fn)(long, float *, const float *, float *, float *, float *,
                        const smr_adam_hyper *);

static adam_fn adam_for(smr_isa isa) {
    switch (isa) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: return adam_avx512;
    case SMR_ISA_AVX2: return adam_avx2;
#endif
    default: return adam_portable;
    }
}

void smr_adam_update(long n, float *param, const float *grad, float *exp_avg,
                     float *exp_avg_sq, float *max_exp_avg_sq, const smr_adam_hyper *hyper) {
    if (n <= 0) return;
    adam_for(smr_gemm_detect_isa())(n, param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, hyper);
}

int smr_adam_update_using(const char *isa, long n, float *param, const float *grad,
                          float *exp_avg, float *exp_avg_sq, float *max_exp_avg_sq,
                          const smr_adam_hyper *hyper) {
    smr_isa want = !strcmp(isa, "portable") ? SMR_ISA_PORTABLE
                 : !strcmp(isa, "avx2") ? SMR_ISA_AVX2
                 : !strcmp(isa, "avx512") ? SMR_ISA_AVX512 : (smr_isa)-1;
    if ((int)want < 0 || want > smr_gemm_detect_isa()) return 0;
    if (n > 0) adam_for(want)(n, param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, hyper);
    return 1;
}

int smr_div_by_constant_using(const char *isa, long n, const float *x, float b, float *out) {
    smr_isa want = !strcmp(isa, "portable") ? SMR_ISA_PORTABLE
                 : !strcmp(isa, "avx2") ? SMR_ISA_AVX2
                 : !strcmp(isa, "avx512") ? SMR_ISA_AVX512 : (smr_isa)-1;
    if ((int)want < 0 || want > smr_gemm_detect_isa()) return 0;
    switch (want) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: div_by_constant_avx512(n, x, b, out); break;
    case SMR_ISA_AVX2: div_by_constant_avx2(n, x, b, out); break;
#endif
    default: for (long i = 0; i < n; i++) out[i] = x[i] / b; break;
    }
    return 1;
}

void smr_sgd_update(long n, float *param, const float *grad, float *momentum_buffer,
                    int init_buffer, const smr_sgd_hyper *hyper) {
    if (n <= 0) return;
    switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: sgd_avx512(n, param, grad, momentum_buffer, init_buffer, hyper); return;
    case SMR_ISA_AVX2: sgd_avx2(n, param, grad, momentum_buffer, init_buffer, hyper); return;
#endif
    default: sgd_portable(n, param, grad, momentum_buffer, init_buffer, hyper); return;
    }
}

double smr_sum_squares(long n, const float *x) {
    if (n <= 0) return 0.0;
    switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: return sum_squares_avx512(n, x);
    case SMR_ISA_AVX2: return sum_squares_avx2(n, x);
#endif
    default: return sum_squares_portable(n, x);
    }
}

float smr_max_abs(long n, const float *x) { return max_abs_portable(n, x); }

void smr_scale(long n, float *x, float c) {
    if (n <= 0) return;
    switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: scale_avx512(n, x, c); return;
    case SMR_ISA_AVX2: scale_avx2(n, x, c); return;
#endif
    default: scale_portable(n, x, c); return;
    }
}

int smr_all_finite(long n, const float *x) {
    if (n <= 0) return 1;
    switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: return all_finite_avx512(n, x);
    case SMR_ISA_AVX2: return all_finite_avx2(n, x);
#endif
    default: return all_finite_portable(n, x);
    }
}

const char *smr_optim_isa(void) { return smr_isa_name(smr_gemm_detect_isa()); }
