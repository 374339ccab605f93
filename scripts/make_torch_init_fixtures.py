#!/usr/bin/env python3
"""Writes Tests/SMRNeuralTests/Fixtures/torch_init.json: the default initialisations of
PyTorch's layers after torch.manual_seed(seed), several layers built one after another on
one stream (so the draw order and counts are checked too), and nn.init functions.

Parameters are stored by PyTorch's names (named_parameters order) as digests of their float32
bit patterns (count, first values, FNV-1a hash); nn.init results as the bit patterns.

Usage: /work/venv/bin/python scripts/make_torch_init_fixtures.py [output-path]
"""
import json
import math
import sys

import numpy as np
import torch
import torch.nn as nn

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/SMRNeuralTests/Fixtures/torch_init.json"


def bits(t):
    return [int(b) for b in t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).ravel()]


def digest(t):
    """Compact and still exact: element count, the first 4 bit patterns, and FNV-1a (64-bit)
    over all bit patterns."""
    b = bits(t)
    h = 0xCBF29CE484222325
    for x in b:
        h = ((h ^ x) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return {"count": len(b), "first": b[:4], "fnv": format(h, "016x")}


LAYERS = {
    "linear_3_4": lambda: nn.Linear(3, 4),
    "linear_20_7_nobias": lambda: nn.Linear(20, 7, bias=False),
    "linear_64_128": lambda: nn.Linear(64, 128),
    "lstm_5_8_2": lambda: nn.LSTM(5, 8, num_layers=2),
    "lstm_4_128": lambda: nn.LSTM(4, 128),
    "lstmcell_3_5": lambda: nn.LSTMCell(3, 5),
    "grucell_4_6": lambda: nn.GRUCell(4, 6),
    "gru_4_6_2": lambda: nn.GRU(4, 6, num_layers=2),
    "embedding_10_3": lambda: nn.Embedding(10, 3),
    "embedding_4_3": lambda: nn.Embedding(4, 3),
    "mha_8_2": lambda: nn.MultiheadAttention(8, 2),
    "encoder_8_2_16": lambda: nn.TransformerEncoderLayer(8, 2, dim_feedforward=16),
}
SEQUENCES = [
    ["linear_3_4", "lstm_5_8_2", "embedding_4_3", "linear_20_7_nobias"],
    ["mha_8_2", "encoder_8_2_16", "lstmcell_3_5", "grucell_4_6", "embedding_10_3"],
    ["linear_64_128", "lstm_4_128"],
    ["gru_4_6_2", "linear_3_4"],
]

cases = []
for seed in [0, 1, 42]:
    for names in SEQUENCES:
        torch.manual_seed(seed)
        layers = []
        for name in names:
            layer = LAYERS[name]()
            layers.append({"layer": name, "params": [[n, digest(p)] for n, p in layer.named_parameters()]})
        cases.append({"seed": seed, "layers": layers, "then_rand": bits(torch.rand(3))})

inits = []
for seed in [0, 5]:
    torch.manual_seed(seed)
    steps = []
    w = torch.empty(6, 4)
    nn.init.xavier_uniform_(w)
    steps.append(["xavier_uniform", [6, 4], 1.0, bits(w)])
    w = torch.empty(5, 3)
    nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain("relu"))
    steps.append(["xavier_uniform", [5, 3], math.sqrt(2.0), bits(w)])
    w = torch.empty(7, 9)
    nn.init.kaiming_uniform_(w, a=math.sqrt(5))
    steps.append(["kaiming_uniform_sqrt5", [7, 9], 0.0, bits(w)])
    w = torch.empty(40)
    nn.init.normal_(w, 0.0, 0.02)
    steps.append(["normal_0_0.02", [40], 0.0, bits(w)])
    w = torch.empty(3, 3)
    nn.init.uniform_(w, -0.1, 0.1)
    steps.append(["uniform_-0.1_0.1", [3, 3], 0.0, bits(w)])
    p = nn.Parameter(torch.randn(3, 4))
    steps.append(["parameter_randn", [3, 4], 0.0, bits(p)])
    inits.append({"seed": seed, "steps": steps})

json.dump({"torch_version": torch.__version__, "cases": cases, "inits": inits}, open(OUT, "w"), separators=(",", ":"))
print("wrote", OUT)
