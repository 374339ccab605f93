import SMRTensor

/// A batch of categorical distributions over `0..<categoryCount`, parameterised by
/// unnormalised log-probabilities or by (unnormalised) probabilities, as
/// `torch.distributions.Categorical`. The last axis indexes categories; leading axes are
/// the batch. `logProb` and `entropy` are built from tensor ops, so gradients flow to the
/// logits (or probs).
///
/// ```swift
/// let dist = try Categorical(logits: policyHead(x))       // [batch, actions]
/// let action = try dist.sample(generator: &rng)            // [batch], float indices
/// let loss = try -(dist.logProb(action) * advantages).mean() - 0.01 * dist.entropy().mean()
/// ```
public struct Categorical: Distribution {
    /// Normalised log-probabilities: `logits - logsumexp(logits)` (PyTorch `.logits`).
    public let logits: Tensor
    /// Probabilities (PyTorch `.probs`).
    public let probs: Tensor
    /// Shape of the batch (the parameter's shape without the last axis).
    public let batchShape: [Int]
    /// Number of categories (the parameter's last axis).
    public let categoryCount: Int

    /// From unnormalised log-probabilities of shape `batch + [categories]`. Throws for a
    /// 0-D tensor, no categories, or a row whose normalised logits contain NaN (a NaN or
    /// +inf logit, or every logit -inf), as PyTorch's argument validation does.
    public init(logits: Tensor) throws {
        try Self.checkRank(logits, "logits")
        let normalized = try logits.logSoftmax(axis: -1)
        if let i = normalized.data.firstIndex(where: { $0.isNaN }) {
            throw DistributionError.invalidParameter(
                distribution: "Categorical",
                reason: "logits must be real numbers (not NaN, not +inf, not all -inf in a row); row \(i / logits.shape[logits.rank - 1]) is not")
        }
        self.logits = normalized
        self.probs = try normalized.softmax(axis: -1)
        self.batchShape = Array(logits.shape.dropLast())
        self.categoryCount = logits.shape[logits.rank - 1]
    }

    /// From non-negative (unnormalised) probabilities of shape `batch + [categories]`;
    /// each row is divided by its sum. Throws for negative, non-finite or all-zero rows.
    public init(probs: Tensor) throws {
        try Self.checkRank(probs, "probs")
        let k = probs.shape[probs.rank - 1]
        for (i, p) in probs.data.enumerated() where !(p >= 0 && p.isFinite) {
            throw DistributionError.invalidParameter(
                distribution: "Categorical", reason: "probs must be finite and non-negative, got \(p) in row \(i / k)")
        }
        let total = try probs.sum(axes: [-1], keepDim: true)
        if let i = total.data.firstIndex(where: { !($0 > 0) }) {
            throw DistributionError.invalidParameter(distribution: "Categorical", reason: "probs of row \(i) sum to zero")
        }
        let normalized = try probs / total
        // PyTorch `probs_to_logits`: log of the probabilities clamped to [eps, 1 - eps].
        let eps = Float.ulpOfOne
        self.probs = normalized
        self.logits = try normalized.clamp(min: eps, max: 1 - eps).log()
        self.batchShape = Array(probs.shape.dropLast())
        self.categoryCount = k
    }

    private static func checkRank(_ t: Tensor, _ name: String) throws {
        guard t.rank >= 1 else {
            throw DistributionError.invalidParameter(distribution: "Categorical", reason: "`\(name)` must be at least one-dimensional")
        }
        guard t.shape[t.rank - 1] > 0 else {
            throw DistributionError.invalidParameter(distribution: "Categorical", reason: "`\(name)` needs at least one category")
        }
    }

    /// Log-probability of each action (PyTorch `log_prob`). `actions` holds category
    /// indices as floats; its shape must broadcast with `batchShape` (e.g. `batchShape`
    /// itself, or `sampleShape + batchShape`). Throws for a non-integer or out-of-range action.
    public func logProb(_ actions: Tensor) throws -> Tensor {
        try logProb(indices: try Self.indices(of: actions, categoryCount: categoryCount), shape: actions.shape)
    }

