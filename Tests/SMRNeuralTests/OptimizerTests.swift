import CKernels
import Foundation
import XCTest
@testable import SMRNeural
import SMRTensor

/// Parity of Adam / AdamW / SGD / clip_grad_norm_ with torch 2.15 (fixtures written by
/// `scripts/make_optim_fixtures.py`), kernel consistency across instruction sets, state
/// export / import, and (with SMR_BENCH=1) the timing of one Adam step over the SMR
/// policy's 283,779 values in 35 tensors.
final class OptimizerTests: XCTestCase {
    // MARK: - Parity with torch.optim

    func testOptimizerTrajectoriesMatchTorch() throws {
        let fixture = try OptimFixture.load("optim")
        let problem = try OptimFixture.dict(fixture["optimizers"])
        let shapes = try OptimFixture.array(problem["shapes"]).map { try OptimFixture.ints($0) }
        let initial = try OptimFixture.array(problem["initial"]).map { try OptimFixture.floats($0) }
        let grads: [[[Float]?]] = try OptimFixture.array(problem["grads"]).map { row in
            try OptimFixture.array(row).map { $0 is NSNull ? nil : try OptimFixture.floats($0) }
        }
        let cases = try OptimFixture.array(problem["cases"]).map { try OptimFixture.dict($0) }
        XCTAssertGreaterThanOrEqual(cases.count, 16)
        var worst: Float = 0
        defer {
            // Our arithmetic is torch's operation for operation; the only source of difference is
            // torch's MKL float sqrt (1 ulp off for ~15 % of inputs), so trajectories agree to a few ulps.
            XCTAssertLessThan(worst, 1e-6, "largest difference from torch over all optimizer trajectories")
            print("optimizer trajectories: largest |ours - torch| = \(worst)")
        }
        for c in cases {
            let name = try OptimFixture.string(c["name"])
            let kind = try OptimFixture.string(c["optimizer"])
            let options = try OptimFixture.dict(c["options"]).mapValues { try OptimFixture.double($0) }
            let order = try OptimFixture.ints(c["order"])
            let params = try zip(initial, shapes).map { try Tensor($0.0, shape: $0.1, requiresGrad: true) }
            let opt = try Self.makeOptimizer(kind, options: options, parameters: order.map { params[$0] })
            let steps = try OptimFixture.array(c["steps"])
            for (s, expectedStep) in steps.enumerated() {
                opt.zeroGrad()
                for (i, p) in params.enumerated() {
                    if let g = grads[s][i] { try p.setGrad(g) }
                }
                try opt.step()
                let expected = try OptimFixture.array(expectedStep).map { try OptimFixture.floats($0) }
                for (i, p) in params.enumerated() {
                    OptimFixture.assertClose(p.data, expected[i], "\(name) step \(s + 1) parameter \(i)")
                    for (a, e) in zip(p.data, expected[i]) { worst = Swift.max(worst, Swift.abs(a - e)) }
                }
            }
            // Final state: step counts and moment buffers, per distinct parameter.
            let expectedState = try OptimFixture.array(c["state"]).map { try OptimFixture.dict($0) }
            let state = opt.stateDict()
            for (i, e) in expectedState.enumerated() where !e.isEmpty {
                guard let entry = state.entries.first(where: { $0.index == i }) else {
                    XCTFail("\(name): no state for parameter \(i)"); continue
                }
                for (key, value) in e {
                    if key == "step" {
                        XCTAssertEqual(entry.step, try OptimFixture.double(value), "\(name) step count of \(i)")
                    } else {
                        OptimFixture.assertClose(entry.buffers[key] ?? [], try OptimFixture.floats(value), "\(name) \(key) of \(i)")
                    }
                }
            }
        }
    }

    static func makeOptimizer(_ kind: String, options o: [String: Double], parameters: [Tensor]) throws -> Optimizer {
        switch kind {
        case "Adam", "AdamW":
            let adamW = kind == "AdamW"
            let options = Adam.Options(lr: o["lr"] ?? 1e-3, betas: (o["beta1"] ?? 0.9, o["beta2"] ?? 0.999),
                                       eps: o["eps"] ?? 1e-8, weightDecay: o["weight_decay"] ?? (adamW ? 0.01 : 0),
                                       amsgrad: o["amsgrad"] == 1, maximize: o["maximize"] == 1)
            let group = ParameterGroup(parameters, options: options)
            return adamW ? try AdamW(groups: [group]) : try Adam(groups: [group])
        case "SGD":
            return try SGD(parameters, lr: o["lr"] ?? 1e-3, momentum: o["momentum"] ?? 0, dampening: o["dampening"] ?? 0,
                           weightDecay: o["weight_decay"] ?? 0, nesterov: o["nesterov"] == 1, maximize: o["maximize"] == 1)
        default:
            throw XCTSkip("unknown optimizer \(kind)")
        }
    }

