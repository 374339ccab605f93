/// Running mean/variance of rewards (the reference's `RewardNormalizer`): each batch moves
/// the statistics by its share of the total count (starting from mean 0, var 1, count 1e-4),
/// and `normalize` maps r to (r − mean) / (√var + ε).
public struct RewardNormalizer: Sendable, Equatable {
    public private(set) var mean = 0.0
    public private(set) var variance = 1.0
    public private(set) var count = 1e-4
    public let epsilon: Double

    public init(epsilon: Double = 1e-8) { self.epsilon = epsilon }

    /// Running statistics restored from a checkpoint.
    public init(mean: Double, variance: Double, count: Double, epsilon: Double = 1e-8) {
        self.mean = mean
        self.variance = variance
        self.count = count
        self.epsilon = epsilon
    }

    /// Folds a batch of rewards into the running statistics (no-op for an empty batch).
    public mutating func update(_ rewards: [Double]) {
        guard !rewards.isEmpty else { return }
        let n = Double(rewards.count)
        let batchMean = SampleStatistics.mean(rewards)
        let batchVar = SampleStatistics.variance(rewards, correction: 0)
        mean = (mean * count + batchMean * n) / (count + n)
        variance = (variance * count + batchVar * n) / (count + n)
        count += n
    }

    public func normalize(_ rewards: [Double]) -> [Double] {
        let scale = variance.squareRoot() + epsilon
        return rewards.map { ($0 - mean) / scale }
    }
}
