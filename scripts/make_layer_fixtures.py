#!/usr/bin/env python3
"""Writes Tests/SMRNeuralTests/Fixtures/layers.json: PyTorch reference values for every
layer of SMRNeural. For each case: the layer's parameters (by PyTorch name), its inputs,
its outputs, fixed random loss weights W_i, and the gradients of L = sum_i sum(out_i * W_i)
with respect to every input and parameter. Run: python3 scripts/make_layer_fixtures.py
(needs torch; the Swift tests themselves do not)."""
import json, os, sys
import torch
import torch.nn as nn

torch.manual_seed(0)
torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SMRNeuralTests", "Fixtures", "layers.json")


def enc(t):
    t = t.detach().to(torch.float32)
    return {"shape": list(t.shape), "data": [float(f"{v:.9g}") for v in t.reshape(-1).tolist()]}


def case(name, module, config, inputs, run, mode="train", int_inputs=None):
    """inputs: dict name -> float tensor (grad is recorded); run(module, inputs) -> dict of outputs."""
    module.train(mode == "train")
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    outs = run(module, leaves)
    gen = torch.Generator().manual_seed(1234)
    weights = {k: torch.rand(v.shape, generator=gen) * 2 - 1 for k, v in outs.items() if v is not None}
    loss = sum((outs[k] * w).sum() for k, w in weights.items())
    module.zero_grad()
    loss.backward()
    grads = {}
    for k, v in leaves.items():
        grads["input:" + k] = enc(v.grad if v.grad is not None else torch.zeros_like(v))
    for k, p in module.named_parameters():
        grads["param:" + k] = enc(p.grad if p.grad is not None else torch.zeros_like(p))
    return name, {
        "config": config, "mode": mode,
        "params": {k: enc(p) for k, p in module.named_parameters()},
        "inputs": {k: enc(v) for k, v in inputs.items()},
        "int_inputs": int_inputs or {},
        "outputs": {k: enc(v) for k, v in outs.items() if v is not None},
        "loss_weights": {k: enc(w) for k, w in weights.items()},
        "grads": grads,
    }


def randn(*shape):
    return torch.randn(*shape)


cases = []
cases.append(case("linear", nn.Linear(5, 7), {"in": 5, "out": 7, "bias": True},
                  {"x": randn(3, 5)}, lambda m, i: {"y": m(i["x"])}))
cases.append(case("linear_3d_nobias", nn.Linear(4, 6, bias=False), {"in": 4, "out": 6, "bias": False},
                  {"x": randn(2, 3, 4)}, lambda m, i: {"y": m(i["x"])}))

idx = [[1, 3, 3], [9, 0, 2]]
cases.append(case("embedding", nn.Embedding(10, 4), {"num": 10, "dim": 4}, {},
                  lambda m, i: {"y": m(torch.tensor(idx))}, int_inputs={"indices": idx}))
cases.append(case("embedding_padding", nn.Embedding(10, 4, padding_idx=3), {"num": 10, "dim": 4, "padding_idx": 3}, {},
                  lambda m, i: {"y": m(torch.tensor(idx))}, int_inputs={"indices": idx}))

for mode in ["train", "eval"]:
    cases.append(case(f"layer_norm_{mode}", nn.LayerNorm(6), {"shape": [6]}, {"x": randn(2, 3, 6)},
                      lambda m, i: {"y": m(i["x"])}, mode=mode))
    ln = nn.LayerNorm([3, 6]); ln.weight.data.uniform_(0.5, 1.5); ln.bias.data.uniform_(-0.5, 0.5)
    cases.append(case(f"layer_norm_2d_{mode}", ln, {"shape": [3, 6]}, {"x": randn(2, 3, 6)},
                      lambda m, i: {"y": m(i["x"])}, mode=mode))

cases.append(case("lstm_cell", nn.LSTMCell(3, 6), {"in": 3, "hidden": 6}, {"x": randn(2, 3), "h": randn(2, 6), "c": randn(2, 6)},
                  lambda m, i: dict(zip(["h1", "c1"], m(i["x"], (i["h"], i["c"]))))))
cases.append(case("gru_cell", nn.GRUCell(3, 6), {"in": 3, "hidden": 6}, {"x": randn(2, 3), "h": randn(2, 6)},
                  lambda m, i: {"h1": m(i["x"], i["h"])}))


def run_lstm(m, i):
    out, (h, c) = m(i["x"], (i["h0"], i["c0"]))
    return {"out": out, "h": h, "c": c}


cases.append(case("lstm_batch_first", nn.LSTM(3, 8, batch_first=True), {"in": 3, "hidden": 8, "layers": 1, "batch_first": True},
                  {"x": randn(2, 5, 3), "h0": randn(1, 2, 8), "c0": randn(1, 2, 8)}, run_lstm))
cases.append(case("lstm_2layers_seq_first", nn.LSTM(3, 5, num_layers=2), {"in": 3, "hidden": 5, "layers": 2, "batch_first": False},
                  {"x": randn(4, 2, 3), "h0": randn(2, 2, 5), "c0": randn(2, 2, 5)}, run_lstm))
