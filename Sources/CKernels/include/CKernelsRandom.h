// Counter-based random masks for dropout. Element e of a mask with seed s keeps its
// value when its 32 random bits are ≥ threshold: the low (e even) or high (e odd) half
// of SplitMix64(s + (⌊e/2⌋ + 1)·φ), φ the golden-ratio constant. A mask needs no
// storage (backward recomputes it from the seed), any block can be generated on its
// own, and the AVX-512, AVX2 and portable paths give bit-identical masks everywhere.
#ifndef SMR_CKERNELS_RANDOM_H
#define SMR_CKERNELS_RANDOM_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// y[i] = x[i] * (keep(offset + i) ? scale : 0) for i in 0..<n. x == y (in place) is
/// allowed; otherwise the buffers must not overlap.
/// threshold = round_down(p · 2³²) drops with probability p.
void smr_dropout_apply(long n, const float *x, float *y, uint64_t seed, uint64_t offset,
                       uint32_t threshold, float scale);

/// The 0/scale mask itself: m[i] = keep(offset + i) ? scale : 0.
void smr_dropout_mask(long n, float *m, uint64_t seed, uint64_t offset, uint32_t threshold, float scale);

#ifdef __cplusplus
}
#endif
#endif
