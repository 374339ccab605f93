// The mt19937 engine and PyTorch's bulk random transformations (see CKernelsRandom.h).
#include "CKernels.h"
#include "gemm_internal.h"
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
typedef uint32_t v8u __attribute__((vector_size(32)));
typedef uint32_t v16u __attribute__((vector_size(64)));

// W words of the twist at once: word i needs words i + 1 and i + 397 (not yet overwritten)
// or i − 227 (overwritten at least 227 words earlier), so blocks of up to 227 words are
// independent. VEC is a W-lane vector type.
#define TWIST_BLOCK(VEC, mt, i, partner)                                              \
    do {                                                                              \
        VEC a_, b_, c_;                                                               \
        memcpy(&a_, (mt) + (i), sizeof a_);                                           \
        memcpy(&b_, (mt) + (i) + 1, sizeof b_);                                       \
        memcpy(&c_, (mt) + (partner), sizeof c_);                                     \
        VEC y_ = (a_ & UPPER) | (b_ & LOWER);                                         \
        VEC odd_ = (VEC){0} - (b_ & 1U);                                              \
        VEC r_ = c_ ^ (y_ >> 1) ^ (odd_ & MATRIX_A);                                  \
        memcpy((mt) + (i), &r_, sizeof r_);                                           \
    } while (0)

#define DEFINE_REGENERATE(SUFFIX, ATTR, VEC, W)                                       \
    ATTR static void regenerate_##SUFFIX(uint32_t *mt) {                             \
        int i = 0;                                                                    \
        for (; i + W <= N - M; i += W) TWIST_BLOCK(VEC, mt, i, i + M);                \
        for (; i < N - M; i++) mt[i] = mt[i + M] ^ twist(mt[i], mt[i + 1]);           \
        for (; i + W <= N - 1; i += W) TWIST_BLOCK(VEC, mt, i, i + M - N);            \
        for (; i < N - 1; i++) mt[i] = mt[i + M - N] ^ twist(mt[i], mt[i + 1]);       \
        mt[N - 1] = mt[M - 1] ^ twist(mt[N - 1], mt[0]);                              \
    }

