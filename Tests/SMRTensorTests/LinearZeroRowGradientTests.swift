import XCTest
@testable import SMRTensor

/// `linear`'s backward skips output-gradient rows that are all zero (a model reading only
/// `encoder(x)[:, -1]`): the gradients must equal those of the same product written as
/// `x·Wᵀ + b` with generic ops, whatever rows are live.
final class LinearZeroRowGradientTests: XCTestCase {
    let rows = 10, inF = 24, outF = 40

    /// Gradients of x, W and b for `sum(f(x·Wᵀ + b) · mask)`, with the row mask `live`.
    func gradients(fused: Bool, live: [Bool]) throws -> [[Float]] {
        let x = try Tensor(testValues(rows * inF, seed: 1), shape: [rows, inF], requiresGrad: true)
        let w = try Tensor(testValues(outF * inF, seed: 2, low: -0.5, high: 0.5), shape: [outF, inF], requiresGrad: true)
        let b = try Tensor(testValues(outF, seed: 3), shape: [outF], requiresGrad: true)
        let y = fused ? try Tensor.linear(x, weight: w, bias: b) : try x.matmul(w.t()) + b
        var maskValues: [Float] = []
        for r in 0..<rows { maskValues += testValues(outF, seed: UInt64(10 + r)).map { live[r] ? $0 : 0 } }
        let mask = try Tensor(maskValues, shape: [rows, outF])
        try (y.tanh() * mask).sum().backward()
        return [x.gradData ?? [], w.gradData ?? [], b.gradData ?? []]
    }

    func testZeroRowsGiveTheFullProductsGradients() throws {
        let patterns: [[Int]] = [[9], [0], [2, 3, 4, 7], [0, 1, 2, 3, 4, 5, 6, 7, 8], Array(0..<10), []]
        for pattern in patterns {
            let live = (0..<rows).map { pattern.contains($0) }
            let fused = try gradients(fused: true, live: live)
            let reference = try gradients(fused: false, live: live)
            for (f, r) in zip(fused, reference) {
                XCTAssertEqual(f.count, r.count, "live rows \(pattern)")
                for (a, e) in zip(f, r) { XCTAssertEqual(a, e, accuracy: 1e-5 * max(1, abs(e)), "live rows \(pattern)") }
            }
        }
    }

    /// With every row zero the weight still gets a zero gradient (not None), as in PyTorch,
    /// so an optimizer still steps it.
    func testAllZeroRowsStillGiveZeroGradients() throws {
        let g = try gradients(fused: true, live: Array(repeating: false, count: rows))
        XCTAssertEqual(g[0], Array(repeating: 0, count: rows * inF))
        XCTAssertEqual(g[1], Array(repeating: 0, count: outF * inF))
        XCTAssertEqual(g[2], Array(repeating: 0, count: outF))
    }

    func testLiveRowRuns() {
        let width = 3
        func g(_ live: [Int]) -> [Float] {
            (0..<6).flatMap { r in live.contains(r) ? [0, 0, 1] : [0, 0, 0] }
        }
        XCTAssertNil(Tensor.liveRowRuns(g([0, 1, 2, 3, 4, 5]), rows: 6, width: width))
        XCTAssertEqual(Tensor.liveRowRuns(g([5]), rows: 6, width: width), [5..<6])
        XCTAssertEqual(Tensor.liveRowRuns(g([0, 1, 3, 4]), rows: 6, width: width), [0..<2, 3..<5])
        XCTAssertEqual(Tensor.liveRowRuns(g([]), rows: 6, width: width), [])
    }
}
