import SMRTensor

/// Independent normal distributions over the last axis, one vector action per batch row,
/// as Stable-Baselines3's `DiagGaussianDistribution`: log-probability and entropy are
/// summed over the action axis.
///
/// SB3 builds it from a state-independent `log_std` parameter:
/// ```swift
/// let dist = try DiagonalGaussian(mean: actorMean, logStd: logStd)   // [batch, actionDim], [actionDim]
/// let actions = try dist.rsample(generator: &rng)
/// let logp = try dist.logProb(actions)                               // [batch]
/// ```
public struct DiagonalGaussian: Distribution {
    /// The per-dimension normals.
    public let base: Normal
    /// Shape of the batch (the broadcast shape without the action axis).
    public var batchShape: [Int] { Array(base.batchShape.dropLast()) }

    /// From means and standard deviations (broadcast together; at least 1-D).
    public init(mean: Tensor, std: Tensor) throws {
        let normal = try Normal(mean: mean, std: std)
        guard !normal.batchShape.isEmpty else {
            throw DistributionError.invalidParameter(distribution: "DiagonalGaussian", reason: "mean must have an action axis (at least 1-D)")
        }
        base = normal
    }

    /// SB3's parameterisation: `std = ones_like(mean) * logStd.exp()`.
    public init(mean: Tensor, logStd: Tensor) throws {
        let std: Tensor
        do {
            std = try Tensor.ones(mean.shape) * logStd.exp()
        } catch {
            throw DistributionError.invalidParameter(
                distribution: "DiagonalGaussian",
                reason: "logStd \(Shape.describe(logStd.shape)) does not broadcast with mean \(Shape.describe(mean.shape))")
        }
        try self.init(mean: mean, std: std)
    }

    /// Log-density of each action vector, summed over the last axis.
    public func logProb(_ actions: Tensor) throws -> Tensor {
        try Normal.checkValue(actions, batchShape: base.batchShape, name: "DiagonalGaussian")
        return try base.logProb(actions).sum(axes: [-1])
    }

    /// Entropy of each action distribution, summed over the last axis.
    public func entropy() throws -> Tensor {
        try base.entropy().sum(axes: [-1])
    }

    /// Draws `sampleShape + batchShape + [actionDim]` values outside the graph.
    public func sample(sampleShape: [Int], generator: inout RandomGenerator) throws -> Tensor {
        try base.sample(sampleShape: sampleShape, generator: &generator)
    }

    /// A reparameterised draw (SB3 samples with `rsample`).
    public func rsample(sampleShape: [Int] = [], generator: inout RandomGenerator) throws -> Tensor {
        try base.rsample(sampleShape: sampleShape, generator: &generator)
    }

    /// The means.
    public var mode: Tensor { base.mode }
}
