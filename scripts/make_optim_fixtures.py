#!/usr/bin/env python3
"""Writes the PyTorch parity fixtures for smr's optimizers and distributions.

    python3 scripts/make_optim_fixtures.py            # CPU-only torch is enough

Outputs (compact JSON, float32 values written exactly):
  Tests/SMRNeuralTests/Fixtures/optim.json  Adam / AdamW / SGD trajectories over 5 steps
      (fixed gradients, some missing), the duplicate-parameter case, clip_grad_norm_.
  Tests/SMRNeuralTests/Fixtures/dist_values.json  Categorical / Normal / SB3-style diagonal
      Gaussian log_prob, entropy, probs, mode and gradients of a fixed scalar loss.

Non-finite floats are written as the strings "inf", "-inf", "nan".
"""
import json
import math
import os
import sys

import torch

torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "SMRNeuralTests", "Fixtures")


def flat(t):
    """A float32 tensor as a list of Python floats (exact), non-finite as strings."""
    out = []
    for v in t.detach().reshape(-1).tolist():
        if math.isnan(v):
            out.append("nan")
        elif math.isinf(v):
            out.append("inf" if v > 0 else "-inf")
        else:
            out.append(v)
    return out


def tensor(t):
    return {"shape": list(t.shape), "data": flat(t)}


# MARK: - Optimizers

SHAPES = [[3, 4], [5], [2, 3, 2]]
STEPS = 5


def make_problem(seed):
    g = torch.Generator().manual_seed(seed)
    params = [torch.randn(s, generator=g) for s in SHAPES]
    grads = []
    for step in range(STEPS):
        row = []
        for i, s in enumerate(SHAPES):
            # parameter 1 has no gradient at step 2 (skipped, as torch skips None grads)
            row.append(None if (i == 1 and step == 2) else torch.randn(s, generator=g) * (0.5 + step))
        grads.append(row)
    return params, grads


def run_optimizer(ctor, kwargs, params0, grads, order=None):
    """Runs 5 steps; `order` lists parameter indices passed to the optimizer (duplicates allowed)."""
    params = [p.clone().requires_grad_(True) for p in params0]
    listed = [params[i] for i in (order if order is not None else range(len(params)))]
    opt = ctor(listed, **kwargs)
    trajectory = []
    for step in range(STEPS):
        opt.zero_grad(set_to_none=True)
        for p, g in zip(params, grads[step]):
            p.grad = None if g is None else g.clone()
        opt.step()
        trajectory.append([flat(p) for p in params])
    state = []
    for p in params:
        s = opt.state.get(p, {})
        entry = {}
        for k, v in s.items():
            entry[k] = float(v) if k == "step" else flat(v)
        state.append(entry)
    return trajectory, state


