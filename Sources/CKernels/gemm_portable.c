// Portable GEMM kernels in plain C (baseline x86-64, aarch64, anything): a 4×8 register
// tile the compiler vectorises with whatever the target offers (SSE2, NEON), fed by the
// shared blocked driver. B is always packed so the tile never reads past an edge.
#include "gemm_internal.h"

#define GEMM_MR 4
#define GEMM_NR 8
#define GEMM_KC 256
#define GEMM_MC 64
#define GEMM_NC 2048
#define GEMM_ALWAYS_PACK_B 1
#define GEMM_DRIVER smr_sgemm_portable
#define GEMM_TAKES_DOT smr_sgemm_takes_dot_portable
#define GEMM_PACKED_SIZE smr_sgemm_packed_size_portable
#define GEMM_PACK_B smr_sgemm_pack_b_portable
#define GEMM_PREPACKED smr_sgemm_prepacked_portable

static inline void tile_store(float acc[GEMM_MR][GEMM_NR], float *c, ptrdiff_t ldc,
                              int mr, int nr, float alpha, float beta) {
    for (int i = 0; i < mr; i++) {
        float *ci = c + i * ldc;
        if (beta == 0.0f)
            for (int j = 0; j < nr; j++) ci[j] = alpha * acc[i][j];
        else
            for (int j = 0; j < nr; j++) ci[j] = alpha * acc[i][j] + beta * ci[j];
    }
}

static void kern_strided(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA,
                         const float *b, ptrdiff_t rsB, float *c, ptrdiff_t ldc,
                         int mr, int nr, float alpha, float beta) {
    // b is always a packed panel here (GEMM_ALWAYS_PACK_B), so all NR columns exist.
    float acc[GEMM_MR][GEMM_NR] = {{0}};
    const float *ap[GEMM_MR];
    for (int i = 0; i < GEMM_MR; i++) ap[i] = a + (i < mr ? i : mr - 1) * rsA;
    for (int k = 0; k < kc; k++, b += rsB) {
        for (int i = 0; i < GEMM_MR; i++) {
            const float ai = ap[i][k * csA];
            for (int j = 0; j < GEMM_NR; j++) acc[i][j] += ai * b[j];
        }
    }
    tile_store(acc, c, ldc, mr, nr, alpha, beta);
}

static void kern_packed(int kc, const float *a, const float *b, float *c, ptrdiff_t ldc,
                        int mr, int nr, float alpha, float beta) {
    float acc[GEMM_MR][GEMM_NR] = {{0}};
    for (int k = 0; k < kc; k++, a += GEMM_MR, b += GEMM_NR)
        for (int i = 0; i < GEMM_MR; i++)
            for (int j = 0; j < GEMM_NR; j++) acc[i][j] += a[i] * b[j];
    tile_store(acc, c, ldc, mr, nr, alpha, beta);
}

/// m rows across n columns, one GEMM_MR × GEMM_NR tile at a time.
static void kern_rows(int kc, const float *a, ptrdiff_t rsA, ptrdiff_t csA, int m,
                      const float *b, ptrdiff_t rsB, ptrdiff_t step, int TW, int n,
                      float *c, ptrdiff_t ldc, float alpha, float beta) {
    for (int j = 0; j < n; j += TW, b += step)
        for (int r = 0; r < m; r += GEMM_MR)
            kern_strided(kc, a + r * rsA, rsA, csA, b, rsB, c + r * ldc + j, ldc,
                         m - r < GEMM_MR ? m - r : GEMM_MR, n - j < TW ? n - j : TW, alpha, beta);
}

static void pack_copy(float *dst, int W, const float *src, ptrdiff_t ld, int w, int kc) {
    for (int k = 0; k < kc; k++, src += ld, dst += W) {
        int j = 0;
        for (; j < w; j++) dst[j] = src[j];
        for (; j < W; j++) dst[j] = 0.0f;
    }
}

static void pack_transpose(float *dst, int W, const float *src, ptrdiff_t ld, int w, int kc) {
    for (int k = 0; k < kc; k++, dst += W) {
        int j = 0;
        for (; j < w; j++) dst[j] = src[j * ld + k];
        for (; j < W; j++) dst[j] = 0.0f;
    }
}

#include "gemm_driver.h"
