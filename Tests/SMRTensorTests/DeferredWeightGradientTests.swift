import XCTest
@testable import SMRTensor

/// Few-row weight gradients are stacked and added at the end of the backward pass
/// (`DeferredWeightGradients`); these tests compare that with adding each one at once
/// (anomaly mode turns the deferral off) on an episode-like chain of cells and linears.
final class DeferredWeightGradientTests: XCTestCase {
    /// A 30-step LSTM cell chain with a linear head per step, summed: every parameter's gradient.
    func chainGradients(deferred: Bool, steps: Int = 30, rows: Int = 1) throws -> [[Float]] {
        let hidden = 8, input = 3
        let params = try [([4 * hidden, input], 1), ([4 * hidden, hidden], 2), ([4 * hidden], 3), ([4 * hidden], 4),
                          ([2, hidden], 5), ([2], 6)].map { shape, seed in
            try Tensor(testValues(Shape.count(shape), seed: UInt64(seed), low: -0.5, high: 0.5), shape: shape, requiresGrad: true)
        }
        var h = try Tensor.zeros([rows, hidden]), c = try Tensor.zeros([rows, hidden])
        var total = Tensor(scalar: 0)
        for t in 0..<steps {
            let x = try Tensor(testValues(rows * input, seed: UInt64(100 + t), low: -1, high: 1), shape: [rows, input])
            let hc = try Tensor.lstmCell(x, h: h, c: c, weightIH: params[0], weightHH: params[1], biasIH: params[2], biasHH: params[3])
            h = try hc.slice(axis: 1, start: 0, end: hidden)
            c = try hc.slice(axis: 1, start: hidden, end: 2 * hidden)
            total = try total + Tensor.linear(h, weight: params[4], bias: params[5]).tanh().sum()
        }
        let anomaly = GradMode.detectAnomaly
        GradMode.detectAnomaly = !deferred
        defer { GradMode.detectAnomaly = anomaly }
        try total.backward()
        return params.map { $0.gradData ?? [] }
    }

    func testDeferredEqualsImmediateAccumulation() throws {
        for rows in [1, 3] {
            let deferred = try chainGradients(deferred: true, rows: rows)
            let immediate = try chainGradients(deferred: false, rows: rows)
            for (d, i) in zip(deferred, immediate) {
                XCTAssertEqual(d.count, i.count)
                for (a, b) in zip(d, i) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b))) }
            }
        }
    }

    func testNothingPendingAfterBackward() throws {
        _ = try chainGradients(deferred: true)
        XCTAssertNil(DeferredWeightGradients.current)
        // A second pass accumulates onto the first, as PyTorch does.
        let w = try Tensor([0.5, -0.25], shape: [1, 2], requiresGrad: true)
        let x = try Tensor([1, 2], shape: [1, 2])
        try Tensor.linear(x, weight: w, bias: nil).sum().backward()
        try Tensor.linear(x, weight: w, bias: nil).sum().backward()
        XCTAssertEqual(w.gradData, [2, 4])
    }
}
