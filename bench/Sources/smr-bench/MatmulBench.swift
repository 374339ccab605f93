// `smr-bench matmul [--json] [--isa avx512|avx2|portable] [--filter TEXT]`
//
// GFLOP/s (2·M·N·K / time) of smr_sgemm, single thread, for square sizes 8…512 and the
// products this project actually runs (transformer feed-forward d=32, ff=2048 forward
// and backward, attention scores, LSTM gates), each also as a fraction of the measured
// FMA peak. Timing: warm up, size one repeat to ≥ 20 ms of calls, report the median of
// 11 repeats. Every call goes through withUnsafeBufferPointer, as the Tensor ops do.
// Also times the elementwise kernels smr_vexp / smr_vtanh / smr_vsigmoid on 4096 floats.
// bench/numpy_matmul.py runs the same cases in NumPy; bench/compare_matmul.sh runs both.
import CKernels
import Foundation

/// One GEMM shape: C[M,N] = op(A)·op(B) with op(A) M×K and op(B) K×N.
struct MatmulCase {
    let name: String
    let transA: Bool, transB: Bool
    let M: Int, N: Int, K: Int
}

/// The benchmark cases, in print order (bench/numpy_matmul.py lists the same ones).
func matmulCases() -> [MatmulCase] {
    var cases: [MatmulCase] = []
    for n in [8, 32, 64, 128, 256, 512] {
        cases.append(MatmulCase(name: "square \(n)", transA: false, transB: false, M: n, N: n, K: n))
    }
    for t in [4, 32, 256] {
        let d = 32, ff = 2048
        cases += [
            MatmulCase(name: "ff fwd X.W1t T=\(t)", transA: false, transB: true, M: t, N: ff, K: d),
            MatmulCase(name: "ff fwd H.W2t T=\(t)", transA: false, transB: true, M: t, N: d, K: ff),
            MatmulCase(name: "ff bwd gY.W2 T=\(t)", transA: false, transB: false, M: t, N: ff, K: d),
            MatmulCase(name: "ff bwd gYt.H T=\(t)", transA: true, transB: false, M: d, N: ff, K: t),
            MatmulCase(name: "ff bwd gH.W1 T=\(t)", transA: false, transB: false, M: t, N: d, K: ff),
            MatmulCase(name: "ff bwd gHt.X T=\(t)", transA: true, transB: false, M: ff, N: d, K: t),
            MatmulCase(name: "attn Q.Kt T=\(t)", transA: false, transB: true, M: t, N: t, K: 8),
            MatmulCase(name: "attn P.V T=\(t)", transA: false, transB: false, M: t, N: 8, K: t),
        ]
    }
    cases += [
        MatmulCase(name: "lstm x.Wiht 1x3", transA: false, transB: true, M: 1, N: 512, K: 3),
        MatmulCase(name: "lstm h.Whht 1x128", transA: false, transB: true, M: 1, N: 512, K: 128),
        MatmulCase(name: "lstm bwd g.Whh", transA: false, transB: false, M: 1, N: 128, K: 512),
        MatmulCase(name: "lstm bwd gt.h", transA: true, transB: false, M: 512, N: 128, K: 1),
        // A batch-1 GRU cell (the explicit-memory agent): x·W_ihᵀ with a short input, h·W_hhᵀ.
        MatmulCase(name: "gru x.Wiht 1x35", transA: false, transB: true, M: 1, N: 384, K: 35),
        MatmulCase(name: "gru h.Whht 1x128", transA: false, transB: true, M: 1, N: 384, K: 128),
        // A 10-token encoder layer with d_model 128 (the Transformer agent's feed-forward).
        MatmulCase(name: "ff fwd X.W1t 10x128", transA: false, transB: true, M: 10, N: 2048, K: 128),
        MatmulCase(name: "ff fwd H.W2t 10x2048", transA: false, transB: true, M: 10, N: 128, K: 2048),
        // A recurrent PPO rollout step: LSTM hidden 256, batch 1.
        MatmulCase(name: "lstm h.Whht 1x256", transA: false, transB: true, M: 1, N: 1024, K: 256),
    ]
    return cases
}

struct MatmulResult {
    let matmulCase: MatmulCase
    let gflops: Double
    let microseconds: Double
}

