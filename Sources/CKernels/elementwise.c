// Elementwise kernels (see CKernelsElementwise.h): plain loops the compiler vectorises,
// instantiated per instruction set and picked at run time like the GEMM.
#include "CKernels.h"
#include "gemm_internal.h"

#define DEFINE_ELEMENTWISE(SUFFIX, ATTR)                                                    \
    ATTR static void fill_rows_##SUFFIX(long rows, long cols, const float *row, float *dst) { \
        for (long r = 0; r < rows; r++)                                                     \
            for (long j = 0; j < cols; j++) dst[r * cols + j] = row[j];                     \
    }                                                                                       \
    ATTR static void add_column_sums_##SUFFIX(long rows, long cols, const float *src,       \
                                               float *restrict dst) {                       \
        for (long r = 0; r < rows; r++)                                                     \
            for (long j = 0; j < cols; j++) dst[j] += src[r * cols + j];                    \
    }                                                                                       \
    ATTR static void add_inplace_##SUFFIX(long n, const float *restrict src,                \
                                          float *restrict dst) {                            \
        for (long i = 0; i < n; i++) dst[i] += src[i];                                      \
    }                                                                                       \
    ATTR static void relu_##SUFFIX(long n, const float *x, float *y) {                      \
        for (long i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : 0.0f;                      \
    }                                                                                       \
    ATTR static void relu_backward_##SUFFIX(long n, const float *x, const float *g,         \
                                            float *gx) {                                    \
        for (long i = 0; i < n; i++) gx[i] = x[i] > 0.0f ? g[i] : 0.0f;                     \
    }

DEFINE_ELEMENTWISE(portable, )
#if defined(__x86_64__)
DEFINE_ELEMENTWISE(avx2, __attribute__((target("avx2,fma"))))
DEFINE_ELEMENTWISE(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))))
#define DISPATCH(NAME, ...)                                                                 \
    switch (smr_gemm_detect_isa()) {                                                        \
    case SMR_ISA_AVX512: NAME##_avx512(__VA_ARGS__); return;                                \
    case SMR_ISA_AVX2: NAME##_avx2(__VA_ARGS__); return;                                    \
    default: NAME##_portable(__VA_ARGS__); return;                                          \
    }
#else
#define DISPATCH(NAME, ...) NAME##_portable(__VA_ARGS__);
#endif

void smr_fill_rows(long rows, long cols, const float *row, float *dst) { DISPATCH(fill_rows, rows, cols, row, dst) }
void smr_add_column_sums(long rows, long cols, const float *src, float *dst) { DISPATCH(add_column_sums, rows, cols, src, dst) }
void smr_add_inplace(long n, const float *src, float *dst) { DISPATCH(add_inplace, n, src, dst) }
void smr_relu(long n, const float *x, float *y) { DISPATCH(relu, n, x, y) }
void smr_relu_backward(long n, const float *x, const float *g, float *gx) { DISPATCH(relu_backward, n, x, g, gx) }
