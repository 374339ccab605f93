// AVX-512 GEMM kernels: an 8×32 micro-kernel (16 zmm accumulators, B rows loaded as two
// zmm, A values broadcast from memory), masked loads/stores for every edge, and packing
// routines built on 8×8 in-register transposes. Compiled for avx512f/vl/bw/dq + fma via
// a function-level target attribute; only called after run-time CPU detection.
#if defined(__x86_64__)
#include <immintrin.h>
#include "gemm_internal.h"

#pragma clang attribute push(__attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma"))), apply_to = function)

#define GEMM_MR 8
#define GEMM_NR 32
#define GEMM_KC 256
#define GEMM_MC 128
#define GEMM_NC 2048
#define GEMM_ALWAYS_PACK_B 0
#define GEMM_DRIVER smr_sgemm_avx512

#define ALWAYS_INLINE static inline __attribute__((always_inline))

static inline __mmask16 mask16(int n) {
    return n >= 16 ? (__mmask16)0xFFFF : n <= 0 ? (__mmask16)0 : (__mmask16)((1u << n) - 1);
}

/// The micro-kernel body. mrRead: rows of A that may be read (further rows repeat the
/// last one); maskB: load B with the column mask; nv: zmm vectors per row (1 or 2).
ALWAYS_INLINE void tile(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int mrRead,
                        const float *b, ptrdiff_t rsB, int maskB, int nv,
                        float *c, ptrdiff_t ldc, int mr, int nr, float alpha, float beta) {
    __m512 acc0[GEMM_MR], acc1[GEMM_MR];
    const float *ap[GEMM_MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < GEMM_MR; i++) {
        acc0[i] = _mm512_setzero_ps();
        acc1[i] = _mm512_setzero_ps();
        ap[i] = a + (i < mrRead ? i : mrRead - 1) * rsA;
    }
    const __mmask16 m0 = mask16(nr), m1 = mask16(nr - 16);
#pragma clang loop unroll_count(4)
    for (int k = 0; k < kc; k++) {
        __m512 b0, b1 = _mm512_setzero_ps();
        if (maskB) {
            b0 = _mm512_maskz_loadu_ps(m0, b);
            if (nv == 2) b1 = _mm512_maskz_loadu_ps(m1, b + 16);
        } else {
            b0 = _mm512_loadu_ps(b);
            if (nv == 2) b1 = _mm512_loadu_ps(b + 16);
        }
#pragma clang loop unroll(full)
        for (int i = 0; i < GEMM_MR; i++) {
            const __m512 ai = _mm512_set1_ps(ap[i][k * csA]);
            acc0[i] = _mm512_fmadd_ps(ai, b0, acc0[i]);
            if (nv == 2) acc1[i] = _mm512_fmadd_ps(ai, b1, acc1[i]);
        }
        b += rsB;
    }
    const __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
#pragma clang loop unroll(full)
    for (int i = 0; i < GEMM_MR; i++) {
        if (i < mr) {
            float *ci = c + i * ldc;
            __m512 r0 = _mm512_mul_ps(va, acc0[i]);
            if (beta != 0.0f) r0 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m0, ci), r0);
            _mm512_mask_storeu_ps(ci, m0, r0);
            if (nv == 2) {
                __m512 r1 = _mm512_mul_ps(va, acc1[i]);
                if (beta != 0.0f) r1 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m1, ci + 16), r1);
                _mm512_mask_storeu_ps(ci + 16, m1, r1);
            }
        }
    }
}

static void kern_packed(int kc, const float *a, const float *b, float *c, ptrdiff_t ldc,
                        int mr, int nr, float alpha, float beta) {
    if (nr > 16) tile(kc, a, 1, GEMM_MR, GEMM_MR, b, GEMM_NR, 0, 2, c, ldc, mr, nr, alpha, beta);
    else tile(kc, a, 1, GEMM_MR, GEMM_MR, b, GEMM_NR, 0, 1, c, ldc, mr, nr, alpha, beta);
}