/// Deterministic values in [-1, 1).
private func benchValues(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(Int64(bitPattern: state >> 11) % (1 << 24)) / Float(1 << 23) - 1
    }
}

/// Median seconds per call of smr_sgemm (or smr_sgemm_using when `isa` is given).
func timeMatmul(_ c: MatmulCase, isa: String?) -> Double {
    // Stored shapes: A is M×K (K×M if transA), B is K×N (N×K if transB); row-major.
    let lda = c.transA ? c.M : c.K, ldb = c.transB ? c.K : c.N, ldc = c.N
    let a = benchValues(c.M * c.K, seed: 1), b = benchValues(c.K * c.N, seed: 2)
    var out = [Float](repeating: 0, count: c.M * c.N)
    let tA: Int32 = c.transA ? 1 : 0, tB: Int32 = c.transB ? 1 : 0
    let (m, n, k) = (Int32(c.M), Int32(c.N), Int32(c.K))
    let (la, lb, lc) = (Int32(max(lda, 1)), Int32(max(ldb, 1)), Int32(max(ldc, 1)))

    func calls(_ count: Int) -> Double {
        let t0 = benchNow()
        if let isa {
            for _ in 0..<count {
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        out.withUnsafeMutableBufferPointer { pc in
                            _ = smr_sgemm_using(isa, tA, tB, m, n, k, 1, pa.baseAddress, la,
                                                pb.baseAddress, lb, 0, pc.baseAddress, lc)
                        }
                    }
                }
            }
        } else {
            for _ in 0..<count {
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        out.withUnsafeMutableBufferPointer { pc in
                            smr_sgemm(tA, tB, m, n, k, 1, pa.baseAddress, la,
                                      pb.baseAddress, lb, 0, pc.baseAddress, lc)
                        }
                    }
                }
            }
        }
        return benchNow() - t0
    }

    var count = 1
    _ = calls(count)
    while true {  // warm up while sizing a repeat to at least 20 ms
        let t = calls(count)
        if t >= 0.02 { break }
        count = t < 0.002 ? count * 10 : Int(Double(count) * 0.025 / t) + 1
    }
    var times = (0..<11).map { _ in calls(count) / Double(count) }
    times.sort()
    return times[times.count / 2]
}

/// Elementwise kernels timed next to the GEMMs: name, CKernels function name, length.
let vmathCases: [(name: String, function: String, count: Int)] = [
    ("vexp 4096", "exp", 4096), ("vtanh 4096", "tanh", 4096), ("vsigmoid 4096", "sigmoid", 4096),
]

/// Median seconds per call of smr_vexp / smr_vtanh / smr_vsigmoid on inputs in [-8, 8).
func timeVectorMath(_ function: String, count: Int, isa: String?) -> Double {
    let x = benchValues(count, seed: 3).map { $0 * 8 }
    var y = [Float](repeating: 0, count: count)
    let n = Int32(count)
    func calls(_ repeats: Int) -> Double {
        let t0 = benchNow()
        for _ in 0..<repeats {
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    if let isa {
                        _ = smr_vmath_using(isa, function, n, px.baseAddress, py.baseAddress)
                    } else if function == "exp" {
                        smr_vexp(n, px.baseAddress, py.baseAddress)
                    } else if function == "tanh" {
                        smr_vtanh(n, px.baseAddress, py.baseAddress)
                    } else {
                        smr_vsigmoid(n, px.baseAddress, py.baseAddress)
                    }
                }
            }
        }
        return benchNow() - t0
    }
    var repeats = 1
    _ = calls(repeats)
    while true {
        let t = calls(repeats)
        if t >= 0.02 { break }
        repeats = t < 0.002 ? repeats * 10 : Int(Double(repeats) * 0.025 / t) + 1
    }
    var times = (0..<11).map { _ in calls(repeats) / Double(repeats) }
    times.sort()
    return times[times.count / 2]
}