def optimizer_cases():
    params, grads = make_problem(1234)
    cases = []
    specs = [
        ("adam_default", "Adam", {}),
        ("adam_lr", "Adam", {"lr": 0.1}),
        ("adam_weight_decay", "Adam", {"lr": 0.1, "weight_decay": 0.1}),
        ("adam_amsgrad", "Adam", {"lr": 0.1, "amsgrad": True}),
        ("adam_maximize_betas", "Adam", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "maximize": True}),
        ("adam_large_beta1_weight", "Adam", {"lr": 0.1, "betas": (0.3, 0.9)}),
        ("adamw_default", "AdamW", {}),
        ("adamw_amsgrad", "AdamW", {"lr": 0.1, "weight_decay": 0.1, "amsgrad": True}),
        ("sgd_plain", "SGD", {"lr": 0.1}),
        ("sgd_momentum", "SGD", {"lr": 0.1, "momentum": 0.9}),
        ("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
        ("sgd_dampening_decay", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
        ("sgd_maximize", "SGD", {"lr": 0.05, "momentum": 0.5, "maximize": True}),
    ]
    ctors = {"Adam": torch.optim.Adam, "AdamW": torch.optim.AdamW, "SGD": torch.optim.SGD}
    for name, kind, kwargs in specs:
        kw = dict(kwargs)
        kw.setdefault("foreach", False)  # the single-tensor path, as on CPU by default
        traj, state = run_optimizer(ctors[kind], kw, params, grads)
        cases.append({"name": name, "optimizer": kind, "options": encode_options(kwargs),
                      "order": list(range(len(params))), "steps": traj, "state": state})
    # Duplicates: the SMR agent lists usefulness_vec twice (policy.parameters() + memory.usefulness_parameters()).
    for name, kind, kwargs in [("adam_duplicate", "Adam", {"lr": 0.1}),
                               ("adam_duplicate_default", "Adam", {}),
                               ("sgd_duplicate_momentum", "SGD", {"lr": 0.1, "momentum": 0.9})]:
        order = [0, 1, 2, 1]
        kw = dict(kwargs)
        kw["foreach"] = False
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "optimizer contains a parameter group with duplicate parameters"
            traj, state = run_optimizer(ctors[kind], kw, params, grads, order=order)
        cases.append({"name": name, "optimizer": kind, "options": encode_options(kwargs),
                      "order": order, "steps": traj, "state": state})
    return {
        "shapes": SHAPES,
        "initial": [flat(p) for p in params],
        "grads": [[None if g is None else flat(g) for g in row] for row in grads],
        "cases": cases,
    }


def encode_options(kwargs):
    out = {}
    for k, v in kwargs.items():
        if k == "betas":
            out["beta1"], out["beta2"] = v
        elif isinstance(v, bool):
            out[k] = 1.0 if v else 0.0
        else:
            out[k] = float(v)
    return out


def clip_cases():
    g = torch.Generator().manual_seed(99)
    cases = []
    specs = [
        ("l2_clips", 1.0, 2.0, 3.0, None),
        ("l2_no_clip", 100.0, 2.0, 1.0, None),
        ("inf_norm", 0.5, float("inf"), 2.0, None),
        ("l1_norm", 2.0, 1.0, 1.0, None),
        ("p3_norm", 1.5, 3.0, 1.0, None),
        ("duplicate_listed", 1.0, 2.0, 2.0, [0, 1, 2, 1]),
        ("with_missing_grad", 0.7, 2.0, 2.0, "missing"),
    ]
    for name, max_norm, norm_type, scale, order in specs:
        grads = [torch.randn(s, generator=g) * scale for s in SHAPES]
        params = [torch.zeros(s, requires_grad=True) for s in SHAPES]
        for p, gr in zip(params, grads):
            p.grad = gr.clone()
        if order == "missing":
            params[1].grad = None
            listed = params
        elif order is not None:
            listed = [params[i] for i in order]
        else:
            listed = params
        total = torch.nn.utils.clip_grad_norm_(listed, max_norm, norm_type=norm_type)
        cases.append({
            "name": name, "max_norm": max_norm, "norm_type": "inf" if math.isinf(norm_type) else norm_type,
            "order": list(range(len(params))) if not isinstance(order, list) else order,
            "missing": [1] if order == "missing" else [],
            "grads": [flat(gr) for gr in grads],
            "total_norm": float(total),
            "clipped": [None if p.grad is None else flat(p.grad) for p in params],
        })
    return cases


# MARK: - Distributions

def grads_of(loss, tensors):
    gs = torch.autograd.grad(loss, tensors, allow_unused=True)
    return [None if x is None else tensor(x) for x in gs]


def categorical_cases():
    g = torch.Generator().manual_seed(7)
    cases = []

    def logits_case(name, logits, actions, weights_lp, weights_ent, with_grad=True):
        logits = logits.clone().requires_grad_(True)
        d = torch.distributions.Categorical(logits=logits)
        lp = d.log_prob(actions)
        ent = d.entropy()
        loss = (lp * weights_lp).sum() + (ent * weights_ent).sum()
        case = {"name": name, "kind": "logits", "input": tensor(logits), "actions": tensor(actions.float()),
                "log_prob": tensor(lp), "entropy": tensor(ent), "probs": tensor(d.probs),
                "logits_normalized": tensor(d.logits), "mode": tensor(d.mode.float()),
                "weights_log_prob": tensor(weights_lp), "weights_entropy": tensor(weights_ent)}
        if with_grad:
            case["grad_input"] = grads_of(loss, [logits])[0]
        cases.append(case)

    logits = torch.randn(4, 5, generator=g) * 2
    logits_case("batch_2d", logits, torch.tensor([0, 4, 2, 1]), torch.randn(4, generator=g), torch.randn(4, generator=g))
    logits_case("single_1d", torch.randn(6, generator=g), torch.tensor(3), torch.tensor(1.5), torch.tensor(-0.7))
    logits_case("batch_3d", torch.randn(2, 3, 4, generator=g), torch.tensor([[0, 1, 2], [3, 3, 0]]),
                torch.randn(2, 3, generator=g), torch.randn(2, 3, generator=g))
    masked = torch.randn(3, 4, generator=g)
    masked[0, 1] = float("-inf")
    masked[2, 3] = float("-inf")
    logits_case("masked_minus_inf", masked, torch.tensor([0, 2, 1]), torch.randn(3, generator=g),
                torch.randn(3, generator=g), with_grad=True)
    # sample-shaped actions: [2, 4] actions for a batch of 4
    logits_case("sample_shape_actions", logits, torch.tensor([[0, 1, 2, 3], [4, 4, 0, 1]]),
                torch.randn(2, 4, generator=g), torch.randn(4, generator=g))

    probs = torch.rand(3, 4, generator=g) + 0.05
    probs = probs.clone().requires_grad_(True)
    d = torch.distributions.Categorical(probs=probs)
    actions = torch.tensor([1, 0, 3])
    lp = d.log_prob(actions)
    ent = d.entropy()
    w1, w2 = torch.randn(3, generator=g), torch.randn(3, generator=g)
    loss = (lp * w1).sum() + (ent * w2).sum()
    cases.append({"name": "probs_2d", "kind": "probs", "input": tensor(probs), "actions": tensor(actions.float()),
                  "log_prob": tensor(lp), "entropy": tensor(ent), "probs": tensor(d.probs),
                  "logits_normalized": tensor(d.logits), "mode": tensor(d.mode.float()),
                  "weights_log_prob": tensor(w1), "weights_entropy": tensor(w2),
                  "grad_input": grads_of(loss, [probs])[0]})
    return cases


def normal_cases():
    g = torch.Generator().manual_seed(11)
    cases = []

    def case(name, loc, scale, value, diag=False):
        loc = loc.clone().requires_grad_(True)
        scale = scale.clone().requires_grad_(True)
        value = value.clone().requires_grad_(True)
        d = torch.distributions.Normal(loc, scale)
        lp = d.log_prob(value)
        ent = d.entropy()
        if diag:  # SB3 DiagGaussianDistribution: sum over the action axis
            lp, ent = lp.sum(-1), ent.sum(-1)
        w1 = torch.randn(lp.shape, generator=g)
        w2 = torch.randn(ent.shape, generator=g)
        loss = (lp * w1).sum() + (ent * w2).sum()
        gl, gs, gv = grads_of(loss, [loc, scale, value])
        cases.append({"name": name, "diagonal": diag, "loc": tensor(loc), "scale": tensor(scale),
                      "value": tensor(value), "log_prob": tensor(lp), "entropy": tensor(ent),
                      "weights_log_prob": tensor(w1), "weights_entropy": tensor(w2),
                      "grad_loc": gl, "grad_scale": gs, "grad_value": gv})

    case("elementwise", torch.randn(3, 2, generator=g), torch.rand(3, 2, generator=g) + 0.1,
         torch.randn(3, 2, generator=g))
    case("broadcast_scale", torch.randn(4, 3, generator=g), torch.rand(3, generator=g) + 0.2,
         torch.randn(4, 3, generator=g))
    case("diagonal", torch.randn(5, 2, generator=g), torch.rand(5, 2, generator=g) * 0.5 + 0.05,
         torch.randn(5, 2, generator=g), diag=True)

    # SB3: action_std = ones_like(mean) * log_std.exp(); distribution = Normal(mean, action_std)
    mean = torch.randn(4, 3, generator=g).requires_grad_(True)
    log_std = (torch.randn(3, generator=g) * 0.3).requires_grad_(True)
    actions = torch.randn(4, 3, generator=g)
    std = torch.ones_like(mean) * log_std.exp()
    d = torch.distributions.Normal(mean, std)
    lp = d.log_prob(actions).sum(-1)
    ent = d.entropy().sum(-1)
    w1, w2 = torch.randn(4, generator=g), torch.randn(4, generator=g)
    loss = (lp * w1).sum() + (ent * w2).sum()
    gm, gls = grads_of(loss, [mean, log_std])
    sb3 = {"name": "sb3_log_std", "mean": tensor(mean), "log_std": tensor(log_std), "actions": tensor(actions),
           "log_prob": tensor(lp), "entropy": tensor(ent), "weights_log_prob": tensor(w1),
           "weights_entropy": tensor(w2), "grad_mean": gm, "grad_log_std": gls}
    return cases, sb3


def main():
    os.makedirs(OUT, exist_ok=True)
    optim = {"torch": torch.__version__, "optimizers": optimizer_cases(), "clip_grad_norm": clip_cases()}
    with open(os.path.join(OUT, "optim.json"), "w") as f:
        json.dump(optim, f, separators=(",", ":"))
    normal, sb3 = normal_cases()
    dist = {"torch": torch.__version__, "categorical": categorical_cases(), "normal": normal, "diag_gaussian_sb3": sb3}
    with open(os.path.join(OUT, "dist_values.json"), "w") as f:
        json.dump(dist, f, separators=(",", ":"))
    print("wrote optim.json and dist_values.json to", os.path.relpath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
