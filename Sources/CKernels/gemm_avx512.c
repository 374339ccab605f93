// AVX-512 GEMM kernels: an 8×32 micro-kernel (16 zmm accumulators, B rows loaded as two
// zmm, A values broadcast from memory) with wide 1×128 / 2×128 / 4×64 variants for
// products of few rows, an 8-wide ymm variant for narrow C, a dot-product kernel for a
// few rows times a transposed B, masked loads/stores for every edge, and packing
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
#define GEMM_DOT_KERNEL dot_gemm
// Up to 4 rows for K ≥ 64; up to 16 rows when B is large (≥ 512 KB) and K ≥ 128: there
// packing B costs more than the dot products' extra passes over it (10 × 128 · 128 × 2048:
// 73 µs as dot products, 103 µs packing per call, 65 µs + 46 µs to pack beforehand).
#define GEMM_DOT_WANTED(M, N, K) \
    (((M) <= 4 && (K) >= 64) || ((M) <= 16 && (K) >= 128 && (long)(N) * (K) >= 131072))
#define GEMM_DRIVER smr_sgemm_avx512
#define GEMM_TAKES_DOT smr_sgemm_takes_dot_avx512
#define GEMM_PACKED_SIZE smr_sgemm_packed_size_avx512
#define GEMM_PACK_B smr_sgemm_pack_b_avx512
#define GEMM_PREPACKED smr_sgemm_prepacked_avx512

#define ALWAYS_INLINE static inline __attribute__((always_inline))

static inline __mmask16 mask16(int n) {
    return n >= 16 ? (__mmask16)0xFFFF : n <= 0 ? (__mmask16)0 : (__mmask16)((1u << n) - 1);
}

/// The micro-kernel: an R×(16·NV) tile of C in R·NV zmm accumulators. Per k: NV rows
/// of B loaded (with the column mask when `masked`), R values of A broadcast from memory.
/// mrRead: rows of A that exist (later rows re-read the last one, results discarded).
ALWAYS_INLINE void tile_z(const int R, const int NV, const int masked, int kc,
                          const float *a, ptrdiff_t rsA, ptrdiff_t csA, int mrRead,
                          const float *b, ptrdiff_t rsB,
                          float *c, ptrdiff_t ldc, int mr, int nr, float alpha, float beta) {
    __m512 acc[8][8];
    const float *ap[8];
    __mmask16 m[8];
    const float *row = a;  // rows past mrRead repeat the last one (plain adds, no multiplies)
#pragma clang loop unroll(full)
    for (int i = 0; i < R; i++) {
        ap[i] = row;
        if (i + 1 < mrRead) row += rsA;
#pragma clang loop unroll(full)
        for (int v = 0; v < NV; v++) acc[i][v] = _mm512_setzero_ps();
    }
#pragma clang loop unroll(full)
    for (int v = 0; v < NV; v++) m[v] = mask16(nr - 16 * v);
#define TZ_STEP                                                                                \
    {                                                                                          \
        __m512 bv[8];                                                                          \
        _Pragma("clang loop unroll(full)") for (int v = 0; v < NV; v++) bv[v] =               \
            masked ? _mm512_maskz_loadu_ps(m[v], b + 16 * v) : _mm512_loadu_ps(b + 16 * v);     \
        _Pragma("clang loop unroll(full)") for (int i = 0; i < R; i++) {                      \
            const __m512 ai = _mm512_set1_ps(ap[i][k * csA]);                                  \
            _Pragma("clang loop unroll(full)") for (int v = 0; v < NV; v++)                    \
                acc[i][v] = _mm512_fmadd_ps(ai, bv[v], acc[i][v]);                             \
        }                                                                                      \
        b += rsB;                                                                              \
    }
    if (csA == GEMM_MR && rsA == 1) {  // packed A: constant offsets, unrolling is free
#pragma clang loop unroll_count(4)
        for (int k = 0; k < kc; k++) TZ_STEP
    } else {  // A in place: unrolling would need a register per row and copy
#pragma clang loop unroll(disable)
        for (int k = 0; k < kc; k++) TZ_STEP
    }
#undef TZ_STEP
    const __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    if (alpha != 1.0f) {  // a branch, not a select: small K makes this multiply visible
#pragma clang loop unroll(full)
        for (int i = 0; i < R; i++)
#pragma clang loop unroll(full)
            for (int v = 0; v < NV; v++) acc[i][v] = _mm512_mul_ps(va, acc[i][v]);
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < R; i++) {
        if (i < mr) {
            float *ci = c + i * ldc;
#pragma clang loop unroll(full)
            for (int v = 0; v < NV; v++) {
                __m512 r = acc[i][v];
                if (beta != 0.0f) r = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m[v], ci + 16 * v), r);
                _mm512_mask_storeu_ps(ci + 16 * v, m[v], r);
            }
        }
    }
}

