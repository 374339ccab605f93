// AVX2+FMA GEMM kernels for x86-64 CPUs without AVX-512: a 6×16 micro-kernel (12 ymm
// accumulators + 2 B vectors + 1 broadcast = 15 of the 16 ymm registers) with 4×16,
// 2×32 and 1×64 variants for products of few rows, a dot-product kernel for a few rows
// times a transposed B, single-row and rank-1 kernels, masked loads for edges (and plain
// stores: see store_first8), and packing through 8×8 in-register transposes. Compiled with a
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
#define GEMM_DOT_KERNEL dot_gemm
// Up to 4 rows for K ≥ 32 (2–4 × 2048 × 32, a d_model-32 feed-forward layer on a few tokens:
// 14–22 µs as dot products, 24–44 µs packing B per call; for K = 16 packing wins); up to 16
// rows when B is large (≥ 512 KB) and K ≥ 128: there packing B on every call costs more than
// the dot products' extra passes over A.
#define GEMM_DOT_WANTED(M, N, K) \
    (((M) <= 4 && (K) >= 32) || ((M) <= 16 && (K) >= 128 && (long)(N) * (K) >= 131072))
#define GEMM_DRIVER smr_sgemm_avx2
#define GEMM_TAKES_DOT smr_sgemm_takes_dot_avx2
#define GEMM_PACKED_SIZE smr_sgemm_packed_size_avx2
#define GEMM_PACK_B smr_sgemm_pack_b_avx2
#define GEMM_PREPACKED smr_sgemm_prepacked_avx2

#define ALWAYS_INLINE static inline __attribute__((always_inline))

