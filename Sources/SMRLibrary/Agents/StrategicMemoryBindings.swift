import SMRAgents
import SMREnvironments
import SMRLanguage
import SMRNeural
import SMRTensor

/// The Strategic Memory Retrieval agent in the language, under the reference repository's
/// module and class names: `memory` (StrategicMemoryBuffer, StrategicMemoryTransformerPolicy),
/// `agent` (StrategicMemoryAgent), `core_modules` (RewardNormalizer, StateCounter, RNDModule),
/// `auxiliar_modules` (CueAuxModule, ConfidenceAuxModule, …).
enum StrategicMemoryBindings {
    /// A memory's table of slots: slot, outcome, usefulness, last attention, trajectory length.
    static func memoryTable(_ m: StrategicMemoryBuffer) -> String {
        var lines = ["StrategicMemoryBuffer(obs_dim=\(m.obsDim), action_dim=\(m.actionDim), mem_dim=\(m.memDim), max_entries=\(m.maxEntries)): \(m.entries.count) entries"]
        guard !m.entries.isEmpty else { return lines[0] }
        lines.append(" slot    outcome  usefulness  attention  length")
        let u = m.usefulnessVec.data
        for (i, e) in m.entries.enumerated() {
            let a = m.lastAttention.flatMap { i < $0.count ? String(format: "%10.4f", $0[i]) : nil } ?? String(repeating: " ", count: 9) + "-"
            lines.append(String(format: "%5d %10.3f %11.4f ", e.slot, e.outcome, Double(u[e.slot])) + a + String(format: " %7d", e.trajectory.count))
        }
        return lines.joined(separator: "\n")
    }

    final class MemoryInstance: NativeInstance {
        let memory: StrategicMemoryBuffer
        init(type: NativeType, memory: StrategicMemoryBuffer) {
            self.memory = memory
            super.init(type: type, payload: memory)
        }
        override var repr: String { StrategicMemoryBindings.memoryTable(memory) }
    }

    static let memoryType: NativeType = {
        let t = NativeType("StrategicMemoryBuffer", doc: "Episodic memory of whole trajectories with learned retention: embedding_proj + a 1-layer TransformerEncoder (nhead 2, mean-pooled), soft-attention retrieve(context), usefulness_vec trained by usefulness_loss; when full, add_entry overwrites the least useful slot.")
        t.initializer(params: [Param("obs_dim", .int), Param("action_dim", .int, default: .int(1)), Param("mem_dim", .int, default: .int(32)),
                               Param("max_entries", .int, default: .int(100)), Param("device", .str, default: .str("cpu"))]) { a in
            let m = try AgentArguments.run { try StrategicMemoryBuffer(obsDim: a.int("obs_dim"), actionDim: a.int("action_dim"), memDim: a.int("mem_dim"), maxEntries: a.int("max_entries")) }
            return .object(MemoryInstance(type: t, memory: m))
        }
        t.property("entries", doc: "The stored entries as dicts (slot, outcome, usefulness, trajectory_length).") { o in
            let m = try memory(.object(o))
            return .list(m.entries.map { e in
                .dict([("slot", .int(e.slot)), ("outcome", .float(e.outcome)),
                       ("usefulness", .float(Double(m.usefulnessVec.data[e.slot]))),
                       ("trajectory_length", .int(e.trajectory.count))])
            })
        }
        t.property("last_attn", doc: "Attention weights of the last retrieval, or None.") { o in
            guard let a = try memory(.object(o)).lastAttention else { return .none }
            return .list(a.map { .float(Double($0)) })
        }
        t.property("max_entries") { o in .int(try memory(.object(o)).maxEntries) }
        t.property("mem_dim") { o in .int(try memory(.object(o)).memDim) }
        t.method("reset", doc: "Forget every entry (the usefulness parameters stay).") { o, _ in
            try memory(.object(o)).reset(); return .none
        }
        t.method("usefulness_parameters", doc: "[usefulness_vec]") { o, _ in
            .list(try memory(.object(o)).usefulnessParameters().map { TorchArguments.out($0) })
        }
        return t
    }()