/// An R×8 tile in ymm registers, for C no wider than 8 columns: Zen 4 issues two ymm
/// FMAs per cycle, so 8 lanes lose nothing against a half-empty zmm.
ALWAYS_INLINE void tile_y(const int R, int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA,
                          int mrRead, const float *b, ptrdiff_t rsB,
                          float *c, ptrdiff_t ldc, int mr, int nr, float alpha, float beta) {
    __m256 acc[8];
    const float *ap[8];
    const __mmask8 m = (__mmask8)mask16(nr);
    const float *row = a;  // rows past mrRead repeat the last one (plain adds, no multiplies)
#pragma clang loop unroll(full)
    for (int i = 0; i < R; i++) {
        ap[i] = row;
        if (i + 1 < mrRead) row += rsA;
        acc[i] = _mm256_setzero_ps();
    }
#pragma clang loop unroll(disable)
    for (int k = 0; k < kc; k++) {
        const __m256 bv = _mm256_maskz_loadu_ps(m, b);
#pragma clang loop unroll(full)
        for (int i = 0; i < R; i++)
            acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(ap[i][k * csA]), bv, acc[i]);
        b += rsB;
    }
    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    if (alpha != 1.0f) {
#pragma clang loop unroll(full)
        for (int i = 0; i < R; i++) acc[i] = _mm256_mul_ps(va, acc[i]);
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < R; i++) {
        if (i < mr) {
            float *ci = c + i * ldc;
            __m256 r = acc[i];
            if (beta != 0.0f) r = _mm256_fmadd_ps(vb, _mm256_maskz_loadu_ps(m, ci), r);
            _mm256_mask_storeu_ps(ci, m, r);
        }
    }
}

