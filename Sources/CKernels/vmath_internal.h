// Private declarations of the vector-math kernels (see vmath.c).
#ifndef SMR_VMATH_INTERNAL_H
#define SMR_VMATH_INTERNAL_H

typedef void (*smr_vmath_fn)(int n, const float *x, float *y);

#if defined(__x86_64__)
void smr_vexp_avx512(int n, const float *x, float *y);
void smr_vtanh_avx512(int n, const float *x, float *y);
void smr_vsigmoid_avx512(int n, const float *x, float *y);
void smr_vexp_avx2(int n, const float *x, float *y);
void smr_vtanh_avx2(int n, const float *x, float *y);
void smr_vsigmoid_avx2(int n, const float *x, float *y);
#endif

// Coefficients shared by the SIMD versions (Cephes expf / tanhf, single precision).
#define VM_EXP_HI 89.0f            // exp(x) overflows to +inf above ~88.72
#define VM_EXP_LO -104.0f          // and underflows to 0 below ~-103.97
#define VM_LOG2E 1.44269504088896341f
#define VM_LN2_HI 0.693359375f     // ln 2 = VM_LN2_HI + VM_LN2_LO, VM_LN2_HI exact in 9 bits
#define VM_LN2_LO -2.12194440e-4f
#define VM_EXP_P0 1.9875691500E-4f
#define VM_EXP_P1 1.3981999507E-3f
#define VM_EXP_P2 8.3334519073E-3f
#define VM_EXP_P3 4.1665795894E-2f
#define VM_EXP_P4 1.6666665459E-1f
#define VM_EXP_P5 5.0000001201E-1f
#define VM_TANH_SMALL 0.625f       // below: odd polynomial; above: 1 - 2/(exp(2|x|) + 1)
#define VM_TANH_P0 -5.70498872745E-3f
#define VM_TANH_P1 2.06390887954E-2f
#define VM_TANH_P2 -5.37397155531E-2f
#define VM_TANH_P3 1.33314422036E-1f
#define VM_TANH_P4 -3.33332819422E-1f

#endif