    func testAdamDefaultsAreTorchs() throws {
        let p = Tensor([1, 2, 3], requiresGrad: true)
        let adam = try Adam([p])
        XCTAssertEqual(adam.groups[0].options, Adam.Options(lr: 1e-3, betas: (0.9, 0.999), eps: 1e-8, weightDecay: 0))
        let adamW = try AdamW([p])
        XCTAssertEqual(adamW.groups[0].options.weightDecay, 0.01)
        XCTAssertTrue(adamW.groups[0].options.decoupledWeightDecay)
        XCTAssertEqual(adamW.kind, "AdamW")
    }

    func testInvalidHyperparametersThrow() {
        let p = Tensor([1, 2], requiresGrad: true)
        XCTAssertThrowsError(try Adam([p], lr: -1))
        XCTAssertThrowsError(try Adam([p], betas: (1.0, 0.999)))
        XCTAssertThrowsError(try Adam([p], betas: (0.9, -0.1)))
        XCTAssertThrowsError(try Adam([p], eps: -1))
        XCTAssertThrowsError(try Adam([p], weightDecay: -1))
        XCTAssertThrowsError(try Adam([]))
        XCTAssertThrowsError(try SGD([p], lr: 0.1, nesterov: true))
        XCTAssertThrowsError(try SGD([p], lr: 0.1, momentum: -0.5))
        XCTAssertThrowsError(try SGD([], lr: 0.1))
    }

    func testParametersWithoutGradientAreSkipped() throws {
        let a = Tensor([1, 2], requiresGrad: true), b = Tensor([3, 4], requiresGrad: true)
        let opt = try Adam([a, b], lr: 0.1)
        try a.setGrad([1, -1])
        try opt.step()
        XCTAssertEqual(b.data, [3, 4])
        XCTAssertEqual(opt.stateDict().entries.map(\.index), [0])
        XCTAssertEqual(a.data[0], 0.9, accuracy: 1e-6)
    }

    // MARK: - Kernels

    /// Every instruction set performs the same IEEE operations: bit-identical results.
    func testAdamKernelIsIdenticalAcrossInstructionSets() throws {
        var rng = RandomGenerator(seed: 5)
        for n in [1, 7, 16, 31, 1013] {
            for amsgrad in [false, true] {
                let param = (0..<n).map { _ in Float(rng.normal()) }
                let grad = (0..<n).map { _ in Float(rng.normal()) }
                let m0 = (0..<n).map { _ in Float(rng.normal()) * 0.1 }
                let v0 = (0..<n).map { _ in Float(rng.uniform()) * 0.1 }
                let x0 = (0..<n).map { _ in Float(rng.uniform()) * 0.1 }
                var h = Adam.hyper(Adam.Options(lr: 0.01, betas: (0.3, 0.99), weightDecay: 0.1, maximize: n % 2 == 0), step: 3)
                var results: [String: [[Float]]] = [:]
                for isa in ["portable", "avx2", "avx512"] {
                    var p = param, m = m0, v = v0, x = x0
                    let ran = p.withUnsafeMutableBufferPointer { pp in
                        m.withUnsafeMutableBufferPointer { mp in
                            v.withUnsafeMutableBufferPointer { vp in
                                x.withUnsafeMutableBufferPointer { xp in
                                    smr_adam_update_using(isa, n, pp.baseAddress, grad, mp.baseAddress, vp.baseAddress,
                                                          amsgrad ? xp.baseAddress : nil, &h)
                                }
                            }
                        }
                    }
                    if ran != 0 { results[isa] = [p, m, v, x] }
                }
                let reference = try XCTUnwrap(results["portable"])
                for (isa, r) in results {
                    for k in 0..<4 {
                        XCTAssertEqual(r[k].map(\.bitPattern), reference[k].map(\.bitPattern), "\(isa) n=\(n) amsgrad=\(amsgrad) buffer \(k)")
                    }
                }
            }
        }
    }

