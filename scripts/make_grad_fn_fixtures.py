"""Writes Tests/SMRTensorTests/Fixtures/grad_fn_names.json: for each case, the class name of
the grad_fn PyTorch attaches to the result (what `print(tensor)` shows as grad_fn=<...>).
GradFnNameTests builds the same cases with our ops and compares. Run: python3 scripts/make_grad_fn_fixtures.py"""
import json, pathlib
import torch
import torch.nn.functional as F

x = torch.randn(3, 4, requires_grad=True)
w = torch.randn(4, 4, requires_grad=True)
b = torch.randn(4, requires_grad=True)
v = torch.randn(4, requires_grad=True)
x3 = torch.randn(2, 3, 4, requires_grad=True)
cases = {
    "add": x + x, "add_scalar": x + 1, "scalar_add": 1 + x, "sub": x - x, "sub_scalar": x - 1,
    "scalar_sub": 1 - x, "mul": x * x, "mul_scalar": x * 2, "scalar_mul": 2 * x, "div": x / x,
    "div_scalar": x / 2, "neg": -x, "pow_scalar": x.pow(3), "square": x.pow(2), "pow_tensor": torch.pow(x, x),
    "exp": x.exp(), "log": x.exp().log(), "sqrt": x.exp().sqrt(), "tanh": x.tanh(), "sigmoid": x.sigmoid(),
    "relu": x.relu(), "abs": x.abs(), "clamp": x.clamp(min=0, max=1), "sum": x.sum(), "sum_dim": x.sum(1),
    "mean": x.mean(), "mean_dim": x.mean(0), "var": x.var(0), "std": x.std(0), "max": x.max(),
    "min": x.min(), "max_dim": x.max(1)[0], "min_dim": x.min(1)[0], "mm": x @ w, "mv": x @ v,
    "vm": v @ w, "dot": v @ v, "bmm": torch.bmm(x3, x3.transpose(1, 2)), "matmul_3d_2d": x3 @ w,
    "linear": F.linear(x, w, b), "linear_no_bias": F.linear(x, w), "linear_3d": F.linear(x3, w, b),
    "softmax": x.softmax(-1), "log_softmax": x.log_softmax(-1), "logsumexp": x.logsumexp(1),
    "reshape": x.reshape(4, 3), "flatten": x3.flatten(), "t": x.t(), "transpose": x3.transpose(0, 1),
    "permute": x3.permute(2, 0, 1), "unsqueeze": x.unsqueeze(0), "squeeze": x.unsqueeze(0).squeeze(),
    "squeeze_dim": x.unsqueeze(0).squeeze(0), "cat": torch.cat([x, x]), "stack": torch.stack([x, x]),
    "select": x[0], "slice": x[1:], "index_select": x.index_select(0, torch.tensor([0, 2])),
    "embedding": F.embedding(torch.tensor([0, 1]), w), "expand": v.expand(3, 4),
    "masked_fill": x.masked_fill(x > 0, 0.0), "where": torch.where(x > 0, x, x * 2),
    "layer_norm": F.layer_norm(x, (4,), w[0], b), "dropout": F.dropout(x, 0.5, True),
    "mse_loss": F.mse_loss(x, x.detach()), "cross_entropy": F.cross_entropy(x, torch.tensor([0, 1, 2])),
}
out = pathlib.Path(__file__).resolve().parent.parent / "Tests/SMRTensorTests/Fixtures/grad_fn_names.json"
out.write_text(json.dumps({"torch": torch.__version__, "names": {k: type(t.grad_fn).__name__ for k, t in cases.items()}}, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {out}")
