import XCTest
@testable import SMRTensor

/// Gradient checks of the elementwise ops, including broadcasting.
final class ElementwiseGradientTests: XCTestCase {
    let broadcastCases: [([Int], [Int])] = [
        ([2, 3], [2, 3]), ([2, 3], [3]), ([3], [2, 3]), ([2, 1, 3], [4, 1]), ([2, 3], []), ([], [2, 3]),
        ([4, 1], [1, 5]),
    ]

    func testAddSubMulWithBroadcasting() throws {
        for (sa, sb) in broadcastCases {
            let a = (testValues(Shape.count(sa), seed: 1), sa), b = (testValues(Shape.count(sb), seed: 2), sb)
            try checkGradients("add \(sa) \(sb)", inputs: [a, b]) { try $0[0] + $0[1] }
            try checkGradients("sub \(sa) \(sb)", inputs: [a, b]) { try $0[0] - $0[1] }
            try checkGradients("mul \(sa) \(sb)", inputs: [a, b]) { try $0[0] * $0[1] }
        }
    }

    func testDivWithBroadcasting() throws {
        for (sa, sb) in broadcastCases {
            let a = (testValues(Shape.count(sa), seed: 3), sa)
            let b = (testValues(Shape.count(sb), seed: 4, low: 0.5, high: 2), sb)
            try checkGradients("div \(sa) \(sb)", inputs: [a, b], step: 1e-3) { try $0[0] / $0[1] }
        }
    }

    func testPowTensorAndScalar() throws {
        let a = (testValues(6, seed: 5, low: 0.5, high: 2), [2, 3])
        let b = (testValues(3, seed: 6, low: -1.5, high: 2.5), [3])
        try checkGradients("pow tensor", inputs: [a, b], step: 1e-3) { try Tensor.pow($0[0], $0[1]) }
        try checkGradients("pow 3", inputs: [a], step: 1e-3) { $0[0].pow(3) }
        try checkGradients("pow 2", inputs: [(testValues(6, seed: 7), [6])]) { $0[0].pow(2) }
        try checkGradients("pow -0.5", inputs: [a], step: 1e-3) { $0[0].pow(-0.5) }
    }

    func testScalarArithmetic() throws {
        let a = (testValues(6, seed: 8), [2, 3])
        try checkGradients("scalar mix", inputs: [a]) { (2 * $0[0] + 1) / 4 - 3 }
        try checkGradients("neg", inputs: [a]) { -$0[0] }
        try checkGradients("rsub", inputs: [a]) { 1 - $0[0] }
    }

    func testUnaryFunctions() throws {
        let x = (testValues(12, seed: 9), [3, 4])
        let positive = (testValues(12, seed: 10, low: 0.3, high: 3), [3, 4])
        try checkGradients("exp", inputs: [x], step: 1e-3) { $0[0].exp() }
        try checkGradients("log", inputs: [positive], step: 1e-3) { $0[0].log() }
        try checkGradients("sqrt", inputs: [positive], step: 1e-3) { $0[0].sqrt() }
        try checkGradients("tanh", inputs: [x], step: 1e-3) { $0[0].tanh() }
        try checkGradients("sigmoid", inputs: [x], step: 1e-3) { $0[0].sigmoid() }
        let kinked = (testValues(12, seed: 11, avoid: [0]), [3, 4])
        try checkGradients("relu", inputs: [kinked]) { $0[0].relu() }
        try checkGradients("abs", inputs: [kinked]) { $0[0].abs() }
    }

    func testClamp() throws {
        let x = (testValues(20, seed: 12, avoid: [-0.5, 0.7]), [20])
        try checkGradients("clamp both", inputs: [x]) { try $0[0].clamp(min: -0.5, max: 0.7) }
        try checkGradients("clamp min", inputs: [x]) { try $0[0].clamp(min: -0.5) }
        try checkGradients("clamp max", inputs: [x]) { try $0[0].clamp(max: 0.7) }
        let y = try Tensor([-1, 0.2, 3], shape: [3]).clamp(min: -0.5, max: 0.7)
        XCTAssertEqual(y.data, [-0.5, 0.2, 0.7])
    }

    func testWhereAndMaskedFill() throws {
        let cond = try Tensor([1, 0, 1, 0, 0, 1], shape: [2, 3])
        let a = (testValues(6, seed: 13), [2, 3]), b = (testValues(3, seed: 14), [3])
        try checkGradients("where", inputs: [a, b]) { try Tensor.where(cond, $0[0], $0[1]) }
        let mask = try Tensor([0, 1, 0], shape: [3])
        try checkGradients("masked_fill", inputs: [a]) { try $0[0].maskedFill(mask, value: -9) }
        let filled = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]).maskedFill(mask, value: -9)
        XCTAssertEqual(filled.data, [1, -9, 3, 4, -9, 6])
    }

    func testBroadcastTo() throws {
        let a = (testValues(3, seed: 15), [3, 1])
        try checkGradients("broadcast", inputs: [a]) { try $0[0].broadcast(to: [2, 3, 4]) }
    }

    func testForwardValues() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([10, 20, 30])
        XCTAssertEqual(try (a + b).data, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual(try (a * Tensor(scalar: 2)).data, [2, 4, 6, 8, 10, 12])
        XCTAssertEqual(try (Tensor([1, 2, 3, 4], shape: [4, 1]) - Tensor([1, 2], shape: [1, 2])).shape, [4, 2])
        XCTAssertEqual(Tensor([0, -1, 2]).relu().data, [0, 0, 2])
        XCTAssertEqual(Tensor([-100, 100]).sigmoid().data[0], 3.7835e-44, accuracy: 1e-46)
        XCTAssertEqual(Tensor([-100, 100]).sigmoid().data[1], 1)
    }

    func testParameterisedActivationGradients() throws {
        let a = (testValues(8, seed: 21, low: -3, high: 3), [2, 4])
        try checkGradients("gelu", inputs: [a]) { $0[0].gelu() }
        try checkGradients("gelu tanh", inputs: [a]) { $0[0].gelu(approximate: true) }
        try checkGradients("leaky relu", inputs: [a]) { $0[0].leakyRelu(negativeSlope: 0.2) }
        try checkGradients("elu", inputs: [a]) { $0[0].elu(alpha: 0.7) }
        try checkGradients("softplus", inputs: [a]) { $0[0].softplus(beta: 2, threshold: 4) }
    }

    func testElementwiseLossGradients() throws {
        let x = (testValues(6, seed: 22, low: -2, high: 2), [2, 3]), t = (testValues(6, seed: 23, low: -2, high: 2), [2, 3])
        try checkGradients("smooth l1", inputs: [x, t]) { try $0[0].smoothL1Loss($0[1], beta: 0.7) }
        try checkGradients("huber", inputs: [x, t]) { try $0[0].huberLoss($0[1], delta: 0.6, reduction: .sum) }
        try checkGradients("bce with logits", inputs: [x, t]) { try $0[0].binaryCrossEntropyWithLogits($0[1], reduction: .none) }
        let p = (testValues(6, seed: 24, low: 0.1, high: 0.9), [2, 3]), q = (testValues(6, seed: 25, low: 0, high: 1), [2, 3])
        try checkGradients("bce", inputs: [p, q], step: 1e-3) { try $0[0].binaryCrossEntropy($0[1]) }
    }
}