    /// The vector kernels divide by √(bias correction 2) without the divide unit (two Markstein
    /// corrections of x·RN(1/b)); the result must equal IEEE division for every significand of
    /// x (the sequence is exact under scaling by powers of two) and divisors of every kind:
    /// Adam's own bias corrections, significands near 1, √2 and 2, and random ones; plus 0, inf, NaN.
    func testDivisionByBiasCorrectionIsExactForEverySignificand() throws {
        var divisors: [Float] = [1, 0.5, 0.75, 1e-8, 3.1622776e-2]
        for step in [1.0, 2, 3, 10, 100, 1_000, 10_000] {
            for beta2 in [0.999, 0.99, 0.9, 0.5] { divisors.append(Float((1 - Foundation.pow(beta2, step)).squareRoot())) }
        }
        for bits: UInt32 in [0x3F80_0001, 0x3FB5_04F3, 0x3FB5_04F4, 0x3FFF_FFFF, 0x3F7F_FFFF] { divisors.append(Float(bitPattern: bits)) }
        var rng = RandomGenerator(seed: 11)
        for _ in 0..<8 { divisors.append(Float(bitPattern: 0x3F80_0000 | UInt32(try rng.integer(below: 1 << 23)))) }
        let significands = (0..<(1 << 23)).map { Float(bitPattern: 0x3F80_0000 | UInt32($0)) }
        let specials: [Float] = [0, .infinity, .nan, .leastNormalMagnitude, 1e19, 1e-30]
        var out = [Float](repeating: 0, count: significands.count)
        for isa in ["avx2", "avx512"] {
            for b in divisors {
                let ran = smr_div_by_constant_using(isa, significands.count, significands, b, &out)
                guard ran != 0 else { continue }
                var mismatches = 0
                for i in significands.indices where out[i].bitPattern != (significands[i] / b).bitPattern { mismatches += 1 }
                XCTAssertEqual(mismatches, 0, "\(isa) b=\(b)")
                var special = [Float](repeating: 0, count: specials.count)
                _ = smr_div_by_constant_using(isa, specials.count, specials, b, &special)
                for (x, q) in zip(specials, special) {
                    XCTAssertTrue(q.bitPattern == (x / b).bitPattern || (q.isNaN && x.isNaN), "\(isa) \(x)/\(b) gave \(q)")
                }
            }
        }
    }

    // MARK: - clip_grad_norm_

    func testClipGradNormMatchesTorch() throws {
        let fixture = try OptimFixture.load("optim")
        let cases = try OptimFixture.array(fixture["clip_grad_norm"]).map { try OptimFixture.dict($0) }
        let shapes = [[3, 4], [5], [2, 3, 2]]
        XCTAssertEqual(cases.count, 7)
        for c in cases {
            let name = try OptimFixture.string(c["name"])
            let grads = try OptimFixture.array(c["grads"]).map { try OptimFixture.floats($0) }
            let params = try shapes.map { try Tensor.zeros($0, requiresGrad: true) }
            let missing = try OptimFixture.ints(c["missing"])
            for (i, p) in params.enumerated() where !missing.contains(i) { try p.setGrad(grads[i]) }
            let order = try OptimFixture.ints(c["order"])
            let normType = try OptimFixture.double(c["norm_type"])
            let total = try clipGradNorm(order.map { params[$0] }, maxNorm: try OptimFixture.double(c["max_norm"]),
                                         normType: normType)
            OptimFixture.assertClose([total], [Float(try OptimFixture.double(c["total_norm"]))], "\(name) total norm")
            let clipped = try OptimFixture.array(c["clipped"])
            for (i, p) in params.enumerated() {
                if clipped[i] is NSNull {
                    XCTAssertNil(p.gradData, "\(name) parameter \(i)")
                } else {
                    OptimFixture.assertClose(p.gradData ?? [], try OptimFixture.floats(clipped[i]), "\(name) grad \(i)")
                }
            }
        }
    }

    func testClipGradNormEdgeCases() throws {
        let p = Tensor([1, 2], requiresGrad: true)
        XCTAssertEqual(try clipGradNorm([p], maxNorm: 1), 0)  // no gradient: norm 0, nothing to do
        try p.setGrad([3, 4])
        XCTAssertThrowsError(try clipGradNorm([p], maxNorm: 1, normType: -1))
        try p.setGrad([.nan, 1])
        XCTAssertThrowsError(try clipGradNorm([p], maxNorm: 1, errorIfNonfinite: true))
    }

    // MARK: - State export / import

