#!/usr/bin/env bash
# PPO and RecurrentPPO: Stable-Baselines3 / sb3-contrib (bench/sb3_baselines.py) vs ours
# (`smr-bench on-policy`), side by side in one run, single thread each, interleaved: for each
# round, for each workload, SB3 then ours. Workloads (issue 10's bar):
#   MemoryTaskEnv(4, 0),  10,000 timesteps      MemoryTaskEnv(32, 1), 64,000 timesteps
# Prints per algorithm and workload the median steps/s of each side and the ratio, our
# RecurrentPPO GFLOP/s against the single-thread FMA peak measured in this run.
# Raw JSON lines go to bench/out/sb3_<timestamp>.jsonl (gitignored).
#
# Usage: SMR_DIR=<reference checkout> bash bench/compare_sb3.sh [ROUNDS]       (default 3)
#   PY=<python with torch, stable-baselines3, sb3-contrib> (default /work/venv/bin/python)
#   SCRATCH=<swift scratch path> (default .build-bench);  NO_BUILD=1 uses the smr-bench there
#   WORKLOADS="ppo 4 0 10000;rppo 4 0 10000" for other workloads ("algo delay difficulty timesteps;…")
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
PY="${PY:-/work/venv/bin/python}"
SCRATCH="${SCRATCH:-.build-bench}"
: "${SMR_DIR:?set SMR_DIR to a checkout of the reference repository}"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
BENCH="$SCRATCH/release/smr-bench"
if [[ -z "${NO_BUILD:-}" ]]; then swift build -c release --scratch-path "$SCRATCH" --product smr-bench >&2; fi
mkdir -p bench/out
OUT="bench/out/sb3_$(date -u +%Y%m%dT%H%M%SZ).jsonl"
IFS=';' read -r -a WORKLOADS <<<"${WORKLOADS:-ppo 4 0 10000;rppo 4 0 10000;ppo 32 1 64000;rppo 32 1 64000}"
for round in $(seq "$ROUNDS"); do
    echo "round $round/$ROUNDS: FMA peak" >&2
    "$BENCH" peak --json | sed 's/^/peak /' >>"$OUT"
    for w in "${WORKLOADS[@]}"; do
        read -r algo delay difficulty steps <<<"$w"
        echo "round $round/$ROUNDS: $algo delay $delay difficulty $difficulty, $steps timesteps: SB3" >&2
        "$PY" -W ignore bench/sb3_baselines.py --smr-dir "$SMR_DIR" --algo "$algo" --delay "$delay" \
            --difficulty "$difficulty" --timesteps "$steps" --seed "$round" | sed 's/^/run /' >>"$OUT"
        echo "round $round/$ROUNDS: $algo delay $delay difficulty $difficulty, $steps timesteps: smr" >&2
        "$BENCH" on-policy --algo "$algo" --delay "$delay" --difficulty "$difficulty" --timesteps "$steps" \
            --seed "$round" | sed 's/^/run /' >>"$OUT"
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
        peaks.append(row["fma_peak_gflops"]); continue
    runs.setdefault((row["algo"], row["delay"], row["difficulty"]), {}).setdefault(row["impl"], []).append(row)
med = lambda rows, key: statistics.median(r[key] for r in rows)
peak = statistics.median(peaks) if peaks else None
print(f"{'algorithm, workload':<38} {'SB3 steps/s':>12} {'smr steps/s':>12} {'ratio':>7} {'smr GFLOP/s':>12} {'of peak':>8}")
for (algo, delay, difficulty), sides in runs.items():
    ref, ours = sides["sb3"], sides["smr"]
    name = f"{'PPO' if algo == 'ppo' else 'RecurrentPPO'} MemoryTaskEnv({delay}, {difficulty}), {ref[0]['timesteps']:,}"
    r, o = med(ref, "steps_per_s"), med(ours, "steps_per_s")
    cells = f"{r:12.0f} {o:12.0f} {o / r:6.1f}x"
    if "gflops" in ours[0]:
        g = med(ours, "gflops")
        cells += f" {g:12.1f} {100 * g / peak:7.1f}%" if peak else f" {g:12.1f}"
    print(f"{name:<38} {cells}")
if peak:
    print(f"single-thread FMA peak, median of {len(peaks)} in this run: {peak:.1f} GFLOP/s")
print(f"medians over {rounds} interleaved round(s) (seed = round), 1 thread each; raw JSON lines: {path}")
print(f"command: SMR_DIR={smr_dir} bash bench/compare_sb3.sh {rounds}")
PYEOF
