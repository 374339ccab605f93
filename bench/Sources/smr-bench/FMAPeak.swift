// Single-thread FP32 FMA peak of this machine, measured with a register-only FMA loop
// in C (CKernels/fma_peak.c, widest instruction set available). Benchmarks divide their
// GFLOP/s by this figure to report the fraction of peak they reach.
import CKernels
import Foundation

/// Monotonic clock in seconds.
func benchNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// GFLOP/s of a register-only FMA loop: warm up, size one repeat to ~20 ms, then take
/// the best of 9 repeats (the machine's capability; a busy sibling vCPU only lowers it).
func runFMAPeak() -> Double {
    var iterations = 1 << 16
    _ = smr_fma_peak_run(Int(iterations))  // warm up (clock ramp, code in cache)
    while true {
        let t0 = benchNow()
        _ = smr_fma_peak_run(iterations)
        if benchNow() - t0 >= 0.02 { break }
        iterations *= 2
    }
    var rates: [Double] = []
    for _ in 0..<9 {
        let t0 = benchNow()
        let flops = smr_fma_peak_run(iterations)
        rates.append(flops / (benchNow() - t0) / 1e9)
    }
    return rates.max()!
}
