import SMREnvironments
import SMRNeural
import SMRTensor

/// The notebook's `run_episode(env, agent, optimizer)`, once for each agent it is defined for.
///
/// ```python
/// obs, _ = env.reset()
/// hidden = agent.init_hidden()                  # (the NTM version also calls agent.reset_memory())
/// for _ in range(200):
///     action_mean, value, hidden = agent(torch.tensor(obs, dtype=torch.float32), hidden)
///     dist = torch.distributions.Normal(action_mean, 0.1)
///     action = dist.sample()
///     log_prob = dist.log_prob(action).sum()
///     next_obs, reward, terminated, truncated, _ = env.step(action.cpu().numpy())
///     ...
/// # Monte-Carlo returns (gamma 0.99), actor + critic loss, one Adam step
/// return ep_reward
/// ```
///
/// The graph of the whole episode is kept (full backpropagation through time) and
/// released by the one backward pass, as in PyTorch.
public enum RunEpisode {
    /// The LSTM version. `maxSteps` is the notebook's `range(200)`.
    @discardableResult
    public static func run(env: any Environment, agent: LSTMActorCritic, optimizer: any Optimizer,
                           actions: ActionSource = .normal(std: 0.1), maxSteps: Int = 200, gamma: Double = 0.99) throws -> EpisodeResult {
        var hidden = try agent.initHidden()
        var (means, values, taken, rewards, result) = try rollout(env: env, actions: actions, maxSteps: maxSteps) { x in
            let out = try agent.forward(x, hidden: hidden)
            hidden = out.hidden
            return (out.actionMean, out.value)
        }
        try update(means: means, values: values, actions: taken, rewards: rewards, std: actions.std, gamma: gamma,
                   outerProduct: true, optimizer: optimizer, names: agent.namedParameters(), result: &result)
        return result
    }

    /// The NTM version (`ExplicitMemoryAgent`): resets the memory first; actions and values
    /// have shape `(act_dim,)` and `()`, so no broadcasting quirk.
    @discardableResult
    public static func run(env: any Environment, agent: ExplicitMemoryAgent, optimizer: any Optimizer,
                           actions: ActionSource = .normal(std: 0.1), maxSteps: Int = 200, gamma: Double = 0.99) throws -> EpisodeResult {
        try agent.resetMemory()
        var hidden = try agent.initHidden()
        var (means, values, taken, rewards, result) = try rollout(env: env, actions: actions, maxSteps: maxSteps) { x in
            let out = try agent.forward(x, hidden: hidden)
            hidden = out.hidden
            return (out.action, out.value)
        }
        try update(means: means, values: values, actions: taken, rewards: rewards, std: actions.std, gamma: gamma,
                   outerProduct: false, optimizer: optimizer, names: agent.namedParameters(), result: &result)
        return result
    }

    /// Runs one episode of at most `maxSteps` steps with `policy` (observation → action mean
    /// and value, keeping its own recurrent state), sampling actions from `actions`. The
    /// environment is reset first (seeded from the global stream if nobody seeded it).
    private static func rollout(env: any Environment, actions: ActionSource, maxSteps: Int,
                                policy: (Tensor) throws -> (mean: Tensor, value: Tensor)) throws
        -> (means: [Tensor], values: [Tensor], taken: [Float], rewards: [Float], result: EpisodeResult) {
        try EnvSeeding.ensureSeeded(env)
        var obs = try env.reset().observation
        var means: [Tensor] = [], values: [Tensor] = []
        var taken: [Float] = [], rewards: [Float] = []
        means.reserveCapacity(maxSteps); values.reserveCapacity(maxSteps)
        var result = EpisodeResult(reward: 0, rewardFloat32: 0, steps: 0)
        for t in 0..<maxSteps {
            let (mean, value) = try policy(try Tensor(obs.values, shape: [1, obs.count]))
            let action = try actions.action(step: t, mean: mean.data, std: actions.std)
            let step = try env.step(.continuous(action))
            means.append(mean)
            values.append(value)
            taken += action
            rewards.append(Float(step.reward))
            result.reward += step.reward
            result.rewardFloat32 += Float(step.reward)
            result.steps += 1
            obs = step.observation
            if step.terminated || step.truncated { break }
        }
        return (means, values, taken, rewards, result)
    }

    /// Stacks the episode, computes the loss and takes one optimizer step
    /// (`optimizer.zero_grad(); loss.backward(); optimizer.step()`), unless a loss or gradient
    /// is NaN or infinite (`NumericalFault`; `names` names the parameters then).
    static func update(means: [Tensor], values: [Tensor], actions: [Float], rewards: [Float], std: Float, gamma: Double,
                       outerProduct: Bool, optimizer: any Optimizer, names: @autoclosure () -> [(name: String, tensor: Tensor)],
                       result: inout EpisodeResult) throws {
        guard !rewards.isEmpty, let actDim = means.first?.count else {
            throw AgentError("run_episode", "the episode has no steps")
        }
        let meanRows = try Tensor.concat(means.map { try $0.reshape([1, actDim]) }, axis: 0)
        let valueColumn = try Tensor.concat(values.map { try $0.reshape([1]) }, axis: 0)
        let (actor, critic) = try ActorCriticLoss.compute(means: meanRows, values: valueColumn, actions: actions,
                                                          rewards: rewards, std: std, gamma: gamma, outerProduct: outerProduct)
        let loss = try actor + critic
        optimizer.zeroGrad()
        try loss.backward()
        try FiniteCheck.beforeStep(losses: [("the actor loss", actor), ("the critic loss", critic)], optimizer: optimizer,
                                   names: names(), at: "run_episode's update (an episode of \(rewards.count) steps)")
        try optimizer.step()
        result.actorLoss = try actor.item()
        result.criticLoss = try critic.item()
    }
}
