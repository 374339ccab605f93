// Hot numeric kernels for SMRTensor, written in C so that each can be compiled for
// several instruction sets and picked at run time (AVX-512, AVX2+FMA, portable).
#ifndef SMR_CKERNELS_H
#define SMR_CKERNELS_H

#include "CKernelsBench.h"
#include "CKernelsOptim.h"
#include "CKernelsRandom.h"
#include "CKernelsElementwise.h"

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

/// A weight used in many products can be packed once into the GEMM's panel layout (for the
/// instruction set the dispatcher chose): smr_sgemm_packed_size(N, K) floats hold op(B)
/// (K×N; B is N×K when transB) as smr_sgemm_pack writes it, and smr_sgemm_prepacked then
/// computes C = alpha·op(A)·op(B) + beta·C packing only A. Worth it from about 5 rows on:
/// each call of smr_sgemm with such a B re-packs it (a 256×1024 weight is 1 MB).
long smr_sgemm_packed_size(int N, int K);
void smr_sgemm_pack(int transB, int N, int K, const float *B, int ldb, float *Bp);
void smr_sgemm_prepacked(int transA, int M, int N, int K, float alpha, const float *A, int lda,
                         const float *Bp, float beta, float *C, int ldc);
/// Whether smr_sgemm(0, 1, M, N, K, …) reads its B in place (dot products of A's rows with
/// B's rows): then packing B first only adds a copy.
int smr_sgemm_takes_dot(int M, int N, int K);

/// Name of the instruction set the dispatcher chose ("avx512", "avx2", "portable").
/// The environment variable SMR_KERNEL_ISA (same names) caps the choice.
const char *smr_kernel_isa(void);

/// smr_sgemm with an explicit instruction set ("avx512", "avx2", "portable"), for tests
/// and benchmarks. Returns 0 (and does nothing) if this CPU cannot run that set.
int smr_sgemm_using(const char *isa, int transA, int transB, int M, int N, int K,
                    float alpha, const float *A, int lda, const float *B, int ldb,
                    float beta, float *C, int ldc);

/// Elementwise y[i] = exp(x[i]) for 0 <= i < n; x and y may be the same array.
/// Within 1 ulp of the exact result (measured 0.96); +inf for x > ~88.72, gradual
/// underflow below ~-87.3 (0 below ~-103.9), exp(±inf) = inf / 0, NaN stays NaN.
void smr_vexp(int n, const float *x, float *y);

/// Elementwise y[i] = tanh(x[i]) (within 1.5 ulp; ±1 for large |x|; NaN stays NaN).
void smr_vtanh(int n, const float *x, float *y);

/// Elementwise y[i] = 1 / (1 + exp(-x[i])), computed without overflow (within 2.5 ulp,
/// tiny results included; NaN stays NaN).
void smr_vsigmoid(int n, const float *x, float *y);

/// smr_vexp / smr_vtanh / smr_vsigmoid ("exp", "tanh", "sigmoid") with an explicit
/// instruction set, for tests and benchmarks. Returns 0 if unavailable.
int smr_vmath_using(const char *isa, const char *function, int n, const float *x, float *y);

#ifdef __cplusplus
}
#endif
#endif