    /// Log-probability of integer actions laid out with `shape` (default: `batchShape`).
    public func logProb(_ actions: [Int], shape: [Int]? = nil) throws -> Tensor {
        let shape = shape ?? (actions.count == Shape.count(batchShape) ? batchShape : [actions.count])
        guard Shape.count(shape) == actions.count else {
            throw DistributionError.invalidValue(distribution: "Categorical",
                                                 reason: "\(actions.count) actions cannot have shape \(Shape.describe(shape))")
        }
        for a in actions where a < 0 || a >= categoryCount {
            throw DistributionError.invalidValue(distribution: "Categorical",
                                                 reason: "action \(a) is outside 0..<\(categoryCount)")
        }
        return try logProb(indices: actions, shape: shape)
    }

    private func logProb(indices: [Int], shape: [Int]) throws -> Tensor {
        let outShape: [Int]
        do {
            outShape = try Shape.broadcast(shape, batchShape, op: "Categorical.log_prob")
        } catch {
            throw DistributionError.invalidValue(
                distribution: "Categorical",
                reason: "actions of shape \(Shape.describe(shape)) do not broadcast with the batch shape \(Shape.describe(batchShape))")
        }
        let actionStrides = Shape.broadcastStrides(shape, to: outShape)
        let batchStrides = Shape.broadcastStrides(batchShape, to: outShape)
        let outStrides = Shape.strides(outShape)
        let n = Shape.count(outShape)
        var flat = [Int](filled: 0, count: n)
        for i in 0..<n {
            var rest = i, a = 0, b = 0
            for d in 0..<outShape.count {
                let coordinate = rest / outStrides[d]
                rest -= coordinate * outStrides[d]
                a += coordinate * actionStrides[d]
                b += coordinate * batchStrides[d]
            }
            flat[i] = b * categoryCount + indices[a]
        }
        return try logits.reshape([logits.count]).indexSelect(axis: 0, indices: flat).reshape(outShape)
    }

    /// Validated integer indices of a float action tensor.
    static func indices(of actions: Tensor, categoryCount: Int) throws -> [Int] {
        try actions.data.map { v in
            guard v == v.rounded(), v >= 0, v < Float(categoryCount) else {
                throw DistributionError.invalidValue(
                    distribution: "Categorical", reason: "action \(v) is not an integer in 0..<\(categoryCount)")
            }
            return Int(v)
        }
    }

    /// Entropy of each distribution, `-Σ p·log p` (PyTorch clamps the logits at the
    /// most negative float first, so that -inf logits contribute 0 instead of NaN).
    public func entropy() throws -> Tensor {
        let clamped = try logits.clamp(min: -Float.greatestFiniteMagnitude)
        return try -(clamped * probs).sum(axes: [-1])
    }

    /// Draws `sampleShape + batchShape` category indices (as floats) with `generator`.
    public func sample(sampleShape: [Int], generator: inout RandomGenerator) throws -> Tensor {
        let draws = try sampleIndices(sampleShape: sampleShape, generator: &generator)
        return try Tensor(draws.map(Float.init), shape: sampleShape + batchShape)
    }

    /// Draws category indices as integers, row-major over `sampleShape + batchShape`.
    public func sampleIndices(sampleShape: [Int] = [], generator: inout RandomGenerator) throws -> [Int] {
        guard sampleShape.allSatisfy({ $0 >= 0 }) else {
            throw DistributionError.invalidValue(distribution: "Categorical", reason: "negative sample shape \(Shape.describe(sampleShape))")
        }
        let rows = Shape.count(batchShape), k = categoryCount, n = Shape.count(sampleShape)
        let p = probs.data
        // torch.multinomial(probs_2d, n, replacement=True).T: one draw per row when n is 1
        // (exponential races), n uniform draws per row over the cumulative sums otherwise.
        var out = [Int](filled: 0, count: n * rows)
        for r in 0..<rows {
            let row = Array(p[(r * k)..<((r + 1) * k)])
            if n == 1 {
                out[r] = try generator.categorical(probabilities: row)
            } else {
                let draws = try generator.multinomialWithReplacement(probabilities: row, samples: n)
                for (j, d) in draws.enumerated() { out[j * rows + r] = d }
            }
        }
        return out
    }

    /// The most likely category of each distribution (first one on ties), as floats.
    public var mode: Tensor {
        let m = modeIndices.map(Float.init)
        return (try? Tensor(m, shape: batchShape)) ?? Tensor(m)
    }

    /// The most likely category of each distribution, row-major over `batchShape`.
    public var modeIndices: [Int] {
        let k = categoryCount, p = probs.data
        return (0..<Shape.count(batchShape)).map { r in
            var best = 0
            for j in 1..<max(k, 1) where p[r * k + j] > p[r * k + best] { best = j }
            return best
        }
    }
}