    func testStateRoundTripContinuesIdentically() throws {
        for kind in ["Adam", "AdamW", "SGD"] {
            var rng = RandomGenerator(seed: 9)
            func tensors() throws -> [Tensor] {
                try [Tensor((0..<6).map { Float($0) / 3 }, shape: [2, 3], requiresGrad: true),
                     Tensor([0.5, -0.5, 1.5], requiresGrad: true)]
            }
            let a = try tensors(), b = try tensors()
            let options: [String: Double] = ["lr": 0.05, "amsgrad": 1, "momentum": 0.9]
            let optA = try Self.makeOptimizer(kind, options: options, parameters: [a[0], a[1], a[0]])
            let optB = try Self.makeOptimizer(kind, options: ["lr": 0.5], parameters: [b[0], b[1], b[0]])
            var gradients: [[[Float]]] = []
            for _ in 0..<5 { gradients.append(a.map { t in (0..<t.count).map { _ in Float(rng.normal()) } }) }
            for s in 0..<3 {
                for (t, g) in zip(a, gradients[s]) { try t.setGrad(g) }
                try optA.step()
            }
            for (x, y) in zip(a, b) { try y.assign(x.data) }
            try optB.load(optA.stateDict())
            XCTAssertEqual(optB.stateDict(), optA.stateDict(), kind)
            for s in 3..<5 {
                for (t, g) in zip(a, gradients[s]) { try t.setGrad(g) }
                for (t, g) in zip(b, gradients[s]) { try t.setGrad(g) }
                try optA.step()
                try optB.step()
            }
            for (x, y) in zip(a, b) { XCTAssertEqual(x.data, y.data, kind) }
        }
    }

    func testMismatchedStateIsRejectedAndChangesNothing() throws {
        let p = Tensor([1, 2, 3], requiresGrad: true)
        let q = Tensor([1, 2], requiresGrad: true)
        let opt = try Adam([p], lr: 0.1)
        try p.setGrad([1, 1, 1])
        try opt.step()
        let before = opt.stateDict()
        let other = try Adam([q], lr: 0.2)
        try q.setGrad([1, 1])
        try other.step()
        XCTAssertThrowsError(try opt.load(other.stateDict()))
        XCTAssertThrowsError(try opt.load(try SGD([p], lr: 0.1).stateDict()))
        var corrupt = before
        corrupt.entries[0].buffers["exp_avg"] = [1, 2]
        XCTAssertThrowsError(try opt.load(corrupt))
        corrupt = before
        corrupt.groups[0]["lr"] = -1
        XCTAssertThrowsError(try opt.load(corrupt))
        corrupt = before
        corrupt.entries[0].index = 5
        XCTAssertThrowsError(try opt.load(corrupt))
        XCTAssertEqual(opt.stateDict(), before)
    }

    // MARK: - Speed (SMR_BENCH=1)

    /// One Adam step over the SMR policy's parameter list: 35 tensors, 283,779 values
    /// (usefulness_vec listed twice). PyTorch 2.15 on this machine: 880 µs (1 thread).
    func testAdamStepSpeed() throws {
        guard ProcessInfo.processInfo.environment["SMR_BENCH"] == "1" else {
            throw XCTSkip("set SMR_BENCH=1 to time the Adam step")
        }
        var shapes: [[Int]] = []
        for _ in 0..<2 {  // two TransformerEncoderLayer(d_model=32, ff=2048): 12 tensors each
            shapes += [[96, 32], [96], [32, 32], [32], [2048, 32], [2048], [32, 2048], [32], [32], [32], [32], [32]]
        }
        shapes += [[32, 4], [32], [64, 32], [64], [3, 64], [3], [1, 64], [1]]
        let used = shapes.reduce(0) { $0 + $1.reduce(1, *) } + 2 * 32
        shapes.append([283_779 - used])
        var rng = RandomGenerator(seed: 1)
        var params = try shapes.map { s in
            try Tensor((0..<s.reduce(1, *)).map { _ in Float(rng.normal()) }, shape: s, requiresGrad: true)
        }
        let usefulness = Tensor([Float](repeating: 0.5, count: 32), requiresGrad: true)
        params.append(usefulness)
        let list = params + [usefulness]
        XCTAssertEqual(list.count, 35)
        XCTAssertEqual(list.reduce(0) { $0 + $1.count }, 283_779)
        for p in params { try p.setGrad((0..<p.count).map { _ in Float(rng.normal()) * 0.01 }) }
        let opt = try Adam(list, lr: 1e-3)
        let full = try Self.time { try opt.step() }
        // The same step with 35 tiny tensors: the per-step cost outside the kernel.
        let tiny = try (0..<34).map { _ in try Tensor.zeros([16], requiresGrad: true) }
        for t in tiny { try t.setGrad([Float](repeating: 0.01, count: 16)) }
        let tinyOpt = try Adam(tiny + [tiny[0]], lr: 1e-3)
        let overhead = try Self.time { try tinyOpt.step() }
        // The kernel alone over one contiguous buffer of 283,779 values.
        let n = 283_779
        var p = [Float](repeating: 0.1, count: n), m = [Float](repeating: 0, count: n), v = m
        let g = (0..<n).map { _ in Float(rng.normal()) * 0.01 }
        var h = Adam.hyper(Adam.Options(), step: 10)
        let kernel = try Self.time {
            p.withUnsafeMutableBufferPointer { pp in
                m.withUnsafeMutableBufferPointer { mp in
                    v.withUnsafeMutableBufferPointer { vp in
                        smr_adam_update(n, pp.baseAddress, g, mp.baseAddress, vp.baseAddress, nil, &h)
                    }
                }
            }
        }
        let isa = String(cString: smr_optim_isa())
        print(String(format: "Adam step, 35 tensors / 283,779 values (%@): median %.1f µs, min %.1f µs → %.1f× PyTorch's 880 µs (median)",
                     isa, full.median, full.min, 880 / full.median))
        print(String(format: "  kernel alone, one buffer of 283,779: median %.1f µs, min %.1f µs; per-step overhead (35 tensors of 16): median %.2f µs",
                     kernel.median, kernel.min, overhead.median))
    }

