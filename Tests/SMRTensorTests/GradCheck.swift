import XCTest
@testable import SMRTensor

/// One gradient check for every op: compares the autodiff gradient of
/// L = Σ wᵢ·f(x)ᵢ (fixed random weights w) with central finite differences of L,
/// where L is accumulated in Double from the Float outputs.
///
/// - Parameters:
///   - inputs: the values and shapes of the inputs; each becomes a leaf requiring grad.
///   - wrt: which inputs to check (default: all).
///   - step: the finite-difference step h.
///   - tolerance: allowed |analytic − numeric| relative to max(1, |numeric|).
func checkGradients(_ name: String, inputs: [(values: [Float], shape: [Int])], wrt: [Int]? = nil,
                    step: Float = 1e-2, tolerance: Double = 2e-3,
                    file: StaticString = #filePath, line: UInt = #line,
                    _ f: ([Tensor]) throws -> Tensor) throws {
    let leaves = try inputs.map { try Tensor($0.values, shape: $0.shape, requiresGrad: true) }
    let out = try f(leaves)
    var rng = RandomGenerator(seed: 1234)
    let weights = (0..<out.count).map { _ in Float(rng.uniform(low: -1, high: 1)) }
    try out.backward(gradient: weights)

    func loss(_ values: [[Float]]) throws -> Double {
        let ts = try zip(values, inputs).map { try Tensor($0, shape: $1.shape) }
        let y = try GradMode.noGrad { try f(ts) }
        var s = 0.0
        for (v, w) in zip(y.data, weights) { s += Double(v) * Double(w) }
        return s
    }

    for i in wrt ?? Array(inputs.indices) {
        guard let analytic = leaves[i].gradData else {
            XCTFail("\(name): input \(i) received no gradient", file: file, line: line)
            continue
        }
        var values = inputs.map(\.values)
        for j in 0..<values[i].count {
            let x = values[i][j]
            values[i][j] = x + step
            let up = try loss(values)
            values[i][j] = x - step
            let down = try loss(values)
            values[i][j] = x
            let numeric = (up - down) / (2 * Double(step))
            let error = abs(Double(analytic[j]) - numeric)
            if error > tolerance * max(1, abs(numeric)) {
                XCTFail("\(name): d/dinput\(i)[\(j)] analytic \(analytic[j]) vs numeric \(numeric)", file: file, line: line)
                return
            }
        }
    }
}

/// Deterministic test values in [low, high), optionally kept at least `gap` away from
/// the points in `avoid` (kinks such as 0 for relu).
func testValues(_ count: Int, seed: UInt64, low: Float = -2, high: Float = 2,
                avoid: [Float] = [], gap: Float = 0.05) -> [Float] {
    var rng = RandomGenerator(seed: seed)
    var out: [Float] = []
    while out.count < count {
        let v = Float(rng.uniform(low: Double(low), high: Double(high)))
        if avoid.allSatisfy({ abs(v - $0) > gap }) { out.append(v) }
    }
    return out
}
