#!/usr/bin/env python3
"""Expected `smr run` outputs for the golden notebooks, produced by CPython.

Each Tests/SMRNotebookTests/Golden/notebooks/*.smrnb is plain Python (the smr
language is a subset), so running its code cells in order in one namespace, as
Jupyter does, gives what `smr run` must print: a header per code cell, the cell's
printed text, then the repr of its last expression when that is not None.
Writes NAME.expected next to each notebook (standard output only).

    python3 scripts/make_notebook_goldens.py
"""
import ast
import contextlib
import glob
import io
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "Tests", "SMRNotebookTests", "Golden", "notebooks")
MARKER = re.compile(r"^# %%([ \t].*)?$")


def cells(text):
    """(number, kind, title, body) per cell, numbered as smr numbers them: every cell,
    markdown included, from 1; code before the first marker is a cell if it has code."""
    lines = text.splitlines()
    out, k, before = [], 0, []
    while k < len(lines) and not MARKER.match(lines[k]):
        before.append(lines[k]); k += 1
    if k == len(lines):
        return [(1, "code", None, before, 1)]
    if any(l.strip() and not l.strip().startswith("#") for l in before):
        out.append((1, "code", None, before, 1))
    while k < len(lines):
        marker, first = lines[k], k + 2
        k += 1
        body = []
        while k < len(lines) and not MARKER.match(lines[k]):
            body.append(lines[k]); k += 1
        rest = marker[4:].strip()
        kind = "code"
        for tag, kd in (("[markdown]", "markdown"), ("[md]", "markdown"), ("[raw]", "raw")):
            if rest.startswith(tag):
                kind, rest = kd, rest[len(tag):].strip()
        rest = re.sub(r"tags=\[[^\]]*\]", "", rest)
        title = " ".join(w for w in rest.split() if not re.match(r"^[\w-]+=", w)) or None
        out.append((len(out) + 1, kind, title, body, first))
    return out


def header(number, title):
    label = f"── cell {number}" + (f": {title}" if title else "") + " "
    return label + "─" * max(3, 60 - len(label))


def run(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    ns = {"__name__": "__main__"}
    buf = io.StringIO()
    for number, kind, title, body, first in cells(text):
        if kind != "code":
            continue
        buf.write(header(number, title) + "\n")
        src = "\n" * (first - 1) + "\n".join(body)
        tree = ast.parse(src, path)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        with contextlib.redirect_stdout(buf):
            try:
                exec(compile(tree, path, "exec"), ns)
                if last is not None:
                    value = eval(compile(last, path, "eval"), ns)
                    if value is not None:
                        text_out = buf.getvalue()
                        if text_out and not text_out.endswith("\n"):
                            buf.write("\n")
                        buf.write(repr(value) + "\n")
            except Exception:
                return buf.getvalue()  # smr stops at the failing cell (message on stderr)
    return buf.getvalue()


def main():
    for path in sorted(glob.glob(os.path.join(GOLDEN, "*.smrnb"))):
        out = run(path)
        with open(path[: -len(".smrnb")] + ".expected", "w", encoding="utf-8", newline="") as f:
            f.write(out)
        print("wrote", os.path.relpath(path[: -len(".smrnb")] + ".expected"))


if __name__ == "__main__":
    main()
