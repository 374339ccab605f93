#!/usr/bin/env bash
# smr sweep: 8 equal CPU-bound runs with 1 and with 2 workers; prints both wall times and
# their ratio (the issue's bar: 2 workers ≤ 0.6× the time of 1 on a 2-core machine).
#   bash bench/sweep_workers.sh [N]     N: loop length of each run (default 3000000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-3000000}"
smr="${SMR:-.build/release/smr}"
[ -x "$smr" ] || swift build -c release --product smr
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/cpu.smrnb" <<NB
# %% tags=["parameters"]
seed = 0
n = $n
# %%
s = 0
for i in range(n):
    s += (i * seed) % 7
record("s", s)
NB
t() { local s e; s=$(date +%s.%N); "$smr" sweep "$tmp/cpu.smrnb" --param seed=0,1,2,3,4,5,6,7 --workers "$1" --out "$tmp/w$1" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
one=$(t 1); two=$(t 2)
printf 'workers 1: %.2f s\nworkers 2: %.2f s\nratio: %.3f\n' "$one" "$two" "$(echo "$two / $one" | bc -l)"