static void kern_packed(int kc, const float *a, const float *b, float *c, ptrdiff_t ldc,
                        int mr, int nr, float alpha, float beta) {
    // A last panel of at most 4 rows (26 = 3·8 + 2 sequences, 10 tokens) runs a 4-row tile
    // over the same packed panel (rows stay 8 apart): half the FMAs of the zero-padded 8 rows.
    if (mr <= 4) {
        if (nr > 16) tile_z(4, 2, 0, kc, a, 1, GEMM_MR, 4, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
        else tile_z(4, 1, 0, kc, a, 1, GEMM_MR, 4, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
        return;
    }
    if (nr > 16) tile_z(GEMM_MR, 2, 0, kc, a, 1, GEMM_MR, GEMM_MR, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
    else tile_z(GEMM_MR, 1, 0, kc, a, 1, GEMM_MR, GEMM_MR, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
}

/// Tile width of B's panels for an M-row product: few rows get wide, shallow tiles
/// (1–2 × 128, 4 × 64) so that the FMA chains stay independent and numerous.
#define GEMM_TILE_WIDTH(M) ((M) <= 2 ? 128 : (M) <= 4 ? 64 : GEMM_NR)

/// Out-of-line instantiations of the tiles for A read in place, each sweeping m rows in
/// blocks of R (each its own function, so each gets the whole register file):
/// tz_R_NV_MASKED and ty_R.
#define DEFINE_TZ(R, NV, MASKED)                                                               \
    static __attribute__((noinline)) void tz_##R##_##NV##_##MASKED(                           \
        int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int m, const float *b,           \
        ptrdiff_t rsB, float *c, ptrdiff_t ldc, int nr, float alpha, float beta) {             \
        for (int r = 0; r < m; r += R) {                                                       \
            const int mr = m - r < R ? m - r : R;                                              \
            tile_z(R, NV, MASKED, kc, a + r * rsA, rsA, csA, mr, b, rsB, c + r * ldc, ldc, mr, \
                   nr, alpha, beta);                                                           \
        }                                                                                      \
    }
#define DEFINE_TZ2(R, NV) DEFINE_TZ(R, NV, 0) DEFINE_TZ(R, NV, 1)
DEFINE_TZ2(1, 8) DEFINE_TZ2(1, 4) DEFINE_TZ2(1, 2) DEFINE_TZ2(1, 1)
DEFINE_TZ2(2, 8) DEFINE_TZ2(2, 4) DEFINE_TZ2(2, 2) DEFINE_TZ2(2, 1)
DEFINE_TZ2(4, 4) DEFINE_TZ2(4, 2) DEFINE_TZ2(4, 1)
DEFINE_TZ2(8, 2) DEFINE_TZ2(8, 1)
#define DEFINE_TY(R)                                                                           \
    static __attribute__((noinline)) void ty_##R(                                             \
        int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int m, const float *b,           \
        ptrdiff_t rsB, float *c, ptrdiff_t ldc, int nr, float alpha, float beta) {             \
        for (int r = 0; r < m; r += R) {                                                       \
            const int mr = m - r < R ? m - r : R;                                              \
            tile_y(R, kc, a + r * rsA, rsA, csA, mr, b, rsB, c + r * ldc, ldc, mr, nr, alpha,  \
                   beta);                                                                      \
        }                                                                                      \
    }
DEFINE_TY(8) DEFINE_TY(4)

/// ROWS rows (from row R0) in R-row tiles × up to NV vectors of C, masking only partial tiles.
#define TILE_Z(R, NV, R0, ROWS)                                                                \
    (nr < 16 * (NV) ? tz_##R##_##NV##_1 : tz_##R##_##NV##_0)(                                  \
        kc, a + (R0) * rsA, rsA, csA, ROWS, b, rsB, cj + (R0) * ldc, ldc, nr, alpha, beta)
#define TILE_Y(R, R0, ROWS) \
    ty_##R(kc, a + (R0) * rsA, rsA, csA, ROWS, b, rsB, cj + (R0) * ldc, ldc, nr, alpha, beta)

static void kern_rows(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int m,
                      const float *b, ptrdiff_t rsB, ptrdiff_t step, int TW, int n,
                      float *c, ptrdiff_t ldc, float alpha, float beta) {
    // Base tiles: 8-row blocks, then one 4-row block if at most 4 rows remain.
    const int rem = m % 8, m8 = rem > 0 && rem <= 4 ? m - rem : m;
    for (int j = 0; j < n; j += TW, b += step) {
        const int nr = n - j < TW ? n - j : TW;
        float *cj = c + j;
        if (TW == 128) {  // M ≤ 2
            if (m == 1) {
                if (nr > 64) TILE_Z(1, 8, 0, m); else if (nr > 32) TILE_Z(1, 4, 0, m);
                else if (nr > 16) TILE_Z(1, 2, 0, m); else TILE_Z(1, 1, 0, m);
            } else {
                if (nr > 64) TILE_Z(2, 8, 0, m); else if (nr > 32) TILE_Z(2, 4, 0, m);
                else if (nr > 16) TILE_Z(2, 2, 0, m); else TILE_Z(2, 1, 0, m);
            }
        } else if (TW == 64) {  // M ≤ 4
            if (nr > 32) TILE_Z(4, 4, 0, m); else if (nr > 16) TILE_Z(4, 2, 0, m); else TILE_Z(4, 1, 0, m);
        } else {
            if (m8 > 0) {
                if (nr > 16) TILE_Z(8, 2, 0, m8); else if (nr > 8) TILE_Z(8, 1, 0, m8); else TILE_Y(8, 0, m8);
            }
            if (m8 < m) {
                if (nr > 16) TILE_Z(4, 2, m8, m - m8); else if (nr > 8) TILE_Z(4, 1, m8, m - m8);
                else TILE_Y(4, m8, m - m8);
            }
        }
    }
}

static void pack_copy(float *dst, int W, const float *src, ptrdiff_t ld, int w, int kc) {
    if (W == 8) {
        const __mmask8 m = (__mmask8)mask16(w);
        for (int k = 0; k < kc; k++, src += ld, dst += 8)
            _mm256_storeu_ps(dst, _mm256_maskz_loadu_ps(m, src));
        return;
    }
    for (int k = 0; k < kc; k++, src += ld, dst += W)  // W: a multiple of 16
        for (int j = 0; j < W; j += 16)
            _mm512_storeu_ps(dst + j, _mm512_maskz_loadu_ps(mask16(w - j), src + j));
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

/// Sum of each of four vectors, as the four lanes of one xmm.
ALWAYS_INLINE __m128 reduce4(__m512 a, __m512 b, __m512 c, __m512 d) {
    __m256 a8 = _mm256_add_ps(_mm512_castps512_ps256(a), _mm512_extractf32x8_ps(a, 1));
    __m256 b8 = _mm256_add_ps(_mm512_castps512_ps256(b), _mm512_extractf32x8_ps(b, 1));
    __m256 c8 = _mm256_add_ps(_mm512_castps512_ps256(c), _mm512_extractf32x8_ps(c, 1));
    __m256 d8 = _mm256_add_ps(_mm512_castps512_ps256(d), _mm512_extractf32x8_ps(d, 1));
    __m256 ab = _mm256_hadd_ps(a8, b8), cd = _mm256_hadd_ps(c8, d8);
    __m256 abcd = _mm256_hadd_ps(ab, cd);  // per 128-bit half: a b c d partial sums
    return _mm_add_ps(_mm256_castps256_ps128(abcd), _mm256_extractf128_ps(abcd, 1));
}

/// C[RI rows, 4·RJ4 columns] as dot products of A rows with B rows (B transposed,
/// contiguous along K): no packing at all. Rows/columns beyond mr/nr re-read the last
/// one and are not stored.
ALWAYS_INLINE void dot_tile(const int RI, const int RJ4, int K, const float *A, ptrdiff_t lda,
                            int mr, const float *B, ptrdiff_t ldb, int nr,
                            float *C, ptrdiff_t ldc, float alpha, float beta) {
    enum { RJ = 16 };
    __m512 acc[5][RJ];
    const float *ar[5], *br[RJ];
#pragma clang loop unroll(full)
    for (int i = 0; i < RI; i++) ar[i] = A + (i < mr ? i : mr - 1) * lda;
#pragma clang loop unroll(full)
    for (int j = 0; j < 4 * RJ4; j++) br[j] = B + (j < nr ? j : nr - 1) * ldb;
#pragma clang loop unroll(full)
    for (int i = 0; i < RI; i++)
#pragma clang loop unroll(full)
        for (int j = 0; j < 4 * RJ4; j++) acc[i][j] = _mm512_setzero_ps();
    for (int k = 0; k < K; k += 16) {
        const __mmask16 m = mask16(K - k);
        __m512 av[5];
#pragma clang loop unroll(full)
        for (int i = 0; i < RI; i++) av[i] = _mm512_maskz_loadu_ps(m, ar[i] + k);
#pragma clang loop unroll(full)
        for (int j = 0; j < 4 * RJ4; j++) {
            const __m512 bj = _mm512_maskz_loadu_ps(m, br[j] + k);
#pragma clang loop unroll(full)
            for (int i = 0; i < RI; i++) acc[i][j] = _mm512_fmadd_ps(av[i], bj, acc[i][j]);
        }
    }
    const __m128 va = _mm_set1_ps(alpha), vb = _mm_set1_ps(beta);
#pragma clang loop unroll(full)
    for (int i = 0; i < RI; i++) {
#pragma clang loop unroll(full)
        for (int q = 0; q < RJ4; q++) {
            const int j0 = 4 * q;
            if (i >= mr || j0 >= nr) continue;
            const __mmask8 m = (__mmask8)mask16(nr - j0);
            float *ci = C + i * ldc + j0;
            __m128 r = _mm_mul_ps(va, reduce4(acc[i][j0], acc[i][j0 + 1], acc[i][j0 + 2], acc[i][j0 + 3]));
            if (beta != 0.0f) r = _mm_fmadd_ps(vb, _mm_maskz_loadu_ps(m, ci), r);
            _mm_mask_storeu_ps(ci, m, r);
        }
    }
}

/// A few rows of A times a transposed B (M ≤ 16, K large: an LSTM gate or a linear layer
/// applied to a short sequence): dot products, so B is neither packed nor transposed.
/// Each 8-row block of B is taken by every row tile before the next block, so B streams
/// from memory once, not once per tile (a 1 MB weight does not stay in L2). Rows go in
/// 5-row tiles when M is a sum of fives and fours (10 = 5 + 5: 20 accumulators, and 5 A and
/// 4 B loads per 20 FMAs), else in 4-row tiles. A tile's shape does not change any result:
/// each element is its own accumulator's lane sum, reduced the same way.
static void dot_gemm(int M, int N, int K, float alpha, const float *A, int lda,
                     const float *B, int ldb, float beta, float *C, int ldc) {
    int fives = M / 5;
    while (fives > 0 && (M - 5 * fives) % 4 != 0) fives--;
    for (int j = 0; j < N; j += 8) {
        const float *b = B + (size_t)j * ldb;
        const int nr = N - j;
        for (int i = 0, tile = 0; i < M; tile++) {
            const int mr = M - i;
            const float *a = A + (size_t)i * lda;
            float *c = C + (size_t)i * ldc + j;
            if (tile < fives) {
                dot_tile(5, 1, K, a, lda, mr, b, ldb, nr, c, ldc, alpha, beta);
                if (nr > 4) dot_tile(5, 1, K, a, lda, mr, b + (size_t)4 * ldb, ldb, nr - 4, c + 4, ldc, alpha, beta);
                i += 5;
            } else if (mr >= 3) {
                dot_tile(4, 1, K, a, lda, mr, b, ldb, nr, c, ldc, alpha, beta);
                if (nr > 4) dot_tile(4, 1, K, a, lda, mr, b + (size_t)4 * ldb, ldb, nr - 4, c + 4, ldc, alpha, beta);
                i += 4;
            } else if (mr == 2) {
                dot_tile(2, 2, K, a, lda, mr, b, ldb, nr, c, ldc, alpha, beta);
                i += 2;
            } else {
                dot_tile(1, 2, K, a, lda, mr, b, ldb, nr, c, ldc, alpha, beta);
                i += 1;
            }
        }
    }
}

// MARK: - Single-row products and rank-1 updates (batch-1 recurrent steps)

/// Lane i of the result = sum of the 16 lanes of v[i]: a transpose-add tree
/// (8 + 4 + 2 + 1 adds, two shuffles each), so 16 dot products end in one vector.
ALWAYS_INLINE __m512 hsum16(const __m512 v[16]) {
    __m512 t[8], u[4];
#pragma clang loop unroll(full)
    for (int p = 0; p < 8; p++)  // per 128-bit lane: rows (2p, 2p+1, 2p, 2p+1)
        t[p] = _mm512_add_ps(_mm512_unpacklo_ps(v[2 * p], v[2 * p + 1]),
                             _mm512_unpackhi_ps(v[2 * p], v[2 * p + 1]));
#pragma clang loop unroll(full)
    for (int q = 0; q < 4; q++)  // per 128-bit lane: rows 4q … 4q+3
        u[q] = _mm512_add_ps(_mm512_shuffle_ps(t[2 * q], t[2 * q + 1], 0x44),
                             _mm512_shuffle_ps(t[2 * q], t[2 * q + 1], 0xEE));
    const __m512 w0 = _mm512_add_ps(_mm512_shuffle_f32x4(u[0], u[1], 0x44), _mm512_shuffle_f32x4(u[0], u[1], 0xEE));
    const __m512 w1 = _mm512_add_ps(_mm512_shuffle_f32x4(u[2], u[3], 0x44), _mm512_shuffle_f32x4(u[2], u[3], 0xEE));
    return _mm512_add_ps(_mm512_shuffle_f32x4(w0, w1, 0x88), _mm512_shuffle_f32x4(w0, w1, 0xDD));
}

/// c[0 ..< n] (n ≤ 16) = alpha·r + beta·c; beta == 0 does not read c.
ALWAYS_INLINE void store16(float *c, int n, __m512 r, float alpha, float beta) {
    const __mmask16 m = mask16(n);
    if (alpha != 1.0f) r = _mm512_mul_ps(_mm512_set1_ps(alpha), r);
    if (beta != 0.0f) r = _mm512_fmadd_ps(_mm512_set1_ps(beta), _mm512_maskz_loadu_ps(m, c), r);
    _mm512_mask_storeu_ps(c, m, r);
}

/// acc[0..7] += a · rows b[0..7] over K (full chunks of 16, then a masked tail).
ALWAYS_INLINE void dot8(__m512 acc[8], const float *a, const float *b, ptrdiff_t ldb, int K) {
    const float *r0 = b, *r1 = b + ldb, *r2 = b + 2 * ldb, *r3 = b + 3 * ldb;
    const float *r4 = r0 + 4 * ldb, *r5 = r1 + 4 * ldb, *r6 = r2 + 4 * ldb, *r7 = r3 + 4 * ldb;
    __m512 s0 = _mm512_setzero_ps(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    int k = 0;
    for (; k + 16 <= K; k += 16) {
        const __m512 av = _mm512_loadu_ps(a + k);
        s0 = _mm512_fmadd_ps(av, _mm512_loadu_ps(r0 + k), s0);
        s1 = _mm512_fmadd_ps(av, _mm512_loadu_ps(r1 + k), s1);
        s2 = _mm512_fmadd_ps(av, _mm512_loadu_ps(r2 + k), s2);
        s3 = _mm512_fmadd_ps(av, _mm512_loadu_ps(r3 + k), s3);
        s4 = _mm512_fmadd_ps(av, _mm512_loadu_ps(r4 + k), s4);
        s5 = _mm512_fmadd_ps(av, _mm512_loadu_ps(r5 + k), s5);
        s6 = _mm512_fmadd_ps(av, _mm512_loadu_ps(r6 + k), s6);
        s7 = _mm512_fmadd_ps(av, _mm512_loadu_ps(r7 + k), s7);
    }
    if (k < K) {
        const __mmask16 m = mask16(K - k);
        const __m512 av = _mm512_maskz_loadu_ps(m, a + k);
        s0 = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(m, r0 + k), s0);
        s1 = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(m, r1 + k), s1);
        s2 = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(m, r2 + k), s2);
        s3 = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(m, r3 + k), s3);
        s4 = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(m, r4 + k), s4);
        s5 = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(m, r5 + k), s5);
        s6 = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(m, r6 + k), s6);
        s7 = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(m, r7 + k), s7);
    }
    acc[0] = s0; acc[1] = s1; acc[2] = s2; acc[3] = s3;
    acc[4] = s4; acc[5] = s5; acc[6] = s6; acc[7] = s7;
}