    static func memory(_ v: Value) throws -> StrategicMemoryBuffer {
        guard case .object(let o as MemoryInstance) = v else { throw PyError(.typeError, "memory must be a StrategicMemoryBuffer, got \(v.typeName)") }
        return o.memory
    }

    /// `StrategicMemoryTransformerPolicy`: passed as `policy_class`; the agent builds it.
    static let policyType: NativeType = {
        let t = NativeType("StrategicMemoryTransformerPolicy", doc: "Transformer policy over the episode so far (embed + pos_embed(256) + 1-layer encoder), final-token features concatenated with the memory readout, policy head (one logit per action), value head. Pass the class as policy_class=; the agent builds it with the env's obs_dim and action count.")
        t.initializer(params: [Param("obs_dim", .int), Param("mem_dim", .int, default: .int(32)), Param("nhead", .int, default: .int(4)),
                               Param("memory", .any, default: .none)]) { a in
            let mem: StrategicMemoryBuffer? = a["memory"].isNone ? nil : try memory(a["memory"])
            let p = try AgentArguments.run { try StrategicMemoryTransformerPolicy(obsDim: a.int("obs_dim"), memDim: a.int("mem_dim"), nhead: a.int("nhead"), memory: mem, generator: &GlobalRandom.generator) }
            return .object(NativeInstance(type: t, payload: p))
        }
        return t
    }()

    final class AgentInstance: NativeInstance {
        let agent: StrategicMemoryAgent
        init(type: NativeType, agent: StrategicMemoryAgent) {
            self.agent = agent
            super.init(type: type, payload: agent)
        }
        override var repr: String {
            "<StrategicMemoryAgent: \(agent.policy.parameterCount) parameters, \(agent.trainingEpisodes) episodes trained>"
        }
    }

    static let agentParams: [Param] = [
        Param("policy_class", .any), Param("env", .any), Param("verbose", .int, default: .int(0)),
        Param("learning_rate", .float, default: .float(1e-3)), Param("gamma", .float, default: .float(0.99)),
        Param("lam", .float, default: .float(0.95)), Param("ent_coef", .float, default: .float(0.01)),
        Param("device", .str, default: .str("cpu")), Param("her", .bool, default: .bool(false)),
        Param("reward_norm", .bool, default: .bool(false)), Param("intrinsic_expl", .bool, default: .bool(true)),
        Param("intrinsic_eta", .float, default: .float(0.01)), Param("memory", .any, default: .none),
        Param("aux_modules", .any, default: .none), Param("use_rnd", .bool, default: .bool(false)),
        Param("rnd_emb_dim", .int, default: .int(32)), Param("rnd_lr", .float, default: .float(1e-3)),
        Param("memory_learn_retention", .bool, default: .bool(false)), Param("memory_retention_coef", .float, default: .float(0.01)),
        Param("train_aux_heads", .bool, default: .bool(true), doc: "False reproduces the reference, which never optimises the aux heads"),
    ]

