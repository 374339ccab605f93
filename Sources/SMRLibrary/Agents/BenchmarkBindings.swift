import Foundation
import SMRAgents
import SMREnvironments
import SMRLanguage
import SMRTensor

/// The reference's `benchmark` module: `AgentPerformanceBenchmark(env_config,
/// memory_agent_config=None)` trains PPO and RecurrentPPO (when `eval_base`) and the
/// Strategic Memory Retrieval agent on `MemoryTaskEnv`, evaluates each with balanced targets
/// and prints the reference's table. Beyond the reference: `seeds=` repeats every agent per
/// seed (in worker processes, `workers=`), `evaluation="source"` reproduces the reference's
/// stateless RecurrentPPO evaluation, `ablations=["no_memory"]` adds the agent without memory.
///
///     benchmark = AgentPerformanceBenchmark(dict(delay=4, total_timesteps=10000, eval_base=True),
///                                           memory_agent_config=dict(mem_dim=32, max_entries=32))
///     results = benchmark.run()
enum BenchmarkBindings {
    static let workerKind = "benchmark-job"

    final class BenchmarkInstance: NativeInstance {
        let envConfig: [(String, Value)]
        let settings: AgentBenchmarkSettings
        let memory: MemoryAgentSettings?
        let auxModules: [AuxiliaryModule]
        let seeds: [Int]?
        let workers: Int
        let evaluation: BenchmarkEvaluation
        let ablations: [String]
        var records: [AgentBenchmarkRecord] = []

        init(type: NativeType, envConfig: [(String, Value)], settings: AgentBenchmarkSettings, memory: MemoryAgentSettings?,
             auxModules: [AuxiliaryModule], seeds: [Int]?, workers: Int, evaluation: BenchmarkEvaluation, ablations: [String]) {
            self.envConfig = envConfig; self.settings = settings; self.memory = memory; self.auxModules = auxModules
            self.seeds = seeds; self.workers = workers; self.evaluation = evaluation; self.ablations = ablations
            super.init(type: type, payload: settings)
        }
        override var repr: String {
            "<AgentPerformanceBenchmark: MemoryTaskEnv(delay=\(settings.delay), difficulty=\(settings.difficulty)) \(settings.modeName), \(settings.totalTimesteps) timesteps>"
        }

        /// The rows to train, in the reference's order (baselines first).
        var jobs: [AgentBenchmarkJob] {
            var kinds: [BenchmarkAgentKind] = settings.evalBase ? [.ppo, .recurrentPPO] : []
            if memory != nil { kinds.append(.strategicMemory) }
            if memory != nil, ablations.contains("no_memory") { kinds.append(.strategicMemoryNoMemory) }
            return kinds.flatMap { kind in
                (seeds.map { $0.map(Optional.some) } ?? [nil]).map { seed in
                    AgentBenchmarkJob(settings: settings, agent: kind, memoryAgent: memory ?? .init(), seed: seed, evaluation: evaluation)
                }
            }
        }
    }

    static let params: [Param] = [
        Param("env_config", .any, doc: "dict: delay, difficulty=0, total_timesteps=10000, n_eval_episodes=20, learning_rate=1e-3, log_interval=250, verbose=0, eval_base=False, mode_name"),
        Param("memory_agent_config", .any, default: .none, doc: "dict for build_memory_agent: mem_dim=32, max_entries=16, memory_learn_retention=True, memory_retention_coef=0.01, use_rnd=True, ent_coef=0.1, learning_rate=1e-3, her=False, verbose=1, reward_norm=False, aux_modules"),
        Param("seeds", .any, default: .none, doc: "list of seeds: every agent once per seed, mean ± std across seeds (None: one run on the global streams, as the reference)"),
        Param("workers", .any, default: .none, doc: "worker processes for seeded runs (default: $SMR_WORKERS, else the core count); results equal a serial run"),
        Param("evaluation", .str, default: .str("stateful"), doc: "\"stateful\" carries RecurrentPPO's LSTM state through each episode; \"source\" calls predict(obs) without state, as the reference"),
        Param("ablations", .any, default: .none, doc: "[\"no_memory\"] adds the memory agent with its readout zeroed (no memory)"),
    ]

