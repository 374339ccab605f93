import SMRAgents
import SMRLanguage
import SMRNeural
import SMRTensor

/// The notebook's training helpers as library functions with its names and arguments:
/// `run_episode(env, agent, optimizer)`, `collect_episode(env, policy, seq_len)` and
/// `train_step(policy, optimizer, obs_seq, action_seq, reward_seq, seq_len)`.
enum TrainingFunctions {
    static func all() -> [BuiltinFunction] { [runEpisode(), collectEpisode(), trainStep()] }

    /// Both of the notebook's `run_episode` definitions, chosen by the agent's class.
    /// The LSTM version returns `ep_reward` as the notebook has it: a shape-(1,) float32
    /// array (its (1, 1) action makes every reward an array), printed `[-890.9534]`; the
    /// NTM version returns a float.
    static func runEpisode() -> BuiltinFunction {
        BuiltinFunction(
            "run_episode",
            doc: """
                One 200-step episode with Normal(mean, 0.1) actions, Monte-Carlo returns (gamma 0.99), actor + critic loss and one optimizer step; returns ep_reward.
                For LSTMActorCritic as the notebook's first run_episode (ep_reward is a float32 array of shape (1,)), for ExplicitMemoryAgent as its last (memory reset first; ep_reward is a float).
                """,
            params: [Param("env"), Param("agent"), Param("optimizer")]
        ) { a in
            let env = try AgentArguments.environment(a["env"], "run_episode")
            let optimizer = try AgentArguments.optimizer(a["optimizer"], "run_episode")
            if case .object(let o as ModuleObject) = a["agent"] {
                if let lstm = o.module as? LSTMActorCritic {
                    let r = try AgentArguments.run { try RunEpisode.run(env: env, agent: lstm, optimizer: optimizer) }
                    return .object(Float32Array(data: [r.rewardFloat32], shape: [1]))
                }
                if let ntm = o.module as? ExplicitMemoryAgent {
                    let r = try AgentArguments.run { try RunEpisode.run(env: env, agent: ntm, optimizer: optimizer) }
                    return .float(r.reward)
                }
            }
            throw PyError(.typeError, "run_episode() argument 'agent' must be an LSTMActorCritic or an ExplicitMemoryAgent, not \(a["agent"].typeName)")
        }
    }

    static func collectEpisode() -> BuiltinFunction {
        BuiltinFunction(
            "collect_episode",
            doc: "seq_len env steps: random actions until seq_len observations are collected, then one policy action (no_grad). Returns (obs_seq, action_seq, reward_seq, ep_reward).",
            params: [Param("env"), Param("policy"), Param("seq_len", .int)]
        ) { a in
            let env = try AgentArguments.environment(a["env"], "collect_episode")
            let policy = try AgentArguments.module(a["policy"], as: TransformerActorCritic.self, "collect_episode", "policy", "TransformerActorCritic")
            let seqLen = try a.int("seq_len")
            let e = try AgentArguments.run { try CollectEpisode.run(env: env, policy: policy, seqLen: seqLen) }
            return .tuple([
                .list(e.observations.map { .object(Float32Array($0)) }),
                .list(e.actions.map { .object(Float32Array($0)) }),
                .list(e.rewards.map { .float($0) }),
                .float(e.reward),
            ])
        }
    }

    static func trainStep() -> BuiltinFunction {
        BuiltinFunction(
            "train_step",
            doc: "One update on the last seq_len steps: actor loss ((action_preds - actions)**2).mean(), critic loss on the Monte-Carlo returns (gamma 0.99), one optimizer step. Returns None (also when obs_seq is shorter than seq_len).",
            params: [Param("policy"), Param("optimizer"), Param("obs_seq"), Param("action_seq"), Param("reward_seq"), Param("seq_len", .int)]
        ) { a in
            let policy = try AgentArguments.module(a["policy"], as: TransformerActorCritic.self, "train_step", "policy", "TransformerActorCritic")
            let optimizer = try AgentArguments.optimizer(a["optimizer"], "train_step")
            let observations = try AgentArguments.rows(a["obs_seq"], "train_step", "obs_seq")
            let actions = try AgentArguments.rows(a["action_seq"], "train_step", "action_seq")
            let rewards = try AgentArguments.numbers(a["reward_seq"], "train_step", "reward_seq")
            let seqLen = try a.int("seq_len")
            try AgentArguments.run {
                try TrainStep.run(policy: policy, optimizer: optimizer, observations: observations, actions: actions,
                                  rewards: rewards, seqLen: seqLen)
            }
            return .none
        }
    }
}
