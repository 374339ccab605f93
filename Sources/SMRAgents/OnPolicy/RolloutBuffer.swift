/// Stable-Baselines3's `RolloutBuffer` for one environment: `n_steps` transitions, then GAE
/// advantages and returns (`compute_returns_and_advantage`).
struct RolloutBuffer {
    var observations: [[Float]] = []
    var actions: [Int] = []
    var rewards: [Float] = []
    /// Whether each stored step began an episode (SB3's `episode_starts`).
    var episodeStarts: [Bool] = []
    var values: [Float] = []
    var logProbs: [Float] = []
    var advantages: [Float] = []
    var returns: [Float] = []

    var count: Int { actions.count }

    mutating func reset() { self = RolloutBuffer() }

    mutating func add(observation: [Float], action: Int, reward: Float, episodeStart: Bool, value: Float, logProb: Float) {
        observations.append(observation)
        actions.append(action)
        rewards.append(reward)
        episodeStarts.append(episodeStart)
        values.append(value)
        logProbs.append(logProb)
    }

    /// GAE(λ) backwards over the buffer: the last step bootstraps from `lastValue` unless
    /// `done`; other steps stop at the next step's episode start. `returns = advantages + values`.
    mutating func computeReturnsAndAdvantage(lastValue: Float, done: Bool, gamma: Float, lambda: Float) {
        let n = count
        advantages = [Float](repeating: 0, count: n)
        var lastGAE: Float = 0
        for step in stride(from: n - 1, through: 0, by: -1) {
            let nextNonTerminal: Float, nextValue: Float
            if step == n - 1 {
                nextNonTerminal = done ? 0 : 1
                nextValue = lastValue
            } else {
                nextNonTerminal = episodeStarts[step + 1] ? 0 : 1
                nextValue = values[step + 1]
            }
            let delta = rewards[step] + gamma * nextValue * nextNonTerminal - values[step]
            lastGAE = delta + gamma * lambda * nextNonTerminal * lastGAE
            advantages[step] = lastGAE
        }
        returns = zip(advantages, values).map { $0 + $1 }
    }
}
