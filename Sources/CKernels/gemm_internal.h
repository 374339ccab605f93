// Private declarations shared by the GEMM files (not part of the public CKernels API).
#ifndef SMR_GEMM_INTERNAL_H
#define SMR_GEMM_INTERNAL_H
#include <stddef.h>

typedef enum { SMR_ISA_PORTABLE = 0, SMR_ISA_AVX2 = 1, SMR_ISA_AVX512 = 2 } smr_isa;

/// Best instruction set this CPU (and OS) supports, honouring the SMR_KERNEL_ISA
/// environment variable as an upper bound ("portable", "avx2", "avx512"). Cached.
smr_isa smr_gemm_detect_isa(void);
const char *smr_isa_name(smr_isa isa);

/// A 64-byte aligned scratch buffer of at least `floats` elements owned by the calling
/// thread; grows on demand and is reused by later calls (freed when the thread exits).
float *smr_gemm_workspace(size_t floats);

/// Per-instruction-set drivers. Preconditions (checked by smr_sgemm): M, N, K > 0,
/// alpha != 0, strides valid.
typedef void (*smr_gemm_fn)(int transA, int transB, int M, int N, int K, float alpha,
                            const float *A, int lda, const float *B, int ldb,
                            float beta, float *C, int ldc);
void smr_sgemm_portable(int transA, int transB, int M, int N, int K, float alpha,
                        const float *A, int lda, const float *B, int ldb,
                        float beta, float *C, int ldc);
#if defined(__x86_64__)
void smr_sgemm_avx2(int transA, int transB, int M, int N, int K, float alpha,
                    const float *A, int lda, const float *B, int ldb,
                    float beta, float *C, int ldc);
void smr_sgemm_avx512(int transA, int transB, int M, int N, int K, float alpha,
                      const float *A, int lda, const float *B, int ldb,
                      float beta, float *C, int ldc);
#endif

/// Per-instruction-set pre-packed products (see smr_sgemm_pack in CKernels.h).
#define SMR_DECLARE_PREPACKED(SUFFIX)                                                          \
    size_t smr_sgemm_packed_size_##SUFFIX(int N, int K);                                       \
    void smr_sgemm_pack_b_##SUFFIX(int transB, int N, int K, const float *B, int ldb, float *Bp); \
    void smr_sgemm_prepacked_##SUFFIX(int transA, int M, int N, int K, float alpha, const float *A, \
                                      int lda, const float *Bp, float beta, float *C, int ldc); \
    int smr_sgemm_takes_dot_##SUFFIX(int M, int N, int K);
SMR_DECLARE_PREPACKED(portable)
#if defined(__x86_64__)
SMR_DECLARE_PREPACKED(avx2)
SMR_DECLARE_PREPACKED(avx512)
#endif

/// The body of a dispatching entry point: calls NAME_avx512, NAME_avx2 or NAME_portable
/// (static variants the file defines) for the instruction set smr_gemm_detect_isa picked.
#if defined(__x86_64__)
#define SMR_DISPATCH(NAME, ...)                                                      \
    switch (smr_gemm_detect_isa()) {                                                 \
    case SMR_ISA_AVX512: NAME##_avx512(__VA_ARGS__); return;                         \
    case SMR_ISA_AVX2: NAME##_avx2(__VA_ARGS__); return;                             \
    default: NAME##_portable(__VA_ARGS__); return;                                   \
    }
#else
#define SMR_DISPATCH(NAME, ...) NAME##_portable(__VA_ARGS__); return;
#endif

#endif