func runMatmulBench(_ args: [String]) {
    let json = args.contains("--json")
    var isa: String? = nil
    if let i = args.firstIndex(of: "--isa"), i + 1 < args.count { isa = args[i + 1] }
    var filter: String? = nil
    if let i = args.firstIndex(of: "--filter"), i + 1 < args.count { filter = args[i + 1] }
    if let isa, smr_sgemm_using(isa, 0, 0, 0, 0, 0, 1, nil, 1, nil, 1, 0, nil, 1) == 0 {
        FileHandle.standardError.write("matmul: instruction set \(isa) not available\n".data(using: .utf8)!)
        exit(2)
    }

    let peakBefore = runFMAPeak()
    var results: [MatmulResult] = []
    for c in matmulCases() where filter.map({ c.name.contains($0) }) ?? true {
        let seconds = timeMatmul(c, isa: isa)
        let flops = 2.0 * Double(c.M) * Double(c.N) * Double(c.K)
        results.append(MatmulResult(matmulCase: c, gflops: flops / seconds / 1e9, microseconds: seconds * 1e6))
    }
    var vmath: [(name: String, count: Int, seconds: Double)] = []
    for v in vmathCases where filter.map({ v.name.contains($0) }) ?? true {
        vmath.append((v.name, v.count, timeVectorMath(v.function, count: v.count, isa: isa)))
    }
    let peak = max(peakBefore, runFMAPeak())  // measured before and after the cases
    let isaName = isa ?? String(cString: smr_kernel_isa())

    if json {
        var lines: [String] = []
        for r in results {
            let c = r.matmulCase
            lines.append("""
                {"name": "\(c.name)", "M": \(c.M), "N": \(c.N), "K": \(c.K), \
                "transA": \(c.transA), "transB": \(c.transB), \
                "gflops": \(r.gflops), "us": \(r.microseconds), "fraction_of_peak": \(r.gflops / peak)}
                """)
        }
        let vlines = vmath.map { v in
            "{\"name\": \"\(v.name)\", \"n\": \(v.count), \"us\": \(v.seconds * 1e6), "
                + "\"gelem_per_s\": \(Double(v.count) / v.seconds / 1e9)}"
        }
        print("{\"isa\": \"\(isaName)\", \"fma_peak_gflops\": \(peak), \"results\": [\n  "
              + lines.joined(separator: ",\n  ") + "\n], \"vmath\": [\n  "
              + vlines.joined(separator: ",\n  ") + "\n]}")
        return
    }
    print("smr_sgemm (\(isaName)), single thread; FMA peak \(String(format: "%.1f", peak)) GFLOP/s "
          + "(\(String(cString: smr_fma_peak_isa())))")
    if !results.isEmpty {
    let rows = results.map { r -> [String] in
        let c = r.matmulCase
        return [c.name, "\(c.M)×\(c.N)×\(c.K)", (c.transA ? "T" : "N") + (c.transB ? "T" : "N"),
                String(format: "%.2f", r.microseconds), String(format: "%.1f", r.gflops),
                String(format: "%.0f%%", 100 * r.gflops / peak)]
    }
    print(benchTable(["case", "M×N×K", "op", "µs/call", "GFLOP/s", "of peak"], rows,
                     rightAligned: [false, false, false, true, true, true]))
    }
    if !vmath.isEmpty {
        let vrows = vmath.map { v in
            [v.name, String(format: "%.2f", v.seconds * 1e6),
             String(format: "%.2f", v.seconds * 1e9 / Double(v.count)),
             String(format: "%.2f", Double(v.count) / v.seconds / 1e9)]
        }
        print(benchTable(["elementwise", "µs/call", "ns/element", "Gelem/s"], vrows,
                         rightAligned: [false, true, true, true]))
    }
}

/// A table in tabulate's rounded_outline style.
func benchTable(_ header: [String], _ rows: [[String]], rightAligned: [Bool]) -> String {
    let widths = header.indices.map { col in ([header] + rows).map { $0[col].count }.max()! }
    func line(_ l: String, _ m: String, _ r: String) -> String {
        l + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: m) + r
    }
    func row(_ cells: [String]) -> String {
        "│" + cells.indices.map { i in
            let pad = String(repeating: " ", count: widths[i] - cells[i].count)
            return " " + (rightAligned[i] ? pad + cells[i] : cells[i] + pad) + " "
        }.joined(separator: "│") + "│"
    }
    return ([line("╭", "┬", "╮"), row(header), line("├", "┼", "┤")] + rows.map(row)
            + [line("╰", "┴", "╯")]).joined(separator: "\n")
}
