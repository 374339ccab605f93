import SMRTensor

/// A batch of probability distributions whose parameters are tensors, so that log-prob
/// and entropy are differentiable (PyTorch `torch.distributions.Distribution`).
///
/// Policies return one of these; algorithms call `sample` in rollouts and `logProb` /
/// `entropy` in the loss.
public protocol Distribution {
    /// Shape of the batch of independent distributions.
    var batchShape: [Int] { get }
    /// Draws `sampleShape + batchShape` values with `generator`, outside the graph.
    func sample(sampleShape: [Int], generator: inout RandomGenerator) throws -> Tensor
    /// Log-density / log-mass of `value`, differentiable with respect to the parameters.
    func logProb(_ value: Tensor) throws -> Tensor
    /// Entropy of each distribution in the batch, differentiable.
    func entropy() throws -> Tensor
    /// The most likely value (greedy action), outside the graph.
    var mode: Tensor { get }
}

extension Distribution {
    /// One draw per distribution from `generator`.
    public func sample(generator: inout RandomGenerator) throws -> Tensor {
        try sample(sampleShape: [], generator: &generator)
    }

    /// One draw per distribution from the default stream (`GlobalRandom.generator`).
    public func sample(sampleShape: [Int] = []) throws -> Tensor {
        try sample(sampleShape: sampleShape, generator: &GlobalRandom.generator)
    }
}