    /// Median and minimum µs per call over 15 batches of 100 calls, after 50 warm-up calls.
    static func time(_ body: () throws -> Void) throws -> (median: Double, min: Double) {
        for _ in 0..<50 { try body() }
        var samples: [Double] = []
        for _ in 0..<15 {
            let reps = 100
            let t0 = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<reps { try body() }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / Double(reps) / 1000)
        }
        samples.sort()
        return (samples[samples.count / 2], samples[0])
    }
}

/// Loading and comparing the JSON fixtures of `scripts/make_optim_fixtures.py`.
enum OptimFixture {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func load(_ name: String) throws -> [String: Any] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw XCTSkip("fixture \(name).json is missing; run scripts/make_optim_fixtures.py")
        }
        return try dict(JSONSerialization.jsonObject(with: Data(contentsOf: url)))
    }

    static func dict(_ any: Any?) throws -> [String: Any] {
        guard let d = any as? [String: Any] else { throw Malformed(description: "expected an object, got \(String(describing: any))") }
        return d
    }

    static func array(_ any: Any?) throws -> [Any] {
        guard let a = any as? [Any] else { throw Malformed(description: "expected an array, got \(String(describing: any))") }
        return a
    }

    static func string(_ any: Any?) throws -> String {
        guard let s = any as? String else { throw Malformed(description: "expected a string") }
        return s
    }

    static func double(_ any: Any?) throws -> Double {
        if let s = any as? String {
            switch s {
            case "inf": return .infinity
            case "-inf": return -.infinity
            case "nan": return .nan
            default: break
            }
        }
        if let n = any as? NSNumber { return n.doubleValue }
        if let d = any as? Double { return d }
        throw Malformed(description: "expected a number, got \(String(describing: any))")
    }

    static func floats(_ any: Any?) throws -> [Float] {
        try array(any).map { Float(try double($0)) }
    }

    static func ints(_ any: Any?) throws -> [Int] {
        try array(any).map { Int(try double($0)) }
    }

    /// A fixture tensor `{"shape": [...], "data": [...]}`.
    static func tensor(_ any: Any?, requiresGrad: Bool = false) throws -> Tensor {
        let d = try dict(any)
        return try Tensor(try floats(d["data"]), shape: try ints(d["shape"]), requiresGrad: requiresGrad)
    }

    /// Equal within 1e-5, absolute or relative (non-finite values must match exactly).
    static func assertClose(_ actual: [Float], _ expected: [Float], _ message: @autoclosure () -> String,
                            tolerance: Float = 1e-5, file: StaticString = #filePath, line: UInt = #line) {
        guard actual.count == expected.count else {
            XCTFail("\(message()): \(actual.count) values, expected \(expected.count)", file: file, line: line)
            return
        }
        for i in actual.indices {
            let a = actual[i], e = expected[i]
            if a == e || (a.isNaN && e.isNaN) { continue }
            let diff = Swift.abs(a - e)
            if !(diff <= tolerance || diff <= tolerance * Swift.abs(e)) {
                XCTFail("\(message()): value \(i) is \(a), expected \(e)", file: file, line: line)
                return
            }
        }
    }
}
