"""Extracts the code cells of a source document (a notebook exported as text: `In [N]:`
markers, each cell followed by its printed output) into a .smrnb notebook, so the source's
cells can be replayed by smr exactly as written:

    python3 scripts/source_cells.py ../shared/seeds/001_569ad3c3a3a3f2f6.txt /tmp/marl.smrnb [--cells 1-3]
    .build/release/smr run /tmp/marl.smrnb

A cell ends at the next `In [...]:` marker or at the first line that is output or prose:
a markdown heading (`## …`), a table or log box border, an `Episode …`/`Training …` line, or
an indented warning line that the source's kernel printed (`  fn()`, `  logger.warn(`).
"""
import argparse
import re

CELL = re.compile(r"^In \[[^\]]*\]:")
OUTPUT = re.compile(r"^(Episode|Test Episode|Average|#{2,4} |\+-|\||Training|Evaluating|Finalizing|-----)")
WARNING_ECHO = re.compile(r"^  (fn\(\)|logger\.warn)")


def code_cells(lines):
    cells, cur, in_code = [], [], False
    for line in lines:
        if CELL.match(line):
            if in_code:
                cells.append(cur)
            cur, in_code = [], True
        elif in_code and OUTPUT.match(line):
            cells.append(cur)
            cur, in_code = [], False
        elif in_code and not WARNING_ECHO.match(line):
            cur.append(line)
    if in_code:
        cells.append(cur)
    for c in cells:
        while c and not c[-1].strip():
            c.pop()
    return cells


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("notebook")
    ap.add_argument("--cells", help="a range of cells to keep, 1-based (e.g. 1-3)")
    args = ap.parse_args()
    cells = code_cells(open(args.source, encoding="utf-8").read().splitlines())
    if args.cells:
        first, _, last = args.cells.partition("-")
        cells = cells[int(first) - 1:int(last or first)]
    with open(args.notebook, "w", encoding="utf-8") as f:
        for c in cells:
            f.write("# %%\n" + "\n".join(c) + "\n")
    print(f"{len(cells)} code cells → {args.notebook}")


if __name__ == "__main__":
    main()
