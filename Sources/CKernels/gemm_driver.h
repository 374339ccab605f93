// The blocked GEMM loop nest shared by every instruction set (a BLIS-style design).
//
// Included once by each of gemm_avx512.c, gemm_avx2.c and gemm_portable.c, after they
// define the register tile GEMM_MR × GEMM_NR, the cache blocks GEMM_KC / GEMM_MC /
// GEMM_NC, the name GEMM_DRIVER of the function to define, and these static functions:
//
//   kern_packed(kc, a, b, c, ldc, mr, nr, alpha, beta)
//       C[mr×nr] = alpha·(a·b) + beta·C with a packed (GEMM_MR values per k, zero padded)
//       and b packed (GEMM_NR values per k, zero padded).
//   kern_rows(kc, a, rsA, csA, m, b, rsB, tileStep, TW, n, c, ldc, alpha, beta)
//       C[m×n] = alpha·(op(A)·op(B)) + beta·C, column tile by column tile (each B tile
//       reused from L1 across all m rows), with A read in place
//       (op(A)[i,k] = a[i·rsA + k·csA]; rows ≥ m are never read) and op(B) given
//       as tiles TW columns wide: tile t starts at b + t·tileStep, its rows are rsB apart
//       (columns ≥ n are never read). TW = GEMM_TILE_WIDTH(M) lets small-M products use
//       wider, shallower register tiles.
//   pack_copy(dst, W, src, ld, w, kc)       dst[k·W + j] = src[k·ld + j]  (j < w; 0 up to W)
//   pack_transpose(dst, W, src, ld, w, kc)  dst[k·W + j] = src[j·ld + k]  (j < w; 0 up to W)
//
// and, optionally, GEMM_ROW_KERNEL with rank1 (single-row and K == 1 products, below).
//
// Three paths, chosen per call:
//  1. Large products (M·N·K ≥ GEMM_PACK_WORK, N > NR, M > MR — M > GEMM_IN_PLACE_B_ROWS
//     when B is not transposed), BLIS loop order: for each
//     NC-wide column block and KC-deep slice, op(B) is packed once into NR-wide panels;
//     for each MC-tall row block, op(A) is packed into MR-tall panels (they stay in L2);
//     kern_packed sweeps the tiles, each B panel reused from L1 across the row block.
//  2. Everything else: A is read in place, and so is B unless it is transposed (then it
//     is packed per KC slice into TW-wide panels); kern_rows sweeps the column tiles,
//     each down all rows. No copies at all for small products — packing only pays when
//     each packed value is reused enough times, and the tiny networks here mostly are not.
//  3. A few rows times a transposed B with a long K (GEMM_DOT_KERNEL, if the instruction
//     set defines it): dot products, no transposition.
// Packing buffers come from the calling thread's workspace: no allocation per call.

#ifndef GEMM_TILE_WIDTH
#define GEMM_TILE_WIDTH(M) GEMM_NR
#endif

#ifndef GEMM_IN_PLACE_B_ROWS
#define GEMM_IN_PLACE_B_ROWS 64  // rows up to which an untransposed B is not packed
#endif
#ifndef GEMM_PACK_WORK
#define GEMM_PACK_WORK (64.0 * 64.0 * 64.0)  // M·N·K above which packing A and B pays
#endif

static inline int gemm_min(int a, int b) { return a < b ? a : b; }

#ifdef GEMM_ROW_KERNEL
// Products that skip the blocked driver, for instruction sets that define
//   rank1(M, N, alpha, a, rsA, b, beta, C, ldc)   C = alpha·a·bᵀ + beta·C (K == 1, b contiguous)
//   GEMM_ROW_KERNEL(N, K, alpha, a, B, ldb, beta, c)  c = alpha·(a·Bᵀ) + beta·c (one row of A)
// (batch-1 recurrent steps and single-token layers). Returns 0 when the product is not one
// of these.
static int special_gemm(int transA, int transB, int M, int N, int K, float alpha,
                        const float *A, int lda, const float *B, int ldb,
                        float beta, float *C, int ldc) {
    if (K == 1) {
        // op(A) column: A[i·rsA]; op(B) row: B[j·csB] (copied if strided).
        const ptrdiff_t rsA = transA ? 1 : lda, csB = transB ? ldb : 1;
        if (csB == 1) { rank1(M, N, alpha, A, rsA, B, beta, C, ldc); return 1; }
        if (N > 1024) return 0;
        float bt[1024];
        for (int j = 0; j < N; j++) bt[j] = B[(size_t)j * csB];
        rank1(M, N, alpha, A, rsA, bt, beta, C, ldc);
        return 1;
    }
    if (M != 1 || !transB) return 0;
    // op(A) is one row: A[k·csA].
    const ptrdiff_t csA = transA ? lda : 1;
    float at[2048];
    const float *a = A;
    if (csA != 1) {
        if (K > 2048) return 0;
        for (int k = 0; k < K; k++) at[k] = A[(size_t)k * csA];
        a = at;
    }
    GEMM_ROW_KERNEL(N, K, alpha, a, B, ldb, beta, C);
    return 1;
}
#define GEMM_SPECIAL special_gemm
#endif

