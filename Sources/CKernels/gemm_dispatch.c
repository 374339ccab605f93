// smr_sgemm: argument checks, trivial cases, and run-time choice of the kernel set
// (AVX-512 → AVX2+FMA → portable C), so one binary is fast on this CPU and still runs
// on a baseline x86-64 (or aarch64) machine. Also owns the per-thread packing buffer.
#include "CKernels.h"
#include "gemm_internal.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// MARK: - Instruction-set detection

static smr_isa detect(void) {
    smr_isa best = SMR_ISA_PORTABLE;
#if defined(__x86_64__)
    __builtin_cpu_init();
    // __builtin_cpu_supports also checks that the OS saves the vector state (XCR0).
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = SMR_ISA_AVX2;
    if (best == SMR_ISA_AVX2 && __builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq"))
        best = SMR_ISA_AVX512;
#endif
    const char *cap = getenv("SMR_KERNEL_ISA");
    if (cap) {
        smr_isa limit = !strcmp(cap, "portable") ? SMR_ISA_PORTABLE
                      : !strcmp(cap, "avx2") ? SMR_ISA_AVX2 : SMR_ISA_AVX512;
        if (limit < best) best = limit;
    }
    return best;
}

static int detected = -1;  // benign race: every thread computes the same value

smr_isa smr_gemm_detect_isa(void) {
    int isa = __atomic_load_n(&detected, __ATOMIC_RELAXED);
    if (isa < 0) {
        isa = (int)detect();
        __atomic_store_n(&detected, isa, __ATOMIC_RELAXED);
    }
    return (smr_isa)isa;
}

const char *smr_isa_name(smr_isa isa) {
    switch (isa) {
    case SMR_ISA_AVX512: return "avx512";
    case SMR_ISA_AVX2: return "avx2";
    default: return "portable";
    }
}

const char *smr_kernel_isa(void) { return smr_isa_name(smr_gemm_detect_isa()); }

// MARK: - Per-thread workspace

static pthread_key_t workspace_key;
static pthread_once_t workspace_once = PTHREAD_ONCE_INIT;
static void make_workspace_key(void) { pthread_key_create(&workspace_key, free); }

static _Thread_local float *workspace;
static _Thread_local size_t workspace_floats;

float *smr_gemm_workspace(size_t floats) {
    if (floats <= workspace_floats) return workspace;
    pthread_once(&workspace_once, make_workspace_key);
    free(workspace);
    size_t want = floats < (1u << 16) ? (1u << 16) : floats + floats / 4;
    void *p = NULL;
    if (posix_memalign(&p, 64, want * sizeof(float)) != 0) abort();
    workspace = p;
    workspace_floats = want;
    pthread_setspecific(workspace_key, p);  // freed by the key's destructor at thread exit
    return workspace;
}

// MARK: - Entry points

static smr_gemm_fn driver_for(smr_isa isa) {
    switch (isa) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: return smr_sgemm_avx512;
    case SMR_ISA_AVX2: return smr_sgemm_avx2;
#endif
    default: return smr_sgemm_portable;
    }
}

/// C = beta * C for an M×N block (beta == 0 writes zeros, NaN-safe).
static void scale_c(int M, int N, float beta, float *C, int ldc) {
    for (int i = 0; i < M; i++) {
        float *c = C + (size_t)i * ldc;
        if (beta == 0.0f) memset(c, 0, (size_t)N * sizeof(float));
        else if (beta != 1.0f)
            for (int j = 0; j < N; j++) c[j] *= beta;
    }
}

static inline void run(smr_gemm_fn fn, int transA, int transB, int M, int N, int K,
                       float alpha, const float *A, int lda, const float *B, int ldb,
                       float beta, float *C, int ldc) {
    if (M <= 0 || N <= 0) return;
    if (K <= 0 || alpha == 0.0f) { scale_c(M, N, beta, C, ldc); return; }
    fn(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

static smr_gemm_fn chosen;

void smr_sgemm(int transA, int transB, int M, int N, int K, float alpha,
               const float *A, int lda, const float *B, int ldb,
               float beta, float *C, int ldc) {
    smr_gemm_fn fn = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (!fn) {
        fn = driver_for(smr_gemm_detect_isa());
        __atomic_store_n(&chosen, fn, __ATOMIC_RELAXED);
    }
    run(fn, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

int smr_sgemm_using(const char *isa, int transA, int transB, int M, int N, int K, float alpha,
                    const float *A, int lda, const float *B, int ldb,
                    float beta, float *C, int ldc) {
    smr_isa want = !strcmp(isa, "portable") ? SMR_ISA_PORTABLE
                 : !strcmp(isa, "avx2") ? SMR_ISA_AVX2
                 : !strcmp(isa, "avx512") ? SMR_ISA_AVX512 : (smr_isa)-1;
    if ((int)want < 0 || want > smr_gemm_detect_isa()) return 0;
    run(driver_for(want), transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    return 1;
}

// MARK: - Pre-packed B

long smr_sgemm_packed_size(int N, int K) {
    if (N <= 0 || K <= 0) return 0;
    switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: return (long)smr_sgemm_packed_size_avx512(N, K);
    case SMR_ISA_AVX2: return (long)smr_sgemm_packed_size_avx2(N, K);
#endif
    default: return (long)smr_sgemm_packed_size_portable(N, K);
    }
}

int smr_sgemm_takes_dot(int M, int N, int K) {
    switch (smr_gemm_detect_isa()) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512: return smr_sgemm_takes_dot_avx512(M, N, K);
    case SMR_ISA_AVX2: return smr_sgemm_takes_dot_avx2(M, N, K);
#endif
    default: return smr_sgemm_takes_dot_portable(M, N, K);
    }
}

void smr_sgemm_pack(int transB, int N, int K, const float *B, int ldb, float *Bp) {
    if (N <= 0 || K <= 0) return;
    SMR_DISPATCH(smr_sgemm_pack_b, transB, N, K, B, ldb, Bp)
}

void smr_sgemm_prepacked(int transA, int M, int N, int K, float alpha, const float *A, int lda,
                         const float *Bp, float beta, float *C, int ldc) {
    if (M <= 0 || N <= 0) return;
    if (K <= 0 || alpha == 0.0f) { scale_c(M, N, beta, C, ldc); return; }
    SMR_DISPATCH(smr_sgemm_prepacked, transA, M, N, K, alpha, A, lda, Bp, beta, C, ldc)
}
