// AVX2+FMA GEMM kernels for x86-64 CPUs without AVX-512: a 6×16 micro-kernel (12 ymm
// accumulators + 2 B vectors + 1 broadcast = 15 of the 16 ymm registers), maskload /
// maskstore for edges, and packing through 8×8 in-register transposes. Compiled with a
// function-level target attribute; only called after run-time CPU detection.
#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>
#include "gemm_internal.h"

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

#define GEMM_MR 6
#define GEMM_NR 16
#define GEMM_KC 256
#define GEMM_MC 96
#define GEMM_NC 2048
#define GEMM_ALWAYS_PACK_B 0
#define GEMM_DRIVER smr_sgemm_avx2

#define ALWAYS_INLINE static inline __attribute__((always_inline))

static const int32_t mask_table[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

/// Lane mask selecting the first n (clamped to 0...8) of 8 lanes.
static inline __m256i mask8(int n) {
    n = n < 0 ? 0 : n > 8 ? 8 : n;
    return _mm256_loadu_si256((const __m256i *)(mask_table + 8 - n));
}

ALWAYS_INLINE void tile(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int mrRead,
                        const float *b, ptrdiff_t rsB, int maskB, int nv,
                        float *c, ptrdiff_t ldc, int mr, int nr, float alpha, float beta) {
    __m256 acc0[GEMM_MR], acc1[GEMM_MR];
    const float *ap[GEMM_MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < GEMM_MR; i++) {
        acc0[i] = _mm256_setzero_ps();
        acc1[i] = _mm256_setzero_ps();
        ap[i] = a + (i < mrRead ? i : mrRead - 1) * rsA;
    }
    const __m256i m0 = mask8(nr), m1 = mask8(nr - 8);
#pragma clang loop unroll_count(4)
    for (int k = 0; k < kc; k++) {
        __m256 b0, b1 = _mm256_setzero_ps();
        if (maskB) {
            b0 = _mm256_maskload_ps(b, m0);
            if (nv == 2) b1 = _mm256_maskload_ps(b + 8, m1);
        } else {
            b0 = _mm256_loadu_ps(b);
            if (nv == 2) b1 = _mm256_loadu_ps(b + 8);
        }
#pragma clang loop unroll(full)
        for (int i = 0; i < GEMM_MR; i++) {
            const __m256 ai = _mm256_broadcast_ss(ap[i] + k * csA);
            acc0[i] = _mm256_fmadd_ps(ai, b0, acc0[i]);
            if (nv == 2) acc1[i] = _mm256_fmadd_ps(ai, b1, acc1[i]);
        }
        b += rsB;
    }
    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
#pragma clang loop unroll(full)
    for (int i = 0; i < GEMM_MR; i++) {
        if (i < mr) {
            float *ci = c + i * ldc;
            __m256 r0 = _mm256_mul_ps(va, acc0[i]);
            if (beta != 0.0f) r0 = _mm256_fmadd_ps(vb, _mm256_maskload_ps(ci, m0), r0);
            _mm256_maskstore_ps(ci, m0, r0);
            if (nv == 2) {
                __m256 r1 = _mm256_mul_ps(va, acc1[i]);
                if (beta != 0.0f) r1 = _mm256_fmadd_ps(vb, _mm256_maskload_ps(ci + 8, m1), r1);
                _mm256_maskstore_ps(ci + 8, m1, r1);
            }
        }
    }
}

static void kern_packed(int kc, const float *a, const float *b, float *c, ptrdiff_t ldc,
                        int mr, int nr, float alpha, float beta) {
    if (nr > 8) tile(kc, a, 1, GEMM_MR, GEMM_MR, b, GEMM_NR, 0, 2, c, ldc, mr, nr, alpha, beta);
    else tile(kc, a, 1, GEMM_MR, GEMM_MR, b, GEMM_NR, 0, 1, c, ldc, mr, nr, alpha, beta);
}

#define STRIDED_VARIANTS(RS, CS)                                                              \
    if (nr == GEMM_NR) tile(kc, a, RS, CS, mr, b, rsB, 0, 2, c, ldc, mr, nr, alpha, beta);     \
    else if (nr > 8) tile(kc, a, RS, CS, mr, b, rsB, 1, 2, c, ldc, mr, nr, alpha, beta);       \
    else if (nr == 8) tile(kc, a, RS, CS, mr, b, rsB, 0, 1, c, ldc, mr, nr, alpha, beta);      \
    else tile(kc, a, RS, CS, mr, b, rsB, 1, 1, c, ldc, mr, nr, alpha, beta);

static void kern_strided(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA,
                         const float *b, ptrdiff_t rsB, float *c, ptrdiff_t ldc,
                         int mr, int nr, float alpha, float beta) {
    if (csA == 1) { STRIDED_VARIANTS(rsA, 1) }
    else { STRIDED_VARIANTS(1, csA) }
}

/// A row block (mr ≤ GEMM_MR rows) across n columns, one GEMM_NR-wide tile at a time.
static void kern_rows(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int mr,
                      const float *b, ptrdiff_t rsB, ptrdiff_t step, int TW, int n,
                      float *c, ptrdiff_t ldc, float alpha, float beta) {
    for (int j = 0; j < n; j += TW, b += step)
        kern_strided(kc, a, rsA, csA, b, rsB, c + j, ldc, mr, n - j < TW ? n - j : TW, alpha, beta);
}

static void pack_copy(float *dst, int W, const float *src, ptrdiff_t ld, int w, int kc) {
    if (W == 16) {
        const __m256i m0 = mask8(w), m1 = mask8(w - 8);
        for (int k = 0; k < kc; k++, src += ld, dst += 16) {
            _mm256_storeu_ps(dst, _mm256_maskload_ps(src, m0));
            _mm256_storeu_ps(dst + 8, _mm256_maskload_ps(src + 8, m1));
        }
    } else {
        for (int k = 0; k < kc; k++, src += ld, dst += W) {
            int j = 0;
            for (; j < w; j++) dst[j] = src[j];
            for (; j < W; j++) dst[j] = 0.0f;
        }
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

/// dst[k·W + j] = src[j·ld + k]; W is 16 (B panels) or 6 (A panels).
static void pack_transpose(float *dst, int W, const float *src, ptrdiff_t ld, int w, int kc) {
    for (int j0 = 0; j0 < W; j0 += 8) {
        const int rows = w - j0;
        const __m256i storeMask = mask8(W - j0);
        for (int k0 = 0; k0 < kc; k0 += 8) {
            const int cols = kc - k0 < 8 ? kc - k0 : 8;
            const __m256i m = mask8(cols);
            __m256 r[8];
#pragma clang loop unroll(full)
            for (int t = 0; t < 8; t++)
                r[t] = t < rows ? _mm256_maskload_ps(src + (j0 + t) * ld + k0, m) : _mm256_setzero_ps();
            transpose8(r);
#pragma clang loop unroll(full)
            for (int t = 0; t < 8; t++)
                if (t < cols) _mm256_maskstore_ps(dst + (k0 + t) * W + j0, storeMask, r[t]);
        }
    }
}

#include "gemm_driver.h"

#pragma clang attribute pop
#endif
