#!/usr/bin/env python3
"""Expected outputs of the language's golden programs, from CPython.

For every Tests/SMRLanguageTests/Golden/*.py this runs `python3 NAME.py` and writes
NAME.out (its standard output) and, when CPython stops with an uncaught exception,
NAME.err (the last line of the traceback, e.g. `KeyError: 'a'`). The Swift tests
(GoldenTests.swift) compare the interpreter against these files, so they never need
Python. Run it again after adding or editing a program:

    scripts/make_language_goldens.py            # every program
    scripts/make_language_goldens.py strings    # only Golden/strings.py
"""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "Tests", "SMRLanguageTests", "Golden")


def regenerate(path):
    name = os.path.splitext(path)[0]
    run = subprocess.run([sys.executable, os.path.basename(path)], cwd=GOLDEN,
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"})
    with open(name + ".out", "w", encoding="utf-8") as f:
        f.write(run.stdout)
    err = name + ".err"
    if run.returncode != 0:
        last = [l for l in run.stderr.splitlines() if l.strip()][-1]
        with open(err, "w", encoding="utf-8") as f:
            f.write(last + "\n")
        print(f"{os.path.basename(path)}: ends with {last}")
    elif os.path.exists(err):
        os.remove(err)


def main():
    wanted = set(sys.argv[1:])
    for path in sorted(glob.glob(os.path.join(GOLDEN, "*.py"))):
        stem = os.path.splitext(os.path.basename(path))[0]
        if not wanted or stem in wanted:
            regenerate(path)


if __name__ == "__main__":
    main()
