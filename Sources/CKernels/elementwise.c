// Elementwise kernels (see CKernelsElementwise.h): plain loops the compiler vectorises,
// instantiated per instruction set and picked at run time like the GEMM. Pointers are
// `restrict` (in-place kernels take one pointer): with possibly aliasing operands the
// vectoriser adds an overlap check and falls back to scalar code when they do alias.
#include "CKernels.h"
#include "gemm_internal.h"

#define DEFINE_ELEMENTWISE(SUFFIX, ATTR)                                                    \
    ATTR static void fill_rows_##SUFFIX(long rows, long cols, const float *restrict row,    \
                                        float *restrict dst) {                              \
        for (long r = 0; r < rows; r++)                                                     \
            for (long j = 0; j < cols; j++) dst[r * cols + j] = row[j];                     \
    }                                                                                       \
    ATTR static void add_column_sums_##SUFFIX(long rows, long cols, const float *restrict src, \
                                               float *restrict dst) {                       \
        for (long r = 0; r < rows; r++)                                                     \
            for (long j = 0; j < cols; j++) dst[j] += src[r * cols + j];                    \
    }                                                                                       \
    ATTR static void add_inplace_##SUFFIX(long n, const float *restrict src,                \
                                          float *restrict dst) {                            \
        for (long i = 0; i < n; i++) dst[i] += src[i];                                      \
    }                                                                                       \
    ATTR static void relu_##SUFFIX(long n, const float *restrict x, float *restrict y) {    \
        for (long i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : 0.0f;                      \
    }                                                                                       \
    ATTR static void relu_backward_##SUFFIX(long n, const float *restrict x,                \
                                            float *restrict g) {                            \
        for (long i = 0; i < n; i++) g[i] = x[i] > 0.0f ? g[i] : 0.0f;                      \
    }

// Reductions keep 16 partial sums in a fixed order, so they vectorise without
// -ffast-math and give the same result on every instruction set.
#define LANES 16
#define DEFINE_ROW_KERNELS(SUFFIX, ATTR)                                                    \
    /* 16 running maxima (NaNs never win a comparison, so they are skipped as in one    */ \
    /* scalar pass); a lone chain of compares would not vectorise without -ffast-math.  */ \
    ATTR static float row_max_##SUFFIX(long n, const float *x) {                            \
        float acc[LANES];                                                                   \
        for (int l = 0; l < LANES; l++) acc[l] = -__builtin_inff();                         \
        long j = 0;                                                                         \
        for (; j + LANES <= n; j += LANES)                                                  \
            for (int l = 0; l < LANES; l++) acc[l] = x[j + l] > acc[l] ? x[j + l] : acc[l]; \
        float m = -__builtin_inff();                                                        \
        for (int l = 0; l < LANES; l++) m = acc[l] > m ? acc[l] : m;                        \
        for (; j < n; j++) m = x[j] > m ? x[j] : m;                                         \
        return m;                                                                           \
    }                                                                                       \
    ATTR static float row_dot_##SUFFIX(long n, const float *restrict a,                     \
                                       const float *restrict b) {                           \
        float acc[LANES] = {0};                                                             \
        long j = 0;                                                                         \
        for (; j + LANES <= n; j += LANES)                                                  \
            for (int l = 0; l < LANES; l++) acc[l] += a[j + l] * b[j + l];                  \
        float s = 0;                                                                        \
        for (int l = 0; l < LANES; l++) s += acc[l];                                        \
        for (; j < n; j++) s += a[j] * b[j];                                                \
        return s;                                                                           \
    }                                                                                       \
    ATTR static float row_sum_##SUFFIX(long n, const float *restrict a) {                   \
        float acc[LANES] = {0};                                                             \
        long j = 0;                                                                         \
        for (; j + LANES <= n; j += LANES)                                                  \
            for (int l = 0; l < LANES; l++) acc[l] += a[j + l];                             \
        float s = 0;                                                                        \
        for (int l = 0; l < LANES; l++) s += acc[l];                                        \
        for (; j < n; j++) s += a[j];                                                       \
        return s;                                                                           \
    }                                                                                       \
    ATTR static void softmax_rows_##SUFFIX(long rows, long cols, float *restrict x) {       \
        for (long r = 0; r < rows; r++) {                                                   \
            float *row = x + r * cols;                                                      \
            float m = row_max_##SUFFIX(cols, row);                                          \
            if (m == -__builtin_inff()) m = 0; /* an all -inf row gives NaN, as PyTorch */  \
            for (long j = 0; j < cols; j++) row[j] -= m;                                    \
            smr_vexp((int)cols, row, row);                                                  \
            float inv = 1.0f / row_sum_##SUFFIX(cols, row);                                 \
            for (long j = 0; j < cols; j++) row[j] *= inv;                                  \
        }                                                                                   \
    }                                                                                       \
    ATTR static void softmax_backward_rows_##SUFFIX(long rows, long cols,                   \
                                                    const float *restrict p,                \
                                                    float *restrict dp) {                   \
        for (long r = 0; r < rows; r++) {                                                   \
            const float *pr = p + r * cols;                                                 \
            float *dr = dp + r * cols;                                                      \
            float dot = row_dot_##SUFFIX(cols, pr, dr);                                     \
            for (long j = 0; j < cols; j++) dr[j] = pr[j] * (dr[j] - dot);                  \
        }                                                                                   \
    }

DEFINE_ELEMENTWISE(portable, )
DEFINE_ROW_KERNELS(portable, )
#if defined(__x86_64__)
DEFINE_ELEMENTWISE(avx2, __attribute__((target("avx2,fma"))))
DEFINE_ELEMENTWISE(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))))
DEFINE_ROW_KERNELS(avx2, __attribute__((target("avx2,fma"))))
DEFINE_ROW_KERNELS(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))))
#endif

void smr_fill_rows(long rows, long cols, const float *row, float *dst) { SMR_DISPATCH(fill_rows, rows, cols, row, dst) }
void smr_add_column_sums(long rows, long cols, const float *src, float *dst) { SMR_DISPATCH(add_column_sums, rows, cols, src, dst) }
void smr_add_inplace(long n, const float *src, float *dst) { SMR_DISPATCH(add_inplace, n, src, dst) }
void smr_relu(long n, const float *x, float *y) { SMR_DISPATCH(relu, n, x, y) }
void smr_relu_backward(long n, const float *x, float *g) { SMR_DISPATCH(relu_backward, n, x, g) }
void smr_softmax_rows(long rows, long cols, float *x) { SMR_DISPATCH(softmax_rows, rows, cols, x) }
void smr_softmax_backward_rows(long rows, long cols, const float *p, float *dp) { SMR_DISPATCH(softmax_backward_rows, rows, cols, p, dp) }
