#!/usr/bin/env python3
"""Expected outputs for the SMRLibrary tests: each program in
Tests/SMRLibraryTests/Fixtures/programs/*.smrnb is run by CPython with gymnasium 1.x,
numpy 2.4 and torch 2.x, and its stdout is written next to it as NAME.out.

The .smrnb programs are plain Python except for one translation: a line
`X.weight.copy_(...)` / `X.bias.copy_(...)` (setting a parameter in place, which smr
allows directly) runs under `with torch.no_grad():` here, as PyTorch requires.

Usage: python3 scripts/make_library_fixtures.py
"""
import contextlib
import io
import pathlib
import re
import warnings

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "Tests" / "SMRLibraryTests" / "Fixtures" / "programs"

IN_PLACE = re.compile(r"^(\s*)(\w[\w.]*\.(weight|bias)\.copy_\(.*\))\s*$")


def translate(source: str) -> str:
    lines = []
    for line in source.splitlines():
        m = IN_PLACE.match(line)
        if m:
            lines.append(f"{m.group(1)}with torch.no_grad():")
            lines.append(f"{m.group(1)}    {m.group(2)}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def seed(n):
    """smr's builtin `seed(n)`, as the language defines it."""
    import random
    import numpy as np
    import torch
    random.seed(n)
    np.random.seed(n)
    torch.manual_seed(n)


def main() -> None:
    warnings.filterwarnings("ignore")
    for path in sorted(PROGRAMS.glob("*.smrnb")):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(translate(path.read_text()), str(path), "exec"), {"__name__": "__main__", "seed": seed})
        path.with_suffix(".out").write_text(out.getvalue())
        print(f"{path.name}: {len(out.getvalue().splitlines())} lines")


if __name__ == "__main__":
    main()
