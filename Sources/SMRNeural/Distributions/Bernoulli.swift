import SMRTensor

/// A batch of Bernoulli distributions over {0, 1}, parameterised by probabilities or by
/// logits, as `torch.distributions.Bernoulli`. `logProb` and `entropy` are
/// `binary_cross_entropy_with_logits` as in PyTorch, so gradients flow to the parameter.
///
/// ```swift
/// let dist = try Bernoulli(logits: head(x))
/// let a = try dist.sample(generator: &rng)     // 0. / 1. floats
/// let lp = try dist.logProb(a)
/// ```
public struct Bernoulli: Distribution {
    /// Probabilities of 1 (PyTorch `.probs`; `sigmoid(logits)` when built from logits).
    public let probs: Tensor
    /// Log-odds (PyTorch `.logits`; `log p − log1p(−p)` of the clamped probs when built from probs).
    public let logits: Tensor
    /// The parameter's shape.
    public var batchShape: [Int] { probs.shape }

    /// From probabilities in [0, 1]; throws for values outside (PyTorch's argument validation).
    public init(probs: Tensor) throws {
        if let p = probs.data.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw DistributionError.invalidParameter(distribution: "Bernoulli", reason: "probs must be in [0, 1], got \(p)")
        }
        self.probs = probs
        // PyTorch `probs_to_logits(probs, is_binary=True)`.
        let eps = Float.ulpOfOne
        let clamped = try probs.clamp(min: eps, max: 1 - eps)
        self.logits = try clamped.log() - (try (1 - clamped).log())
    }

    /// From log-odds (any real numbers; NaN throws).
    public init(logits: Tensor) throws {
        if logits.data.contains(where: { $0.isNaN }) {
            throw DistributionError.invalidParameter(distribution: "Bernoulli", reason: "logits must be real numbers, got nan")
        }
        self.logits = logits
        self.probs = logits.sigmoid()
    }

    /// `log p(value)` = −BCE-with-logits(logits, value), broadcast as PyTorch's `broadcast_all`.
    /// Throws for a value that is not 0 or 1 or does not broadcast.
    public func logProb(_ value: Tensor) throws -> Tensor {
        if let v = value.data.first(where: { $0 != 0 && $0 != 1 }) {
            throw DistributionError.invalidValue(distribution: "Bernoulli", reason: "value must be 0 or 1, got \(v)")
        }
        let shape: [Int]
        do { shape = try Shape.broadcast(logits.shape, value.shape, op: "Bernoulli.log_prob") } catch {
            throw DistributionError.invalidValue(
                distribution: "Bernoulli",
                reason: "value of shape \(Shape.describe(value.shape)) does not broadcast with the batch shape \(Shape.describe(batchShape))")
        }
        let x = logits.shape == shape ? logits : try logits.broadcast(to: shape)
        let t = value.shape == shape ? value : try value.broadcast(to: shape)
        return try -x.binaryCrossEntropyWithLogits(t, reduction: .none)
    }

    /// Entropy `BCE-with-logits(logits, probs)` of each distribution.
    public func entropy() throws -> Tensor {
        try logits.binaryCrossEntropyWithLogits(probs, reduction: .none)
    }

    /// Draws `sampleShape + batchShape` zeros and ones: element by element, a uniform float
    /// (24 bits of one word) below p gives 1, as `torch.bernoulli` on the CPU.
    public func sample(sampleShape: [Int], generator: inout RandomGenerator) throws -> Tensor {
        guard sampleShape.allSatisfy({ $0 >= 0 }) else {
            throw DistributionError.invalidValue(distribution: "Bernoulli", reason: "negative sample shape \(Shape.describe(sampleShape))")
        }
        let p = probs.data, n = Shape.count(sampleShape)
        var out = [Float](filled: 0, count: n * p.count)
        for i in 0..<out.count {
            out[i] = generator.uniformFloat() < p[i % max(p.count, 1)] ? 1 : 0
        }
        return try Tensor(out, shape: sampleShape + batchShape)
    }

    /// 1 where p > 0.5, 0 where p < 0.5, NaN where p is exactly 0.5 (PyTorch `mode`).
    public var mode: Tensor {
        let m = probs.data.map { $0 == 0.5 ? Float.nan : ($0 > 0.5 ? 1 : 0) }
        return (try? Tensor(m, shape: batchShape)) ?? Tensor(m)
    }

    /// The mean, `probs`.
    public var mean: Tensor { probs }
    /// The variance `p·(1 − p)`.
    public var variance: Tensor { (try? probs * (1 - probs)) ?? probs }
}
