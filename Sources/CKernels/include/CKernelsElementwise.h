// Elementwise and row-wise kernels of the tensor ops, vectorised per instruction set
// with run-time dispatch (the plain C bodies are compiled for AVX-512, AVX2 and the
// baseline, and give the same results on each: no reassociation across lanes except
// where noted).
#ifndef SMR_CKERNELS_ELEMENTWISE_H
#define SMR_CKERNELS_ELEMENTWISE_H

#ifdef __cplusplus
extern "C" {
#endif

/// Operands must not overlap unless a kernel says otherwise.
/// dst[r·cols + j] = row[j] for every row r (broadcasting a bias before a GEMM).
void smr_fill_rows(long rows, long cols, const float *row, float *dst);
/// dst[j] += Σ_r src[r·cols + j] (a bias gradient); rows are added in order.
void smr_add_column_sums(long rows, long cols, const float *src, float *dst);
/// dst[i] += src[i].
void smr_add_inplace(long n, const float *src, float *dst);
/// y[i] = max(x[i], 0).
void smr_relu(long n, const float *x, float *y);
/// g[i] = x[i] > 0 ? g[i] : 0, in place.
void smr_relu_backward(long n, const float *x, float *g);

/// Softmax of each contiguous row of a [rows, cols] block, in place (max subtracted,
/// exp via smr_vexp; an all -inf row becomes NaN as in PyTorch).
void smr_softmax_rows(long rows, long cols, float *x);
/// Softmax backward per row, in place: dp = p ⊙ (dp − Σ_j p·dp). p and dp must not overlap.
void smr_softmax_backward_rows(long rows, long cols, const float *p, float *dp);

#ifdef __cplusplus
}
#endif
#endif
