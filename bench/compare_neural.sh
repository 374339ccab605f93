#!/usr/bin/env bash
# Side-by-side neural micro-benchmarks: `smr-bench neural` and bench/torch_neural.py
# (PyTorch, 1 thread), interleaved for ROUNDS rounds; prints per case the median µs of
# each and the speed-up (PyTorch time / ours). Usage: bench/compare_neural.sh [ROUNDS] [--filter TEXT]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
shift || true
swift build -c release --product smr-bench --scratch-path .build-bench >/dev/null
out=$(mktemp -d)
for r in $(seq 1 "$ROUNDS"); do
    .build-bench/release/smr-bench neural --json "$@" > "$out/ours_$r.json"
    (cd bench && python3 torch_neural.py "$@") > "$out/torch_$r.json"
done
python3 - "$out" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ours = [json.load(open(f"{out}/ours_{r}.json")) for r in range(1, rounds + 1)]
torch = [json.load(open(f"{out}/torch_{r}.json")) for r in range(1, rounds + 1)]
peak = statistics.median(o["fma_peak_gflops"] for o in ours)
print(f"single-thread FMA peak (median of {rounds} runs): {peak:.1f} GFLOP/s")
print(f"{'case':<58}{'PyTorch µs':>12}{'ours µs':>10}{'speed-up':>10}{'of peak':>9}")
for item in ours[0]["results"]:
    name = item["name"]
    o = statistics.median(next(x["us"] for x in run["results"] if x["name"] == name) for run in ours)
    fr = [next(x.get("peak_fraction") for x in run["results"] if x["name"] == name) for run in ours]
    t = [next((x["us"] for x in run["results"] if x["name"] == name), None) for run in torch]
    t = statistics.median([v for v in t if v is not None]) if any(v is not None for v in t) else float("nan")
    f = f"{statistics.median(fr) * 100:7.1f}%" if fr[0] is not None else ""
    print(f"{name:<58}{t:>12.1f}{o:>10.1f}{t / o:>9.1f}×{f:>9}")
PY
