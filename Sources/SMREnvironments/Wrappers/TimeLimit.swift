/// gymnasium's `TimeLimit`: sets `truncated = true` on the step where the episode reaches
/// `maxEpisodeSteps` (counted since the last reset). `make` applies it with the registered
/// limit (Pendulum-v1: 200, CartPole-v1: 500).
///
/// Stricter than gymnasium: stepping on after the episode ended (terminated or truncated)
/// throws `resetNeeded` instead of running past the limit.
public final class TimeLimit: Wrapper {
    public let env: any Environment
    /// The step count at which episodes are truncated.
    public let maxEpisodeSteps: Int
    /// Steps taken since the last reset.
    @exclusivity(unchecked) public private(set) var elapsedSteps = 0
    @exclusivity(unchecked) var episodeOver = false

    public init(_ env: any Environment, maxEpisodeSteps: Int) throws {
        guard maxEpisodeSteps >= 1 else {
            throw EnvironmentError.invalidArgument("TimeLimit: maxEpisodeSteps must be ≥ 1, got \(maxEpisodeSteps)")
        }
        self.env = env
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        let result = try env.reset(seed: seed, options: options)
        elapsedSteps = 0
        episodeOver = false
        return result
    }

    public func step(_ action: Action) throws -> StepResult {
        guard !episodeOver else {
            throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode ended; call reset() first")
        }
        var result = try env.step(action)
        elapsedSteps += 1
        if elapsedSteps >= maxEpisodeSteps { result.truncated = true }
        episodeOver = result.terminated || result.truncated
        return result
    }
}