/// c[j] = alpha·(a · B row j) + beta·c[j] for j < N (B's rows contiguous along K, ldb
/// apart): 16 rows at a time, each its own accumulator, reduced together by hsum16.
static void gemv_rows(int N, int K, float alpha, const float *a, const float *B, ptrdiff_t ldb,
                      float beta, float *c) {
    int j = 0;
    for (; j + 16 <= N; j += 16) {
        __m512 acc[16];
        dot8(acc, a, B + (size_t)j * ldb, ldb, K);
        dot8(acc + 8, a, B + (size_t)(j + 8) * ldb, ldb, K);
        store16(c + j, 16, hsum16(acc), alpha, beta);
    }
    if (j < N) {  // 1–15 rows left: rows past N are zero (never read)
        __m512 acc[16];
        const int n = N - j;
        for (int g = 0; g < 2; g++) {
            const int r0 = j + 8 * g;
            if (r0 + 8 <= N) dot8(acc + 8 * g, a, B + (size_t)r0 * ldb, ldb, K);
            else {
                for (int i = 0; i < 8; i++) {
                    __m512 s = _mm512_setzero_ps();
                    if (r0 + i < N) {
                        const float *b = B + (size_t)(r0 + i) * ldb;
                        int k = 0;
                        for (; k + 16 <= K; k += 16)
                            s = _mm512_fmadd_ps(_mm512_loadu_ps(a + k), _mm512_loadu_ps(b + k), s);
                        if (k < K) {
                            const __mmask16 m = mask16(K - k);
                            s = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a + k), _mm512_maskz_loadu_ps(m, b + k), s);
                        }
                    }
                    acc[8 * g + i] = s;
                }
            }
        }
        store16(c + j, n, hsum16(acc), alpha, beta);
    }
}

