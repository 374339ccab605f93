// Hot numeric kernels for SMRTensor, written in C so that each can be compiled for
// several instruction sets and picked at run time (AVX-512, AVX2+FMA, portable).
#ifndef SMR_CKERNELS_H
#define SMR_CKERNELS_H

#include "CKernelsBench.h"
#include "CKernelsOptim.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Row-major single-precision GEMM: C = alpha * op(A) * op(B) + beta * C.
/// op(A) is M×K (A is K×M when transA != 0), op(B) is K×N (B is N×K when transB != 0).
/// lda/ldb/ldc are row strides in elements. beta == 0 ignores C's old contents (NaN-safe).
/// Any M, N, K >= 0; alpha == 0 or K == 0 only scales C (A and B are not read).
/// Single-threaded, allocation-free after a thread's first large call.
void smr_sgemm(int transA, int transB, int M, int N, int K, float alpha,
               const float *A, int lda, const float *B, int ldb,
               float beta, float *C, int ldc);

/// Name of the instruction set the dispatcher chose ("avx512", "avx2", "portable").
/// The environment variable SMR_KERNEL_ISA (same names) caps the choice.
const char *smr_kernel_isa(void);

/// smr_sgemm with an explicit instruction set ("avx512", "avx2", "portable"), for tests
/// and benchmarks. Returns 0 (and does nothing) if this CPU cannot run that set.
int smr_sgemm_using(const char *isa, int transA, int transB, int M, int N, int K,
                    float alpha, const float *A, int lda, const float *B, int ldb,
                    float beta, float *C, int ldc);

#ifdef __cplusplus
}
#endif
#endif
