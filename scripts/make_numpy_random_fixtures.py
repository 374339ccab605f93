#!/usr/bin/env python3
"""Writes Tests/SMRTensorTests/Fixtures/numpy_random.json: reference draws from NumPy's
SeedSequence, PCG64 / default_rng and legacy RandomState (MT19937), for the Swift port's
bit-exact tests.

Doubles in [0, 1) are stored as integers k = u * 2**53 (exact in JSON); other doubles
as their shortest repr, which round-trips exactly.

Usage: python3 scripts/make_numpy_random_fixtures.py [output-path]
"""
import json
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/SMRTensorTests/Fixtures/numpy_random.json"
SCALE = 2.0 ** 53


def as_k(values):
    out = []
    for u in np.asarray(values, dtype=np.float64).ravel():
        k = float(u) * SCALE
        assert k == int(k)
        out.append(int(k))
    return out


def hex128(x):
    return format(int(x), "032x")


seed_sequences = []
for entropy in [0, 1, 2, 3, 4, 42, 12345, 2**32 - 1, 2**32, 2**40 + 5, [1, 2, 3, 4, 5, 6]]:
    ss = np.random.SeedSequence(entropy)
    seed_sequences.append({
        "entropy_words": [int(w) for w in np.random.bit_generator._coerce_to_uint32_array(entropy)],
        "pool": [int(w) for w in ss.pool],
        "state32": [int(w) for w in ss.generate_state(8, np.uint32)],
        "state64": [str(int(w)) for w in ss.generate_state(4, np.uint64)],
    })

pcg = []
for seed in range(5):
    bg = np.random.PCG64(seed)
    st = bg.state["state"]
    rng = np.random.default_rng(seed)
    pcg.append({
        "seed": seed,
        "state": hex128(st["state"]),
        "inc": hex128(st["inc"]),
        "random_k": as_k(rng.random(1000)),
    })

uniform = []
for seed in range(5):
    rng = np.random.default_rng(seed)
    scalar = [float(rng.uniform(-2.5, 7.25)) for _ in range(20)]
    arr = rng.uniform(low=[-np.pi, -1.0, 0.0], high=[np.pi, 1.0, 10.0])
    f32 = np.array([-4.8, -3.4028235e38, -0.41887903, -3.4028235e38], dtype=np.float32)
    box = rng.uniform(low=f32, high=-f32)
    uniform.append({"seed": seed, "scalar": scalar, "array": [float(v) for v in arr],
                    "float32_box": [float(v) for v in box]})

# Ranges chosen to exercise: the 32-bit Lemire path with the buffered halves (small
# ranges), negative offsets, the 64-bit path, and interleaving with random().
integer_cases = [(0, 2), (0, 10), (-5, 7), (0, 1000003), (-(2**40), 2**40), (0, 2**33 + 17), (7, 8),
                 (0, 2**32), (0, 2**32 - 1), (0, 2**32 + 1)]
integers = []
for seed in range(5):
    rng = np.random.default_rng(seed)
    draws = []
    for low, high in integer_cases:
        values = [int(rng.integers(low, high)) for _ in range(7)]
        interleaved = int(as_k([rng.random()])[0])
        draws.append({"low": low, "high": high, "values": values, "then_random_k": interleaved})
    integers.append({"seed": seed, "draws": draws})

legacy = []
for seed in [0, 1, 2, 123, 2**32 - 1]:
    np.random.seed(seed)
    samples = as_k([np.random.random_sample() for _ in range(50)])
    bits = [int(np.random.randint(0, 2)) for _ in range(50)]
    wide = [int(np.random.randint(-3, 1000)) for _ in range(20)]
    huge = [int(np.random.randint(0, 2**40)) for _ in range(5)]
    after = int(as_k([np.random.random_sample()])[0])
    legacy.append({"seed": seed, "random_sample_k": samples, "randint_0_2": bits,
                   "randint_m3_1000": wide, "randint_0_2p40": huge, "then_random_k": after})

shuffles = []
for seed in range(3):
    rng = np.random.default_rng(seed)
    decks = []
    for n in [2, 52, 104, 156, 208]:
        idx = np.arange(n)
        rng.shuffle(idx)
        decks.append([int(v) for v in idx])
    shuffles.append({"seed": seed, "sizes": [2, 52, 104, 156, 208], "shuffled": decks,
                     "then_random_k": int(as_k([rng.random()])[0])})

binomials = []
for seed in [0, 1, 7]:
    rs = np.random.RandomState(seed)
    bits = [int(v) for _ in range(10) for v in rs.binomial(1, 0.5, 3)]
    small = [int(v) for v in rs.binomial(5, 0.3, 10)]
    folded = [int(v) for v in rs.binomial(10, 0.8, 10)]
    after = int(as_k([rs.random_sample()])[0])
    binomials.append({"seed": seed, "bits": bits, "n5_p03": small, "n10_p08": folded, "then_random_k": after})

# Generator.standard_normal (the ziggurat): the first draws exactly, and after 100,000 draws
# (thousands of wedge and tail samples) the extremes and the stream's next double.
normals = []
for seed in range(3):
    rng = np.random.default_rng(seed)
    first = [float(v) for v in rng.standard_normal(50)]
    rest = rng.standard_normal(100_000)
    normals.append({"seed": seed, "first": first, "max": float(rest.max()), "min": float(rest.min()),
                    "then_random_k": int(as_k([rng.random()])[0])})

with open(OUT, "w") as f:
    json.dump({"numpy_version": np.__version__, "seed_sequences": seed_sequences, "pcg64": pcg,
               "uniform": uniform, "integers": integers, "legacy": legacy,
               "shuffles": shuffles, "legacy_binomial": binomials,
               "generator_normal": normals}, f, separators=(",", ":"))
print("wrote", OUT)
