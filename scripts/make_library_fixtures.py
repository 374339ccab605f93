#!/usr/bin/env python3
"""Expected outputs for the SMRLibrary tests: each program in
Tests/SMRLibraryTests/Fixtures/programs/*.smrnb is run by CPython with gymnasium 1.x,
numpy 2.4 and torch 2.x, and its stdout is written next to it as NAME.out.

The .smrnb programs are plain Python except for one translation: a line
`X.weight.copy_(...)` / `X.bias.copy_(...)` (setting a parameter in place, which smr
allows directly) runs under `with torch.no_grad():` here, as PyTorch requires.

Each program runs in a fresh temporary working directory (programs that write files
write them there), as the Swift test runs it.

Usage: python3 scripts/make_library_fixtures.py [NAME ...]   (default: every program)
"""
import contextlib
import io
import os
import pathlib
import re
import sys
import tempfile
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
    wanted = set(sys.argv[1:])
    for path in sorted(PROGRAMS.glob("*.smrnb")):
        if wanted and path.stem not in wanted:
            continue
        out = io.StringIO()
        home = os.getcwd()
        with tempfile.TemporaryDirectory() as scratch, contextlib.redirect_stdout(out):
            os.chdir(scratch)
            try:
                exec(compile(translate(path.read_text()), str(path), "exec"), {"__name__": "__main__", "seed": seed})
            finally:
                os.chdir(home)
        path.with_suffix(".out").write_text(out.getvalue())
        print(f"{path.name}: {len(out.getvalue().splitlines())} lines")


if __name__ == "__main__":
    main()