cases.append(case("lstm_one_step", nn.LSTM(3, 16, batch_first=True), {"in": 3, "hidden": 16, "layers": 1, "batch_first": True},
                  {"x": randn(1, 1, 3), "h0": randn(1, 1, 16), "c0": randn(1, 1, 16)}, run_lstm))


def run_mha_self(m, i):
    out, w = m(i["x"], i["x"], i["x"], need_weights=True)
    return {"out": out, "weights": w}


def run_mha_cross_masked(m, i):
    kpm = torch.tensor([[False, False, True, False, False], [False, True, False, False, True]])
    out, w = m(i["q"], i["kv"], i["kv"], key_padding_mask=kpm, need_weights=True)
    return {"out": out, "weights": w}


for mode in ["train", "eval"]:
    p = 0.0 if mode == "train" else 0.1
    m = nn.MultiheadAttention(8, 2, dropout=p, batch_first=True)
    with torch.no_grad():
        m.in_proj_bias.uniform_(-0.3, 0.3); m.out_proj.bias.uniform_(-0.3, 0.3)
    cases.append(case(f"mha_self_{mode}", m, {"embed": 8, "heads": 2, "dropout": p, "batch_first": True},
                      {"x": randn(2, 4, 8)}, run_mha_self, mode=mode))
    cases.append(case(f"mha_cross_masked_{mode}", m, {"embed": 8, "heads": 2, "dropout": p, "batch_first": True},
                      {"q": randn(2, 3, 8), "kv": randn(2, 5, 8)}, run_mha_cross_masked, mode=mode))

m = nn.MultiheadAttention(6, 3)
cases.append(case("mha_seq_first_causal", m, {"embed": 6, "heads": 3, "dropout": 0.0, "batch_first": False},
                  {"x": randn(4, 2, 6)},
                  lambda m, i: {"out": m(i["x"], i["x"], i["x"], need_weights=False,
                                         attn_mask=nn.Transformer.generate_square_subsequent_mask(4), is_causal=True)[0]}))


def perturb(module):
    with torch.no_grad():
        for n, p in module.named_parameters():
            if "norm" in n:
                p.add_(torch.rand(p.shape) * 0.4 - 0.2)
            elif n.endswith("bias"):
                p.uniform_(-0.2, 0.2)
    return module


for mode in ["train", "eval"]:
    p = 0.0 if mode == "train" else 0.1
    for norm_first in [False, True]:
        layer = perturb(nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=p, batch_first=True, norm_first=norm_first))
        cases.append(case(f"encoder_layer_{'prenorm' if norm_first else 'postnorm'}_{mode}", layer,
                          {"d_model": 8, "nhead": 2, "ff": 16, "dropout": p, "batch_first": True, "norm_first": norm_first},
                          {"x": randn(2, 5, 8)}, lambda m, i: {"y": m(i["x"])}, mode=mode))

layer = perturb(nn.TransformerEncoderLayer(d_model=4, nhead=2, dropout=0.0))  # PyTorch default ff 2048, seq-first
cases.append(case("encoder_layer_default_ff", layer, {"d_model": 4, "nhead": 2, "ff": 2048, "dropout": 0.0, "batch_first": False, "norm_first": False},
                  {"x": randn(3, 2, 4)}, lambda m, i: {"y": m(i["x"])}))

enc_layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=12, dropout=0.0, batch_first=True)
encoder = perturb(nn.TransformerEncoder(enc_layer, num_layers=2, enable_nested_tensor=False))
cases.append(case("encoder_2layers", encoder, {"d_model": 8, "nhead": 2, "ff": 12, "dropout": 0.0, "batch_first": True, "layers": 2},
                  {"x": randn(1, 6, 8)}, lambda m, i: {"y": m(i["x"])}))

seq = nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 3), nn.Tanh())
cases.append(case("sequential", seq, {}, {"x": randn(5, 4)}, lambda m, i: {"y": m(i["x"])}))



# Appended last so the cases above keep their random draws.
def run_gru(m, i):
    out, h = m(i["x"], i["h0"])
    return {"out": out, "h": h}


cases.append(case("gru_batch_first", nn.GRU(3, 8, batch_first=True), {"in": 3, "hidden": 8, "layers": 1, "batch_first": True},
                  {"x": randn(2, 5, 3), "h0": randn(1, 2, 8)}, run_gru))
cases.append(case("gru_2layers_seq_first", nn.GRU(3, 5, num_layers=2), {"in": 3, "hidden": 5, "layers": 2, "batch_first": False},
                  {"x": randn(4, 2, 3), "h0": randn(2, 2, 5)}, run_gru))
cases.append(case("gru_one_step_unbatched", nn.GRU(3, 6), {"in": 3, "hidden": 6, "layers": 1, "batch_first": False},
                  {"x": randn(1, 3), "h0": randn(1, 6)}, run_gru))

json.dump({"torch": torch.__version__, "cases": dict(cases)}, open(OUT, "w"), separators=(",", ":"))
print(f"wrote {len(cases)} cases to {OUT} ({os.path.getsize(OUT)} bytes)")
