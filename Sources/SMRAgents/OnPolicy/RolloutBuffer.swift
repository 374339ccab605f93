import SMRTensor
/// SB3's `RolloutBuffer` for one environment: `n_steps` transitions of (observation, action,
/// reward, episode start, value, log-probability), then GAE(λ) advantages and returns
/// (Schulman et al. 2015, "High-Dimensional Continuous Control Using Generalized Advantage
/// Estimation").
public struct RolloutBuffer {
    public let size: Int
    public let observationSize: Int
    public var observations: [Float]
    public var actions: [Int]
    public var rewards: [Float]
    public var episodeStarts: [Float]
    public var values: [Float]
    public var logProbs: [Float]
    public var advantages: [Float]
    public var returns: [Float]
    public private(set) var count = 0

    public init(size: Int, observationSize: Int) {
        self.size = size
        self.observationSize = observationSize
        observations = [Float](filled: 0, count: size * observationSize)
        actions = [Int](filled: 0, count: size)
        rewards = [Float](filled: 0, count: size)
        episodeStarts = rewards; values = rewards; logProbs = rewards; advantages = rewards; returns = rewards
    }

    public var isFull: Bool { count == size }
    public mutating func reset() { count = 0 }

    public mutating func add(observation: [Float], action: Int, reward: Float, episodeStart: Bool,
                             value: Float, logProb: Float) {
        let o = count * observationSize
        for i in 0..<observationSize { observations[o + i] = observation[i] }
        actions[count] = action
        rewards[count] = reward
        episodeStarts[count] = episodeStart ? 1 : 0
        values[count] = value
        logProbs[count] = logProb
        count += 1
    }

    /// `compute_returns_and_advantage(last_values, dones)`: δₜ = rₜ + γ·V(sₜ₊₁)·(1 − doneₜ) − V(sₜ),
    /// Aₜ = δₜ + γλ·(1 − doneₜ)·Aₜ₊₁, where "done after step t" is `dones` at the last step and
    /// the next step's episode start otherwise; returns = A + V (TD(λ) targets).
    public mutating func computeReturnsAndAdvantage(lastValue: Float, done: Bool, gamma: Float, gaeLambda: Float) {
        var lastGae: Float = 0
        for t in stride(from: count - 1, through: 0, by: -1) {
            let nextNonTerminal: Float, nextValue: Float
            if t == count - 1 {
                nextNonTerminal = done ? 0 : 1
                nextValue = lastValue
            } else {
                nextNonTerminal = 1 - episodeStarts[t + 1]
                nextValue = values[t + 1]
            }
            let delta = rewards[t] + gamma * nextValue * nextNonTerminal - values[t]
            lastGae = delta + gamma * gaeLambda * nextNonTerminal * lastGae
            advantages[t] = lastGae
        }
        for t in 0..<count { returns[t] = advantages[t] + values[t] }
    }
}

/// SB3's `Monitor` bookkeeping: the return and length of every finished episode, with the
/// last 100 kept for `rollout/ep_rew_mean` and `rollout/ep_len_mean` (`ep_info_buffer`).
public struct EpisodeMonitor {
    public private(set) var recent: [(reward: Double, length: Int)] = []
    public private(set) var allRewards: [Double] = []
    public private(set) var allLengths: [Int] = []
    public let capacity: Int
    private var reward = 0.0, length = 0

    public init(capacity: Int = 100) { self.capacity = capacity }

    public mutating func step(reward r: Double, done: Bool) {
        reward += r
        length += 1
        if done {
            recent.append((reward, length))
            if recent.count > capacity { recent.removeFirst(recent.count - capacity) }
            allRewards.append(reward)
            allLengths.append(length)
            reward = 0; length = 0
        }
    }

    /// Starts over (a new `learn` with `reset_num_timesteps=True`).
    public mutating func clear() {
        recent = []; reward = 0; length = 0
    }

    public var meanReward: Double? { recent.isEmpty ? nil : recent.reduce(0) { $0 + $1.reward } / Double(recent.count) }
    public var meanLength: Double? { recent.isEmpty ? nil : Double(recent.reduce(0) { $0 + $1.length }) / Double(recent.count) }
}
