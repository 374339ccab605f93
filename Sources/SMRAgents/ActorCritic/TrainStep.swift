import SMRNeural
import SMRTensor

/// The notebook's `train_step(policy, optimizer, obs_seq, action_seq, reward_seq, seq_len)`:
///
/// ```python
/// if len(obs_seq) < seq_len: return
/// obs_tensor = torch.tensor(obs_seq[-seq_len:], dtype=torch.float32).unsqueeze(0)
/// action_tensor = torch.tensor(action_seq[-seq_len:], dtype=torch.float32)     # (seq_len, act_dim)
/// rewards = torch.tensor(reward_seq[-seq_len:], dtype=torch.float32)
/// action_preds, values = policy(obs_tensor)                                     # (1, act_dim), (1, 1)
/// values = values.squeeze()
/// actor_loss = ((action_preds - action_tensor)**2).mean()                       # broadcasts to (seq_len, act_dim)
/// returns = Monte-Carlo returns of rewards, gamma 0.99, as a float32 tensor
/// critic_loss = ((returns - values)**2).mean()
/// loss = actor_loss + critic_loss; zero_grad; backward; step
/// ```
public enum TrainStep {
    /// Returns the losses of the update, or nil when `obs_seq` is shorter than `seq_len`
    /// (the notebook's early `return`).
    @discardableResult
    public static func run(policy: TransformerActorCritic, optimizer: any Optimizer, observations: [[Float]],
                           actions: [[Float]], rewards: [Double], seqLen: Int, gamma: Double = 0.99) throws -> (actorLoss: Float, criticLoss: Float)? {
        guard seqLen > 0 else { throw AgentError("train_step", "seq_len must be positive, got \(seqLen)") }
        if observations.count < seqLen { return nil }
        guard actions.count >= seqLen, rewards.count >= seqLen else {
            throw AgentError("train_step", "action_seq and reward_seq need at least seq_len = \(seqLen) entries, got \(actions.count) and \(rewards.count)")
        }
        let obsTensor = try window(observations, seqLen: seqLen, function: "train_step")
        let actionRows = Array(actions.suffix(seqLen))
        let actDim = actionRows[0].count
        guard actionRows.allSatisfy({ $0.count == actDim }) else {
            throw AgentError("train_step", "the actions in action_seq have different lengths")
        }
        let actionTensor = try Tensor(actionRows.flatMap { $0 }, shape: [seqLen, actDim])
        let rewardRow = rewards.suffix(seqLen).map { Float($0) }
        let (actionPreds, values) = try policy.forward(obsTensor)
        let value = try values.reshape([])
        let actor = try (actionPreds - actionTensor).pow(2).mean()
        let returns = try Tensor(DiscountedReturns.float32(rewardRow, gamma: gamma), shape: [seqLen])
        let critic = try (returns - value).pow(2).mean()
        let loss = try actor + critic
        optimizer.zeroGrad()
        try loss.backward()
        try FiniteCheck.beforeStep(losses: [("the actor loss", actor), ("the critic loss", critic)], optimizer: optimizer,
                                   names: policy.namedParameters(), at: "train_step's update")
        try optimizer.step()
        return (try actor.item(), try critic.item())
    }

    /// `torch.tensor(obs_seq[-seq_len:]).unsqueeze(0)`: the last `seqLen` rows as `[1, seqLen, obs_dim]`.
    static func window(_ rows: [[Float]], seqLen: Int, function: String) throws -> Tensor {
        let last = rows.suffix(seqLen)
        guard let width = last.first?.count, last.allSatisfy({ $0.count == width }) else {
            throw AgentError(function, "the observations in obs_seq must all have the same length")
        }
        return try Tensor(last.flatMap { $0 }, shape: [1, last.count, width])
    }
}
