"""Time a program in-process with CPython, the same way BenchTests times our engine:
one untimed warm-up run, then compile + exec in a fresh namespace, stdout discarded,
median of N runs.
Usage: python3 time_python.py PROGRAM.py [REPEATS]"""
import contextlib, io, statistics, sys, time

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
source = open(path).read()
times = []
with contextlib.redirect_stdout(io.StringIO()):  # untimed warm-up run, as BenchTests does
    exec(compile(source, path, "exec"), {"__name__": "__main__"})
for _ in range(repeats):
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(source, path, "exec"), {"__name__": "__main__"})
    times.append(time.perf_counter() - t0)
print("%.6f" % statistics.median(times))
