import Foundation

/// The environment registry behind `make`, pre-filled with every environment here.
///
/// Why: agents, benchmarks and the language refer to environments by id, exactly as
/// `gym.make("CartPole-v1")`, and get gymnasium's wrappers (OrderEnforcing, TimeLimit).
public final class EnvRegistry: @unchecked Sendable {
    /// The registry `make` uses.
    public static let shared = EnvRegistry(specs: EnvRegistry.builtIn)

    var specs: [String: EnvSpec]
    let lock = NSLock()

    init(specs: [EnvSpec]) {
        self.specs = Dictionary(uniqueKeysWithValues: specs.map { ($0.id, $0) })
    }

    /// Adds or replaces a spec.
    public func register(_ spec: EnvSpec) {
        lock.lock(); defer { lock.unlock() }
        specs[spec.id] = spec
    }

    /// The spec for `id`, if registered.
    public func spec(_ id: String) -> EnvSpec? {
        lock.lock(); defer { lock.unlock() }
        return specs[id]
    }

    /// All registered ids, sorted.
    public var ids: [String] {
        lock.lock(); defer { lock.unlock() }
        return specs.keys.sorted()
    }

    /// gymnasium's `make`: builds the environment and wraps it in `OrderEnforcing`, then in
    /// `TimeLimit` with `maxEpisodeSteps` (default: the registered limit).
    public func make(_ id: String, maxEpisodeSteps: Int? = nil, kwargs: [String: EnvArgument] = [:]) throws -> any Environment {
        guard let spec = spec(id) else { throw EnvironmentError.unknownEnvironment(id: id, known: ids) }
        var env: any Environment = OrderEnforcing(try spec.entryPoint(EnvArguments(id: id, kwargs)))
        if let limit = maxEpisodeSteps ?? spec.maxEpisodeSteps {
            env = try TimeLimit(env, maxEpisodeSteps: limit)
        }
        return env
    }

    static var builtIn: [EnvSpec] {
        [
            EnvSpec(id: "Pendulum-v1", maxEpisodeSteps: 200) { args in
                try args.requireOnly(["g", "clip_actions"])
                return try Pendulum(gravity: args.double("g", default: 10),
                                    outOfBoundsActions: args.bool("clip_actions", default: true) ? .clip : .reject)
            },
            EnvSpec(id: "CartPole-v1", maxEpisodeSteps: 500, rewardThreshold: 475) { args in
                try args.requireOnly(["sutton_barto_reward"])
                return try CartPole(suttonBartoReward: args.bool("sutton_barto_reward", default: false))
            },
            EnvSpec(id: "MemoryTask-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly(["delay", "difficulty"])
                return try MemoryTaskEnv(delay: args.int("delay", default: 8), difficulty: args.int("difficulty", default: 0))
            },
            EnvSpec(id: "bsuite/memory_len-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly(["memory_length", "seed"])
                let length = try args.int("memory_length", default: 1)
                return try MemoryChain(memoryLength: length, numBits: 1, seed: seed32(args), name: "bsuite/memory_len(\(length))")
            },
            EnvSpec(id: "bsuite/memory_size-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly(["num_bits", "seed"])
                let bits = try args.int("num_bits", default: 1)
                return try MemoryChain(memoryLength: 2, numBits: bits, seed: seed32(args), name: "bsuite/memory_size(\(bits))")
            },
            EnvSpec(id: "SequentialDigits-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly(["split", "pixels_per_step"])
                let name = try args.string("split", default: "all")
                guard let split = SequentialDigits.Split(rawValue: name) else {
                    throw EnvironmentError.invalidArgument("make('SequentialDigits-v0'): split must be 'train', 'test' or 'all', got '\(name)'")
                }
                return try SequentialDigits(split: split, pixelsPerStep: args.int("pixels_per_step", default: 8))
            },
            EnvSpec(id: "GuessingGame-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly(["dimension", "steps"])
                return try GuessingGame(dimension: args.int("dimension", default: 3), steps: args.int("steps", default: 20))
            },
        ] + popGymSpecs
    }

    /// bsuite's `seed` keyword (default 0, as `memory_len.load`).
    static func seed32(_ args: EnvArguments) throws -> UInt32 {
        let seed = try args.int("seed", default: 0)
        guard let value = UInt32(exactly: seed) else {
            throw EnvironmentError.invalidArgument("bsuite: seed must be between 0 and 2**32 - 1, got \(seed)")
        }
        return value
    }

    /// POPGym's ids (registered there without a TimeLimit), for each difficulty.
    static var popGymSpecs: [EnvSpec] {
        var specs: [EnvSpec] = []
        for level in ["Easy", "Medium", "Hard"] {
            specs.append(EnvSpec(id: "popgym-RepeatFirst\(level)-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly([])
                return try RepeatFirst(difficulty: RepeatFirst.Difficulty(rawValue: level) ?? .easy)
            })
            specs.append(EnvSpec(id: "popgym-RepeatPrevious\(level)-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly([])
                return try RepeatPrevious(difficulty: RepeatPrevious.Difficulty(rawValue: level) ?? .easy)
            })
            specs.append(EnvSpec(id: "popgym-CountRecall\(level)-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly([])
                return try CountRecall(difficulty: CountRecall.Difficulty(rawValue: level) ?? .easy)
            })
            specs.append(EnvSpec(id: "popgym-PositionOnlyCartPole\(level)-v0", maxEpisodeSteps: nil) { args in
                try args.requireOnly([])
                return try StatelessCartPole(difficulty: StatelessCartPole.Difficulty(rawValue: level) ?? .easy)
            })
        }
        return specs
    }
}

/// `gym.make(id, max_episode_steps=..., **kwargs)` on the shared registry.
///
/// ```swift
/// let env = try make("Pendulum-v1")                       // TimeLimit(200) ∘ OrderEnforcing
/// let hard = try make("MemoryTask-v0", kwargs: ["delay": 16, "difficulty": 1])
/// ```
public func make(_ id: String, maxEpisodeSteps: Int? = nil, kwargs: [String: EnvArgument] = [:]) throws -> any Environment {
    try EnvRegistry.shared.make(id, maxEpisodeSteps: maxEpisodeSteps, kwargs: kwargs)
}