static const int32_t mask_table[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

/// Lane mask selecting the first n (clamped to 0...8) of 8 lanes.
static inline __m256i mask8(int n) {
    n = n < 0 ? 0 : n > 8 ? 8 : n;
    return _mm256_loadu_si256((const __m256i *)(mask_table + 8 - n));
}

// Stores of the first n lanes. Masked loads are as fast as plain ones, but AMD's Zen cores
// microcode VMASKMOVPS stores (measured here: 4.2 ns per ymm store against 0.32 ns for a
// plain one, 2.2 ns per xmm store), so a full vector is one plain store and a partial one goes
// through the stack, lane by lane.

/// p[0 ..< n] = the first n (0…8) lanes of v.
ALWAYS_INLINE void store_first8(float *p, __m256 v, int n) {
    if (n >= 8) {
        _mm256_storeu_ps(p, v);
        return;
    }
    float t[8];
    _mm256_storeu_ps(t, v);
    for (int i = 0; i < n; i++) p[i] = t[i];
}

/// p[0 ..< n] = the first n (0…4) lanes of v.
ALWAYS_INLINE void store_first4(float *p, __m128 v, int n) {
    if (n >= 4) {
        _mm_storeu_ps(p, v);
        return;
    }
    float t[4];
    _mm_storeu_ps(t, v);
    for (int i = 0; i < n; i++) p[i] = t[i];
}

/// The micro-kernel: an R×(8·NV) tile of C in R·NV ymm accumulators. Per k: NV rows of
/// B loaded (masked when `masked`), R values of A broadcast from memory. mrRead: rows of
/// A that exist (later rows re-read the last one; their results are discarded).
ALWAYS_INLINE void tile(const int R, const int NV, const int masked, int kc,
                        const float *a, ptrdiff_t rsA, ptrdiff_t csA, int mrRead,
                        const float *b, ptrdiff_t rsB,
                        float *c, ptrdiff_t ldc, int mr, int nr, float alpha, float beta) {
    __m256 acc[8][8];
    const float *ap[8];
    __m256i m[8];
    const float *row = a;  // rows past mrRead repeat the last one (plain adds, no multiplies)
#pragma clang loop unroll(full)
    for (int i = 0; i < R; i++) {
        ap[i] = row;
        if (i + 1 < mrRead) row += rsA;
#pragma clang loop unroll(full)
        for (int v = 0; v < NV; v++) acc[i][v] = _mm256_setzero_ps();
    }
#pragma clang loop unroll(full)
    for (int v = 0; v < NV; v++) m[v] = mask8(nr - 8 * v);
#define T_STEP                                                                                 \
    {                                                                                          \
        __m256 bv[8];                                                                          \
        _Pragma("clang loop unroll(full)") for (int v = 0; v < NV; v++) bv[v] =               \
            masked ? _mm256_maskload_ps(b + 8 * v, m[v]) : _mm256_loadu_ps(b + 8 * v);         \
        _Pragma("clang loop unroll(full)") for (int i = 0; i < R; i++) {                      \
            const __m256 ai = _mm256_broadcast_ss(ap[i] + k * csA);                            \
            _Pragma("clang loop unroll(full)") for (int v = 0; v < NV; v++)                    \
                acc[i][v] = _mm256_fmadd_ps(ai, bv[v], acc[i][v]);                             \
        }                                                                                      \
        b += rsB;                                                                              \
    }
    if (csA == GEMM_MR && rsA == 1) {  // packed A: constant offsets, unrolling is free
#pragma clang loop unroll_count(4)
        for (int k = 0; k < kc; k++) T_STEP
    } else {  // A in place: unrolling would need a register per row and copy
#pragma clang loop unroll(disable)
        for (int k = 0; k < kc; k++) T_STEP
    }
#undef T_STEP
    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    if (alpha != 1.0f) {  // a branch, not a select: small K makes this multiply visible
#pragma clang loop unroll(full)
        for (int i = 0; i < R; i++)
#pragma clang loop unroll(full)
            for (int v = 0; v < NV; v++) acc[i][v] = _mm256_mul_ps(va, acc[i][v]);
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < R; i++) {
        if (i < mr) {
            float *ci = c + i * ldc;
#pragma clang loop unroll(full)
            for (int v = 0; v < NV; v++) {
                __m256 r = acc[i][v];
                if (beta != 0.0f) r = _mm256_fmadd_ps(vb, _mm256_maskload_ps(ci + 8 * v, m[v]), r);
                store_first8(ci + 8 * v, r, nr - 8 * v);
            }
        }
    }
}

static void kern_packed(int kc, const float *a, const float *b, float *c, ptrdiff_t ldc,
                        int mr, int nr, float alpha, float beta) {
    // A last panel of at most 4 (or 2) rows runs a 4- (or 2-) row tile over the same packed
    // panel (rows stay 6 apart): 26 sequences of a RecurrentPPO minibatch are 4·6 + 2 rows,
    // 26 computed instead of 30.
    if (mr <= 2) {
        if (nr > 8) tile(2, 2, 0, kc, a, 1, GEMM_MR, 2, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
        else tile(2, 1, 0, kc, a, 1, GEMM_MR, 2, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
        return;
    }
    if (mr <= 4) {
        if (nr > 8) tile(4, 2, 0, kc, a, 1, GEMM_MR, 4, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
        else tile(4, 1, 0, kc, a, 1, GEMM_MR, 4, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
        return;
    }
    if (nr > 8) tile(GEMM_MR, 2, 0, kc, a, 1, GEMM_MR, GEMM_MR, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
    else tile(GEMM_MR, 1, 0, kc, a, 1, GEMM_MR, GEMM_MR, b, GEMM_NR, c, ldc, mr, nr, alpha, beta);
}

/// Tile width of B's panels for an M-row product: one row gets 1×64 tiles, two rows
/// 2×32, so that 8 FMA chains stay independent; otherwise the 6×16 (or 4×16) tile.
#define GEMM_TILE_WIDTH(M) ((M) == 1 ? 64 : (M) == 2 ? 32 : GEMM_NR)

/// Out-of-line instantiations for A read in place, each sweeping m rows in blocks of R:
/// t_R_NV_MASKED.
#define DEFINE_T(R, NV, MASKED)                                                                \
    static __attribute__((noinline)) void t_##R##_##NV##_##MASKED(                            \
        int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int m, const float *b,           \
        ptrdiff_t rsB, float *c, ptrdiff_t ldc, int nr, float alpha, float beta) {             \
        for (int r = 0; r < m; r += R) {                                                       \
            const int mr = m - r < R ? m - r : R;                                              \
            tile(R, NV, MASKED, kc, a + r * rsA, rsA, csA, mr, b, rsB, c + r * ldc, ldc, mr,   \
                 nr, alpha, beta);                                                             \
        }                                                                                      \
    }
#define DEFINE_T2(R, NV) DEFINE_T(R, NV, 0) DEFINE_T(R, NV, 1)
DEFINE_T2(1, 8) DEFINE_T2(1, 4) DEFINE_T2(1, 2) DEFINE_T2(1, 1)
DEFINE_T2(2, 4) DEFINE_T2(2, 2) DEFINE_T2(2, 1)
DEFINE_T2(4, 2) DEFINE_T2(4, 1)
DEFINE_T2(6, 2) DEFINE_T2(6, 1)

/// ROWS rows (from row R0) in R-row tiles × up to NV vectors of C.
#define TILE(R, NV, R0, ROWS)                                                                  \
    (nr < 8 * (NV) ? t_##R##_##NV##_1 : t_##R##_##NV##_0)(                                     \
        kc, a + (R0) * rsA, rsA, csA, ROWS, b, rsB, cj + (R0) * ldc, ldc, nr, alpha, beta)

static void kern_rows(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int m,
                      const float *b, ptrdiff_t rsB, ptrdiff_t step, int TW, int n,
                      float *c, ptrdiff_t ldc, float alpha, float beta) {
    // Base tiles: 6-row blocks, then one 2- or 4-row block if at most 4 rows remain.
    const int rem = m % 6, m6 = rem > 0 && rem <= 4 ? m - rem : m;
    for (int j = 0; j < n; j += TW, b += step) {
        const int nr = n - j < TW ? n - j : TW;
        float *cj = c + j;
        if (TW == 64) {  // M == 1
            if (nr > 32) TILE(1, 8, 0, m); else if (nr > 16) TILE(1, 4, 0, m);
            else if (nr > 8) TILE(1, 2, 0, m); else TILE(1, 1, 0, m);
        } else if (TW == 32) {  // M == 2
            if (nr > 16) TILE(2, 4, 0, m); else if (nr > 8) TILE(2, 2, 0, m); else TILE(2, 1, 0, m);
        } else {
            if (m6 > 0) { if (nr > 8) TILE(6, 2, 0, m6); else TILE(6, 1, 0, m6); }
            if (m6 < m && m - m6 <= 2) { if (nr > 8) TILE(2, 2, m6, m - m6); else TILE(2, 1, m6, m - m6); }
            else if (m6 < m) { if (nr > 8) TILE(4, 2, m6, m - m6); else TILE(4, 1, m6, m - m6); }
        }
    }
}

/// Sum of each of four vectors, as the four lanes of one xmm. Each lane sum is
/// ((v0+v1)+(v2+v3)) + ((v4+v5)+(v6+v7)), the tree hsum8 uses as well, so a result of the
/// dot-product kernels does not depend on which of them (gemv_rows or which tile shape)
/// computed it (GemmTests.testAVX2DotProductRowsDoNotDependOnTheRowCount).
ALWAYS_INLINE __m128 reduce4(__m256 a, __m256 b, __m256 c, __m256 d) {
    const __m256 abcd = _mm256_hadd_ps(_mm256_hadd_ps(a, b), _mm256_hadd_ps(c, d));
    return _mm_add_ps(_mm256_castps256_ps128(abcd), _mm256_extractf128_ps(abcd, 1));
}

/// C[RI rows, RJ columns] as dot products of A rows with B rows (B transposed, contiguous
/// along K), 8 lanes of K at a time (a masked last chunk); rows/columns past mr/nr re-read
/// the last one and are not stored. RJ is a multiple of 4; RI·RJ ≤ 12 accumulators, RI A
/// vectors and one B vector stay within the 16 ymm registers.
ALWAYS_INLINE void dot_tile(const int RI, const int RJ, int K, const float *A, ptrdiff_t lda,
                            int mr, const float *B, ptrdiff_t ldb, int nr,
                            float *C, ptrdiff_t ldc, float alpha, float beta) {
    __m256 acc[4][8];
    const float *ar[4], *br[8];
#pragma clang loop unroll(full)
    for (int i = 0; i < RI; i++) ar[i] = A + (i < mr ? i : mr - 1) * lda;
#pragma clang loop unroll(full)
    for (int j = 0; j < RJ; j++) br[j] = B + (j < nr ? j : nr - 1) * ldb;
#pragma clang loop unroll(full)
    for (int i = 0; i < RI; i++)
#pragma clang loop unroll(full)
        for (int j = 0; j < RJ; j++) acc[i][j] = _mm256_setzero_ps();
#define DOT_STEP(LOAD)                                                                         \
    {                                                                                          \
        __m256 av[4];                                                                          \
        _Pragma("clang loop unroll(full)") for (int i = 0; i < RI; i++) av[i] = LOAD(ar[i]);  \
        _Pragma("clang loop unroll(full)") for (int j = 0; j < RJ; j++) {                     \
            const __m256 bj = LOAD(br[j]);                                                     \
            _Pragma("clang loop unroll(full)") for (int i = 0; i < RI; i++)                   \
                acc[i][j] = _mm256_fmadd_ps(av[i], bj, acc[i][j]);                             \
        }                                                                                      \
    }
    int k = 0;
#define FULL_LOAD(p) _mm256_loadu_ps((p) + k)
    for (; k + 8 <= K; k += 8) DOT_STEP(FULL_LOAD)
#undef FULL_LOAD
    if (k < K) {
        const __m256i m = mask8(K - k);
#define TAIL_LOAD(p) _mm256_maskload_ps((p) + k, m)
        DOT_STEP(TAIL_LOAD)
#undef TAIL_LOAD
    }
#undef DOT_STEP
    const __m128 va = _mm_set1_ps(alpha), vb = _mm_set1_ps(beta);
#pragma clang loop unroll(full)
    for (int i = 0; i < RI; i++) {
#pragma clang loop unroll(full)
        for (int j0 = 0; j0 < RJ; j0 += 4) {
            if (i >= mr || j0 >= nr) continue;
            const int n = nr - j0 < 4 ? nr - j0 : 4;
            float *ci = C + i * ldc + j0;
            __m128 r = _mm_mul_ps(va, reduce4(acc[i][j0], acc[i][j0 + 1], acc[i][j0 + 2], acc[i][j0 + 3]));
            if (beta != 0.0f) r = _mm_fmadd_ps(vb, _mm_maskload_ps(ci, _mm256_castsi256_si128(mask8(n))), r);
            store_first4(ci, r, n);
        }
    }
}

/// A few rows of A times a transposed B (M ≤ 16, K long: an LSTM gate or a linear layer
/// applied to a short sequence): dot products, so B is neither packed nor transposed.
/// Each 4-row block of B is taken by every row tile before the next block, so B streams
/// from memory once, not once per tile. Rows go in 3-row tiles (12 accumulators: enough
/// independent FMA chains to cover the FMA latency, where 8 leave issue slots empty) and
/// 2-row tiles for the rest (4 = 2 + 2, not 3 + 1); one row only when M is 1.
static void dot_gemm(int M, int N, int K, float alpha, const float *A, int lda,
                     const float *B, int ldb, float beta, float *C, int ldc) {
    const int threes = M % 3 == 1 && M >= 4 ? (M - 4) / 3 : M / 3;  // 4 = 2 + 2, 7 = 3 + 2 + 2, …
    for (int j = 0; j < N; j += 4) {
        const float *b = B + (size_t)j * ldb;
        const int nr = N - j;
        int i = 0;
        for (int t = 0; t < threes; t++, i += 3)
            dot_tile(3, 4, K, A + (size_t)i * lda, lda, 3, b, ldb, nr, C + (size_t)i * ldc + j, ldc, alpha, beta);
        for (; M - i >= 2; i += 2)
            dot_tile(2, 4, K, A + (size_t)i * lda, lda, 2, b, ldb, nr, C + (size_t)i * ldc + j, ldc, alpha, beta);
        if (i < M) dot_tile(1, 4, K, A + (size_t)i * lda, lda, 1, b, ldb, nr, C + (size_t)i * ldc + j, ldc, alpha, beta);
    }
}

// MARK: - Single-row products and rank-1 updates (batch-1 recurrent steps)

/// Lane i of the result = sum of the 8 lanes of v[i] (a transpose-add tree), so eight dot
/// products end in one vector.
ALWAYS_INLINE __m256 hsum8(const __m256 v[8]) {
    const __m256 t0 = _mm256_hadd_ps(v[0], v[1]), t1 = _mm256_hadd_ps(v[2], v[3]);
    const __m256 t2 = _mm256_hadd_ps(v[4], v[5]), t3 = _mm256_hadd_ps(v[6], v[7]);
    const __m256 u0 = _mm256_hadd_ps(t0, t1), u1 = _mm256_hadd_ps(t2, t3);  // per half: rows 0–3, 4–7
    return _mm256_add_ps(_mm256_permute2f128_ps(u0, u1, 0x20), _mm256_permute2f128_ps(u0, u1, 0x31));
}

/// c[0 ..< n] (n ≤ 8) = alpha·r + beta·c; beta == 0 does not read c.
ALWAYS_INLINE void store8(float *c, int n, __m256 r, float alpha, float beta) {
    const __m256i m = mask8(n);
    if (alpha != 1.0f) r = _mm256_mul_ps(_mm256_set1_ps(alpha), r);
    if (beta != 0.0f) r = _mm256_fmadd_ps(_mm256_set1_ps(beta), _mm256_maskload_ps(c, m), r);
    store_first8(c, r, n);
}

/// acc[i] (i < 8) = lane-wise partial sums of a · row i of b over K (rows ldb apart, rows at or
/// past `rows` re-read the last one); full chunks of 8, then a masked tail.
ALWAYS_INLINE void dot8_rows(__m256 acc[8], const float *a, const float *b, ptrdiff_t ldb, int rows, int K) {
    const float *r[8];
#pragma clang loop unroll(full)
    for (int i = 0; i < 8; i++) r[i] = b + (i < rows ? i : rows - 1) * ldb;
    __m256 s[8];
#pragma clang loop unroll(full)
    for (int i = 0; i < 8; i++) s[i] = _mm256_setzero_ps();
    int k = 0;
    for (; k + 8 <= K; k += 8) {
        const __m256 av = _mm256_loadu_ps(a + k);
#pragma clang loop unroll(full)
        for (int i = 0; i < 8; i++) s[i] = _mm256_fmadd_ps(av, _mm256_loadu_ps(r[i] + k), s[i]);
    }
    if (k < K) {
        const __m256i m = mask8(K - k);
        const __m256 av = _mm256_maskload_ps(a + k, m);
#pragma clang loop unroll(full)
        for (int i = 0; i < 8; i++) s[i] = _mm256_fmadd_ps(av, _mm256_maskload_ps(r[i] + k, m), s[i]);
    }
#pragma clang loop unroll(full)
    for (int i = 0; i < 8; i++) acc[i] = s[i];
}

/// c[j] = alpha·(a · B row j) + beta·c[j] for j < N (B's rows contiguous along K, ldb
/// apart): eight rows at a time, each its own accumulator, reduced together by hsum8.
/// No packing, so a batch-1 step reads each weight once.
static void gemv_rows(int N, int K, float alpha, const float *a, const float *B, ptrdiff_t ldb,
                      float beta, float *c) {
    for (int j = 0; j < N; j += 8) {
        __m256 acc[8];
        const int n = N - j < 8 ? N - j : 8;
        dot8_rows(acc, a, B + (size_t)j * ldb, ldb, n, K);
        store8(c + j, n, hsum8(acc), alpha, beta);
    }
}

/// C[i, j] = alpha·a_i·b_j + beta·C[i, j] (K == 1, b contiguous): one broadcast and one
/// multiply (or FMA) per 8 outputs; store-bound.
static void rank1(int M, int N, float alpha, const float *a, ptrdiff_t rsA, const float *b,
                  float beta, float *C, ptrdiff_t ldc) {
    const __m256i mt = mask8(N & 7);
    const int n8 = N & ~7, tail = N & 7;
    const __m256 vb = _mm256_set1_ps(beta);
    for (int i = 0; i < M; i++) {
        const __m256 s = _mm256_set1_ps(alpha * a[i * rsA]);
        float *c = C + (size_t)i * ldc;
        if (beta == 0.0f) {
            for (int j = 0; j < n8; j += 8) _mm256_storeu_ps(c + j, _mm256_mul_ps(s, _mm256_loadu_ps(b + j)));
            if (tail) store_first8(c + n8, _mm256_mul_ps(s, _mm256_maskload_ps(b + n8, mt)), tail);
        } else {
            for (int j = 0; j < n8; j += 8)
                _mm256_storeu_ps(c + j, _mm256_fmadd_ps(vb, _mm256_loadu_ps(c + j), _mm256_mul_ps(s, _mm256_loadu_ps(b + j))));
            if (tail)
                store_first8(c + n8, _mm256_fmadd_ps(vb, _mm256_maskload_ps(c + n8, mt),
                                                     _mm256_mul_ps(s, _mm256_maskload_ps(b + n8, mt))), tail);
        }
    }
}

#define GEMM_ROW_KERNEL gemv_rows

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
        const int width = W - j0 < 8 ? W - j0 : 8;
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
                if (t < cols) store_first8(dst + (k0 + t) * W + j0, r[t], width);
        }
    }
}

#include "gemm_driver.h"

#pragma clang attribute pop
#endif
