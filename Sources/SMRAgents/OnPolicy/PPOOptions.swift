/// PPO's hyper-parameters with SB3's defaults (`stable_baselines3.PPO.__init__`).
public struct PPOOptions: Equatable, Sendable {
    /// Adam's learning rate (constant schedule).
    public var learningRate = 3e-4
    /// Environment steps per rollout (one environment).
    public var nSteps = 2048
    /// Minibatch size.
    public var batchSize = 64
    /// Passes over each rollout.
    public var nEpochs = 10
    /// Discount factor.
    public var gamma = 0.99
    /// GAE(λ) factor.
    public var gaeLambda = 0.95
    /// Policy ratio clip ε.
    public var clipRange = 0.2
    /// Value clip around the old values; nil (the default) leaves values unclipped.
    public var clipRangeVf: Double? = nil
    /// Normalise advantages per minibatch.
    public var normalizeAdvantage = true
    /// Entropy bonus coefficient.
    public var entCoef = 0.0
    /// Value loss coefficient.
    public var vfCoef = 0.5
    /// Global gradient-norm clip.
    public var maxGradNorm = 0.5
    /// Stop an update's epochs early once the approximate KL exceeds 1.5 × this.
    public var targetKL: Double? = nil
    /// Seed for the weights, sampling, minibatch shuffling and the environment; nil draws one
    /// from the global stream.
    public var seed: Int? = nil
    /// 0 silent, 1 the log box and SB3's messages.
    public var verbose = 0
    /// Hidden layers of the policy and value MLPs.
    public var piArch = [64, 64]
    public var vfArch = [64, 64]

    public init() {}

    /// Throws `ValueError`-style messages for values SB3 would reject or that cannot train.
    public func validate(function: String = "PPO") throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw AgentError(function, message) } }
        try check(learningRate >= 0 && learningRate.isFinite, "learning_rate must be non-negative, got \(learningRate)")
        try check(nSteps > 1, "n_steps must be greater than 1, got \(nSteps)")
        try check(batchSize > 1, "batch_size must be greater than 1, got \(batchSize)")
        try check(nEpochs >= 1, "n_epochs must be at least 1, got \(nEpochs)")
        try check(gamma >= 0 && gamma <= 1, "gamma must be in [0, 1], got \(gamma)")
        try check(gaeLambda >= 0 && gaeLambda <= 1, "gae_lambda must be in [0, 1], got \(gaeLambda)")
        try check(clipRange > 0, "clip_range must be positive, got \(clipRange)")
        try check(clipRangeVf.map { $0 > 0 } ?? true, "clip_range_vf must be positive or None")
        try check(maxGradNorm > 0, "max_grad_norm must be positive, got \(maxGradNorm)")
        try check(verbose >= 0, "verbose must be 0, 1 or 2, got \(verbose)")
        try check((piArch + vfArch).allSatisfy { $0 > 0 }, "net_arch sizes must be positive")
    }
}
