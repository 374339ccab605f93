// smr_vexp / smr_vtanh / smr_vsigmoid (CKernels) on every instruction set this CPU can
// run, against Double-precision references: error in units in the last place over dense
// sweeps of the whole useful range, special values (±0, ±inf, NaN, overflow, underflow
// into subnormals), lengths that leave a SIMD tail, and in-place use.
import CKernels
import Foundation
import XCTest

final class VectorMathTests: XCTestCase {
    static let isas: [String] = ["portable", "avx2", "avx512"].filter {
        smr_vmath_using($0, "exp", 0, nil, nil) != 0
    }

    static func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x)) }

    static let functions: [(name: String, reference: (Double) -> Double, maxULP: Double)] = [
        // Measured on this machine: exp 0.96 ulp, tanh 1.25, sigmoid 2.24 (SIMD);
        // glibc's own tanhf reaches 1.96.
        ("exp", { Foundation.exp($0) }, 1.5),
        ("tanh", { Foundation.tanh($0) }, 2.5),
        ("sigmoid", sigmoid, 2.5),
    ]

    /// |got - exact| in units of the float spacing at the exact value (subnormal spacing
    /// below the normal range). Infinite when NaN-ness or infinity disagree.
    func ulpError(_ got: Float, _ exact: Double) -> Double {
        if exact.isNaN || got.isNaN { return exact.isNaN && got.isNaN ? 0 : .infinity }
        let rounded = Float(exact)
        if rounded.isInfinite || got.isInfinite {
            if got == rounded { return 0 }
            // Exact value just past FLT_MAX: FLT_MAX is within an ulp.
            return abs(exact) < Double(Float.greatestFiniteMagnitude) * (1 + 1e-7) ? 1 : .infinity
        }
        return abs(Double(got) - exact) / Double(rounded.ulp)
    }

    func run(_ isa: String, _ name: String, _ x: [Float]) -> [Float] {
        var y = [Float](repeating: .nan, count: x.count)
        let ok = x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                smr_vmath_using(isa, name, Int32(x.count), px.baseAddress, py.baseAddress)
            }
        }
        XCTAssertEqual(ok, 1)
        return y
    }

    /// Evenly spaced points, ±10^e for e from -40 to 2 (tiny and subnormal inputs), and
    /// every special value.
    func inputs(from lo: Float, to hi: Float, count: Int) -> [Float] {
        var x = (0..<count).map { lo + (hi - lo) * Float($0) / Float(count - 1) }
        for e in stride(from: -40.0, through: 2.0, by: 0.01) { x += [Float(pow(10, e)), -Float(pow(10, e))] }
        x += [0, -0.0, 1e-30, -1e-30, 1e-8, -1e-8, Float.leastNonzeroMagnitude, -Float.leastNormalMagnitude,
              .infinity, -.infinity, .nan, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
              88.72283, 88.72284, 88.7, -87.33654, -87.34, -103.27, -103.98, -104, -120, 89, 100]
        return x
    }

    func testAgainstDoubleReference() {
        let ranges: [String: (Float, Float)] = ["exp": (-106, 90), "tanh": (-12, 12), "sigmoid": (-110, 110)]
        for isa in Self.isas {
            for (name, reference, maxULP) in Self.functions {
                let (lo, hi) = ranges[name]!
                let x = inputs(from: lo, to: hi, count: 400_003)
                let y = run(isa, name, x)
                var worst = 0.0, worstX: Float = 0
                for i in x.indices {
                    let e = ulpError(y[i], reference(Double(x[i])))
                    if e > worst { worst = e; worstX = x[i] }
                }
                XCTAssertLessThanOrEqual(worst, maxULP, "\(isa) \(name): \(worst) ulp at x = \(worstX)")
            }
        }
    }

    func testSpecialValues() {
        for isa in Self.isas {
            let x: [Float] = [.infinity, -.infinity, .nan, 0, -0.0, 200, -200]
            let e = run(isa, "exp", x), t = run(isa, "tanh", x), s = run(isa, "sigmoid", x)
            XCTAssertEqual(Array(e[0..<2]), [.infinity, 0], isa)
            XCTAssertTrue(e[2].isNaN && t[2].isNaN && s[2].isNaN, isa)
            XCTAssertEqual([e[3], e[4], e[5], e[6]], [1, 1, .infinity, 0], isa)
            XCTAssertEqual([t[0], t[1], t[5], t[6]], [1, -1, 1, -1], isa)
            XCTAssertEqual(t[4].sign, .minus, "tanh(-0) = -0 (\(isa))")
            XCTAssertEqual([s[0], s[1], s[3], s[5], s[6]], [1, 0, 0.5, 1, 0], isa)
        }
    }

    /// Every length up to 40 (SIMD tails), in place and out of place, equal to the
    /// element-at-a-time result.
    func testTailsAndInPlace() {
        for isa in Self.isas {
            for (name, _, _) in Self.functions {
                let all = (0..<40).map { Float($0) * 0.37 - 7 }
                let single = all.map { run(isa, name, [$0])[0] }
                for n in 0...40 {
                    var x = Array(all[0..<n])
                    let y = run(isa, name, x)
                    XCTAssertEqual(y, Array(single[0..<n]), "\(isa) \(name) n = \(n)")
                    x.withUnsafeMutableBufferPointer { p in
                        _ = smr_vmath_using(isa, name, Int32(n), p.baseAddress, p.baseAddress)
                    }
                    XCTAssertEqual(x, y, "\(isa) \(name) in place, n = \(n)")
                }
            }
        }
    }

    func testDispatchedEntryPoints() {
        let x: [Float] = [-3, -0.5, 0, 0.25, 2, 30]
        var y = [Float](repeating: 0, count: x.count)
        smr_vexp(Int32(x.count), x, &y)
        for i in x.indices { XCTAssertLessThanOrEqual(ulpError(y[i], Foundation.exp(Double(x[i]))), 1.5) }
        smr_vtanh(Int32(x.count), x, &y)
        for i in x.indices { XCTAssertLessThanOrEqual(ulpError(y[i], Foundation.tanh(Double(x[i]))), 2.5) }
        smr_vsigmoid(Int32(x.count), x, &y)
        for i in x.indices { XCTAssertLessThanOrEqual(ulpError(y[i], Self.sigmoid(Double(x[i]))), 2.5) }
    }
}
