import Foundation
import SMREnvironments
import SMRTensor

/// The agents a benchmark row can train.
public enum BenchmarkAgentKind: String, Codable, Sendable, CaseIterable {
    case ppo = "PPO"
    case recurrentPPO = "RecurrentPPO"
    case strategicMemory = "StrategicMemoryAgent"
    /// The same agent without its episodic memory (readout zero): what the memory adds.
    case strategicMemoryNoMemory = "StrategicMemoryAgent (no memory)"
}

/// How RecurrentPPO is evaluated: carrying its LSTM state through each episode (right), or
/// as the reference's `benchmark.py` does, `predict(obs)` without state (a memoryless policy).
public enum BenchmarkEvaluation: String, Codable, Sendable {
    case stateful
    case source
}

/// One independent run: build an agent, train it, evaluate it. Everything it needs is in the
/// job (Codable), so worker processes can run jobs and return the same record as a serial run.
public struct AgentBenchmarkJob: Codable, Equatable, Sendable {
    public var settings: AgentBenchmarkSettings
    public var agent: BenchmarkAgentKind
    public var memoryAgent: MemoryAgentSettings
    /// nil: the caller's global streams and environment stream (the reference's behaviour);
    /// a seed: private streams for the weights, sampling, dropout and the task's bits.
    public var seed: Int?
    public var evaluation: BenchmarkEvaluation

    public init(settings: AgentBenchmarkSettings, agent: BenchmarkAgentKind, memoryAgent: MemoryAgentSettings = .init(),
                seed: Int? = nil, evaluation: BenchmarkEvaluation = .stateful) {
        self.settings = settings
        self.agent = agent
        self.memoryAgent = memoryAgent
        self.seed = seed
        self.evaluation = evaluation
    }
}

/// What one job produced.
public struct AgentBenchmarkRecord: Codable, Equatable, Sendable {
    public var agent: String
    public var seed: Int?
    /// Mean and population std of the balanced evaluation's returns.
    public var meanReturn: Double
    public var stdReturn: Double
    /// Seconds to build and train (the reference's "Duration (s)").
    public var duration: Double
    /// Every training episode's return, in order (for learning curves).
    public var trainingReturns: [Double]
}

extension AgentBenchmarkJob {
    /// Runs the job. `environmentRandom` is the task's bit stream when `seed` is nil (the
    /// notebook's global NumPy stream); `write` receives the agents' log boxes;
    /// `shouldStop` is polled between steps (Ctrl-C).
    public func run(environmentRandom: LegacyRandomState? = nil, auxModules: [AuxiliaryModule] = [],
                    write: @escaping (String) -> Void = { _ in }, shouldStop: (() -> Bool)? = nil) throws -> AgentBenchmarkRecord {
        try settings.validate()
        let random = seed.map { LegacyRandomState(seed: UInt32(truncatingIfNeeded: $0)) } ?? environmentRandom
        let env = try MemoryTaskEnv(delay: settings.delay, difficulty: settings.difficulty, randomState: random)
        // A seeded job owns the global tensor stream while it runs (dropout draws from it).
        let savedGlobal = GlobalRandom.generator
        if let seed { GlobalRandom.seed(seed) }
        defer { if seed != nil { GlobalRandom.generator = savedGlobal } }

        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let evaluator = BalancedEvaluation(env: env, episodes: settings.nEvalEpisodes)
        switch agent {
        case .ppo:
            var o = PPOOptions()
            o.learningRate = settings.learningRate; o.verbose = settings.verbose; o.seed = seed
            let model = try PPO(env: env, options: o, write: write)
            try model.learn(totalTimesteps: settings.totalTimesteps, logInterval: settings.logInterval, shouldStop: shouldStop)
            let duration = elapsed()
            let r = try evaluator.run(warn: write) { obs, _ in try model.predict(obs, deterministic: true).action }
            return record(r, duration, model.monitor.allRewards)
        case .recurrentPPO:
            var o = RecurrentPPO.defaultOptions()
            o.learningRate = settings.learningRate; o.verbose = settings.verbose; o.seed = seed
            let model = try RecurrentPPO(env: env, options: o, write: write)
            try model.learn(totalTimesteps: settings.totalTimesteps, logInterval: settings.logInterval, shouldStop: shouldStop)
            let duration = elapsed()
            var state: RecurrentState? = nil
            let stateful = evaluation == .stateful
            let r = try evaluator.run(warn: write) { obs, first in
                if first { state = nil }
                let (a, next) = try model.predict(obs, state: stateful ? state : nil, episodeStart: stateful ? first : false,
                                                  deterministic: true)
                state = next
                return a
            }
            return record(r, duration, model.monitor.allRewards)
        case .strategicMemory, .strategicMemoryNoMemory:
            let m = memoryAgent
            let memory = agent == .strategicMemory
                ? try StrategicMemoryBuffer(obsDim: 3, actionDim: 1, memDim: m.memDim, maxEntries: m.maxEntries) : nil
            var generator = seed.map { RandomGenerator(seed: $0) }
            let model: StrategicMemoryAgent
            if generator != nil {
                model = try StrategicMemoryAgent(env: env, memory: memory, memDim: m.memDim, auxModules: auxModules,
                                                 options: m.agentOptions(), generator: &generator!)
            } else {
                model = try StrategicMemoryAgent(env: env, memory: memory, memDim: m.memDim, auxModules: auxModules,
                                                 options: m.agentOptions(), generator: &GlobalRandom.generator)
            }
            model.write = write
            try model.learn(totalTimesteps: settings.totalTimesteps, logInterval: settings.logInterval, shouldStop: shouldStop)
            let duration = elapsed()
            let r = try evaluator.run(warn: write) { obs, first in
                if first { model.resetTrajectory() }
                return try model.predict(obs, deterministic: true)
            }
            return record(r, duration, Array(model.episodeRewards))
        }
    }

    private func record(_ r: [Double], _ duration: Double, _ training: [Double]) -> AgentBenchmarkRecord {
        AgentBenchmarkRecord(agent: agent.rawValue, seed: seed, meanReturn: SampleStatistics.mean(r),
                             stdReturn: SampleStatistics.variance(r, correction: 0).squareRoot(),
                             duration: duration, trainingReturns: training)
    }
}
