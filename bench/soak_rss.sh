#!/usr/bin/env bash
# Memory soak of the Strategic Memory Retrieval agent: trains with `smr-bench smr-agent` and
# samples the process's resident set (VmRSS) every half second; prints the peak RSS of each
# quarter of the run (by time) and the growth from the first quarter's peak to the last's
# (issue 14's bar: < 10% over a 20,000-episode run), and, for long runs, the peak at 5, 30 and
# 60 minutes.
#
# Usage: bash bench/soak_rss.sh [TIMESTEPS] [DELAY] [DIFFICULTY]
#   default 80000 timesteps at delay 4 (20,000 episodes); an hour: e.g. 2000000 32 1.
#   BENCH=<smr-bench> (default .build/release/smr-bench)
#   LIMIT=<seconds>: stop the training after that long (the soak then reports what it sampled)
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-80000}"; DELAY="${2:-4}"; DIFFICULTY="${3:-0}"
BENCH="${BENCH:-.build/release/smr-bench}"
samples=$(mktemp)
"$BENCH" smr-agent --delay "$DELAY" --difficulty "$DIFFICULTY" --timesteps "$STEPS" --seed 0 > "$samples.out" &
pid=$!
start=$(date +%s%N)
while kill -0 "$pid" 2>/dev/null; do
    if [ -n "${LIMIT:-}" ] && [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge "$LIMIT" ]; then kill "$pid"; break; fi
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$(( ($(date +%s%N) - start) / 1000000 )) $rss" >> "$samples"
    sleep 0.5
done
wait "$pid" || true
python3 - "$samples" "$samples.out" <<'PY'
import json, sys
rows = [(int(ms) / 1000, int(kb)) for ms, kb in (line.split() for line in open(sys.argv[1]) if line.strip())]
lines = open(sys.argv[2]).read().strip().splitlines()
end = rows[-1][0]
quarters = [max((r for t, r in rows if q * end / 4 <= t <= (q + 1) * end / 4), default=0) for q in range(4)]
if lines:
    run = json.loads(lines[-1])
    print(f"delay {run['delay']}, {run['episodes']} episodes, {run['timesteps']} steps in {run['train_s']:.1f} s; {len(rows)} RSS samples")
else:
    print(f"stopped after {end:.0f} s (LIMIT); {len(rows)} RSS samples")
print("peak RSS per quarter (MiB): " + ", ".join(f"{q / 1024:.1f}" for q in quarters))
print(f"growth, last quarter vs first: {100 * (quarters[3] - quarters[0]) / quarters[0]:+.1f}%")
for minute in (5, 30, 60):
    within = [r for t, r in rows if t <= 60 * minute]
    if end >= 60 * minute:
        print(f"peak RSS in the first {minute} min: {max(within) / 1024:.1f} MiB")
PY
rm -f "$samples" "$samples.out"
