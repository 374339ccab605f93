import SMREnvironments
import SMRTensor

/// One short episode of the notebook's transformer section: what `collect_episode` returns.
public struct CollectedEpisode {
    /// The observations seen, one row of `obs_dim` float32 values each (`obs_seq`).
    public var observations: [[Float]]
    /// The actions taken, one float32 row each (`action_seq`).
    public var actions: [[Float]]
    /// The rewards (`reward_seq`, Python floats).
    public var rewards: [Double]
    /// Their sum (`ep_reward`).
    public var reward: Double
}

/// The notebook's `collect_episode(env, policy, seq_len)`:
///
/// ```python
/// obs, _ = env.reset()
/// for step in range(seq_len):
///     obs_seq.append(obs)
///     if len(obs_seq) < seq_len:
///         action = env.action_space.sample()          # random until the window is full
///     else:
///         obs_tensor = torch.tensor(obs_seq[-seq_len:], dtype=torch.float32).unsqueeze(0)
///         with torch.no_grad():
///             action_pred, _ = policy(obs_tensor)
///         action = action_pred.cpu().numpy().flatten()
///     next_obs, reward, terminated, truncated, _ = env.step(action)
///     ...
/// ```
///
/// So an "episode" is `seq_len` environment steps: `seq_len − 1` random actions, then one
/// action of the policy (still in training mode, so dropout is active).
public enum CollectEpisode {
    public static func run(env: any Environment, policy: TransformerActorCritic, seqLen: Int) throws -> CollectedEpisode {
        guard seqLen >= 0 else { throw AgentError("collect_episode", "seq_len must be non-negative, got \(seqLen)") }
        try EnvSeeding.ensureSeeded(env)
        var episode = CollectedEpisode(observations: [], actions: [], rewards: [], reward: 0)
        var obs = try env.reset().observation
        for _ in 0..<seqLen {
            episode.observations.append(obs.values)
            let action: [Float]
            if episode.observations.count < seqLen {
                guard case .continuous(let values) = env.actionSpace.sampleAction() else {
                    throw AgentError("collect_episode", "the environment's action space is not continuous")
                }
                action = values
            } else {
                let window = try TrainStep.window(episode.observations, seqLen: seqLen, function: "collect_episode")
                action = try GradMode.noGrad { try policy.forward(window).action.data }
            }
            let step = try env.step(.continuous(action))
            episode.rewards.append(step.reward)
            episode.actions.append(action)
            episode.reward += step.reward
            obs = step.observation
            if step.terminated || step.truncated { break }
        }
        return episode
    }
}
