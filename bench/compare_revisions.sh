#!/usr/bin/env bash
# Our own speed against an earlier revision, side by side: builds `smr-bench` at REV (in a
# scratch worktree) and at the working tree, runs `smr-bench neural` of each in turn for
# ROUNDS rounds, and prints per case the median µs of each and the change. Used for issue
# 13's "the layer benchmarks must not lose more than 5%" (REV = b792e52^1, main before the
# PyTorch-exact random streams).
# Usage: bench/compare_revisions.sh REV [ROUNDS] [FILTER]
set -euo pipefail
cd "$(dirname "$0")/.."
REV=$1; ROUNDS=${2:-7}; FILTER=${3:-}
base=$(mktemp -d)
git worktree add -q --detach "$base/src" "$REV"
trap 'git worktree remove --force "$base/src"; rm -rf "$base"' EXIT
(cd "$base/src" && swift build -c release --product smr-bench --scratch-path "$base/build" >/dev/null)
swift build -c release --product smr-bench --scratch-path .build-bench >/dev/null
args=(neural); [ -n "$FILTER" ] && args+=(--filter "$FILTER")
out="$base/times.txt"
for r in $(seq 1 "$ROUNDS"); do
    echo "base" >> "$out"; "$base/build/release/smr-bench" "${args[@]}" | grep -v "FMA peak" >> "$out"
    echo "head" >> "$out"; .build-bench/release/smr-bench "${args[@]}" | grep -v "FMA peak" >> "$out"
done
python3 - "$out" "$REV" "$ROUNDS" <<'PY'
import collections, re, statistics, sys
times, who = collections.defaultdict(list), None
for line in open(sys.argv[1]):
    line = line.strip()
    if line in ("base", "head"):
        who = line
        continue
    m = re.match(r"(.*?)\s+([\d.]+) µs", line)
    if m:
        times[(m.group(1), who)].append(float(m.group(2)))
print(f"median µs over {sys.argv[3]} rounds: {sys.argv[2]} vs the working tree")
for name in dict.fromkeys(k[0] for k in times):
    b, h = statistics.median(times[(name, "base")]), statistics.median(times[(name, "head")])
    print(f"{name:<50}{b:>10.1f}{h:>10.1f}{100 * (h / b - 1):>+8.1f}%")
PY
