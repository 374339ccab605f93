/// What one training episode produced.
public struct EpisodeResult: Equatable, Sendable {
    /// The sum of the rewards (float64, as Python sums NumPy float64 rewards).
    public var reward: Double
    /// The same sum accumulated in float32: the LSTM loop's `ep_reward` is a shape-(1,)
    /// float32 array in the notebook (its action has shape (1, 1)) and prints as `[-890.9534]`.
    public var rewardFloat32: Float
    /// Environment steps taken.
    public var steps: Int
    /// `actor_loss`, `critic_loss` and their sum, before the optimizer step (nil when no update ran).
    public var actorLoss: Float?
    public var criticLoss: Float?
    public var loss: Float? {
        guard let a = actorLoss, let c = criticLoss else { return nil }
        return a + c
    }
}
