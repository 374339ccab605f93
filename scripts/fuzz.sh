#!/usr/bin/env bash
# Fuzzes the notebook parser and the interpreter (with the library) for SECONDS with libFuzzer
# and AddressSanitizer (Sources/smr-fuzz; each input runs with writes refused and a 300 ms
# budget). The corpus starts from the shipped notebooks, the golden and fixture programs and
# the benchmark programs, and grows in .build-fuzz/corpus across runs. A crash, leak-free
# out-of-memory or timeout leaves its input in .build-fuzz/artifacts/; once fixed, copy it to
# Tests/SMRNotebookTests/FuzzRegressions/ (FuzzRegressionTests replays them in CI).
#
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]      (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
shift || true
SCRATCH=.build-fuzz
swift build -c release --product smr-fuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DSMR_LIBFUZZER -Xswiftc -use-ld=lld \
    -Xcc -DSMR_NO_BLOCK_CACHE >&2  # gold crashes on this link; ASan owns malloc
BIN="$SCRATCH/release/smr-fuzz"
mkdir -p "$SCRATCH/corpus" "$SCRATCH/seeds" "$SCRATCH/artifacts"
for f in notebooks/*.smrnb notebooks/examples/*.smrnb Tests/SMRLanguageTests/Golden/*.py \
         Tests/SMRLibraryTests/Fixtures/programs/*.smrnb bench/interpreter/*.py \
         Tests/SMRNotebookTests/FuzzRegressions/*; do
    [ -f "$f" ] && cp "$f" "$SCRATCH/seeds/$(echo "$f" | tr '/' '_')"
done
# Tensors over 1 GiB are refused with MemoryError (as a machine with less memory would), so
# libFuzzer's 2 GiB malloc limit flags only allocations that escape the size checks.
export SMR_MEMORY_LIMIT_MB=1024
# Leaks are not crashes (the interpreter's reference cycles are freed at exit, not before).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# Inputs over 64 KiB are cut by libFuzzer; the big notebooks still seed their first cells.
exec "$BIN" "$SCRATCH/corpus" "$SCRATCH/seeds" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 \
    -timeout=20 -rss_limit_mb=4096 -malloc_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
    -artifact_prefix="$SCRATCH/artifacts/" "$@"
