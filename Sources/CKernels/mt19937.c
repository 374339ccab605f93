// The mt19937 engine and PyTorch's bulk random transformations (see CKernelsRandom.h).
#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

enum { N = 624, M = 397 };
#define MATRIX_A 0x9908b0dfU
#define UPPER 0x80000000U
#define LOWER 0x7fffffffU

static inline uint32_t twist(uint32_t u, uint32_t v) {
    uint32_t y = (u & UPPER) | (v & LOWER);
    return (y >> 1) ^ ((0U - (v & 1U)) & MATRIX_A);
}

// Both loops read only words they have not yet overwritten (i + 1, i + 397) or words
// overwritten at least 227 iterations earlier (i − 227), so they vectorise.
static void regenerate(uint32_t *mt) {
    int i = 0;
    for (; i < N - M; i++) mt[i] = mt[i + M] ^ twist(mt[i], mt[i + 1]);
    for (; i < N - 1; i++) mt[i] = mt[i + M - N] ^ twist(mt[i], mt[i + 1]);
    mt[N - 1] = mt[M - 1] ^ twist(mt[N - 1], mt[0]);
}

static inline uint32_t temper(uint32_t y) {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

void smr_mt19937_fill(uint32_t *key, long *position, long n, uint32_t *out) {
    long pos = *position;
    while (n > 0) {
        if (pos >= N) { regenerate(key); pos = 0; }
        long k = N - pos < n ? N - pos : n;
        const uint32_t *src = key + pos;
        for (long i = 0; i < k; i++) out[i] = temper(src[i]);
        out += k; n -= k; pos += k;
    }
    *position = pos;
}

enum { CHUNK = 1024 };

void smr_mt19937_bernoulli(uint32_t *key, long *position, long n, double keep, float scale, float *m) {
    uint32_t raw[2 * CHUNK];
    const uint64_t mask53 = (1ULL << 53) - 1;
    while (n > 0) {
        long k = n < CHUNK ? n : CHUNK;
        smr_mt19937_fill(key, position, 2 * k, raw);
        for (long i = 0; i < k; i++) {
            uint64_t v = (((uint64_t)raw[2 * i] << 32) | raw[2 * i + 1]) & mask53;
            double u = (double)v * 0x1p-53;
            m[i] = u < keep ? scale : 0.0f;
        }
        m += k; n -= k;
    }
}

void smr_mt19937_uniform_float(uint32_t *key, long *position, long n, float from, float to, float *out) {
    uint32_t raw[CHUNK];
    const float range = to - from;
    while (n > 0) {
        long k = n < CHUNK ? n : CHUNK;
        smr_mt19937_fill(key, position, k, raw);
        for (long i = 0; i < k; i++) {
            float x = (float)(raw[i] & 0xffffffU) * 0x1p-24f;
            float v = fmaf(x, range, from);
            out[i] = v == to ? from : v;
        }
        out += k; n -= k;
    }
}

// cephes logf as avx_mathfun.h's log256_ps evaluates it, with the contractions GCC made in
// PyTorch's AVX2 build (fma where a product feeds an addition in the same statement chain).
static inline float cephes_log(float x) {
    union { float f; uint32_t u; } b = { .f = x };
    int invalid = !(x > 0.0f);
    if (x < 0x1p-126f) b.f = 0x1p-126f;
    int32_t exponent = (int32_t)(b.u >> 23) - 0x7f;
    b.u = (b.u & ~0x7f800000U) | 0x3f000000U;  // mantissa in [0.5, 1)
    float m = b.f;
    float e = (float)exponent + 1.0f;
    float tmp = 0.0f;
    if (m < 0.707106781186547524f) { tmp = m; e = e - 1.0f; }
    m = m - 1.0f;
    m = tmp + m;
    float z = m * m;
    float y = 7.0376836292E-2f;
    y = fmaf(y, m, -1.1514610310E-1f);
    y = fmaf(y, m, 1.1676998740E-1f);
    y = fmaf(y, m, -1.2420140846E-1f);
    y = fmaf(y, m, 1.4249322787E-1f);
    y = fmaf(y, m, -1.6668057665E-1f);
    y = fmaf(y, m, 2.0000714765E-1f);
    y = fmaf(y, m, -2.4999993993E-1f);
    y = fmaf(y, m, 3.3333331174E-1f);
    float eq1 = e * -2.12194440e-4f;
    y = m * y;
    y = fmaf(y, z, eq1);
    y = fmaf(-z, 0.5f, y);
    float r = m + y;
    r = fmaf(e, 0.693359375f, r);
    if (invalid) return NAN;
    return r;
}

// cephes sincosf as avx_mathfun.h's sincos256_ps evaluates it (same contractions).
static inline void cephes_sincos(float x, float *s, float *c) {
    union { float f; uint32_t u; } b = { .f = x };
    uint32_t sign_sin = b.u & 0x80000000U;
    b.u &= 0x7fffffffU;
    float ax = b.f;
    float y = ax * 1.27323954473516f;
    int32_t j = (int32_t)y;  // truncation, as cvttps
    j = (j + 1) & ~1;
    y = (float)j;
    uint32_t swap_sin = ((uint32_t)j & 4U) << 29;
    int poly_sin = ((uint32_t)j & 2U) == 0;
    ax = fmaf(y, -0.78515625f, ax);
    ax = fmaf(y, -2.4187564849853515625e-4f, ax);
    ax = fmaf(y, -3.77489497744594108e-8f, ax);
    uint32_t sign_cos = (~((uint32_t)j - 2U) & 4U) << 29;
    sign_sin ^= swap_sin;
    float z = ax * ax;
    float half = z * 0.5f;
    float p = 2.443315711809948E-005f;
    p = fmaf(p, z, -1.388731625493765E-003f);
    p = fmaf(p, z, 4.166664568298827E-002f);
    p = z * p;
    p = fmaf(p, z, -half);
    p = p + 1.0f;
    float q = -1.9515295891E-4f;
    q = fmaf(q, z, 8.3321608736E-3f);
    q = fmaf(q, z, -1.6666654611E-1f);
    q = z * q;
    q = fmaf(q, ax, ax);
    // poly_sin selects q (the sine polynomial) for the sine and p for the cosine.
    float sin_v = poly_sin ? q : p;
    float cos_v = poly_sin ? p : q;
    union { float f; uint32_t u; } rs = { .f = sin_v }, rc = { .f = cos_v };
    rs.u ^= sign_sin;
    rc.u ^= sign_cos;
    *s = rs.f;
    *c = rc.f;
}

void smr_normal_fill16(float *data, float mean, float std) {
    const float two_pi = (float)(2.0 * 3.14159265358979323846);
    float out[16];
    for (int j = 0; j < 8; j++) {
        float u1 = 1.0f - data[j];
        float u2 = data[j + 8];
        float radius = sqrtf(-2.0f * cephes_log(u1));
        float theta = two_pi * u2;
        float s, c;
        cephes_sincos(theta, &s, &c);
        float n1 = radius * c;
        float n2 = radius * s;
        out[j] = fmaf(n1, std, mean);
        out[j + 8] = fmaf(n2, std, mean);
    }
    memcpy(data, out, sizeof out);
}

void smr_mul(long n, const float *x, const float *noise, float *y) {
    for (long i = 0; i < n; i++) y[i] = x[i] * noise[i];
}
