#!/bin/sh
# Interpreter speed vs CPython (issue 5): each bench/interpreter/*.py program is timed
# in-process by our engine (BenchTests, release build) and by python3 (time_python.py),
# alternately, REPEATS rounds; the medians and the ratio ours/python are printed.
# A ratio ≤ 1.00 means we are at least as fast as CPython.
#
#   bench/interpreter/compare.sh [REPEATS]     (default 5)
set -e
cd "$(dirname "$0")/../.."
REPEATS=${1:-5}
SCRATCH=${SCRATCH:-.build-lang}
DIR=bench/interpreter

echo "building (release)…" >&2
if swift build --build-tests -c release -Xswiftc -enable-testing --scratch-path $SCRATCH >/dev/null 2>&1; then
    XCTEST=$(ls -d $SCRATCH/release/*.xctest | head -n 1)
    run_ours() { SMR_BENCH=1 SMR_BENCH_REPEATS=1 SMR_BENCH_ONLY=$1 "$XCTEST" SMRLanguageTests.BenchTests/testBenchmarks 2>&1 | awk -v n="$1" '$1=="BENCH" && $2==n {print $3}'; }
else
    # Another module may be mid-edit: compile SMRLanguage alone with the same optimisation.
    echo "package build failed; compiling SMRLanguage directly with swiftc -O -wmo" >&2
    mkdir -p $SCRATCH/bench-runner
    swiftc -O -wmo -module-name SMRLanguage $(find Sources/SMRLanguage -name '*.swift') $DIR/tools/runner/main.swift -o $SCRATCH/bench-runner/smr-lang-bench
    run_ours() { $SCRATCH/bench-runner/smr-lang-bench $DIR/$1.py 1; }
fi

printf "%-14s %12s %12s %8s\n" program "smr (s)" "python3 (s)" ratio
for f in $DIR/*.py; do
    name=$(basename "$f" .py)
    ours=""; py=""
    i=0
    while [ $i -lt "$REPEATS" ]; do
        ours="$ours $(run_ours "$name")"
        py="$py $(python3 $DIR/tools/time_python.py "$f" 1)"
        i=$((i + 1))
    done
    mo=$(echo $ours | tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    mp=$(echo $py | tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf "%-14s %12.4f %12.4f %8.2f\n" "$name" "$mo" "$mp" "$(echo "$mo $mp" | awk '{print $1/$2}')"
done
