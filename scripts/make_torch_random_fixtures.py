#!/usr/bin/env python3
"""Writes Tests/SMRTensorTests/Fixtures/torch_random.json: PyTorch's CPU random streams
(torch.manual_seed / torch.Generator) for the Swift port's bit-exact tests.

Each program is a seed and a list of steps run in order on one stream, so the tests also
check how the steps share the stream (the cached Box–Muller deviate, refills of the
mt19937 state). Float32 results are stored as their bit patterns, integers as themselves.
Sizes straddle every path boundary (randn's scalar path below 16 elements and its
16-wide path with a redrawn tail above, the 2²⁸ switch of randint to 64-bit draws, the
624-word state refill).

Usage: /work/venv/bin/python scripts/make_torch_random_fixtures.py [output-path]
"""
import json
import sys

import numpy as np
import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/SMRTensorTests/Fixtures/torch_random.json"
torch.set_num_threads(1)


def bits(t):
    return [int(b) for b in t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).ravel()]


def ramp(n):
    """The dropout input: -n/2, …, n/2 - 1 as float32 (negative values show -0.0)."""
    return torch.arange(n, dtype=torch.float32) - n // 2


def run(step, gen=None):
    op = step["op"]
    kw = {"generator": gen} if gen is not None else {}
    if op == "rand":
        return bits(torch.rand(step["n"], **kw))
    if op == "randn":
        return bits(torch.randn(step["n"], **kw))
    if op == "uniform":
        return bits(torch.empty(step["n"]).uniform_(step["low"], step["high"], **kw))
    if op == "normal":
        return bits(torch.empty(step["n"]).normal_(step["mean"], step["std"], **kw))
    if op == "randint":
        return [int(v) for v in torch.randint(step["low"], step["high"], (step["n"],), **kw)]
    if op == "randperm":
        return [int(v) for v in torch.randperm(step["n"], **kw)]
    if op == "bernoulli":
        return bits(torch.empty(step["n"]).bernoulli_(step["p"], **kw))
    if op == "exponential":
        return bits(torch.empty(step["n"]).exponential_(step["lambda"], **kw))
    if op == "dropout":
        assert gen is None
        return bits(torch.nn.functional.dropout(ramp(step["n"]), step["p"], training=True))
    if op == "multinomial":
        p = torch.tensor(step["probs"], dtype=torch.float32)
        return [int(v) for v in torch.multinomial(p, step["samples"], step["replacement"], **kw).ravel()]
    if op == "categorical":
        assert gen is None
        logits = torch.tensor(step["logits"], dtype=torch.float32)
        d = torch.distributions.Categorical(logits=logits)
        return [int(v) for v in d.sample(tuple(step["sample_shape"])).ravel()]
    if op == "normal_dist":
        assert gen is None
        loc = torch.tensor(step["loc"], dtype=torch.float32)
        scale = torch.tensor(step["scale"], dtype=torch.float32)
        return bits(torch.distributions.Normal(loc, scale).sample(tuple(step["sample_shape"])))
    raise ValueError(op)


SIZES_RANDN = [1, 2, 3, 5, 15, 16, 17, 31, 32, 33, 47, 100, 700]
PROGRAMS = []


def program(seed, steps, generator=False):
    if generator:
        g = torch.Generator().manual_seed(seed)
        outs = [run(s, g) for s in steps]
    else:
        torch.manual_seed(seed)
        outs = [run(s) for s in steps]
    PROGRAMS.append({"seed": seed, "generator": generator,
                     "steps": [dict(s, out=o) for s, o in zip(steps, outs)]})


for seed in [0, 1, 7, 42, 12345, 2**32 + 7, 67280421310721]:
    program(seed, [{"op": "rand", "n": n} for n in [1, 5, 15, 16, 17, 100, 700]])
    program(seed, [{"op": "randn", "n": n} for n in SIZES_RANDN])
    # The cached second deviate: an odd count leaves one for the next scalar-path call.
    program(seed, [{"op": "randn", "n": 3}, {"op": "randn", "n": 1}, {"op": "rand", "n": 2},
                   {"op": "randn", "n": 1}, {"op": "randn", "n": 20}, {"op": "randn", "n": 5}])
