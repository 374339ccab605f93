import Foundation
import XCTest
@testable import SMRNeural
import SMRTensor

/// Categorical / Normal / diagonal Gaussian against torch.distributions 2.15 (values and
/// gradients of a fixed scalar loss; fixtures from `scripts/make_optim_fixtures.py`),
/// sampling statistics, and argument validation.
final class DistributionTests: XCTestCase {
    private typealias F = OptimFixture

    // MARK: - Parity

    func testCategoricalMatchesTorch() throws {
        let fixture = try F.load("dist_values")
        let cases = try F.array(fixture["categorical"]).map { try F.dict($0) }
        XCTAssertEqual(cases.count, 6)
        for c in cases {
            let name = try F.string(c["name"])
            let input = try F.tensor(c["input"], requiresGrad: true)
            let dist = try F.string(c["kind"]) == "logits" ? try Categorical(logits: input) : try Categorical(probs: input)
            let actions = try F.tensor(c["actions"])
            let logProb = try dist.logProb(actions)
            let entropy = try dist.entropy()
            let expectedLogProb = try F.tensor(c["log_prob"])
            XCTAssertEqual(logProb.shape, expectedLogProb.shape, name)
            F.assertClose(logProb.data, expectedLogProb.data, "\(name) log_prob")
            F.assertClose(entropy.data, try F.tensor(c["entropy"]).data, "\(name) entropy")
            F.assertClose(dist.probs.data, try F.tensor(c["probs"]).data, "\(name) probs")
            F.assertClose(dist.logits.data, try F.tensor(c["logits_normalized"]).data, "\(name) logits")
            F.assertClose(dist.mode.data, try F.tensor(c["mode"]).data, "\(name) mode")
            guard c["grad_input"] != nil else { continue }
            let loss = try (logProb * F.tensor(c["weights_log_prob"])).sum() + (entropy * F.tensor(c["weights_entropy"])).sum()
            try loss.backward()
            F.assertClose(input.gradData ?? [], try F.tensor(c["grad_input"]).data, "\(name) gradient")
        }
    }

    func testNormalMatchesTorch() throws {
        let fixture = try F.load("dist_values")
        let cases = try F.array(fixture["normal"]).map { try F.dict($0) }
        XCTAssertEqual(cases.count, 3)
        for c in cases {
            let name = try F.string(c["name"])
            let mean = try F.tensor(c["loc"], requiresGrad: true)
            let std = try F.tensor(c["scale"], requiresGrad: true)
            let value = try F.tensor(c["value"], requiresGrad: true)
            let logProb: Tensor, entropy: Tensor
            if c["diagonal"] as? Bool == true {
                let d = try DiagonalGaussian(mean: mean, std: std)
                logProb = try d.logProb(value)
                entropy = try d.entropy()
            } else {
                let d = try Normal(mean: mean, std: std)
                logProb = try d.logProb(value)
                entropy = try d.entropy()
            }
            F.assertClose(logProb.data, try F.tensor(c["log_prob"]).data, "\(name) log_prob")
            F.assertClose(entropy.data, try F.tensor(c["entropy"]).data, "\(name) entropy")
            XCTAssertEqual(logProb.shape, try F.tensor(c["log_prob"]).shape, name)
            let loss = try (logProb * F.tensor(c["weights_log_prob"])).sum() + (entropy * F.tensor(c["weights_entropy"])).sum()
            try loss.backward()
            F.assertClose(mean.gradData ?? [], try F.tensor(c["grad_loc"]).data, "\(name) d/dmean")
            F.assertClose(std.gradData ?? [], try F.tensor(c["grad_scale"]).data, "\(name) d/dstd")
            F.assertClose(value.gradData ?? [], try F.tensor(c["grad_value"]).data, "\(name) d/dvalue")
        }
    }

    func testDiagonalGaussianWithLogStdMatchesSB3() throws {
        let c = try F.dict(try F.load("dist_values")["diag_gaussian_sb3"])
        let mean = try F.tensor(c["mean"], requiresGrad: true)
        let logStd = try F.tensor(c["log_std"], requiresGrad: true)
        let d = try DiagonalGaussian(mean: mean, logStd: logStd)
        let logProb = try d.logProb(F.tensor(c["actions"]))
        let entropy = try d.entropy()
        XCTAssertEqual(logProb.shape, [4])
        XCTAssertEqual(d.batchShape, [4])
        F.assertClose(logProb.data, try F.tensor(c["log_prob"]).data, "log_prob")
        F.assertClose(entropy.data, try F.tensor(c["entropy"]).data, "entropy")
        let loss = try (logProb * F.tensor(c["weights_log_prob"])).sum() + (entropy * F.tensor(c["weights_entropy"])).sum()
        try loss.backward()
        F.assertClose(mean.gradData ?? [], try F.tensor(c["grad_mean"]).data, "d/dmean")
        F.assertClose(logStd.gradData ?? [], try F.tensor(c["grad_log_std"]).data, "d/dlog_std")
    }

    // MARK: - Sampling

