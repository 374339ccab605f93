#!/usr/bin/env bash
# Side-by-side sequential-MNIST epoch with the episodic memory: smr (bench/episodic_memory_epoch.smrnb)
# and PyTorch (bench/episodic_memory_torch.py, torch.set_num_threads(1)), same model and settings,
# interleaved for ROUNDS rounds; prints the median training-pass seconds of each and the speed-up.
# smr runs one thread. Usage: bench/compare_episodic_memory.sh [ROUNDS] [HIDDEN] [BATCH]
#   SMR=path/to/smr (default .build/release/smr), PY=python with torch and mlxtend.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}; HIDDEN=${2:-32}; BATCH=${3:-32}
SMR=${SMR:-.build/release/smr}
PY=${PY:-python3}
out=$(mktemp -d)
for r in $(seq 1 "$ROUNDS"); do
    "$SMR" run bench/episodic_memory_epoch.smrnb --param HIDDEN="$HIDDEN" --param BATCH="$BATCH" | grep '^{' > "$out/smr_$r.json"
    "$PY" bench/episodic_memory_torch.py --memory 1 --hidden "$HIDDEN" --batch "$BATCH" --threads 1 > "$out/torch_$r.json"
done
"$PY" - "$out" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
smr = [json.load(open(f"{out}/smr_{r}.json"))["train_seconds"][0] for r in range(1, rounds + 1)]
torch = [json.load(open(f"{out}/torch_{r}.json"))["train_seconds"][0] for r in range(1, rounds + 1)]
print("smr   s/epoch:", ", ".join(f"{v:.2f}" for v in smr), f"(median {statistics.median(smr):.2f})")
print("torch s/epoch:", ", ".join(f"{v:.2f}" for v in torch), f"(median {statistics.median(torch):.2f})")
print(f"speed-up (PyTorch / smr, medians): {statistics.median(torch) / statistics.median(smr):.1f}x")
PY
