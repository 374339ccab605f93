import SMRAgents
import SMREnvironments
import SMRLanguage
import SMRNeural
import SMRTensor

/// Stable-Baselines3's `PPO` in the language, importable as `from stable_baselines3 import PPO`:
///
///     model = PPO("MlpPolicy", env, verbose=1, seed=0)
///     model.learn(total_timesteps=4096)             # SB3's log box every rollout
///     action, state = model.predict(obs, deterministic=True)
enum PPOBindings {
    final class PPOInstance: NativeInstance {
        let model: PPO
        init(type: NativeType, model: PPO) {
            self.model = model
            super.init(type: type, payload: model)
        }
        override var repr: String { "<stable_baselines3.ppo.ppo.PPO object: MlpPolicy, \(model.policy.parameterCount) parameters>" }
    }

    static let ppoParams: [Param] = [
        Param("policy", .any), Param("env", .any),
        Param("learning_rate", .float, default: .float(3e-4)), Param("n_steps", .int, default: .int(2048)),
        Param("batch_size", .int, default: .int(64)), Param("n_epochs", .int, default: .int(10)),
        Param("gamma", .float, default: .float(0.99)), Param("gae_lambda", .float, default: .float(0.95)),
        Param("clip_range", .float, default: .float(0.2)), Param("clip_range_vf", .any, default: .none),
        Param("normalize_advantage", .bool, default: .bool(true)), Param("ent_coef", .float, default: .float(0)),
        Param("vf_coef", .float, default: .float(0.5)), Param("max_grad_norm", .float, default: .float(0.5)),
        Param("target_kl", .any, default: .none), Param("verbose", .int, default: .int(0)),
        Param("seed", .any, default: .none), Param("device", .str, default: .str("auto")),
    ]

    static let ppoType: NativeType = {
        let t = NativeType("PPO", doc: "Proximal Policy Optimization (clip), Stable-Baselines3 semantics: MlpPolicy (separate 64×64 tanh policy and value nets, orthogonal init), GAE, minibatch epochs, Adam eps 1e-5, SB3's log box.\nMethods: learn(total_timesteps, log_interval=1), predict(observation, state=None, episode_start=None, deterministic=False) -> (action, state), save(path), load(path); attributes num_timesteps, ep_info_buffer.")
        t.initializer(params: ppoParams) { a in
            let policy = try a.string("policy")
            guard policy == "MlpPolicy" else {
                throw PyError(.valueError, "PPO: only policy \"MlpPolicy\" is available, got \"\(policy)\"")
            }
            let env = try AgentArguments.environment(a["env"], "PPO")
            var o = PPOOptions()
            o.learningRate = try a.double("learning_rate"); o.nSteps = try a.int("n_steps"); o.batchSize = try a.int("batch_size")
            o.nEpochs = try a.int("n_epochs"); o.gamma = try a.double("gamma"); o.gaeLambda = try a.double("gae_lambda")
            o.clipRange = try a.double("clip_range"); o.clipRangeVf = try a.optionalDouble("clip_range_vf")
            o.normalizeAdvantage = try a.bool("normalize_advantage"); o.entCoef = try a.double("ent_coef")
            o.vfCoef = try a.double("vf_coef"); o.maxGradNorm = try a.double("max_grad_norm")
            o.targetKL = try a.optionalDouble("target_kl"); o.verbose = try a.int("verbose"); o.seed = try a.optionalInt("seed")
            let runtime = a.runtime
            let model = try AgentArguments.run { try PPO(env: env, options: o, write: { runtime.write($0) }) }
            return .object(PPOInstance(type: t, model: model))
        }
        t.method("learn", doc: "Collect rollouts of n_steps and update until total_timesteps; the log box every log_interval rollouts when verbose=1. Ctrl-C stops between steps. Returns the model.",
                 params: [Param("total_timesteps", .int), Param("log_interval", .int, default: .int(1)),
                          Param("progress_bar", .bool, default: .bool(false)), Param("reset_num_timesteps", .bool, default: .bool(true))]) { o, a in
            let model = try PPOBindings.model(o)
            let total = try a.int("total_timesteps")
            let bar = try a.bool("progress_bar") ? HostServices.progress(total, "Training") : nil
            defer { bar?.close() }
            do {
                try model.learn(totalTimesteps: total, logInterval: a.int("log_interval"), resetNumTimesteps: a.bool("reset_num_timesteps"),
                                progress: bar.map { b in { done, _ in b.update(to: done) } },
                                shouldStop: { Interpreter.interruptRequested })
            } catch is TrainingInterrupted {
                Interpreter.clearInterrupt()
                throw PyError(.keyboardInterrupt, "training stopped after \(model.numTimesteps) steps; the model is usable")
            } catch let e as AgentError {
                throw PyError(.valueError, e.description)
            } catch { throw LibraryErrors.convert(error) }
            return .object(o)
        }
        t.method("predict", doc: "(action, state) for one observation; PPO has no state, so state is returned as given.",
                 params: [Param("observation", .any), Param("state", .any, default: .none),
                          Param("episode_start", .any, default: .none), Param("deterministic", .bool, default: .bool(false))]) { o, a in
            let obs = try ValueConversion.numbers(a["observation"], what: "observation").values.map(Float.init)
            let (action, _) = try AgentArguments.run { try PPOBindings.model(o).predict(obs, deterministic: a.bool("deterministic")) }
            return .tuple([.int(action), a["state"]])
        }
        t.method("save", doc: "Write the policy and optimizer state (atomic, checksummed).", params: [Param("path", .str)]) { o, a in
            let path = try a.string("path")
            try HostServices.checkWrite(path)
            try AgentArguments.run { try PPOBindings.model(o).save(to: path) }; return .none
        }
        t.method("load", doc: "Load a checkpoint written by save into this model; a corrupt file leaves it unchanged. Returns the model.", params: [Param("path", .str)]) { o, a in
            let path = try a.string("path")
            try HostServices.checkRead(path)
            try AgentArguments.run { try PPOBindings.model(o).load(from: path) }; return .object(o)
        }
        t.property("num_timesteps") { o in .int(try model(o).numTimesteps) }
        t.property("ep_info_buffer", doc: "The last 100 training episodes as dicts {r, l}.") { o in
            .list(try model(o).monitor.recent.map { .dict([("r", .float($0.reward)), ("l", .int($0.length))]) })
        }
        return t
    }()

