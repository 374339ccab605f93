// Vectorised elementwise math for the transformer / LSTM hot spots: exp (softmax),
// tanh and sigmoid (LSTM / GRU gates). Dispatches like smr_sgemm: AVX-512 → AVX2+FMA →
// portable C (libm). The SIMD versions are within 1 ulp (exp), 1.5 ulp (tanh) and 2.5 ulp
// (sigmoid) of the exact result and handle ±inf, NaN, overflow and gradual underflow.
#include "CKernels.h"
#include "gemm_internal.h"
#include "vmath_internal.h"
#include <math.h>
#include <string.h>

static void vexp_portable(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = expf(x[i]);
}

static void vtanh_portable(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = tanhf(x[i]);
}

static void vsigmoid_portable(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        // e/(1+e) with e = exp(-|x|) never overflows and keeps tiny results accurate.
        const float v = x[i], e = expf(-fabsf(v)), s = 1.0f / (1.0f + e);
        y[i] = v >= 0 ? s : e * s;
        if (v != v) y[i] = v;
    }
}

enum { VM_EXP, VM_TANH, VM_SIGMOID };

static smr_vmath_fn vmath_for(smr_isa isa, int fn) {
    switch (isa) {
#if defined(__x86_64__)
    case SMR_ISA_AVX512:
        return fn == VM_EXP ? smr_vexp_avx512 : fn == VM_TANH ? smr_vtanh_avx512 : smr_vsigmoid_avx512;
    case SMR_ISA_AVX2:
        return fn == VM_EXP ? smr_vexp_avx2 : fn == VM_TANH ? smr_vtanh_avx2 : smr_vsigmoid_avx2;
#endif
    default:
        return fn == VM_EXP ? vexp_portable : fn == VM_TANH ? vtanh_portable : vsigmoid_portable;
    }
}

static smr_vmath_fn chosen[3];

static inline smr_vmath_fn pick(int fn) {
    smr_vmath_fn f = __atomic_load_n(&chosen[fn], __ATOMIC_RELAXED);
    if (!f) {
        f = vmath_for(smr_gemm_detect_isa(), fn);
        __atomic_store_n(&chosen[fn], f, __ATOMIC_RELAXED);
    }
    return f;
}

void smr_vexp(int n, const float *x, float *y) { if (n > 0) pick(VM_EXP)(n, x, y); }
void smr_vtanh(int n, const float *x, float *y) { if (n > 0) pick(VM_TANH)(n, x, y); }
void smr_vsigmoid(int n, const float *x, float *y) { if (n > 0) pick(VM_SIGMOID)(n, x, y); }

int smr_vmath_using(const char *isa, const char *function, int n, const float *x, float *y) {
    smr_isa want = !strcmp(isa, "portable") ? SMR_ISA_PORTABLE
                 : !strcmp(isa, "avx2") ? SMR_ISA_AVX2
                 : !strcmp(isa, "avx512") ? SMR_ISA_AVX512 : (smr_isa)-1;
    int fn = !strcmp(function, "exp") ? VM_EXP : !strcmp(function, "tanh") ? VM_TANH
           : !strcmp(function, "sigmoid") ? VM_SIGMOID : -1;
    if ((int)want < 0 || fn < 0 || want > smr_gemm_detect_isa()) return 0;
    if (n > 0) vmath_for(want, fn)(n, x, y);
    return 1;
}
