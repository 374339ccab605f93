import Foundation
import SMRTensor

/// The loss at the end of the notebook's `run_episode` (both the LSTM and the NTM version):
///
/// ```python
/// advantage = returns - values
/// actor_loss = -(log_probs * advantage.detach()).mean()
/// critic_loss = advantage.pow(2).mean()
/// loss = actor_loss + critic_loss
/// ```
///
/// with `log_probs[t] = Normal(mean_t, std).log_prob(action_t).sum()`.
///
/// `outerProduct` reproduces the LSTM loop's shapes: there `returns` and `values` are
/// `(T, 1)` while `log_probs` is `(T,)`, so the product broadcasts to `(T, T)` and
/// `actor_loss = -mean_i(log_probs) · mean_j(advantage)`. The NTM loop has `(T,)` everywhere.
enum ActorCriticLoss {
    /// `means` `[T, act_dim]` and `values` `[T]` are graph tensors; `actions` and `rewards`
    /// are the episode's constants. Returns the actor and critic losses (scalars).
    static func compute(means: Tensor, values: Tensor, actions: [Float], rewards: [Float],
                        std: Float, gamma: Double, outerProduct: Bool) throws -> (actor: Tensor, critic: Tensor) {
        let steps = rewards.count
        let returns = DiscountedReturns.float32(rewards, gamma: gamma)
        let returnsT = try Tensor(returns, shape: [steps])
        let actionsT = try Tensor(actions, shape: means.shape)
        // Normal.log_prob: -((x - μ)²) / (2σ²) - log σ - log √(2π), summed over the action.
        let variance = std * std
        let constant = Float(Foundation.log(Double(std))) + Float(Foundation.log((2 * Double.pi).squareRoot()))
        let squared = try (actionsT - means).pow(2)
        let logProbs = try ((-squared) / (2 * variance) - constant).sum(axes: [1])
        let advantage = try returnsT - values
        let critic = try advantage.pow(2).mean()
        let detached = advantage.data
        let actor: Tensor
        if outerProduct {
            let advantageMean = detached.reduce(0.0) { $0 + Double($1) } / Double(max(steps, 1))
            actor = try logProbs.mean() * Float(-advantageMean)
        } else {
            actor = try -(logProbs * Tensor(detached, shape: [steps])).mean()
        }
        return (actor, critic)
    }
}

