import SMREnvironments

/// The reference benchmark's evaluation: episodes whose target (the first observation's first
/// value) already has `episodes / 2` samples are skipped, until both targets have them; at
/// most 1000 resets. So a policy that ignores the cue scores exactly 0.
public struct BalancedEvaluation {
    public let env: MemoryTaskEnv
    public let episodes: Int

    public init(env: MemoryTaskEnv, episodes: Int) {
        self.env = env
        self.episodes = episodes
    }

    /// `act(observation, isFirstStep)` gives the action; returns each counted episode's return.
    /// `warn` gets the reference's message when the 1000 resets run out (an odd `episodes`).
    public func run(warn: (String) -> Void = { _ in }, _ act: ([Float], Bool) throws -> Int) throws -> [Double] {
        var returns: [Double] = []
        var counts = [0, 0]
        let perTarget = episodes / 2
        var attempts = 0
        while counts[0] + counts[1] < episodes {
            var (obs, _) = try env.reset(seed: nil, options: nil)
            attempts += 1
            // The reference prints this warning and stops after 1000 resets.
            if attempts > 1000 {
                warn("Warning: Evaluation ran over 1000 attempts, aborting early.\n")
                break
            }
            let target = Int(obs.values[0])
            guard counts[target] < perTarget else { continue }
            counts[target] += 1
            var total = 0.0, first = true
            while true {
                let action = try act(obs.values, first)
                first = false
                let step = try env.step(.discrete(action))
                total += step.reward
                obs = step.observation
                if step.terminated { break }
            }
            returns.append(total)
        }
        return returns
    }
}