for seed in [0, 3, 99]:
    program(seed, [
        {"op": "uniform", "n": 10, "low": -0.5, "high": 0.5},
        {"op": "uniform", "n": 40, "low": -0.2886751345948129, "high": 0.2886751345948129},
        {"op": "uniform", "n": 7, "low": 2.0, "high": 3.5},
        {"op": "normal", "n": 5, "mean": 0.5, "std": 2.0},
        {"op": "normal", "n": 40, "mean": -1.0, "std": 0.02},
        {"op": "normal", "n": 12, "mean": 0.0, "std": 0.1},
        {"op": "randint", "n": 20, "low": 0, "high": 10},
        {"op": "randint", "n": 10, "low": -5, "high": 5},
        {"op": "randint", "n": 6, "low": 0, "high": 2**28 - 1},
        {"op": "randint", "n": 6, "low": 0, "high": 2**28},
        {"op": "randint", "n": 6, "low": -2**40, "high": 2**40},
        {"op": "randperm", "n": 1},
        {"op": "randperm", "n": 2},
        {"op": "randperm", "n": 10},
        {"op": "randperm", "n": 100},
        {"op": "bernoulli", "n": 30, "p": 0.3},
        {"op": "bernoulli", "n": 5, "p": 0.9},
        {"op": "exponential", "n": 8, "lambda": 1.0},
        {"op": "exponential", "n": 20, "lambda": 2.5},
        {"op": "multinomial", "probs": [0.1, 0.2, 0.3, 0.4], "samples": 1, "replacement": True},
        {"op": "multinomial", "probs": [[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]], "samples": 1, "replacement": False},
        {"op": "multinomial", "probs": [1.0, 2.0, 3.0, 4.0, 0.0], "samples": 7, "replacement": True},
        {"op": "multinomial", "probs": [[1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]], "samples": 3, "replacement": False},
    ])
    program(seed, [{"op": "randn", "n": 17}, {"op": "rand", "n": 3}], generator=True)
    program(seed, [
        {"op": "dropout", "n": 7, "p": 0.1},
        {"op": "dropout", "n": 100, "p": 0.5},
        {"op": "dropout", "n": 2048, "p": 0.1},
        {"op": "dropout", "n": 333, "p": 0.3},
        {"op": "dropout", "n": 20, "p": 0.7},
        {"op": "categorical", "logits": [0.1, -0.3, 2.0], "sample_shape": []},
        {"op": "categorical", "logits": [[0.0, 0.0], [1.0, -1.0], [0.5, 0.25]], "sample_shape": []},
        {"op": "categorical", "logits": [0.3, 0.2, 0.1, 0.0], "sample_shape": [5]},
        {"op": "categorical", "logits": [[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]], "sample_shape": [4]},
        {"op": "normal_dist", "loc": [0.0, 1.0, -2.0], "scale": [1.0, 0.5, 0.1], "sample_shape": []},
        {"op": "normal_dist", "loc": [0.5], "scale": [0.3], "sample_shape": [20]},
    ])

# get_rng_state / set_rng_state: the state bytes after a few draws, and the draws that follow.
torch.manual_seed(5)
torch.randn(3)
torch.rand(700)
state = torch.get_rng_state()
after = bits(torch.randn(5))
RNG_STATE = {"seed": 5, "state": [int(b) for b in state.numpy()], "randn5_after": after}

json.dump({"torch_version": torch.__version__, "programs": PROGRAMS, "rng_state": RNG_STATE},
          open(OUT, "w"), separators=(",", ":"))
print("wrote", OUT, "with", len(PROGRAMS), "programs")
