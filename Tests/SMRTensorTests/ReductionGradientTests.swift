import XCTest
@testable import SMRTensor

/// Gradient checks of reductions, softmax, normalisation and losses.
final class ReductionGradientTests: XCTestCase {
    let x = (testValues(24, seed: 21), [2, 3, 4])

    func testSumMeanOverAxes() throws {
        for axes: [Int]? in [nil, [0], [1], [-1], [0, 2], [1, 2]] {
            for keep in [false, true] {
                try checkGradients("sum \(String(describing: axes)) keep \(keep)", inputs: [x]) { try $0[0].sum(axes: axes, keepDim: keep) }
                try checkGradients("mean \(String(describing: axes)) keep \(keep)", inputs: [x]) { try $0[0].mean(axes: axes, keepDim: keep) }
            }
        }
        XCTAssertEqual(try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]).sum(axes: [1]).data, [6, 15])
        XCTAssertEqual(try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]).mean(axes: [0], keepDim: true).shape, [1, 3])
    }

    func testVarianceAndStd() throws {
        for axes: [Int]? in [nil, [1], [0, 2]] {
            try checkGradients("var \(String(describing: axes))", inputs: [x], step: 1e-3) { try $0[0].variance(axes: axes) }
            try checkGradients("var biased", inputs: [x], step: 1e-3) { try $0[0].variance(axes: axes, correction: 0, keepDim: true) }
            try checkGradients("std", inputs: [x], step: 1e-3) { try $0[0].std(axes: axes) }
        }
        let v = try Tensor([1, 2, 3, 4]).variance()
        XCTAssertEqual(v.data[0], 1.6666666, accuracy: 1e-6)
    }

    func testMaxMin() throws {
        let distinct = (Array((0..<24).map { Float(($0 * 7) % 24) * 0.1 - 1 }), [2, 3, 4])
        for axis in [0, 1, 2, -1] {
            try checkGradients("max \(axis)", inputs: [distinct]) { try $0[0].max(axis: axis).values }
            try checkGradients("min \(axis)", inputs: [distinct]) { try $0[0].min(axis: axis, keepDim: true).values }
        }
        try checkGradients("max all", inputs: [distinct]) { try $0[0].max() }
        let (values, indices) = try Tensor([1, 5, 2, 7, 0, 7], shape: [2, 3]).max(axis: 1)
        XCTAssertEqual(values.data, [5, 7])
        XCTAssertEqual(indices, [1, 0])
    }

    func testSoftmaxFamily() throws {
        for axis in [0, 1, 2, -1] {
            try checkGradients("softmax \(axis)", inputs: [x], step: 1e-3) { try $0[0].softmax(axis: axis) }
            try checkGradients("log_softmax \(axis)", inputs: [x], step: 1e-3) { try $0[0].logSoftmax(axis: axis) }
            try checkGradients("logsumexp \(axis)", inputs: [x], step: 1e-3) { try $0[0].logSumExp(axis: axis) }
        }
        let s = try Tensor([1000, 1001, 1002]).softmax()
        XCTAssertEqual(s.data.reduce(0, +), 1, accuracy: 1e-6)
        XCTAssertEqual(s.data[2], 0.66524096, accuracy: 1e-6)
    }

    func testLayerNorm() throws {
        let w = (testValues(4, seed: 22, low: 0.5, high: 1.5), [4]), b = (testValues(4, seed: 23), [4])
        try checkGradients("layer_norm affine", inputs: [x, w, b], step: 1e-3) {
            try $0[0].layerNorm(normalizedShape: [4], weight: $0[1], bias: $0[2])
        }
        try checkGradients("layer_norm plain", inputs: [x], step: 1e-3) { try $0[0].layerNorm(normalizedShape: [4]) }
        try checkGradients("layer_norm 2 axes", inputs: [x], step: 1e-3) { try $0[0].layerNorm(normalizedShape: [3, 4]) }
        let y = try Tensor([1, 2, 3, 4]).layerNorm(normalizedShape: [4])
        XCTAssertEqual(y.data[0], -1.3416355, accuracy: 1e-5)
    }

    func testLosses() throws {
        let pred = (testValues(6, seed: 24), [2, 3]), target = (testValues(6, seed: 25), [2, 3])
        try checkGradients("mse mean", inputs: [pred, target]) { try $0[0].mseLoss($0[1]) }
        try checkGradients("mse sum", inputs: [pred, target]) { try $0[0].mseLoss($0[1], reduction: .sum) }
        try checkGradients("mse none", inputs: [pred, target]) { try $0[0].mseLoss($0[1], reduction: .none) }
        let logits = (testValues(12, seed: 26), [4, 3])
        for r in [Reduction.mean, .sum, .none] {
            try checkGradients("cross_entropy \(r)", inputs: [logits], step: 1e-3) { try $0[0].crossEntropy(targets: [0, 2, 1, 2], reduction: r) }
        }
        try checkGradients("cross_entropy 1-D", inputs: [(testValues(3, seed: 27), [3])], step: 1e-3) { try $0[0].crossEntropy(targets: [1]) }
        let ce = try Tensor([1, 2, 3], shape: [1, 3]).crossEntropy(targets: [2])
        XCTAssertEqual(ce.data[0], 0.40760596, accuracy: 1e-6)
    }

    func testDropoutUsesItsMaskInBackward() throws {
        let values = testValues(1000, seed: 28)
        // A fresh generator per call: every evaluation draws the same mask.
        try checkGradients("dropout", inputs: [(values, [1000])]) { t in
            var g = RandomGenerator(seed: 5)
            return try t[0].dropout(p: 0.25, generator: &g)
        }
        var g2 = RandomGenerator(seed: 5)
        let y = try Tensor(values).dropout(p: 0.25, generator: &g2)
        let zeros = y.data.filter { $0 == 0 }.count
        XCTAssertTrue(zeros > 200 && zeros < 300, "dropped \(zeros) of 1000")
        for (a, b) in zip(y.data, values) where a != 0 { XCTAssertEqual(a, b / 0.75, accuracy: 1e-6) }
        XCTAssertTrue(try Tensor(values).dropout(p: 0.3, training: false) .data == values)
        XCTAssertTrue(try Tensor(values).dropout(p: 1).data.allSatisfy { $0 == 0 })
    }

    func testProdGradients() throws {
        let a = (testValues(6, seed: 11, low: 0.5, high: 1.5), [2, 3])
        try checkGradients("prod all", inputs: [a]) { try $0[0].prod() }
        try checkGradients("prod dim 1", inputs: [a]) { try $0[0].prod(axis: 1) }
        try checkGradients("prod dim 0 keepdim", inputs: [a]) { try $0[0].prod(axis: 0, keepDim: true) }
    }

    func testProdGradientIsExactWithZeros() throws {
        let x = try Tensor([2, 0, 3, 0, 5, 4], shape: [2, 3], requiresGrad: true)
        let p = try x.prod(axis: 1)
        XCTAssertEqual(p.data, [0, 0])
        XCTAssertEqual(p.shape, [2])
        try p.sum().backward()
        // Row 0 has one zero: only it gets the product of the others; row 1 likewise.
        XCTAssertEqual(x.gradData, [0, 6, 0, 20, 0, 0])
    }
}
