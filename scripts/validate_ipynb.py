#!/usr/bin/env python3
"""Validate ipynb files written by `smr export --to ipynb` with nbformat (manual check;
the Swift tests check the structure without Python).

    pip install nbformat && python3 scripts/validate_ipynb.py out.ipynb [...]
"""
import sys

import nbformat

status = 0
for path in sys.argv[1:]:
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        outputs = sum(len(c.get("outputs", [])) for c in nb.cells)
        print(f"{path}: valid nbformat {nb.nbformat}.{nb.nbformat_minor}, {len(nb.cells)} cells, {outputs} outputs")
    except Exception as e:  # report every file
        print(f"{path}: INVALID: {e}")
        status = 1
sys.exit(status)
