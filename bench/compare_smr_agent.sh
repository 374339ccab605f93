#!/usr/bin/env bash
# The Strategic Memory Retrieval agent, reference (PyTorch, bench/smr_reference.py) vs ours
# (`smr-bench smr-agent`), side by side in one run, single thread each, interleaved: for each
# round, for each workload, the reference then ours. Workloads (issue 9's bar):
#   delay 4   EASY (difficulty 0), 16,000 timesteps  (the notebook's setting, 4,000 episodes)
#   delay 32  HARD (difficulty 1),  6,400 timesteps  (200 episodes)
#   delay 256 EASY (difficulty 0),  5,120 timesteps  (20 episodes)
# Also measures the single-thread FMA peak once per round (`smr-bench peak --json`) and prints
# per workload the median train seconds of each side, the speed-up (ratio of medians) and, for
# delay 256, our GFLOP/s and its fraction of the peak measured in this run.
# Raw JSON lines go to bench/out/smr_agent_<timestamp>.jsonl (gitignored).
#
# Usage: SMR_DIR=<reference checkout> bash bench/compare_smr_agent.sh [ROUNDS]     (default 3)
#   PY=<python with torch+gymnasium> (default /work/venv/bin/python)
#   SCRATCH=<swift scratch path>     (default .build-bench)
#   SKIP_SMR=1                       run the reference side only (no Swift build)
#   NO_BUILD=1                       use the smr-bench already in $SCRATCH (no swift build)
#   SEED=<n>                         seed of every run (default 0)
#   WORKLOADS="4 0 400;32 1 320"     other workloads ("delay difficulty timesteps;…"), for quick checks
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
PY="${PY:-/work/venv/bin/python}"
SCRATCH="${SCRATCH:-.build-bench}"
SEED="${SEED:-0}"
: "${SMR_DIR:?set SMR_DIR to a checkout of the reference repository}"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
BENCH="$SCRATCH/release/smr-bench"
if [[ -z "${SKIP_SMR:-}" && -z "${NO_BUILD:-}" ]]; then
    swift build -c release --scratch-path "$SCRATCH" --product smr-bench >&2
fi
mkdir -p bench/out
OUT="bench/out/smr_agent_$(date -u +%Y%m%dT%H%M%SZ).jsonl"
IFS=';' read -r -a WORKLOADS <<<"${WORKLOADS:-4 0 16000;32 1 6400;256 0 5120}"
for round in $(seq "$ROUNDS"); do
    if [[ -z "${SKIP_SMR:-}" ]]; then
        echo "round $round/$ROUNDS: FMA peak" >&2
        "$BENCH" peak --json | sed 's/^/peak /' >>"$OUT"
    fi
    for w in "${WORKLOADS[@]}"; do
        read -r delay difficulty steps <<<"$w"
        echo "round $round/$ROUNDS: delay $delay difficulty $difficulty, $steps timesteps: reference" >&2
        "$PY" -W ignore bench/smr_reference.py --smr-dir "$SMR_DIR" --delay "$delay" \
            --difficulty "$difficulty" --timesteps "$steps" --seed "$SEED" --threads 1 | sed 's/^/run /' >>"$OUT"
        if [[ -z "${SKIP_SMR:-}" ]]; then
            echo "round $round/$ROUNDS: delay $delay difficulty $difficulty, $steps timesteps: smr" >&2
            "$BENCH" smr-agent --delay "$delay" --difficulty "$difficulty" --timesteps "$steps" \
                --seed "$SEED" | sed 's/^/run /' >>"$OUT"
        fi
    done
done
"$PY" - "$OUT" "$ROUNDS" "$SMR_DIR" <<'PYEOF'
import json, statistics, sys
path, rounds, smr_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs, peaks = {}, []
for line in open(path):
    kind, payload = line.split(" ", 1)
    row = json.loads(payload)
    if kind == "peak":
        peaks.append(row["fma_peak_gflops"])
        continue
    runs.setdefault((row["delay"], row["difficulty"], row["timesteps"]), {}).setdefault(row["impl"], []).append(row)
med = lambda rows, key: statistics.median(r[key] for r in rows) if rows else None
peak = statistics.median(peaks) if peaks else None
print(f"{'workload':<34} {'episodes':>8} {'reference s':>12} {'smr s':>9} {'speed-up':>9} {'smr GFLOP/s':>12} {'of peak':>8}")
for (delay, difficulty, steps), sides in runs.items():
    ref, ours = sides.get("pytorch", []), sides.get("smr", [])
    name = f"delay {delay} {'EASY' if difficulty == 0 else 'HARD'}, {steps:,} steps"
    episodes = (ref or ours)[0]["episodes"]
    r, o = med(ref, "train_s"), med(ours, "train_s")
    cells = [f"{r:12.2f}" if r is not None else f"{'-':>12}", f"{o:9.3f}" if o is not None else f"{'-':>9}"]
    cells.append(f"{r / o:8.1f}x" if r is not None and o is not None else f"{'-':>9}")
    if delay == 256 and ours and "gflops" in ours[0]:
        g = med(ours, "gflops")
        cells.append(f"{g:12.1f}")
        cells.append(f"{100 * g / peak:7.1f}%" if peak else f"{'-':>8}")
    print(f"{name:<34} {episodes:>8} " + " ".join(cells))
if peak:
    print(f"single-thread FMA peak, median of {len(peaks)} in this run: {peak:.1f} GFLOP/s")
n = max(len(s.get("pytorch", [])) for s in runs.values())
print(f"medians over {n} interleaved round(s), 1 thread each; raw JSON lines: {path}")
print(f"command: SMR_DIR={smr_dir} bash bench/compare_smr_agent.sh {rounds}")
PYEOF