    static func model(_ o: NativeInstance) throws -> PPO {
        guard let p = o as? PPOInstance else { throw PyError(.typeError, "not a PPO model") }
        return p.model
    }

    // MARK: RecurrentPPO

    final class RecurrentPPOInstance: NativeInstance {
        let model: RecurrentPPO
        init(type: NativeType, model: RecurrentPPO) {
            self.model = model
            super.init(type: type, payload: model)
        }
        override var repr: String { "<sb3_contrib.ppo_recurrent.ppo_recurrent.RecurrentPPO object: MlpLstmPolicy, \(model.policy.parameterCount) parameters>" }
    }

    /// The LSTM states `predict` returns, to pass back with the next observation.
    static let stateType = NativeType("RNNStates", doc: "The actor and critic LSTM states (h, c) returned by RecurrentPPO.predict.")

    static let recurrentType: NativeType = {
        let t = NativeType("RecurrentPPO", doc: "sb3-contrib's RecurrentPPO with MlpLstmPolicy: actor and critic LSTMs (256, one layer), SB3's MLP heads, sequence minibatches split at episode starts.\nMethods: learn(total_timesteps, log_interval=1), predict(observation, state=None, episode_start=None, deterministic=False) -> (action, state), save(path), load(path).")
        var params = ppoParams
        for (i, p) in params.enumerated() where p.name == "n_steps" || p.name == "batch_size" {
            params[i] = Param(p.name, .int, default: .int(128))
        }
        params.append(Param("policy_kwargs", .any, default: .none))
        t.initializer(params: params) { a in
            let policy = try a.string("policy")
            guard policy == "MlpLstmPolicy" else {
                throw PyError(.valueError, "RecurrentPPO: only policy \"MlpLstmPolicy\" is available, got \"\(policy)\"")
            }
            let env = try AgentArguments.environment(a["env"], "RecurrentPPO")
            var o = RecurrentPPO.defaultOptions()
            o.learningRate = try a.double("learning_rate"); o.nSteps = try a.int("n_steps"); o.batchSize = try a.int("batch_size")
            o.nEpochs = try a.int("n_epochs"); o.gamma = try a.double("gamma"); o.gaeLambda = try a.double("gae_lambda")
            o.clipRange = try a.double("clip_range"); o.clipRangeVf = try a.optionalDouble("clip_range_vf")
            o.normalizeAdvantage = try a.bool("normalize_advantage"); o.entCoef = try a.double("ent_coef")
            o.vfCoef = try a.double("vf_coef"); o.maxGradNorm = try a.double("max_grad_norm")
            o.targetKL = try a.optionalDouble("target_kl"); o.verbose = try a.int("verbose"); o.seed = try a.optionalInt("seed")
            guard a["policy_kwargs"].isNone else {
                throw PyError(.valueError, "RecurrentPPO: policy_kwargs is not supported yet (MlpLstmPolicy uses lstm_hidden_size=256)")
            }
            let hidden = 256
            let runtime = a.runtime
            let model = try AgentArguments.run { try RecurrentPPO(env: env, options: o, lstmHiddenSize: hidden, write: { runtime.write($0) }) }
            return .object(RecurrentPPOInstance(type: t, model: model))
        }
        t.method("learn", doc: "Collect rollouts of n_steps and update until total_timesteps; the log box every log_interval rollouts when verbose=1. Ctrl-C stops between steps. Returns the model.",
                 params: [Param("total_timesteps", .int), Param("log_interval", .int, default: .int(1)),
                          Param("progress_bar", .bool, default: .bool(false)), Param("reset_num_timesteps", .bool, default: .bool(true))]) { o, a in
            let model = try recurrent(o)
            let total = try a.int("total_timesteps")
            let bar = try a.bool("progress_bar") ? HostServices.progress(total, "Training") : nil
            defer { bar?.close() }
            do {
                try model.learn(totalTimesteps: total, logInterval: a.int("log_interval"), resetNumTimesteps: a.bool("reset_num_timesteps"),
                                progress: bar.map { b in { done, _ in b.update(to: done) } },
                                shouldStop: { Interpreter.interruptRequested })
            } catch is TrainingInterrupted {
                Interpreter.clearInterrupt()
                throw PyError(.keyboardInterrupt, "training stopped after \(model.numTimesteps) steps; the model is usable")
            } catch let e as AgentError {
                throw PyError(.valueError, e.description)
            } catch { throw LibraryErrors.convert(error) }
            return .object(o)
        }
        t.method("predict", doc: "(action, state) for one observation; pass state back with episode_start (True at an episode's first step). state=None starts from zero states.",
                 params: [Param("observation", .any), Param("state", .any, default: .none),
                          Param("episode_start", .any, default: .none), Param("deterministic", .bool, default: .bool(false))]) { o, a in
            let obs = try ValueConversion.numbers(a["observation"], what: "observation").values.map(Float.init)
            var state: RecurrentState? = nil
            if !a["state"].isNone {
                guard case .object(let so as NativeInstance) = a["state"], let s = so.payload as? RecurrentState else {
                    throw PyError(.typeError, "predict() argument 'state' must be None or the state predict returned, not \(a["state"].typeName)")
                }
                state = s
            }
            var start = false
            switch a["episode_start"] {
            case .none: start = false
            case .list(let l): start = l.items.first?.isTruthy ?? false
            case .tuple(let tp): start = tp.items.first?.isTruthy ?? false
            case let v: start = v.isTruthy
            }
            let (action, next) = try AgentArguments.run { try recurrent(o).predict(obs, state: state, episodeStart: start, deterministic: a.bool("deterministic")) }
            return .tuple([.int(action), .object(NativeInstance(type: stateType, payload: next))])
        }
        t.method("save", doc: "Write the policy and optimizer state (atomic, checksummed).", params: [Param("path", .str)]) { o, a in
            let path = try a.string("path")
            try HostServices.checkWrite(path)
            try AgentArguments.run { try recurrent(o).save(to: path) }; return .none
        }
        t.method("load", doc: "Load a checkpoint written by save into this model; a corrupt file leaves it unchanged. Returns the model.", params: [Param("path", .str)]) { o, a in
            let path = try a.string("path")
            try HostServices.checkRead(path)
            try AgentArguments.run { try recurrent(o).load(from: path) }; return .object(o)
        }
        t.property("num_timesteps") { o in .int(try recurrent(o).numTimesteps) }
        t.property("ep_info_buffer", doc: "The last 100 training episodes as dicts {r, l}.") { o in
            .list(try recurrent(o).monitor.recent.map { .dict([("r", .float($0.reward)), ("l", .int($0.length))]) })
        }
        return t
    }()

    static func recurrent(_ o: NativeInstance) throws -> RecurrentPPO {
        guard let p = o as? RecurrentPPOInstance else { throw PyError(.typeError, "not a RecurrentPPO model") }
        return p.model
    }

    /// `stable_baselines3` (PPO) and `sb3_contrib` (RecurrentPPO).
    static func makeModules() -> [NativeModule] {
        let sb3 = NativeModule("stable_baselines3", doc: "Stable-Baselines3's algorithms: PPO.")
        sb3.add(ppoType)
        let contrib = NativeModule("sb3_contrib", doc: "sb3-contrib's algorithms: RecurrentPPO.")
        contrib.add(recurrentType)
        return [sb3, contrib]
    }
}