DEFINE_REGENERATE(portable, , v8u, 8)
#if defined(__x86_64__)
DEFINE_REGENERATE(avx2, __attribute__((target("avx2,fma"))), v8u, 8)
DEFINE_REGENERATE(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma"))), v16u, 16)
#endif

static inline uint32_t temper(uint32_t y) {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

enum { CHUNK = 1024 };

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


static inline uint64_t bernoulli_threshold(double keep) {
    double k53 = keep * 0x1p53;
    return k53 <= 0 ? 0 : k53 >= 0x1p53 ? (1ULL << 53) : (uint64_t)ceil(k53);
}

/// random64() = a·2³² + b; the double uniform is its low 53 bits times 2⁻⁵³.
static inline int pair_below(uint32_t a, uint32_t b, uint64_t threshold) {
    return ((((uint64_t)(a & 0x1fffffU)) << 32) | b) < threshold;
}

/// Sets bit e (least significant first) of a zeroed bit array.
static inline void set_bit(uint8_t *bits, long e) { bits[e >> 3] |= (uint8_t)(1U << (e & 7)); }

#define BERNOULLI_BLOCK_GENERIC(src, k, threshold, bits, e)                          \
    for (long i = 0; i < (k); i++)                                                   \
        if (pair_below(temper((src)[2 * i]), temper((src)[2 * i + 1]), threshold)) set_bit(bits, (e) + i);
#define BERNOULLI_BLOCK_portable BERNOULLI_BLOCK_GENERIC
#define BERNOULLI_BLOCK_avx2 bernoulli_block_avx2
#define BERNOULLI_BLOCK_avx512 bernoulli_block_avx512

#if defined(__x86_64__)
#include <immintrin.h>
// Four pairs per step: temper 8 words, swap the halves of each 64-bit lane (a·2³² + b),
// keep 53 bits, compare with the threshold (both below 2⁶³, so the signed compare is exact).
__attribute__((target("avx2,fma")))
static inline unsigned below4_avx2(const uint32_t *src, __m256i t) {
    const __m256i keep53 = _mm256_set1_epi64x((long long)((1ULL << 53) - 1));
    const __m256i c1 = _mm256_set1_epi32((int)0x9d2c5680U), c2 = _mm256_set1_epi32((int)0xefc60000U);
    __m256i y = _mm256_loadu_si256((const __m256i *)src);
    y = _mm256_xor_si256(y, _mm256_srli_epi32(y, 11));
    y = _mm256_xor_si256(y, _mm256_and_si256(_mm256_slli_epi32(y, 7), c1));
    y = _mm256_xor_si256(y, _mm256_and_si256(_mm256_slli_epi32(y, 15), c2));
    y = _mm256_xor_si256(y, _mm256_srli_epi32(y, 18));
    const __m256i v = _mm256_and_si256(_mm256_shuffle_epi32(y, 0xB1), keep53);
    return (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(t, v)));
}

/// ORs `word`'s 64 bits into the bit array at bit offset `bit`.
static inline void or_bits64(uint8_t *bits, long bit, uint64_t word) {
    uint8_t *p = bits + (bit >> 3);
    unsigned shift = (unsigned)(bit & 7);
    uint64_t old;
    memcpy(&old, p, 8);
    old |= word << shift;
    memcpy(p, &old, 8);
    if (shift) p[8] |= (uint8_t)(word >> (64 - shift));
}

// 64 pairs per step in sixteen 4-pair groups, then 4 at a time, then one by one (the
// AVX-512 block below, at half the width).
__attribute__((target("avx2,fma")))
static inline void bernoulli_block_avx2(const uint32_t *src, long k, uint64_t threshold, uint8_t *bits, long e) {
    const __m256i t = _mm256_set1_epi64x((long long)threshold);
    long i = 0;
    for (; i + 64 <= k; i += 64) {
        uint64_t word = 0;
        for (int g = 0; g < 16; g++) word |= (uint64_t)below4_avx2(src + 2 * (i + 4 * g), t) << (4 * g);
        or_bits64(bits, e + i, word);
    }
    for (; i + 4 <= k; i += 4) {
        unsigned below = below4_avx2(src + 2 * i, t);
        for (int q = 0; q < 4; q++)
            if (below >> q & 1) set_bit(bits, e + i + q);
    }
    for (; i < k; i++)
        if (pair_below(temper(src[2 * i]), temper(src[2 * i + 1]), threshold)) set_bit(bits, e + i);
}

// Eight pairs per step: temper 16 words, swap the halves of each 64-bit lane (a·2³² + b),
// keep 53 bits, compare with the threshold, blend scale/0.
__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma")))
static inline unsigned below8_avx512(const uint32_t *src, __m512i t) {
    const __m512i keep53 = _mm512_set1_epi64((long long)((1ULL << 53) - 1));
    const __m512i c1 = _mm512_set1_epi32((int)0x9d2c5680U), c2 = _mm512_set1_epi32((int)0xefc60000U);
    __m512i y = _mm512_loadu_si512((const void *)src);
    y = _mm512_xor_si512(y, _mm512_srli_epi32(y, 11));
    y = _mm512_xor_si512(y, _mm512_and_si512(_mm512_slli_epi32(y, 7), c1));
    y = _mm512_xor_si512(y, _mm512_and_si512(_mm512_slli_epi32(y, 15), c2));
    y = _mm512_xor_si512(y, _mm512_srli_epi32(y, 18));
    __m512i v = _mm512_and_si512(_mm512_ror_epi64(y, 32), keep53);
    return (unsigned)_mm512_cmplt_epu64_mask(v, t);
}

// 64 pairs per step: eight 8-pair groups (temper 16 words, swap the halves of each 64-bit
// lane to get a·2³² + b, keep 53 bits, compare) gathered in one 64-bit word, then ORed into
// the bit array at bit offset e.
__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma")))
static inline void bernoulli_block_avx512(const uint32_t *src, long k, uint64_t threshold, uint8_t *bits, long e) {
    const __m512i t = _mm512_set1_epi64((long long)threshold);
    long i = 0;
    for (; i + 64 <= k; i += 64) {
        uint64_t word = 0;
        for (int g = 0; g < 8; g++) word |= (uint64_t)below8_avx512(src + 2 * (i + 8 * g), t) << (8 * g);
        or_bits64(bits, e + i, word);
    }
    for (; i + 8 <= k; i += 8) {
        unsigned below = below8_avx512(src + 2 * i, t);
        long bit = e + i;
        unsigned shift = (unsigned)(bit & 7);
        bits[bit >> 3] |= (uint8_t)(below << shift);
        if (shift) bits[(bit >> 3) + 1] |= (uint8_t)(below >> (8 - shift));
    }
    for (; i < k; i++)
        if (pair_below(temper(src[2 * i]), temper(src[2 * i + 1]), threshold)) set_bit(bits, e + i);
}

#endif

// Each kernel is compiled for several instruction sets and picked at run time; all
// arithmetic is exact or correctly rounded (fmaf), so every variant gives the same bits.
#define DEFINE_RANDOM_KERNELS(SUFFIX, ATTR)                                                      \
    ATTR static void fill_##SUFFIX(uint32_t *key, long *position, long n, uint32_t *out) {      \
        long pos = *position;                                                                   \
        while (n > 0) {                                                                         \
            if (pos >= N) { regenerate_##SUFFIX(key); pos = 0; }                                         \
            long k = N - pos < n ? N - pos : n;                                                 \
            const uint32_t *src = key + pos;                                                    \
            for (long i = 0; i < k; i++) out[i] = temper(src[i]);                               \
            out += k; n -= k; pos += k;                                                         \
        }                                                                                       \
        *position = pos;                                                                        \
    }                                                                                           \
    /* u = v·2⁻⁵³ < keep with v < 2⁵³ an integer ⇔ v < ⌈keep·2⁵³⌉ (scaling by 2⁵³ is exact). */ \
    /* Pairs are read straight from the tempered key; a pair split by a twist goes one by one. */ \
    /* Sets bits [first, first + n) of an array the caller zeroed.                          */ \
    ATTR static void bernoulli_##SUFFIX(uint32_t *key, long *position, long n, double keep,     \
                                        uint8_t *bits, long first) {                            \
        uint64_t threshold = bernoulli_threshold(keep);                                         \
        long pos = *position, e = first, end = first + n;                                       \
        while (e < end) {                                                                       \
            if (pos >= N) { regenerate_##SUFFIX(key); pos = 0; }                                \
            if (pos == N - 1) {                                                                 \
                uint32_t a = temper(key[pos]);                                                  \
                regenerate_##SUFFIX(key);                                                       \
                uint32_t b = temper(key[0]);                                                    \
                pos = 1;                                                                        \
                if (pair_below(a, b, threshold)) set_bit(bits, e);                              \
                e++;                                                                            \
                continue;                                                                       \
            }                                                                                   \
            long k = (N - pos) / 2 < end - e ? (N - pos) / 2 : end - e;                         \
            BERNOULLI_BLOCK_##SUFFIX(key + pos, k, threshold, bits, e);                         \
            pos += 2 * k; e += k;                                                               \
        }                                                                                       \
        *position = pos;                                                                        \
    }                                                                                           \
    /* Advances the engine by n words without tempering them (twists only).                 */ \
    ATTR static void discard_##SUFFIX(uint32_t *key, long *position, long n) {                  \
        long pos = *position;                                                                   \
        while (n > 0) {                                                                         \
            if (pos >= N) { regenerate_##SUFFIX(key); pos = 0; }                                \
            long k = N - pos < n ? N - pos : n;                                                 \
            pos += k; n -= k;                                                                   \
        }                                                                                       \
        *position = pos;                                                                        \
    }                                                                                           \
    ATTR static void uniform_##SUFFIX(uint32_t *key, long *position, long n, float from,       \
                                      float to, float *out) {                                   \
        uint32_t raw[CHUNK];                                                                    \
        const float range = to - from;                                                          \
        while (n > 0) {                                                                         \
            long k = n < CHUNK ? n : CHUNK;                                                     \
            fill_##SUFFIX(key, position, k, raw);                                               \
            for (long i = 0; i < k; i++) {                                                      \
                float x = (float)(int32_t)(raw[i] & 0xffffffU) * 0x1p-24f;                      \
                float v = fmaf(x, range, from);                                                 \
                out[i] = v == to ? from : v;                                                    \
            }                                                                                   \
            out += k; n -= k;                                                                   \
        }                                                                                       \
    }                                                                                           \
    ATTR static void normal16_##SUFFIX(float *data, float mean, float std) {                    \
        const float two_pi = (float)(2.0 * 3.14159265358979323846);                             \
        float out[16];                                                                          \
        for (int j = 0; j < 8; j++) {                                                           \
            float u1 = 1.0f - data[j];                                                          \
            float u2 = data[j + 8];                                                             \
            float radius = sqrtf(-2.0f * cephes_log(u1));                                       \
            float theta = two_pi * u2;                                                          \
            float s, c;                                                                         \
            cephes_sincos(theta, &s, &c);                                                       \
            float n1 = radius * c;                                                              \
            float n2 = radius * s;                                                              \
            out[j] = fmaf(n1, std, mean);                                                       \
            out[j + 8] = fmaf(n2, std, mean);                                                   \
        }                                                                                       \
        memcpy(data, out, sizeof out);                                                          \
    }                                                                                           \


