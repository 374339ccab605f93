#!/usr/bin/env bash
# Side-by-side matmul throughput: smr_sgemm (smr-bench matmul) vs NumPy float32
# (OpenBLAS), both single-threaded, same cases and timing method, run interleaved for
# ROUNDS rounds (default 3); prints the per-case medians, our/NumPy ratio and our
# fraction of the measured FMA peak; then the elementwise kernels (exp, tanh, sigmoid)
# against np.exp / np.tanh / scipy expit. Extra arguments go to both benchmarks
# (e.g. --filter square).
#   usage: bench/compare_matmul.sh [--rounds N] [--filter TEXT]
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done

swift build -c release --product smr-bench --scratch-path .build-gemm >&2
bin=.build-gemm/release/smr-bench
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for r in $(seq 1 "$rounds"); do
    echo "round $r/$rounds: smr-bench" >&2
    "$bin" matmul --json "${args[@]}" > "$out/ours.$r.json"
    echo "round $r/$rounds: numpy" >&2
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
        python3 bench/numpy_matmul.py "${args[@]}" > "$out/numpy.$r.json"
done

python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ours = [json.load(open(f"{out}/ours.{r}.json")) for r in range(1, rounds + 1)]
numpy = [json.load(open(f"{out}/numpy.{r}.json")) for r in range(1, rounds + 1)]
peak = statistics.median(o["fma_peak_gflops"] for o in ours)

def medians(runs):
    by = {}
    for run in runs:
        for r in run["results"]:
            by.setdefault(r["name"], []).append(r["gflops"])
    return {k: statistics.median(v) for k, v in by.items()}

mo, mn = medians(ours), medians(numpy)
names = [r["name"] for r in ours[0]["results"]]
shape = {r["name"]: f'{r["M"]}×{r["N"]}×{r["K"]} {"T" if r["transA"] else "N"}{"T" if r["transB"] else "N"}'
         for r in ours[0]["results"]}
print(f'smr {ours[0]["isa"]} vs NumPy {numpy[0]["numpy"]} ({numpy[0]["blas"]}), 1 thread each, '
      f'{rounds} interleaved rounds, medians; FMA peak {peak:.1f} GFLOP/s')
header = ["case", "M×N×K op", "smr GFLOP/s", "NumPy GFLOP/s", "smr/NumPy", "smr of peak"]
rows = [[n, shape[n], f"{mo[n]:.1f}", f"{mn[n]:.1f}", f"{mo[n] / mn[n]:.2f}", f"{100 * mo[n] / peak:.0f}%"]
        for n in names if n in mn]
w = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
line = lambda l, m, r: l + m.join("─" * (x + 2) for x in w) + r
fmt = lambda cells: "│" + "│".join(f" {c:<{w[i]}} " if i < 2 else f" {c:>{w[i]}} " for i, c in enumerate(cells)) + "│"
print("\n".join([line("╭", "┬", "╮"), fmt(header), line("├", "┼", "┤")] + [fmt(r) for r in rows] + [line("╰", "┴", "╯")]))

def vmedians(runs):
    by = {}
    for run in runs:
        for r in run.get("vmath", []):
            by.setdefault(r["name"], []).append(r["us"])
    return {k: statistics.median(v) for k, v in by.items()}

vo, vn = vmedians(ours), vmedians(numpy)
vnames = [r["name"] for r in ours[0].get("vmath", []) if r["name"] in vn]
if vnames:
    header = ["elementwise", "smr µs", "NumPy µs", "smr speed-up"]
    rows = [[n, f"{vo[n]:.2f}", f"{vn[n]:.2f}", f"{vn[n] / vo[n]:.2f}"] for n in vnames]
    w = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    fmt = lambda cells: "│" + "│".join(f" {c:<{w[i]}} " if i < 1 else f" {c:>{w[i]}} " for i, c in enumerate(cells)) + "│"
    print("\n".join([line("╭", "┬", "╮"), fmt(header), line("├", "┼", "┤")] + [fmt(r) for r in rows] + [line("╰", "┴", "╯")]))
PY
