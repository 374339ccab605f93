"""The memory-augmented RL notebook's three trainings, written with user-defined classes, run by
smr and by CPython + PyTorch side by side (issue 11's speed bar).

Both sides run the same code: the notebook's own cells (notebooks/memory_augmented_rl.smrnb,
which are the source notebook's cells as written) — the imports cell, the model's class cell
and its training cell (100 episodes). Each program times its training cell with
time.perf_counter() and prints `TRAIN_SECONDS <s>`; the bench runs the two sides alternately,
ROUNDS times, single-threaded (torch.set_num_threads(1); smr is single-threaded), and prints
medians and the ratio PyTorch / smr.

    python3 bench/compare_user_classes.py --smr .build/release/smr [--python /work/venv/bin/python]
        [--rounds 3] [--models lstm,transformer,ntm]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

NOTEBOOK = os.path.join(os.path.dirname(__file__), "..", "notebooks", "memory_augmented_rl.smrnb")
CLASSES = {"lstm": "LSTMActorCritic", "transformer": "TransformerActorCritic", "ntm": "ExplicitMemoryAgent"}


def code_cells(path):
    """The notebook's code cells (jupytext percent format), in order."""
    cells, current, is_code = [], [], False
    for line in open(path, encoding="utf-8").read().splitlines():
        if line.startswith("# %%"):
            if is_code:
                cells.append("\n".join(current))
            current, is_code = [], "[markdown]" not in line
            continue
        current.append(line)
    if is_code:
        cells.append("\n".join(current))
    return cells


def model_program(cells, model):
    """imports + the class cell + the cell after it (the training), with the training timed."""
    imports = next(c for c in cells if c.lstrip().startswith("import torch"))
    index = next(i for i, c in enumerate(cells) if re.search(rf"^class {CLASSES[model]}\(", c, re.M))
    training = cells[index + 1]
    return imports, cells[index], training


def write_programs(tmp, model, seed):
    imports, cls, training = model_program(code_cells(NOTEBOOK), model)
    timed = ("import time as _bench_time\n_bench_t0 = _bench_time.perf_counter()\n" + training +
             "\nprint('TRAIN_SECONDS', _bench_time.perf_counter() - _bench_t0)\n")
    py = os.path.join(tmp, f"{model}.py")
    with open(py, "w") as f:
        f.write("import random, numpy, torch\ntorch.set_num_threads(1)\n"
                f"random.seed({seed}); numpy.random.seed({seed}); torch.manual_seed({seed})\n")
        f.write(imports + "\n" + cls + "\n" + timed)
    nb = os.path.join(tmp, f"{model}.smrnb")
    with open(nb, "w") as f:
        for cell in (f"seed({seed})", imports, cls, timed):
            f.write("# %%\n" + cell + "\n")
    return py, nb


def train_seconds(cmd):
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    m = re.search(r"TRAIN_SECONDS ([0-9.eE+-]+)", out.stdout)
    if out.returncode != 0 or not m:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return float(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smr", required=True)
    ap.add_argument("--python", default="/work/venv/bin/python")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--models", default="lstm,transformer,ntm")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    print(f"{'training (100 episodes, user classes)':<40}{'PyTorch s':>11}{'smr s':>9}{'speed-up':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for model in args.models.split(","):
            py, nb = write_programs(tmp, model, args.seed)
            torch_s, smr_s = [], []
            for _ in range(args.rounds):
                torch_s.append(train_seconds([args.python, "-W", "ignore", py]))
                smr_s.append(train_seconds([args.smr, "run", nb]))
            t, s = statistics.median(torch_s), statistics.median(smr_s)
            print(f"{CLASSES[model]:<40}{t:>11.3f}{s:>9.3f}{t / s:>9.1f}x", flush=True)
    print(f"(medians of {args.rounds} alternating rounds; each side single-threaded)")


if __name__ == "__main__":
    main()
