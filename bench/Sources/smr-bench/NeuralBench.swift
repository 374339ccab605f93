// `smr-bench neural [--json]`
//
// The issue-3 micro-benchmarks, the same cases as bench/torch_neural.py:
//   (a) TransformerEncoderLayer(d=32, nhead=4, ff=2048, dropout=0.1), train mode, forward on [1, T, 32]
//   (b) the same, forward + backward of out.sum()
//   (c) LSTM(3, 128, batch_first) one step on [1, 1, 3] with (h, c), autograd on
// Each figure is µs per call: warm up 20 calls, then the median over 15 repeats of ≥ 20 ms
// of calls. The layer's matmul FLOPs divided by its time are reported as a fraction of the
// machine's single-thread FMA peak, measured in the same run.
import Foundation
import SMRNeural
import SMRTensor

/// Median µs per call of `body`.
func medianMicroseconds(_ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<20 { try body() }
    var calls = 1
    while true {
        let t0 = benchNow()
        for _ in 0..<calls { try body() }
        if benchNow() - t0 >= 0.02 { break }
        calls *= 2
    }
    var samples: [Double] = []
    for _ in 0..<15 {
        let t0 = benchNow()
        for _ in 0..<calls { try body() }
        samples.append((benchNow() - t0) / Double(calls) * 1e6)
    }
    samples.sort()
    return samples[samples.count / 2]
}

/// Matmul FLOPs of one TransformerEncoderLayer forward on [1, T, d] (backward ≈ 2×).
func encoderLayerForwardFLOPs(t: Int, d: Int, heads: Int, ff: Int) -> Double {
    let T = Double(t), D = Double(d), F = Double(ff), hd = Double(d / heads)
    let projections = 2 * T * D * 3 * D + 2 * T * D * D
    let attention = Double(heads) * 2 * (2 * T * T * hd)
    let feedForward = 2 * (2 * T * D * F)
    return projections + attention + feedForward
}

func runNeuralBench(_ args: [String]) {
    let json = args.contains("--json")
    // --filter TEXT keeps only the cases whose name contains TEXT (for profiling).
    let filter = args.firstIndex(of: "--filter").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
    func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }
    do {
        GlobalRandom.seed(0)
        let peak = runFMAPeak()
        var rows: [(String, Double, Double?)] = []  // name, µs, fraction of peak
        let layer = try TransformerEncoderLayer(dModel: 32, nhead: 4, dimFeedforward: 2048, dropout: 0.1, batchFirst: true)
        layer.train()
        for t in [4, 32, 256] {
            var g = RandomGenerator(seed: UInt64(t))
            let x = try Tensor.normal([1, t, 32], generator: &g)
            let flops = encoderLayerForwardFLOPs(t: t, d: 32, heads: 4, ff: 2048)
            if wanted("encoder layer forward, train, T=\(t)") {
                let fwd = try medianMicroseconds { _ = try layer(x) }
                rows.append(("encoder layer forward, train, T=\(t)", fwd, flops / (fwd * 1e-6) / 1e9 / peak))
            }
            if wanted("encoder layer forward+backward, train, T=\(t)") {
                let both = try medianMicroseconds { try layer(x).sum().backward() }
                rows.append(("encoder layer forward+backward, train, T=\(t)", both, 3 * flops / (both * 1e-6) / 1e9 / peak))
            }
        }
        if wanted("LSTM(3, 128) one step, autograd on") {
            let lstm = try LSTM(3, 128, batchFirst: true)
            let xs = try Tensor([0.1, -0.2, 0.3], shape: [1, 1, 3])
            let h0 = try Tensor.zeros([1, 1, 128]), c0 = try Tensor.zeros([1, 1, 128])
            let step = try medianMicroseconds { _ = try lstm.forward(xs, state: (h0, c0)) }
            rows.append(("LSTM(3, 128) one step, autograd on", step, nil))
        }
        rows += try optimizerBenchRows(wanted: wanted)
        if json {
            let items = rows.map { "{\"name\":\"\($0.0)\",\"us\":\($0.1)\($0.2.map { ",\"peak_fraction\":\($0)" } ?? "")}" }
            print("{\"fma_peak_gflops\":\(peak),\"results\":[\(items.joined(separator: ","))]}")
        } else {
            print(String(format: "single-thread FP32 FMA peak: %.1f GFLOP/s", peak))
            for (name, us, fraction) in rows {
                let f = fraction.map { String(format: "  %5.1f%% of peak", $0 * 100) } ?? ""
                print(name.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%10.1f µs", us) + f)
            }
        }
    } catch {
        FileHandle.standardError.write("neural bench failed: \(error)\n".data(using: .utf8) ?? Data())
        exit(1)
    }
}