/// The same product for a small K (≤ 8): per k, a[k] broadcast times column k of the
/// 16 rows. Dense B (ldb == K): the 16×K block is K contiguous vectors, transposed in
/// registers with two-source permutes; otherwise the columns are gathered.
ALWAYS_INLINE void gemv_small_k(const int K, int N, float alpha, const float *a, const float *B,
                                ptrdiff_t ldb, float beta, float *c) {
    __m512 av[8];
#pragma clang loop unroll(full)
    for (int k = 0; k < K; k++) av[k] = _mm512_set1_ps(a[k]);
    if (ldb == K) {
        // Column k, lane i: element f = k + K·i of the block, in vector f/16, lane f%16.
        // Vectors (2p, 2p+1) are one permutex2var table indexed by f % 32.
        enum { P = 4 };  // pairs of vectors: K ≤ 8 → at most 8 vectors
        __m512i idx[8];
        __mmask16 sel[8][P];
#pragma clang loop unroll(full)
        for (int k = 0; k < K; k++) {
            int f[16];
            for (int i = 0; i < 16; i++) f[i] = k + K * i;
            idx[k] = _mm512_setr_epi32(f[0] & 31, f[1] & 31, f[2] & 31, f[3] & 31, f[4] & 31, f[5] & 31,
                                       f[6] & 31, f[7] & 31, f[8] & 31, f[9] & 31, f[10] & 31, f[11] & 31,
                                       f[12] & 31, f[13] & 31, f[14] & 31, f[15] & 31);
#pragma clang loop unroll(full)
            for (int p = 0; p < P; p++) {
                unsigned m = 0;
                for (int i = 0; i < 16; i++) m |= (unsigned)((f[i] >> 5) == p) << i;
                sel[k][p] = (__mmask16)m;
            }
        }
        const int nv = K;  // vectors per 16-row block
        int j = 0;
        for (; j < N; j += 16) {
            const int n = N - j < 16 ? N - j : 16;
            const float *b = B + (size_t)j * K;
            __m512 z[8];
            if (n == 16) {
#pragma clang loop unroll(full)
                for (int v = 0; v < nv; v++) z[v] = _mm512_loadu_ps(b + 16 * v);
            } else {
#pragma clang loop unroll(full)
                for (int v = 0; v < nv; v++) z[v] = _mm512_maskz_loadu_ps(mask16(n * K - 16 * v), b + 16 * v);
            }
#pragma clang loop unroll(full)
            for (int v = nv; v < 8; v++) z[v] = _mm512_setzero_ps();
            __m512 r = _mm512_setzero_ps();
#pragma clang loop unroll(full)
            for (int k = 0; k < K; k++) {
                // Pairs touched by column k: vectors k/16 … (k + 15K)/16.
                const int p0 = k / 32, p1 = (k + 15 * K) / 32;
                __m512 col = _mm512_permutex2var_ps(z[2 * p0], idx[k], z[2 * p0 + 1]);
#pragma clang loop unroll(full)
                for (int p = p0 + 1; p <= p1 && p < P; p++)
                    col = _mm512_mask_blend_ps(sel[k][p], col, _mm512_permutex2var_ps(z[2 * p], idx[k], z[2 * p + 1]));
                r = _mm512_fmadd_ps(av[k], col, r);
            }
            store16(c + j, n, r, alpha, beta);
        }
    } else {
        const __m512i rowOff = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                                  _mm512_set1_epi32((int)ldb));
        for (int j = 0; j < N; j += 16) {
            const int n = N - j < 16 ? N - j : 16;
            const __mmask16 m = mask16(n);
            const float *b = B + (size_t)j * ldb;
            __m512 r = _mm512_setzero_ps();
#pragma clang loop unroll(full)
            for (int k = 0; k < K; k++)
                r = _mm512_fmadd_ps(av[k], _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, rowOff, b + k, 4), r);
            store16(c + j, n, r, alpha, beta);
        }
    }
}