/// Unpacked A, either row-major (csA == 1) or transposed (rsA == 1); the specialisations
/// let the compiler use plain base+index addressing in the inner loop.
#define STRIDED_VARIANTS(RS, CS)                                                              \
    if (nr == GEMM_NR) tile(kc, a, RS, CS, mr, b, rsB, 0, 2, c, ldc, mr, nr, alpha, beta);     \
    else if (nr > 16) tile(kc, a, RS, CS, mr, b, rsB, 1, 2, c, ldc, mr, nr, alpha, beta);      \
    else if (nr == 16) tile(kc, a, RS, CS, mr, b, rsB, 0, 1, c, ldc, mr, nr, alpha, beta);     \
    else tile(kc, a, RS, CS, mr, b, rsB, 1, 1, c, ldc, mr, nr, alpha, beta);

static void kern_strided(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA,
                         const float *b, ptrdiff_t rsB, float *c, ptrdiff_t ldc,
                         int mr, int nr, float alpha, float beta) {
    if (csA == 1) { STRIDED_VARIANTS(rsA, 1) }
    else { STRIDED_VARIANTS(1, csA) }
}

static void pack_copy(float *dst, int W, const float *src, ptrdiff_t ld, int w, int kc) {
    if (W == 32) {
        const __mmask16 m0 = mask16(w), m1 = mask16(w - 16);
        for (int k = 0; k < kc; k++, src += ld, dst += 32) {
            _mm512_storeu_ps(dst, _mm512_maskz_loadu_ps(m0, src));
            _mm512_storeu_ps(dst + 16, _mm512_maskz_loadu_ps(m1, src + 16));
        }
    } else {  // W == 8
        const __mmask8 m = (__mmask8)mask16(w);
        for (int k = 0; k < kc; k++, src += ld, dst += 8)
            _mm256_storeu_ps(dst, _mm256_maskz_loadu_ps(m, src));
    }
}

ALWAYS_INLINE void transpose8(__m256 r[8]) {
    __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]), t1 = _mm256_unpackhi_ps(r[0], r[1]);
    __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]), t3 = _mm256_unpackhi_ps(r[2], r[3]);
    __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]), t5 = _mm256_unpackhi_ps(r[4], r[5]);
    __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]), t7 = _mm256_unpackhi_ps(r[6], r[7]);
    __m256 s0 = _mm256_shuffle_ps(t0, t2, 0x44), s1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    __m256 s2 = _mm256_shuffle_ps(t1, t3, 0x44), s3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    __m256 s4 = _mm256_shuffle_ps(t4, t6, 0x44), s5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    __m256 s6 = _mm256_shuffle_ps(t5, t7, 0x44), s7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    r[0] = _mm256_permute2f128_ps(s0, s4, 0x20); r[1] = _mm256_permute2f128_ps(s1, s5, 0x20);
    r[2] = _mm256_permute2f128_ps(s2, s6, 0x20); r[3] = _mm256_permute2f128_ps(s3, s7, 0x20);
    r[4] = _mm256_permute2f128_ps(s0, s4, 0x31); r[5] = _mm256_permute2f128_ps(s1, s5, 0x31);
    r[6] = _mm256_permute2f128_ps(s2, s6, 0x31); r[7] = _mm256_permute2f128_ps(s3, s7, 0x31);
}

static void pack_transpose(float *dst, int W, const float *src, ptrdiff_t ld, int w, int kc) {
    for (int j0 = 0; j0 < W; j0 += 8) {
        const int rows = w - j0;
        for (int k0 = 0; k0 < kc; k0 += 8) {
            const int cols = kc - k0 < 8 ? kc - k0 : 8;
            const __mmask8 m = (__mmask8)mask16(cols);
            __m256 r[8];
#pragma clang loop unroll(full)
            for (int t = 0; t < 8; t++)
                r[t] = t < rows ? _mm256_maskz_loadu_ps(m, src + (j0 + t) * ld + k0) : _mm256_setzero_ps();
            transpose8(r);
            if (cols == 8) {
#pragma clang loop unroll(full)
                for (int t = 0; t < 8; t++) _mm256_storeu_ps(dst + (k0 + t) * W + j0, r[t]);
            } else {
                for (int t = 0; t < cols; t++) _mm256_storeu_ps(dst + (k0 + t) * W + j0, r[t]);
            }
        }
    }
}

#include "gemm_driver.h"

#pragma clang attribute pop
#endif
