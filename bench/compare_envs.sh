#!/usr/bin/env bash
# Env steps/s of smr vs Python gymnasium, side by side: builds `smr-bench`, then runs
# `smr-bench envs --json` and `bench/envs_gymnasium.py --json` alternately ROUNDS times
# (interleaved, so machine noise hits both alike), takes the median per environment and
# prints ours / gymnasium. Issue 4's bar: ≥ 50× on Pendulum-v1 and CartPole-v1.
#
# Usage: bash bench/compare_envs.sh            (ROUNDS=5 PY=python3 SMR_DIR=<reference checkout> optional)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-5}"
PY="${PY:-python3}"
SCRATCH="${SCRATCH:-.build-env}"
swift build -c release --product smr-bench --scratch-path "$SCRATCH" >&2
BENCH="$SCRATCH/release/smr-bench"
PY_ARGS=(--json --repeats 3 --steps 20000)
if [[ -n "${SMR_DIR:-}" ]]; then PY_ARGS+=(--smr-dir "$SMR_DIR"); fi
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
for round in $(seq "$ROUNDS"); do
    echo "round $round/$ROUNDS" >&2
    "$PY" -W ignore bench/envs_gymnasium.py "${PY_ARGS[@]}" | sed 's/^/gymnasium /' >>"$OUT"
    "$BENCH" envs --json --repeats 3 --steps 1000000 | sed 's/^/smr /' >>"$OUT"
done
"$PY" - "$OUT" <<'PYEOF'
import json, statistics, sys
rates = {}
for line in open(sys.argv[1]):
    side, payload = line.split(" ", 1)
    row = json.loads(payload)
    rates.setdefault(row["env"], {}).setdefault(side, []).append(row["steps_per_s"])
print(f"{'environment':<20} {'smr steps/s':>14} {'gymnasium steps/s':>18} {'ratio':>8}")
for env, sides in rates.items():
    ours, theirs = statistics.median(sides["smr"]), statistics.median(sides["gymnasium"])
    print(f"{env:<20} {ours:>14,.0f} {theirs:>18,.0f} {ours / theirs:>7.1f}x")
print(f"(medians over {len(next(iter(rates.values()))['smr'])} interleaved rounds)")
PYEOF
