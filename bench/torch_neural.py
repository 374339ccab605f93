#!/usr/bin/env python3
"""PyTorch side of `smr-bench neural`: the same cases, the same timing method (20 warm-up
calls, then the median over 15 repeats of >= 20 ms of calls), one thread. Prints JSON.
    python3 bench/torch_neural.py [--filter TEXT]"""
import json, sys, time
import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
filt = sys.argv[sys.argv.index("--filter") + 1] if "--filter" in sys.argv else None


def median_us(fn):
    for _ in range(20):
        fn()
    calls = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        if time.perf_counter() - t0 >= 0.02:
            break
        calls *= 2
    samples = []
    for _ in range(15):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - t0) / calls * 1e6)
    samples.sort()
    return samples[len(samples) // 2]


results = []
def run(name, fn):
    if filt is None or filt in name:
        results.append({"name": name, "us": median_us(fn)})


layer = nn.TransformerEncoderLayer(d_model=32, nhead=4, batch_first=True)  # ff 2048, dropout 0.1
layer.train()
for t in [4, 32, 256]:
    x = torch.randn(1, t, 32)
    run(f"encoder layer forward, train, T={t}", lambda: layer(x))
    run(f"encoder layer forward+backward, train, T={t}", lambda: layer(x).sum().backward())

lstm = nn.LSTM(3, 128, batch_first=True)
xs = torch.tensor([[[0.1, -0.2, 0.3]]])
h0, c0 = torch.zeros(1, 1, 128), torch.zeros(1, 1, 128)
run("LSTM(3, 128) one step, autograd on", lambda: lstm(xs, (h0, c0)))

# Adam over tensors shaped like the SMR policy's parameters (283,779 values in 35 tensors),
# the single-tensor (non-foreach) path the reference measured.
from smr_param_shapes import SMR_PARAM_SHAPES
params = [torch.randn(*s, requires_grad=True) for s in SMR_PARAM_SHAPES]
for p in params:
    p.grad = torch.randn_like(p) * 1e-2
adam = torch.optim.Adam(params, lr=1e-3, foreach=False)
run("Adam step, SMR policy parameters (283,779 in 35 tensors)", adam.step)

print(json.dumps({"results": results}))