    static let agentType: NativeType = {
        let t = NativeType("StrategicMemoryAgent", doc: "Actor-critic agent with a strategic episodic memory: one episode, then one update (GAE, summed policy loss, 0.5·value MSE, 0.1·aux, entropy bonus, retention loss), Adam over the policy (+ usefulness_vec).\nMethods: learn(total_timesteps, log_interval), predict(obs, deterministic, done, reward), evaluate(n_episodes, deterministic, verbose, dropout), reset_trajectory(), save(path), load(path); attribute episode_rewards.")
        t.initializer(params: agentParams) { a in
            let env = try AgentArguments.environment(a["env"], "StrategicMemoryAgent")
            var o = StrategicMemoryAgentOptions()
            o.verbose = try a.int("verbose"); o.learningRate = try a.double("learning_rate"); o.gamma = try a.double("gamma")
            o.lam = try a.double("lam"); o.entCoef = try a.double("ent_coef"); o.her = try a.bool("her")
            o.rewardNorm = try a.bool("reward_norm"); o.intrinsicExpl = try a.bool("intrinsic_expl"); o.intrinsicEta = try a.double("intrinsic_eta")
            o.useRnd = try a.bool("use_rnd"); o.rndEmbDim = try a.int("rnd_emb_dim"); o.rndLr = try a.double("rnd_lr")
            o.memoryLearnRetention = try a.bool("memory_learn_retention"); o.memoryRetentionCoef = try a.double("memory_retention_coef")
            o.trainAuxHeads = try a.bool("train_aux_heads")
            let mem: StrategicMemoryBuffer? = a["memory"].isNone ? nil : try memory(a["memory"])
            let aux = try auxModules(a["aux_modules"])
            let agent = try AgentArguments.run { try StrategicMemoryAgent(env: env, memory: mem, auxModules: aux, options: o, generator: &GlobalRandom.generator) }
            let runtime = a.runtime
            agent.write = { runtime.write($0) }
            return .object(AgentInstance(type: t, agent: agent))
        }
        t.method("learn", doc: "Train for total_timesteps environment steps (whole episodes); the log box every log_interval episodes when verbose=1. Ctrl-C stops between episodes.",
                 params: [Param("total_timesteps", .int, default: .int(2000)), Param("log_interval", .int, default: .int(100))]) { o, a in
            let agent = try StrategicMemoryBindings.agent(o)
            let total = try a.int("total_timesteps")
            // tqdm-style bar when silent (verbose=0) and the host shows one (a terminal).
            let bar = agent.options.verbose == 0 ? HostServices.progress(total, "Training") : nil
            defer { bar?.close() }
            do {
                try agent.learn(totalTimesteps: total, logInterval: a.int("log_interval"),
                                progress: bar.map { b in { done, _ in b.update(to: done) } },
                                shouldStop: { Interpreter.interruptRequested })
            } catch is TrainingInterrupted {
                Interpreter.clearInterrupt()
                throw PyError(.keyboardInterrupt, "training stopped after \(agent.trainingEpisodes) episodes; the agent is usable")
            } catch { throw LibraryErrors.convert(error) }
            return .none
        }
        t.method("predict", doc: "The action for obs given the episode so far.",
                 params: [Param("obs", .any), Param("deterministic", .bool, default: .bool(false)),
                          Param("done", .bool, default: .bool(false)), Param("reward", .float, default: .float(0))]) { o, a in
            let obs = try ValueConversion.numbers(a["obs"], what: "obs").values.map(Float.init)
            return .int(try AgentArguments.run { try StrategicMemoryBindings.agent(o).predict(obs, deterministic: a.bool("deterministic"), done: a.bool("done"), reward: a.double("reward")) })
        }
        t.method("evaluate", doc: "(mean, std) of the return over n_episodes; dropout=False evaluates without dropout (the reference keeps it on).",
                 params: [Param("n_episodes", .int, default: .int(10)), Param("deterministic", .bool, default: .bool(false)),
                          Param("verbose", .bool, default: .bool(true)), Param("dropout", .bool, default: .bool(true))]) { o, a in
            let agent = try StrategicMemoryBindings.agent(o)
            let n = try a.int("n_episodes")
            let r = try AgentArguments.run { try agent.evaluate(nEpisodes: n, deterministic: a.bool("deterministic"), dropout: a.bool("dropout")) }
            if try a.bool("verbose") {
                a.runtime.write(String(format: "Evaluation over %d episodes: mean return %.2f, std %.2f\n", n, r.mean, r.std))
            }
            return .tuple([.float(r.mean), .float(r.std)])
        }
        t.method("reset_trajectory", doc: "Forget predict's running context.") { o, _ in try StrategicMemoryBindings.agent(o).resetTrajectory(); return .none }
        t.method("save", doc: "Write the policy and optimizer state (atomic, checksummed).", params: [Param("path", .str, default: .str("memoryppo.pt"))]) { o, a in
            let path = try a.string("path")
            try HostServices.checkWrite(path)
            try AgentArguments.run { try StrategicMemoryBindings.agent(o).save(to: path) }; return .none
        }
        t.method("load", doc: "Load a checkpoint written by save; a corrupt file leaves the agent unchanged.", params: [Param("path", .str, default: .str("memoryppo.pt"))]) { o, a in
            let path = try a.string("path")
            try HostServices.checkRead(path)
            try AgentArguments.run { try StrategicMemoryBindings.agent(o).load(from: path) }; return .none
        }
        t.property("episode_rewards", doc: "Return of every training episode.") { o in
            .list(try StrategicMemoryBindings.agent(o).episodeRewards.map { .float($0) })
        }
        t.property("episode_lengths") { o in .list(try StrategicMemoryBindings.agent(o).episodeLengths.map { .int($0) }) }
        t.property("memory") { o in
            guard let m = try StrategicMemoryBindings.agent(o).memory else { return .none }
            return .object(MemoryInstance(type: memoryType, memory: m))
        }
        return t
    }()

