import XCTest
@testable import SMRTensor

/// The fused normal log-density equals PyTorch's composed expression bit for bit — values
/// and the gradients of value, mean and std, also when std feeds another op (the entropy's
/// `log σ`) — and passes a finite-difference check.
final class NormalLogDensityTests: XCTestCase {
    static let c: Float = 0.918_938_5  // log √(2π) rounded to float

    func composed(_ x: Tensor, _ m: Tensor, _ s: Tensor) throws -> Tensor {
        try (-((x - m).pow(2))) / (2 * s.pow(2)) - s.log() - Self.c
    }

    func run(_ shape: [Int], seed: UInt64, withEntropy: Bool,
             _ f: (Tensor, Tensor, Tensor) throws -> Tensor) throws -> (out: [Float], grads: [[Float]]) {
        let n = Shape.count(shape)
        let x = try Tensor(testValues(n, seed: seed), shape: shape, requiresGrad: true)
        let m = try Tensor(testValues(n, seed: seed + 1), shape: shape, requiresGrad: true)
        let s = try Tensor(testValues(n, seed: seed + 2, low: 0.05, high: 3), shape: shape, requiresGrad: true)
        let y = try f(x, m, s)
        let w = try Tensor(testValues(n, seed: seed + 3), shape: shape)
        var loss = try (y * w).sum()
        if withEntropy { loss = try loss + (s.log() + 1.4189385).sum() }
        try loss.backward()
        return (y.data, [x, m, s].map { $0.grad?.data ?? [] })
    }

    func testEqualsTheComposedExpressionBitForBit() throws {
        for (shape, seed) in [([1], UInt64(1)), ([7], 2), ([3, 17], 3), ([2, 4, 5], 4)] {
            for entropy in [false, true] {
                let fused = try run(shape, seed: seed, withEntropy: entropy) {
                    try Tensor.normalLogDensity($0, mean: $1, std: $2, logSqrtTwoPi: Self.c)
                }
                let plain = try run(shape, seed: seed, withEntropy: entropy) { try composed($0, $1, $2) }
                XCTAssertEqual(fused.out, plain.out, "\(shape) values")
                for k in 0..<3 { XCTAssertEqual(fused.grads[k], plain.grads[k], "\(shape) entropy \(entropy): grad \(k)") }
                XCTAssertFalse(fused.grads.contains { $0.isEmpty })
            }
        }
    }

    func testOnlyTheInputsThatRequireGradReceiveOne() throws {
        let x = try Tensor([0.3, -1], shape: [2])
        let m = try Tensor([0.1, 0.2], shape: [2], requiresGrad: true)
        let s = try Tensor([0.5, 2], shape: [2])
        let y = try Tensor.normalLogDensity(x, mean: m, std: s, logSqrtTwoPi: Self.c)
        XCTAssertEqual(y.gradFnName, "SubBackward0")
        try y.sum().backward()
        XCTAssertNil(x.grad)
        XCTAssertNil(s.grad)
        XCTAssertEqual(m.grad?.data, try composedMeanGrad(x, m, s))
    }

    func composedMeanGrad(_ x: Tensor, _ m: Tensor, _ s: Tensor) throws -> [Float]? {
        let m2 = try Tensor(m.data, shape: m.shape, requiresGrad: true)
        try composed(x, m2, s).sum().backward()
        return m2.grad?.data
    }

    func testGradientsMatchFiniteDifferences() throws {
        try checkGradients("normal_log_density", inputs: [
            (testValues(6, seed: 9), [2, 3]), (testValues(6, seed: 10), [2, 3]),
            (testValues(6, seed: 11, low: 0.5, high: 2), [2, 3]),
        ]) { t in try Tensor.normalLogDensity(t[0], mean: t[1], std: t[2], logSqrtTwoPi: Self.c) }
    }

    func testMismatchedShapesAreAnError() {
        XCTAssertThrowsError(try Tensor.normalLogDensity(Tensor([1, 2], shape: [2]), mean: Tensor([1], shape: [1]),
                                                         std: Tensor([1, 1], shape: [2]), logSqrtTwoPi: Self.c))
    }
}