DEFINE_RANDOM_KERNELS(portable, )
#if defined(__x86_64__)
DEFINE_RANDOM_KERNELS(avx2, __attribute__((target("avx2,fma"))))
DEFINE_RANDOM_KERNELS(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma"))))
#endif

void smr_mt19937_fill(uint32_t *key, long *position, long n, uint32_t *out) {
    SMR_DISPATCH(fill, key, position, n, out)
}

void smr_mt19937_bernoulli_bits(uint32_t *key, long *position, long n, double keep, uint8_t *bits) {
    memset(bits, 0, (size_t)((n > 0 ? n : 0) + 7) / 8);
    SMR_DISPATCH(bernoulli, key, position, n, keep, bits, 0)
}

void smr_mt19937_bernoulli_bits_at(uint32_t *key, long *position, long n, double keep, uint8_t *bits, long first) {
    SMR_DISPATCH(bernoulli, key, position, n, keep, bits, first)
}

void smr_mt19937_discard(uint32_t *key, long *position, long n) {
    SMR_DISPATCH(discard, key, position, n)
}

void smr_mt19937_uniform_float(uint32_t *key, long *position, long n, float from, float to, float *out) {
    SMR_DISPATCH(uniform, key, position, n, from, to, out)
}

void smr_normal_fill16(float *data, float mean, float std) {
    SMR_DISPATCH(normal16, data, mean, std)
}
