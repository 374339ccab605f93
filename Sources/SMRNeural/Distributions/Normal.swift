import Foundation
import SMRTensor

/// A batch of univariate normal distributions N(mean, std²), as
/// `torch.distributions.Normal`: `mean` and `std` broadcast to one batch shape, and
/// `logProb`, `entropy` and `rsample` are differentiable with respect to both.
///
///     log p(x) = -(x - μ)² / (2σ²) - log σ - log √(2π)
///     H        = 0.5 + 0.5·log(2π) + log σ
///
/// ```swift
/// let dist = try Normal(mean: actorMean, std: 0.1)
/// let action = try dist.sample(generator: &rng)
/// let logp = try dist.logProb(action)
/// ```
public struct Normal: Distribution {
    /// The means, broadcast to `batchShape`.
    public let mean: Tensor
    /// The standard deviations, broadcast to `batchShape`.
    public let std: Tensor
    /// The common broadcast shape of `mean` and `std`.
    public let batchShape: [Int]

    /// Throws if the shapes do not broadcast, a mean is NaN, or a std is not > 0
    /// (PyTorch's `real` and `positive` constraints).
    public init(mean: Tensor, std: Tensor) throws {
        let shape: [Int]
        do {
            shape = try Shape.broadcast(mean.shape, std.shape, op: "Normal")
        } catch {
            throw DistributionError.invalidParameter(
                distribution: "Normal",
                reason: "mean \(Shape.describe(mean.shape)) and std \(Shape.describe(std.shape)) do not broadcast")
        }
        if let m = mean.data.first(where: { $0.isNaN }) {
            throw DistributionError.invalidParameter(distribution: "Normal", reason: "mean must be a real number, got \(m)")
        }
        if let s = std.data.first(where: { !($0 > 0) }) {
            throw DistributionError.invalidParameter(distribution: "Normal", reason: "std must be positive, got \(s)")
        }
        self.mean = try mean.broadcast(to: shape)
        self.std = try std.broadcast(to: shape)
        self.batchShape = shape
    }

    /// A common standard deviation for every mean.
    public init(mean: Tensor, std: Float) throws {
        try self.init(mean: mean, std: Tensor(scalar: std))
    }

    /// log √(2π) as PyTorch's Python float, rounded once to float.
    static let logSqrtTwoPi = Float(Foundation.log((2 * Double.pi).squareRoot()))
    /// 0.5 + 0.5·log(2π) as PyTorch's Python float, rounded once to float.
    static let entropyConstant = Float(0.5 + 0.5 * Foundation.log(2 * Double.pi))

    /// Log-density of `value` (shape broadcastable with `batchShape`); throws for NaN values
    /// or incompatible shapes.
    public func logProb(_ value: Tensor) throws -> Tensor {
        try Self.checkValue(value, batchShape: batchShape, name: "Normal")
        if value.shape == batchShape {  // one op with the same arithmetic (the usual case)
            return try Tensor.normalLogDensity(value, mean: mean, std: std, logSqrtTwoPi: Self.logSqrtTwoPi)
        }
        let variance = std.pow(2)
        let logScale = std.log()
        return try (-((value - mean).pow(2))) / (2 * variance) - logScale - Self.logSqrtTwoPi
    }

    static func checkValue(_ value: Tensor, batchShape: [Int], name: String) throws {
        if let v = value.data.first(where: { $0.isNaN }) {
            throw DistributionError.invalidValue(distribution: name, reason: "value must be a real number, got \(v)")
        }
        guard (try? Shape.broadcast(value.shape, batchShape, op: name)) != nil else {
            throw DistributionError.invalidValue(
                distribution: name,
                reason: "value of shape \(Shape.describe(value.shape)) does not broadcast with the batch shape \(Shape.describe(batchShape))")
        }
    }

    /// Entropy of each distribution.
    public func entropy() throws -> Tensor {
        std.log() + Self.entropyConstant
    }

    /// Draws `sampleShape + batchShape` values outside the graph.
    public func sample(sampleShape: [Int], generator: inout RandomGenerator) throws -> Tensor {
        if sampleShape.isEmpty {
            // `mean + ε·std` without the graph's intermediate results (the same arithmetic).
            let eps = try Tensor.normal(batchShape, generator: &generator)
            let values = zip(mean.data, zip(eps.data, std.data)).map { m, es in m + es.0 * es.1 }
            return try Tensor(values, shape: batchShape)
        }
        return try GradMode.noGrad { try rsample(sampleShape: sampleShape, generator: &generator).detach() }
    }

    /// A reparameterised draw `mean + ε·std` with ε ~ N(0, 1), differentiable with respect
    /// to `mean` and `std` (PyTorch `rsample`).
    public func rsample(sampleShape: [Int] = [], generator: inout RandomGenerator) throws -> Tensor {
        guard sampleShape.allSatisfy({ $0 >= 0 }) else {
            throw DistributionError.invalidValue(distribution: "Normal", reason: "negative sample shape \(Shape.describe(sampleShape))")
        }
        let shape = sampleShape + batchShape
        let eps = try Tensor.normal(shape, generator: &generator)  // torch.normal(0, 1) then ·std + mean
        return try mean + eps * std
    }

    /// The mean (the most likely value).
    public var mode: Tensor { mean.detach() }
    /// The variance σ².
    public var variance: Tensor { std.pow(2) }
}