#define DEFINE_GEMV_SMALL(K)                                                                   \
    static __attribute__((noinline)) void gemv_small_##K(int N, float alpha, const float *a,   \
                                                          const float *B, ptrdiff_t ldb,       \
                                                          float beta, float *c) {              \
        gemv_small_k(K, N, alpha, a, B, ldb, beta, c);                                         \
    }
DEFINE_GEMV_SMALL(2) DEFINE_GEMV_SMALL(3) DEFINE_GEMV_SMALL(4)
DEFINE_GEMV_SMALL(5) DEFINE_GEMV_SMALL(6) DEFINE_GEMV_SMALL(7) DEFINE_GEMV_SMALL(8)

/// C[i, j] = alpha·a_i·b_j + beta·C[i, j] (K == 1, b contiguous): one broadcast and one
/// multiply (or FMA) per 16 outputs; store-bound.
static void rank1(int M, int N, float alpha, const float *a, ptrdiff_t rsA, const float *b,
                  float beta, float *C, ptrdiff_t ldc) {
    const __mmask16 mt = mask16(N & 15);
    const int n16 = N & ~15;
    const __m512 vb = _mm512_set1_ps(beta);
    for (int i = 0; i < M; i++) {
        const __m512 s = _mm512_set1_ps(alpha * a[i * rsA]);
        float *c = C + (size_t)i * ldc;
        if (beta == 0.0f) {
            for (int j = 0; j < n16; j += 16) _mm512_storeu_ps(c + j, _mm512_mul_ps(s, _mm512_loadu_ps(b + j)));
            if (mt) _mm512_mask_storeu_ps(c + n16, mt, _mm512_mul_ps(s, _mm512_maskz_loadu_ps(mt, b + n16)));
        } else {
            for (int j = 0; j < n16; j += 16)
                _mm512_storeu_ps(c + j, _mm512_fmadd_ps(vb, _mm512_loadu_ps(c + j), _mm512_mul_ps(s, _mm512_loadu_ps(b + j))));
            if (mt)
                _mm512_mask_storeu_ps(c + n16, mt, _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(mt, c + n16),
                                                                   _mm512_mul_ps(s, _mm512_maskz_loadu_ps(mt, b + n16))));
        }
    }
}

/// One row of A times a transposed B: for K ≤ 8 an in-register transpose, else dot products.
static void gemv_any_k(int N, int K, float alpha, const float *a, const float *B, ptrdiff_t ldb,
                       float beta, float *c) {
    switch (K) {
    case 2: gemv_small_2(N, alpha, a, B, ldb, beta, c); return;
    case 3: gemv_small_3(N, alpha, a, B, ldb, beta, c); return;
    case 4: gemv_small_4(N, alpha, a, B, ldb, beta, c); return;
    case 5: gemv_small_5(N, alpha, a, B, ldb, beta, c); return;
    case 6: gemv_small_6(N, alpha, a, B, ldb, beta, c); return;
    case 7: gemv_small_7(N, alpha, a, B, ldb, beta, c); return;
    case 8: gemv_small_8(N, alpha, a, B, ldb, beta, c); return;
    default: gemv_rows(N, K, alpha, a, B, ldb, beta, c); return;
    }
}
#define GEMM_ROW_KERNEL gemv_any_k

#include "gemm_driver.h"

#pragma clang attribute pop
#endif