    static func makeType(state: LibraryState) -> NativeType {
        let t = NativeType("AgentPerformanceBenchmark", doc: "Train and evaluate PPO, RecurrentPPO and the Strategic Memory Retrieval agent on MemoryTaskEnv; prints the reference's table.\nMethods: run() -> list of dicts, evaluate(model, model_name, deterministic=True, verbose=False) -> (mean, std); attribute training_returns.")
        t.initializer(params: params) { a in
            let config = try pairs(a["env_config"], "env_config")
            let settings = try benchmarkSettings(config)
            var memory: MemoryAgentSettings? = nil
            var aux: [AuxiliaryModule] = []
            if !a["memory_agent_config"].isNone {
                let m = try pairs(a["memory_agent_config"], "memory_agent_config")
                memory = try memorySettings(m)
                if let v = m.first(where: { $0.0 == "aux_modules" })?.1 { aux = try StrategicMemoryBindings.auxModules(v) }
            }
            var seeds: [Int]? = nil
            if !a["seeds"].isNone {
                seeds = try AgentArguments.numbers(a["seeds"], "AgentPerformanceBenchmark", "seeds").map { v in
                    guard v == v.rounded(), v >= 0, v <= Double(UInt32.max) else {
                        throw PyError(.valueError, "AgentPerformanceBenchmark: seeds must be integers between 0 and 2**32 - 1, got \(v)")
                    }
                    return Int(v)
                }
                guard !(seeds?.isEmpty ?? true) else { throw PyError(.valueError, "AgentPerformanceBenchmark: seeds must not be empty") }
            }
            // Default: $SMR_WORKERS (so a replay can be forced serial or parallel), else the core count.
            let workers = try a.optionalInt("workers") ?? ProcessInfo.processInfo.environment["SMR_WORKERS"].flatMap { Int($0) }
                ?? ProcessInfo.processInfo.activeProcessorCount
            guard workers >= 1 else { throw PyError(.valueError, "AgentPerformanceBenchmark: workers must be at least 1, got \(workers)") }
            let evaluationName = try a.string("evaluation")
            guard let evaluation = BenchmarkEvaluation(rawValue: evaluationName) else {
                throw PyError(.valueError, "AgentPerformanceBenchmark: evaluation must be \"stateful\" or \"source\", got \"\(evaluationName)\"")
            }
            var ablations: [String] = []
            if !a["ablations"].isNone {
                ablations = try AgentArguments.strings(a["ablations"], "AgentPerformanceBenchmark", "ablations")
                for name in ablations where name != "no_memory" {
                    throw PyError(.valueError, "AgentPerformanceBenchmark: unknown ablation \"\(name)\"; available: \"no_memory\"")
                }
            }
            return .object(BenchmarkInstance(type: t, envConfig: config, settings: settings, memory: memory, auxModules: aux,
                                             seeds: seeds, workers: workers, evaluation: evaluation, ablations: ablations))
        }
        t.method("run", doc: "Train and evaluate every agent (per seed when seeds are given), print the table, return the list of result dicts.") { o, a in
            guard let b = o as? BenchmarkInstance else { throw PyError(.typeError, "not an AgentPerformanceBenchmark") }
            return try run(b, runtime: a.runtime, environmentRandom: state.legacyRandom)
        }
        t.method("evaluate", doc: "(mean, std) of a trained model over n_eval_episodes with balanced targets, as the reference (predict(obs) per step; RecurrentPPO's state carried unless evaluation=\"source\").",
                 params: [Param("model", .any), Param("model_name", .str, default: .str("")), Param("deterministic", .bool, default: .bool(true)),
                          Param("verbose", .bool, default: .bool(false))]) { o, a in
            guard let b = o as? BenchmarkInstance else { throw PyError(.typeError, "not an AgentPerformanceBenchmark") }
            let env = try MemoryTaskEnv(delay: b.settings.delay, difficulty: b.settings.difficulty, randomState: state.legacyRandom)
            let act = try BenchmarkModels.actor(for: a["model"], deterministic: a.bool("deterministic"), stateful: b.evaluation == .stateful)
            let returns = try AgentArguments.run { try BalancedEvaluation(env: env, episodes: b.settings.nEvalEpisodes).run(warn: { a.runtime.write($0) }, act) }
            let (mean, std) = (SampleStatistics.mean(returns), SampleStatistics.variance(returns, correction: 0).squareRoot())
            if try a.bool("verbose") {
                a.runtime.write("[\(try a.string("model_name")) @ MemoryTaskEnv with delay=\(b.settings.delay) in \(b.settings.modeName) Mode]  mean_ep_rew: \(String(format: "%.1f", mean * 100))% .  std_ep_rew: \(String(format: "%.2f", std)) in \(b.settings.nEvalEpisodes) episodes\n")
            }
            return .tuple([.float(mean), .float(std)])
        }
        t.property("training_returns", doc: "The last run's training episode returns: a list of dicts {agent, seed, returns}.") { o in
            guard let b = o as? BenchmarkInstance else { return .none }
            return .list(b.records.map { r in
                .dict([("agent", .str(r.agent)), ("seed", r.seed.map { .int($0) } ?? .none), ("returns", .list(r.trainingReturns.map { .float($0) }))])
            })
        }
        t.property("env_config") { o in .dict((o as? BenchmarkInstance)?.envConfig ?? []) }
        return t
    }

    static func makeModule(state: LibraryState) -> NativeModule {
        let m = NativeModule("benchmark", doc: "AgentPerformanceBenchmark: the reference's benchmark of PPO, RecurrentPPO and the Strategic Memory Retrieval agent on MemoryTaskEnv.")
        m.add(makeType(state: state))
        return m
    }

    /// The worker process's side: one job in, one record out (JSON).
    static func registerWorkerTask() {
        WorkerTasks.register(workerKind) { input in
            let job = try JSONDecoder().decode(AgentBenchmarkJob.self, from: Data(input.utf8))
            let record = try job.run()
            return String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        }
    }
}
