// PyTorch's CPU random kernels: the mt19937 engine (aten/src/ATen/core/MT19937RNGEngine.h)
// and the bulk transformations its CPU kernels apply (native/cpu/DistributionTemplates.h),
// written in C so that the loops vectorise. Each function reproduces PyTorch's numbers bit
// for bit on every CPU: the arithmetic is spelt out operation by operation (no contraction
// except the fused multiply-adds PyTorch's own build performs).
#ifndef SMR_CKERNELS_RANDOM_H
#define SMR_CKERNELS_RANDOM_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes the next n tempered 32-bit outputs of the mt19937 state `key` (624 words) to
/// `out`. `*position` is the index of the next word to temper (624: twist first).
void smr_mt19937_fill(uint32_t *key, long *position, long n, uint32_t *out);

/// `torch.empty(n).bernoulli_(keep)` as bits: element i takes two outputs a, b;
/// u = ((a << 32 | b) mod 2⁵³) · 2⁻⁵³; bit i (of byte i/8, least significant first) is
/// u < keep. `bits` holds ⌈n/8⌉ bytes.
void smr_mt19937_bernoulli_bits(uint32_t *key, long *position, long n, double keep, uint8_t *bits);

/// The same draws for bits [first, first + n) of an array the caller has zeroed (other bits
/// are left as they are).
void smr_mt19937_bernoulli_bits_at(uint32_t *key, long *position, long n, double keep, uint8_t *bits, long first);

/// Advances the engine by n outputs without computing them (as if drawn and thrown away).
void smr_mt19937_discard(uint32_t *key, long *position, long n);

/// Dropout with a bit mask, as PyTorch's `x * noise` with noise = bit ? scale : 0:
/// y[i] = x[i] · (bit(offset + i) ? scale : 0). x and y may be the same buffer.
void smr_apply_mask_bits(long n, const float *x, float *y, const uint8_t *bits, long offset, float scale);

/// Relu then dropout in one pass: y[i] = max(x[i], 0) · (bit(i) ? scale : 0) (x may be y;
/// like smr_relu, a NaN input gives 0).
void smr_relu_mask_bits(long n, const float *x, float *y, const uint8_t *bits, float scale);

/// A residual add of a dropped-out branch: y[i] = x[i] + a[i] · (bit(i) ? scale : 0)
/// (the product rounded first, as PyTorch's `x + dropout(a)`; y may be x or a).
void smr_add_mask_bits(long n, const float *x, const float *a, float *y, const uint8_t *bits, float scale);

/// The backward of relu-then-dropout from its output h: g[i] = h[i] > 0 ? g[i] · scale : 0.
void smr_positive_scale(long n, const float *h, float *g, float scale);

/// `uniform_(from, to)` on a float tensor: x = (a mod 2²⁴) · 2⁻²⁴, v = fma(x, to − from, from),
/// and v == to is replaced by from.
void smr_mt19937_uniform_float(uint32_t *key, long *position, long n, float from, float to, float *out);

/// PyTorch's 16-wide Box–Muller step on uniforms (AVX2 `normal_fill_16`, with the cephes
/// log/sincos approximations of avx_mathfun.h): data[j], data[j+8] (j < 8) become
/// fma(√(−2·log(1 − data[j]))·cos θ, std, mean) and the same with sin θ, θ = 2π·data[j+8].
void smr_normal_fill16(float *data, float mean, float std);


#ifdef __cplusplus
}
#endif
#endif
