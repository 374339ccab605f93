#!/usr/bin/env python3
"""Expected outputs of `table(...)` from Python's tabulate (0.10).

Writes Tests/SMRNotebookTests/Golden/tabulate_cases.json: a list of
{"name", "rows", "headers", "tablefmt", "floatfmt", "expected"}; each cell is
[type, text] with type int/float/str/bool/none so Swift rebuilds the same values.

    pip install tabulate==0.10.0 && python3 scripts/make_tabulate_goldens.py
"""
import json
import math
import os
from tabulate import tabulate, __version__

assert __version__.startswith("0.10"), __version__

CASES = [
    ("ints_and_floats", [[0, 0.01], [1, 0.51], [2, 0.677], [3, 10.5]], ["episode", "reward"], "rounded_outline", "g"),
    ("mixed_strings", [["ppo", 1, 0.5], ["lstm-ppo", 12, 0.25], ["smr", 123, -1.125]], ["agent", "steps", "return"], "rounded_outline", "g"),
    ("no_headers", [["a", 1.5], ["bb", 22.25]], None, "rounded_outline", "g"),
    ("floatfmt_3f", [["x", 3.14159], ["y", 2.0], ["z", -0.5]], ["name", "value"], "rounded_outline", ".3f"),
    ("floatfmt_e", [[1e-05, 123456.0], [2.5, 3.0]], ["a", "b"], "rounded_outline", ".2e"),
    ("none_values", [[1, None], [None, 2.5], [3, 4.0]], ["a", "b"], "rounded_outline", "g"),
    ("bools", [[True, 1], [False, 2]], ["flag", "n"], "rounded_outline", "g"),
    ("numeric_strings", [["1.50", "x"], ["22", "y"]], ["num", "s"], "rounded_outline", "g"),
    ("large_and_small", [[1e20, 1e-7], [123456789.0, 0.1]], ["big", "small"], "rounded_outline", "g"),
    ("ragged_rows", [[1, 2, 3], [4], [5, 6]], ["a", "b", "c"], "rounded_outline", "g"),
    ("short_headers", [[1, 2, 3], [4, 5, 6]], ["b", "c"], "rounded_outline", "g"),
    ("negative", [[-1, -2.5], [10, 0.125]], ["i", "f"], "rounded_outline", "g"),
    ("unicode", [["é", 1], ["日本", 2]], ["name", "n"], "rounded_outline", "g"),
    ("simple", [["spam", 41.9999], ["eggs", 451.0]], ["item", "qty"], "simple", "g"),
    ("simple_no_headers", [["spam", 41.9999], ["eggs", 451.0]], None, "simple", "g"),
    ("github", [["spam", 41.9999], ["eggs", 451.0]], ["item", "qty"], "github", "g"),
    ("plain", [["spam", 41.9999], ["eggs", 451.0]], ["item", "qty"], "plain", "g"),
    ("grid", [["spam", 41.9999], ["eggs", 451.0]], ["item", "qty"], "grid", "g"),
    ("simple_outline", [["spam", 41.9999], ["eggs", 451.0]], ["item", "qty"], "simple_outline", "g"),
    ("nan_inf", [[float("nan"), 1.0], [float("inf"), 2.0]], ["a", "b"], "rounded_outline", "g"),
    ("whole_floats", [[1.0, 2], [3.0, 4]], ["f", "i"], "rounded_outline", "g"),
    ("padded_strings", [[" left", "right "]], ["a", "b"], "rounded_outline", "g"),
    ("empty_string", [["", 1], ["x", 2]], ["s", "n"], "rounded_outline", "g"),
    ("percent", [[0.125], [0.5]], ["rate"], "rounded_outline", ".1%"),
]


def cell(v):
    if v is None:
        return ["none", ""]
    if isinstance(v, bool):
        return ["bool", str(v)]
    if isinstance(v, int):
        return ["int", str(v)]
    if isinstance(v, float):
        return ["float", repr(v) if math.isfinite(v) else str(v)]
    return ["str", v]


def main():
    out = []
    for name, rows, headers, fmt, floatfmt in CASES:
        kwargs = {"tablefmt": fmt, "floatfmt": floatfmt}
        if headers is not None:
            kwargs["headers"] = headers
        out.append({
            "name": name,
            "rows": [[cell(v) for v in r] for r in rows],
            "headers": headers,
            "tablefmt": fmt,
            "floatfmt": floatfmt,
            "expected": tabulate(rows, **kwargs),
        })
    path = os.path.join(os.path.dirname(__file__), "..", "Tests", "SMRNotebookTests", "Golden", "tabulate_cases.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(out)} cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