    func testCategoricalSamplingFrequencies() throws {
        let dist = try Categorical(probs: Tensor([0.1, 0.2, 0.7, 0.5, 0.5, 0], shape: [2, 3]))
        var rng = RandomGenerator(seed: 3)
        let n = 20_000
        let draws = try dist.sampleIndices(sampleShape: [n], generator: &rng)
        XCTAssertEqual(draws.count, 2 * n)
        var counts = [[Int]](repeating: [0, 0, 0], count: 2)
        for (i, a) in draws.enumerated() { counts[i % 2][a] += 1 }
        XCTAssertEqual(Double(counts[0][2]) / Double(n), 0.7, accuracy: 0.015)
        XCTAssertEqual(Double(counts[0][0]) / Double(n), 0.1, accuracy: 0.01)
        XCTAssertEqual(counts[1][2], 0, "zero-probability category drawn")
        let sample = try dist.sample(sampleShape: [5], generator: &rng)
        XCTAssertEqual(sample.shape, [5, 2])
        XCTAssertFalse(sample.requiresGrad)
        // Same seed, same draws.
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42)
        XCTAssertEqual(try dist.sampleIndices(sampleShape: [10], generator: &a),
                       try dist.sampleIndices(sampleShape: [10], generator: &b))
    }

    func testNormalSamplingAndReparameterisation() throws {
        let mean = Tensor([1, -2], requiresGrad: true)
        let std = Tensor([0.5, 2], requiresGrad: true)
        let d = try Normal(mean: mean, std: std)
        var rng = RandomGenerator(seed: 8)
        let s = try d.sample(sampleShape: [20_000], generator: &rng)
        XCTAssertEqual(s.shape, [20_000, 2])
        XCTAssertFalse(s.requiresGrad)
        let col0 = stride(from: 0, to: s.count, by: 2).map { Double(s.data[$0]) }
        let m0 = col0.reduce(0, +) / Double(col0.count)
        let v0 = col0.reduce(0) { $0 + ($1 - m0) * ($1 - m0) } / Double(col0.count)
        XCTAssertEqual(m0, 1, accuracy: 0.02)
        XCTAssertEqual(v0.squareRoot(), 0.5, accuracy: 0.02)
        let r = try d.rsample(generator: &rng)
        try r.sum().backward()
        XCTAssertEqual(mean.gradData ?? [], [1, 1])  // d(μ + εσ)/dμ = 1
        XCTAssertNotNil(std.gradData)                 // d/dσ = ε
        XCTAssertEqual(d.mode.data, [1, -2])
    }

    // MARK: - Validation

    func testInvalidArgumentsThrow() throws {
        XCTAssertThrowsError(try Categorical(logits: Tensor(scalar: 1)))
        XCTAssertThrowsError(try Categorical(logits: Tensor([1, .nan, 2])))
        XCTAssertThrowsError(try Categorical(logits: Tensor([1, .infinity])))
        XCTAssertThrowsError(try Categorical(logits: Tensor([-.infinity, -.infinity])))
        XCTAssertThrowsError(try Categorical(probs: Tensor([0.5, -0.1])))
        XCTAssertThrowsError(try Categorical(probs: Tensor([0, 0])))
        let c = try Categorical(logits: Tensor([0, 1, 2, 3, 4, 5], shape: [2, 3]))
        XCTAssertThrowsError(try c.logProb(Tensor([0, 3])))        // out of range
        XCTAssertThrowsError(try c.logProb(Tensor([0, -1])))       // negative
        XCTAssertThrowsError(try c.logProb(Tensor([0.5, 1])))      // not an integer
        XCTAssertThrowsError(try c.logProb(Tensor([0, 1, 2])))     // shape [3] vs batch [2]
        XCTAssertThrowsError(try c.logProb([0, 7]))
        XCTAssertNoThrow(try c.logProb(Tensor(scalar: 1)))          // broadcasts over the batch
        XCTAssertThrowsError(try Normal(mean: Tensor([0, 0]), std: Tensor([1, -1])))
        XCTAssertThrowsError(try Normal(mean: Tensor([0, 0]), std: Tensor([1, 0])))
        XCTAssertThrowsError(try Normal(mean: Tensor([.nan]), std: 1))
        XCTAssertThrowsError(try Normal(mean: Tensor([0, 0]), std: Tensor([1, 1, 1])))
        let n = try Normal(mean: Tensor([0, 0]), std: 1)
        XCTAssertThrowsError(try n.logProb(Tensor([0, 0, 0])))
        XCTAssertThrowsError(try n.logProb(Tensor([.nan, 0])))
        XCTAssertThrowsError(try DiagonalGaussian(mean: Tensor(scalar: 0), std: Tensor(scalar: 1)))
        XCTAssertThrowsError(try DiagonalGaussian(mean: Tensor([0, 0]), logStd: Tensor([0, 0, 0])))
        do {
            _ = try Normal(mean: Tensor([0]), std: Tensor([-2]))
        } catch {
            XCTAssertTrue("\(error)".contains("std must be positive"), "\(error)")
        }
    }

    func testIntegerActionLogProbMatchesTensorActions() throws {
        let logits = Tensor([0.1, 0.5, -0.3, 2, 1, 0], requiresGrad: true)
        let c = try Categorical(logits: try logits.reshape([2, 3]))
        XCTAssertEqual(try c.logProb([2, 0]).data, try c.logProb(Tensor([2, 0])).data)
        XCTAssertEqual(c.modeIndices, [1, 0])
        XCTAssertEqual(c.batchShape, [2])
        XCTAssertEqual(c.categoryCount, 3)
    }

    /// `sample()` skips the graph's intermediates but draws and computes exactly what
    /// `rsample().detach()` does.
    func testNormalSampleEqualsDetachedReparameterisedDraw() throws {
        let mean = try Tensor([0.3, -1.2, 2], shape: [3], requiresGrad: true)
        let d = try Normal(mean: mean, std: Tensor([0.1, 0.5, 2], shape: [3]))
        var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
        let s = try d.sample(generator: &a)
        let r = try d.rsample(generator: &b).detach()
        XCTAssertEqual(s.data, r.data)
        XCTAssertEqual(s.shape, [3])
        XCTAssertFalse(s.requiresGrad)
        XCTAssertEqual(a.state, b.state)
    }
}