/// Packs columns jr ..< jr+TW of the kc × nc block of op(B) at Bblk into Bp + jr·kc.
static inline void pack_b_panel(float *Bp, const float *Bblk, int transB, int ldb, int TW,
                                int jr, int nc, int kc) {
    const int nr = gemm_min(TW, nc - jr);
    if (transB) pack_transpose(Bp + (size_t)jr * kc, TW, Bblk + (size_t)jr * ldb, ldb, nr, kc);
    else pack_copy(Bp + (size_t)jr * kc, TW, Bblk + jr, ldb, nr, kc);
}

/// Packs the mc × kc block of op(A) at Ablk into MR-tall panels at Ap (zero padded).
static inline void pack_a_block(float *Ap, const float *Ablk, int transA, int lda, int mc, int kc) {
    for (int ir = 0; ir < mc; ir += GEMM_MR) {
        const int mr = gemm_min(GEMM_MR, mc - ir);
        if (transA) pack_copy(Ap + (size_t)ir * kc, GEMM_MR, Ablk + ir, lda, mr, kc);
        else pack_transpose(Ap + (size_t)ir * kc, GEMM_MR, Ablk + (size_t)ir * lda, lda, mr, kc);
    }
}

/// One packed B panel (nr columns) times every MR-tall panel of the packed A block, into C.
static inline void kern_column(int kc, const float *Ap, const float *bPanel, float *Ccol, int ldc, int mc,
                               int nr, float alpha, float beta) {
    for (int ir = 0; ir < mc; ir += GEMM_MR)
        kern_packed(kc, Ap + (size_t)ir * kc, bPanel, Ccol + (size_t)ir * ldc, ldc, gemm_min(GEMM_MR, mc - ir),
                    nr, alpha, beta);
}

