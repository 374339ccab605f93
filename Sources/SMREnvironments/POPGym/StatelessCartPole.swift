/// POPGym's "Stateless CartPole" (`PositionOnlyCartPole`, envs/position_only_cartpole.py):
/// gymnasium's CartPole with the velocities hidden, so balancing needs memory.
///
/// Observation `[x, θ]` (float32). Reward `1/maxEpisodeLength` per step (CartPole's 1.0
/// rescaled). Truncated after `maxEpisodeLength` steps: Easy 200, Medium 400, Hard 600.
/// Dynamics, termination and seeding are CartPole-v1's (this wraps `CartPole`).
public final class StatelessCartPole: Environment {
    public enum Difficulty: String, CaseIterable, Sendable { case easy = "Easy", medium = "Medium", hard = "Hard" }

    public let name: String
    public let maxEpisodeLength: Int
    public let observationSpace: any Space
    public var actionSpace: any Space { cartPole.actionSpace }
    /// The full CartPole underneath (its `state` holds the hidden velocities).
    public let cartPole: CartPole
    public private(set) var steps = 0
    var episodeOver = false

    public convenience init(difficulty: Difficulty) throws {
        try self.init(maxEpisodeLength: [.easy: 200, .medium: 400, .hard: 600][difficulty] ?? 200,
                      name: "popgym-PositionOnlyCartPole\(difficulty.rawValue)-v0")
    }

    public init(maxEpisodeLength: Int = 200, name: String? = nil) throws {
        guard maxEpisodeLength >= 1 else {
            throw EnvironmentError.invalidArgument("StatelessCartPole: max_episode_length must be ≥ 1, got \(maxEpisodeLength)")
        }
        self.maxEpisodeLength = maxEpisodeLength
        self.name = name ?? "StatelessCartPole(max_episode_length: \(maxEpisodeLength))"
        cartPole = try CartPole()
        let high: [Float] = [Float(cartPole.xThreshold * 2), Float(cartPole.thetaThresholdRadians * 2)]
        observationSpace = try Box(low: high.map { -$0 }, high: high)
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        let (full, info) = try cartPole.reset(seed: seed, options: options)
        steps = 0
        episodeOver = false
        return (positions(full), info)
    }

    public func step(_ action: Action) throws -> StepResult {
        guard !episodeOver else {
            throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode ended; call reset() first")
        }
        let result = try cartPole.step(action)
        steps += 1
        let truncated = result.truncated || steps >= maxEpisodeLength
        episodeOver = result.terminated || truncated
        let reward = result.reward == 0 ? -1.0 : 1.0 / Double(maxEpisodeLength)
        return (positions(result.observation), reward, result.terminated, truncated, result.info)
    }

    func positions(_ full: Observation) -> Observation {
        Observation(unchecked: [full.values[0], full.values[2]], shape: [2])
    }
}
