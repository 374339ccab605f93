import SMRAgents
import SMRLanguage

/// Reading the benchmark's config dicts as the reference reads them (`dict.get(key, default)`).
extension BenchmarkBindings {
    static func pairs(_ v: Value, _ name: String) throws -> [(String, Value)] {
        guard case .dict(let d) = v else { throw PyError(.typeError, "AgentPerformanceBenchmark() argument '\(name)' must be a dict, not \(v.typeName)") }
        return try zip(d.keys, d.values).map { k, v in
            guard case .str(let s) = k else { throw PyError(.typeError, "AgentPerformanceBenchmark: \(name) keys must be strings, got \(k.typeName)") }
            return (s, v)
        }
    }

    static func lookup(_ p: [(String, Value)], _ key: String) -> Value? { p.last(where: { $0.0 == key })?.1 }

    static func int(_ p: [(String, Value)], _ key: String, _ fallback: Int, _ dict: String) throws -> Int {
        guard var v = lookup(p, key) else { return fallback }
        if case .object(let s as NumpyScalar) = v { v = s.value }
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let f) where f == f.rounded() && abs(f) < 1e15: return Int(f)
        default: throw PyError(.typeError, "AgentPerformanceBenchmark: \(dict)['\(key)'] must be an int, got \(v.typeName)")
        }
    }

    static func double(_ p: [(String, Value)], _ key: String, _ fallback: Double, _ dict: String) throws -> Double {
        guard var v = lookup(p, key) else { return fallback }
        if case .object(let s as NumpyScalar) = v { v = s.value }
        switch v {
        case .int(let i): return Double(i)
        case .float(let f): return f
        default: throw PyError(.typeError, "AgentPerformanceBenchmark: \(dict)['\(key)'] must be a number, got \(v.typeName)")
        }
    }

    static func bool(_ p: [(String, Value)], _ key: String, _ fallback: Bool) -> Bool { lookup(p, key)?.isTruthy ?? fallback }

    /// `env_config`: the keys `AgentPerformanceBenchmark.__init__` reads.
    static func benchmarkSettings(_ p: [(String, Value)]) throws -> AgentBenchmarkSettings {
        guard lookup(p, "delay") != nil else { throw PyError(.keyError, "'delay'") }
        let delay = try int(p, "delay", 0, "env_config")
        let difficulty = try int(p, "difficulty", 0, "env_config")
        var mode: String? = nil
        if let v = lookup(p, "mode_name") {
            guard case .str(let s) = v else { throw PyError(.typeError, "AgentPerformanceBenchmark: env_config['mode_name'] must be a str, got \(v.typeName)") }
            mode = s
        }
        var s = AgentBenchmarkSettings(delay: delay, difficulty: difficulty, modeName: mode)
        s.nEvalEpisodes = try int(p, "n_eval_episodes", s.nEvalEpisodes, "env_config")
        s.verbose = try int(p, "verbose", s.verbose, "env_config")
        s.logInterval = try int(p, "log_interval", s.logInterval, "env_config")
        s.learningRate = try double(p, "learning_rate", s.learningRate, "env_config")
        s.totalTimesteps = try int(p, "total_timesteps", s.totalTimesteps, "env_config")
        s.evalBase = bool(p, "eval_base", s.evalBase)
        try AgentArguments.run { try s.validate() }
        return s
    }

    /// `memory_agent_config`: the keys `build_memory_agent` reads (others are ignored, as there).
    static func memorySettings(_ p: [(String, Value)]) throws -> MemoryAgentSettings {
        var m = MemoryAgentSettings()
        m.memDim = try int(p, "mem_dim", m.memDim, "memory_agent_config")
        m.maxEntries = try int(p, "max_entries", m.maxEntries, "memory_agent_config")
        m.memoryLearnRetention = bool(p, "memory_learn_retention", m.memoryLearnRetention)
        m.memoryRetentionCoef = try double(p, "memory_retention_coef", m.memoryRetentionCoef, "memory_agent_config")
        m.useRnd = bool(p, "use_rnd", m.useRnd)
        m.entCoef = try double(p, "ent_coef", m.entCoef, "memory_agent_config")
        m.learningRate = try double(p, "learning_rate", m.learningRate, "memory_agent_config")
        m.her = bool(p, "her", m.her)
        m.verbose = try int(p, "verbose", m.verbose, "memory_agent_config")
        m.rewardNorm = bool(p, "reward_norm", m.rewardNorm)
        if let v = lookup(p, "policy_class"), !v.isNone {
            guard case .object(let o as NativeType) = v, o.name == "StrategicMemoryTransformerPolicy" else {
                throw PyError(.valueError, "AgentPerformanceBenchmark: memory_agent_config['policy_class'] must be StrategicMemoryTransformerPolicy, got \(v.typeName)")
            }
        }
        if let v = lookup(p, "device"), case .str(let d) = v, d != "cpu" {
            throw PyError(.valueError, "AgentPerformanceBenchmark: device \"\(d)\" is not available; smr runs on the cpu")
        }
        return m
    }
}