void GEMM_DRIVER(int transA, int transB, int M, int N, int K, float alpha,
                 const float *A, int lda, const float *B, int ldb,
                 float beta, float *C, int ldc) {
    // op(A)[i,k] = A[i·rsA + k·csA], op(B)[k,j] = B[k·rsB + j·csB].
    const ptrdiff_t rsA = transA ? 1 : lda, csA = transA ? lda : 1;
    const ptrdiff_t rsB = transB ? 1 : ldb, csB = transB ? ldb : 1;

#ifdef GEMM_SPECIAL
    // Shapes with a dedicated kernel (single-row products, outer products), if any.
    if (GEMM_SPECIAL(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)) return;
#endif

#ifdef GEMM_DOT_KERNEL
    // A few rows times a transposed B: dot products need no transposition at all.
    if (transB && !transA && GEMM_DOT_WANTED(M, N, K)) {
        GEMM_DOT_KERNEL(M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
        return;
    }
#endif

    const double work = (double)M * N * K;
    // Path 1 packs both operands. Otherwise B is packed only when transposed (the tiles
    // want contiguous rows of op(B)) or when the instruction set always packs it.
    // Up to 64 rows, a B that needs no transposition is read in place: each row tile streams
    // its contiguous rows, which beat copying B into panels first (10×128 · 128×2048 went
    // from 92 to 60 µs, 64×2048 · 2048×128 from 344 to 312 µs).
    const int packA = work >= GEMM_PACK_WORK && M > (transB ? GEMM_MR : GEMM_IN_PLACE_B_ROWS) && N > GEMM_NR;
    const int packB = packA || transB || GEMM_ALWAYS_PACK_B;
    const int KC = packB ? GEMM_KC : K;
    const int NC = packB ? GEMM_NC : N;
    const int MC = packA ? GEMM_MC : M;
    // Column width of B's panels and kern_rows' tiles: wide tiles only when N fills them.
    const int TW = packA || N <= GEMM_NR ? GEMM_NR : GEMM_TILE_WIDTH(M);

    float *Bp = NULL, *Ap = NULL;
    if (packB) {
        const int ncMax = gemm_min(NC, N), kcMax = gemm_min(KC, K);
        const size_t bFloats = (size_t)kcMax * ((ncMax + TW - 1) / TW * TW);
        const size_t aFloats = packA ? (size_t)kcMax * ((gemm_min(MC, M) + GEMM_MR - 1) / GEMM_MR * GEMM_MR) : 0;
        Bp = smr_gemm_workspace(bFloats + aFloats);
        Ap = Bp + bFloats;
    }

    for (int jc = 0; jc < N; jc += NC) {
        const int nc = gemm_min(NC, N - jc);
        for (int pc = 0; pc < K; pc += KC) {
            const int kc = gemm_min(KC, K - pc);
            const float betaK = pc == 0 ? beta : 1.0f;  // later K slices accumulate
            const float *Bblk = B + pc * rsB + jc * csB;
            // op(B)[kc × nc] → TW-wide panels at Bp + jr·kc. Path 1 packs each panel just
            // before its first use (still hot in L1/L2 for the first row block).
            if (packB && !packA) {
                for (int jr = 0; jr < nc; jr += TW) pack_b_panel(Bp, Bblk, transB, ldb, TW, jr, nc, kc);
            }
            for (int ic = 0; ic < M; ic += MC) {
                const int mc = gemm_min(MC, M - ic);
                const float *Ablk = A + ic * rsA + pc * csA;
                if (packA) {
                    pack_a_block(Ap, Ablk, transA, lda, mc, kc);
                    for (int jr = 0; jr < nc; jr += GEMM_NR) {
                        if (ic == 0) pack_b_panel(Bp, Bblk, transB, ldb, GEMM_NR, jr, nc, kc);
                        kern_column(kc, Ap, Bp + (size_t)jr * kc, C + (size_t)ic * ldc + jc + jr, ldc, mc,
                                    gemm_min(GEMM_NR, nc - jr), alpha, betaK);
                    }
                } else {
                    // B packed into TW-wide panels, or read in place (rows ldb apart).
                    const float *b = packB ? Bp : Bblk;
                    const ptrdiff_t rsBx = packB ? TW : ldb, step = packB ? (ptrdiff_t)TW * kc : TW;
                    kern_rows(kc, Ablk, rsA, csA, mc, b, rsBx, step, TW, nc, C + (size_t)ic * ldc + jc, ldc,
                              alpha, betaK);
                }
            }
        }
    }
}

/// Whether op(A)·Bᵀ (B transposed, M×N×K) takes the dot-product kernel, which reads B in
/// place: packing such a B beforehand (smr_sgemm_pack) would only add a copy.
int GEMM_TAKES_DOT(int M, int N, int K) {
#ifdef GEMM_DOT_KERNEL
    return GEMM_DOT_WANTED(M, N, K);
#else
    (void)M; (void)N; (void)K;
    return 0;
#endif
}

// MARK: - A pre-packed op(B), for products that reuse one B (a weight) many times

/// Floats that op(B) (K×N) takes packed: per NC-wide column block and KC-deep slice (in
/// that order, as the loop nest visits them), its NR-wide panels, zero padded.
size_t GEMM_PACKED_SIZE(int N, int K) {
    size_t total = 0;
    for (int jc = 0; jc < N; jc += GEMM_NC) {
        const int nc = gemm_min(GEMM_NC, N - jc);
        total += (size_t)K * (size_t)((nc + GEMM_NR - 1) / GEMM_NR * GEMM_NR);
    }
    return total;
}

/// Packs op(B) into Bp (GEMM_PACKED_SIZE floats) in the layout GEMM_PREPACKED reads.
void GEMM_PACK_B(int transB, int N, int K, const float *B, int ldb, float *Bp) {
    const ptrdiff_t rsB = transB ? 1 : ldb, csB = transB ? ldb : 1;
    for (int jc = 0; jc < N; jc += GEMM_NC) {
        const int nc = gemm_min(GEMM_NC, N - jc);
        for (int pc = 0; pc < K; pc += GEMM_KC) {
            const int kc = gemm_min(GEMM_KC, K - pc);
            const float *Bblk = B + pc * rsB + jc * csB;
            for (int jr = 0; jr < nc; jr += GEMM_NR) pack_b_panel(Bp, Bblk, transB, ldb, GEMM_NR, jr, nc, kc);
            Bp += (size_t)kc * (size_t)((nc + GEMM_NR - 1) / GEMM_NR * GEMM_NR);
        }
    }
}

/// Path 1 of GEMM_DRIVER with op(B) already packed: only A is packed per call. Same
/// preconditions as the driver (M, N, K > 0, alpha != 0).
void GEMM_PREPACKED(int transA, int M, int N, int K, float alpha, const float *A, int lda,
                    const float *Bp, float beta, float *C, int ldc) {
    const ptrdiff_t rsA = transA ? 1 : lda, csA = transA ? lda : 1;
    float *Ap = smr_gemm_workspace((size_t)gemm_min(GEMM_KC, K) *
                                   (size_t)((gemm_min(GEMM_MC, M) + GEMM_MR - 1) / GEMM_MR * GEMM_MR));
    for (int jc = 0; jc < N; jc += GEMM_NC) {
        const int nc = gemm_min(GEMM_NC, N - jc);
        for (int pc = 0; pc < K; pc += GEMM_KC) {
            const int kc = gemm_min(GEMM_KC, K - pc);
            const float betaK = pc == 0 ? beta : 1.0f;
            const float *Bblk = Bp;
            Bp += (size_t)kc * (size_t)((nc + GEMM_NR - 1) / GEMM_NR * GEMM_NR);
            for (int ic = 0; ic < M; ic += GEMM_MC) {
                const int mc = gemm_min(GEMM_MC, M - ic);
                const float *Ablk = A + ic * rsA + pc * csA;
                pack_a_block(Ap, Ablk, transA, lda, mc, kc);
                for (int jr = 0; jr < nc; jr += GEMM_NR)
                    kern_column(kc, Ap, Bblk + (size_t)jr * kc, C + (size_t)ic * ldc + jc + jr, ldc, mc,
                                gemm_min(GEMM_NR, nc - jr), alpha, betaK);
            }
        }
    }
}