    static func agent(_ o: NativeInstance) throws -> StrategicMemoryAgent {
        guard let a = o as? AgentInstance else { throw PyError(.typeError, "not a StrategicMemoryAgent") }
        return a.agent
    }


    // MARK: auxiliary modules

    static func auxModules(_ v: Value) throws -> [AuxiliaryModule] {
        guard !v.isNone else { return [] }
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t.items
        default: throw PyError(.typeError, "aux_modules must be a list of auxiliary modules, got \(v.typeName)")
        }
        return try items.map { item in
            guard case .object(let o as NativeInstance) = item, let m = o.payload as? AuxiliaryModule else {
                throw PyError(.typeError, "aux_modules: \(item.typeName) is not an auxiliary module (CueAuxModule, ConfidenceAuxModule, …)")
            }
            return m
        }
    }

    static func auxType(_ name: String, doc: String, params: [Param], _ build: @escaping (Arguments) throws -> AuxiliaryModule) -> NativeType {
        let t = NativeType(name, doc: doc)
        t.initializer(params: params) { a in .object(NativeInstance(type: t, payload: try AgentArguments.run { try build(a) })) }
        t.property("name") { o in .str((o.payload as? AuxiliaryModule)?.name ?? "") }
        return t
    }

    static func makeModules() -> [(NativeModule, [String])] {
        let memoryModule = NativeModule("memory", doc: "The strategic memory buffer and the transformer policy that reads it.")
        memoryModule.add(memoryType)
        memoryModule.add(policyType)
        let aux = NativeModule("auxiliar_modules", doc: "Plug-in auxiliary tasks for the Strategic Memory Retrieval policy.")
        aux.add(auxType("CueAuxModule", doc: "Classify the episode's cue (cross-entropy).", params: [Param("feat_dim", .int), Param("n_classes", .int, default: .int(2))]) { a in
            try CueAuxModule(featDim: a.int("feat_dim"), nClasses: a.int("n_classes"), generator: &GlobalRandom.generator)
        })
        aux.add(auxType("ConfidenceAuxModule", doc: "Regress 1 − entropy through a sigmoid (MSE).", params: [Param("feat_dim", .int)]) { a in
            try ConfidenceAuxModule(featDim: a.int("feat_dim"), generator: &GlobalRandom.generator)
        })
        aux.add(auxType("NextObsAuxModule", doc: "Predict the next observation (sigmoid, MSE).", params: [Param("feat_dim", .int), Param("obs_dim", .int)]) { a in
            try NextObsAuxModule(featDim: a.int("feat_dim"), obsDim: a.int("obs_dim"), generator: &GlobalRandom.generator)
        })
        aux.add(auxType("EventAuxModule", doc: "Classify the env's event_flag.", params: [Param("feat_dim", .int), Param("n_classes", .int, default: .int(2))]) { a in
            try EventAuxModule(featDim: a.int("feat_dim"), nClasses: a.int("n_classes"), generator: &GlobalRandom.generator)
        })
        aux.add(auxType("OracleActionAuxModule", doc: "Classify the env's oracle_action.", params: [Param("feat_dim", .int), Param("n_actions", .int, default: .int(2))]) { a in
            try OracleActionAuxModule(featDim: a.int("feat_dim"), nActions: a.int("n_actions"), generator: &GlobalRandom.generator)
        })
        return [(memoryModule, ["StrategicMemoryBuffer", "StrategicMemoryTransformerPolicy"]),
                (aux, ["CueAuxModule", "ConfidenceAuxModule", "NextObsAuxModule", "EventAuxModule", "OracleActionAuxModule"])]
    }
}
