// Elementwise and row-wise kernels of the tensor ops, vectorised per instruction set
// with run-time dispatch (the plain C bodies are compiled for AVX-512, AVX2 and the
// baseline, and give the same results on each: no reassociation across lanes except
// where noted).
#ifndef SMR_CKERNELS_ELEMENTWISE_H
#define SMR_CKERNELS_ELEMENTWISE_H

#ifdef __cplusplus
extern "C" {
#endif

/// dst[r·cols + j] = row[j] for every row r (broadcasting a bias before a GEMM).
void smr_fill_rows(long rows, long cols, const float *row, float *dst);
/// dst[j] += Σ_r src[r·cols + j] (a bias gradient); rows are added in order.
void smr_add_column_sums(long rows, long cols, const float *src, float *dst);
/// dst[i] += src[i].
void smr_add_inplace(long n, const float *src, float *dst);
/// y[i] = max(x[i], 0).
void smr_relu(long n, const float *x, float *y);
/// gx[i] = x[i] > 0 ? g[i] : 0 (gx may alias g).
void smr_relu_backward(long n, const float *x, const float *g, float *gx);

#ifdef __cplusplus
}
#endif
#endif
