/// `PPO(policy, env, …)`'s hyper-parameters with Stable-Baselines3's names and defaults.
public struct PPOOptions: Sendable {
    public var learningRate = 3e-4
    public var nSteps = 2048
    public var batchSize = 64
    public var nEpochs = 10
    public var gamma = 0.99
    public var gaeLambda = 0.95
    public var clipRange = 0.2
    /// Value-function clipping (SB3's `clip_range_vf`); nil: off, SB3's default.
    public var clipRangeVf: Double? = nil
    public var normalizeAdvantage = true
    public var entCoef = 0.0
    public var vfCoef = 0.5
    public var maxGradNorm = 0.5
    /// Stop an iteration's epochs early when the approximate KL passes 1.5 × this (nil: off).
    public var targetKL: Double? = nil
    /// Hidden sizes of the actor and of the critic (`net_arch`).
    public var netArch = [64, 64]
    /// 0: silent; 1: SB3's log box every `log_interval` iterations.
    public var verbose = 0
    public var seed: Int? = nil

    public init() {}

    /// SB3's argument checks, worded as its errors.
    func validate() throws {
        guard learningRate > 0 else { throw AgentError("PPO", "learning_rate must be positive, got \(learningRate)") }
        guard nSteps > 1 else { throw AgentError("PPO", "n_steps must be greater than 1, got n_steps=\(nSteps)") }
        guard batchSize > 1 else { throw AgentError("PPO", "batch_size must be greater than 1, got batch_size=\(batchSize)") }
        guard nEpochs >= 1 else { throw AgentError("PPO", "n_epochs must be at least 1, got \(nEpochs)") }
        guard clipRange > 0 else { throw AgentError("PPO", "clip_range must be positive, got \(clipRange)") }
        guard (0...1).contains(gamma), (0...1).contains(gaeLambda) else {
            throw AgentError("PPO", "gamma and gae_lambda must be in [0, 1]")
        }
    }
}
