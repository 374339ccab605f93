/// One benchmark experiment, as the reference's `env_config` dict describes it: the task
/// (`MemoryTaskEnv(delay, difficulty)`), the training budget, the evaluation size and whether
/// the baselines run. Defaults are the reference's (`benchmark.py`).
public struct AgentBenchmarkSettings: Codable, Equatable, Sendable {
    public var delay: Int
    public var difficulty = 0
    /// "EASY" for difficulty 0, "HARD" otherwise, unless the config names it.
    public var modeName: String
    public var totalTimesteps = 10_000
    public var nEvalEpisodes = 20
    /// The baselines' learning rate (the memory agent takes its own from its config).
    public var learningRate = 1e-3
    public var logInterval = 250
    public var verbose = 0
    /// Train and evaluate PPO and RecurrentPPO too.
    public var evalBase = false

    public init(delay: Int, difficulty: Int = 0, modeName: String? = nil) {
        self.delay = delay
        self.difficulty = difficulty
        self.modeName = modeName ?? (difficulty == 0 ? "EASY" : "HARD")
    }

    public func validate() throws {
        guard delay >= 1 else { throw AgentError("AgentPerformanceBenchmark", "delay must be at least 1, got \(delay)") }
        guard difficulty == 0 || difficulty == 1 else {
            throw AgentError("AgentPerformanceBenchmark", "difficulty must be 0 (easy) or 1 (hard), got \(difficulty)")
        }
        guard totalTimesteps >= 0 else { throw AgentError("AgentPerformanceBenchmark", "total_timesteps must be non-negative, got \(totalTimesteps)") }
        guard nEvalEpisodes >= 2 else { throw AgentError("AgentPerformanceBenchmark", "n_eval_episodes must be at least 2 (half per target), got \(nEvalEpisodes)") }
        guard logInterval >= 1 else { throw AgentError("AgentPerformanceBenchmark", "log_interval must be at least 1, got \(logInterval)") }
        guard learningRate > 0 else { throw AgentError("AgentPerformanceBenchmark", "learning_rate must be positive, got \(learningRate)") }
    }
}

/// How the reference's `build_memory_agent(env, config)` builds the Strategic Memory
/// Retrieval agent: only these keys are read, with these defaults (note `use_rnd=True`,
/// `ent_coef=0.1`, `max_entries=16`, `verbose=1`); other keys of the config are ignored, as
/// there (so `intrinsic_expl` stays at the agent's default).
public struct MemoryAgentSettings: Codable, Equatable, Sendable {
    public var memDim = 32
    public var maxEntries = 16
    public var memoryLearnRetention = true
    public var memoryRetentionCoef = 0.01
    public var useRnd = true
    public var entCoef = 0.1
    public var learningRate = 1e-3
    public var her = false
    public var verbose = 1
    public var rewardNorm = false

    public init() {}

    /// The agent's options for these settings.
    public func agentOptions() -> StrategicMemoryAgentOptions {
        var o = StrategicMemoryAgentOptions()
        o.memoryLearnRetention = memoryLearnRetention
        o.memoryRetentionCoef = memoryRetentionCoef
        o.useRnd = useRnd
        o.entCoef = entCoef
        o.learningRate = learningRate
        o.her = her
        o.verbose = verbose
        o.rewardNorm = rewardNorm
        return o
    }
}
