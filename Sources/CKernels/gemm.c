// Portable reference GEMM. The gemm work item replaces this with blocked SIMD kernels.
#include "CKernels.h"
#include <stddef.h>

void smr_sgemm(int transA, int transB, int M, int N, int K, float alpha,
               const float *A, int lda, const float *B, int ldb,
               float beta, float *C, int ldc) {
    for (int i = 0; i < M; i++) {
        float *c = C + (size_t)i * ldc;
        for (int j = 0; j < N; j++) c[j] = (beta == 0.0f) ? 0.0f : beta * c[j];
        for (int k = 0; k < K; k++) {
            float a = transA ? A[(size_t)k * lda + i] : A[(size_t)i * lda + k];
            a *= alpha;
            if (transB) {
                for (int j = 0; j < N; j++) c[j] += a * B[(size_t)j * ldb + k];
            } else {
                const float *b = B + (size_t)k * ldb;
                for (int j = 0; j < N; j++) c[j] += a * b[j];
            }
        }
    }
}

const char *smr_kernel_isa(void) { return "portable"; }
