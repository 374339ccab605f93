#!/usr/bin/env python3
"""NumPy (float32, single thread) counterpart of `smr-bench matmul`.

Same cases and the same timing method: warm up, size one repeat to >= 20 ms of calls,
report the median of 11 repeats; GFLOP/s = 2*M*N*K / time. Calls are
`np.matmul(a, b, out=c)` with transposed operands passed as transposed views, so
OpenBLAS receives the transpose flags (no copies) and no output is allocated.
Also times np.exp, np.tanh and scipy.special.expit (sigmoid) on 4096 floats with out=
buffers, next to smr_vexp / smr_vtanh / smr_vsigmoid.
Prints JSON (the same layout as `smr-bench matmul --json`).
"""
import os

# Single-threaded BLAS; must be set before numpy is imported.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import json
import sys
import time

import numpy as np


def cases():
    """(name, transA, transB, M, N, K) in the order smr-bench prints them."""
    out = [(f"square {n}", False, False, n, n, n) for n in (8, 32, 64, 128, 256, 512)]
    d, ff = 32, 2048
    for t in (4, 32, 256):
        out += [
            (f"ff fwd X.W1t T={t}", False, True, t, ff, d),
            (f"ff fwd H.W2t T={t}", False, True, t, d, ff),
            (f"ff bwd gY.W2 T={t}", False, False, t, ff, d),
            (f"ff bwd gYt.H T={t}", True, False, d, ff, t),
            (f"ff bwd gH.W1 T={t}", False, False, t, d, ff),
            (f"ff bwd gHt.X T={t}", True, False, ff, d, t),
            (f"attn Q.Kt T={t}", False, True, t, t, 8),
            (f"attn P.V T={t}", False, False, t, 8, t),
        ]
    out += [
        ("lstm x.Wiht 1x3", False, True, 1, 512, 3),
        ("lstm h.Whht 1x128", False, True, 1, 512, 128),
        ("lstm bwd g.Whh", False, False, 1, 128, 512),
        ("lstm bwd gt.h", True, False, 512, 128, 1),
        ("gru x.Wiht 1x35", False, True, 1, 384, 35),
        ("gru h.Whht 1x128", False, True, 1, 384, 128),
        ("ff fwd X.W1t 10x128", False, True, 10, 2048, 128),
        ("ff fwd H.W2t 10x2048", False, True, 10, 128, 2048),
        ("lstm h.Whht 1x256", False, True, 1, 1024, 256),
    ]
    return out


def time_case(trans_a, trans_b, m, n, k, rng):
    a = rng.uniform(-1, 1, (k, m) if trans_a else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if trans_b else (k, n)).astype(np.float32)
    op_a = a.T if trans_a else a
    op_b = b.T if trans_b else b
    c = np.empty((m, n), dtype=np.float32)
    matmul = np.matmul
    perf = time.perf_counter

    def calls(count):
        t0 = perf()
        for _ in range(count):
            matmul(op_a, op_b, out=c)
        return perf() - t0

    count = 1
    calls(count)
    while True:  # warm up while sizing a repeat to at least 20 ms
        t = calls(count)
        if t >= 0.02:
            break
        count = count * 10 if t < 0.002 else int(count * 0.025 / t) + 1
    times = sorted(calls(count) / count for _ in range(11))
    return times[len(times) // 2]


def time_vmath(function, n, rng):
    """Median seconds per call of an elementwise function on n floats in [-8, 8)."""
    x = rng.uniform(-8, 8, n).astype(np.float32)
    y = np.empty_like(x)
    if function == "exp":
        f = lambda: np.exp(x, out=y)
    elif function == "tanh":
        f = lambda: np.tanh(x, out=y)
    else:
        try:
            from scipy.special import expit
            f = lambda: expit(x, out=y)
        except ImportError:
            f = lambda: np.divide(1.0, np.add(1.0, np.exp(np.negative(x, out=y), out=y), out=y), out=y)
    perf = time.perf_counter

    def calls(count):
        t0 = perf()
        for _ in range(count):
            f()
        return perf() - t0

    count = 1
    calls(count)
    while True:
        t = calls(count)
        if t >= 0.02:
            break
        count = count * 10 if t < 0.002 else int(count * 0.025 / t) + 1
    times = sorted(calls(count) / count for _ in range(11))
    return times[len(times) // 2]


VMATH_CASES = [("vexp 4096", "exp", 4096), ("vtanh 4096", "tanh", 4096), ("vsigmoid 4096", "sigmoid", 4096)]


def main():
    name_filter = sys.argv[sys.argv.index("--filter") + 1] if "--filter" in sys.argv else None
    rng = np.random.default_rng(0)
    results = []
    for name, ta, tb, m, n, k in cases():
        if name_filter and name_filter not in name:
            continue
        seconds = time_case(ta, tb, m, n, k, rng)
        results.append({"name": name, "M": m, "N": n, "K": k, "transA": ta, "transB": tb,
                        "gflops": 2.0 * m * n * k / seconds / 1e9, "us": seconds * 1e6})
    vmath = []
    for name, function, n in VMATH_CASES:
        if name_filter and name_filter not in name:
            continue
        seconds = time_vmath(function, n, rng)
        vmath.append({"name": name, "n": n, "us": seconds * 1e6, "gelem_per_s": n / seconds / 1e9})
    config = np.show_config(mode="dicts") if hasattr(np, "show_config") else None
    blas = (config or {}).get("Build Dependencies", {}).get("blas", {}) if isinstance(config, dict) else {}
    print(json.dumps({"numpy": np.__version__, "blas": f"{blas.get('name', '?')} {blas.get('version', '')}".strip(),
                      "results": results, "vmath": vmath}, indent=1))


if __name__ == "__main__":
    main()
