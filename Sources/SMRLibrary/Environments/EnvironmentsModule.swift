import SMREnvironments
import SMRLanguage

/// `from environments import MemoryTaskEnv`: the memory tasks as classes, with the
/// reference repository's keyword names.
enum EnvironmentsModule {
    /// The classes the module holds (also bound as globals).
    static let classNames = ["MemoryTaskEnv", "MemoryChain", "RepeatFirst", "RepeatPrevious", "CountRecall",
                             "StatelessCartPole", "GuessingGame", "SequentialDigits"]

    static func make(state: LibraryState) -> NativeModule {
        let m = NativeModule("environments", doc: """
            Memory tasks as environment classes.
                env = MemoryTaskEnv(delay=8, difficulty=0)
                obs, info = env.reset(seed=0)
            """)
        m.add(envClass("MemoryTaskEnv", doc: "Delayed recall: remember the bit shown at reset, answer it after `delay` steps (+1/-1).",
                       params: [Param("delay", .int, default: .int(8), doc: "steps from the cue to the decision"),
                                Param("difficulty", .int, default: .int(0), doc: "0: zero distractors; 1: random distractors")]) { a in
            try MemoryTaskEnv(delay: a.int("delay"), difficulty: a.int("difficulty"), randomState: state.legacyRandom)
        })
        m.add(envClass("MemoryChain", doc: "bsuite memory_len / memory_size: remember a context for memory_length steps.",
                       params: [Param("memory_length", .int, default: .int(1), doc: "steps to remember"),
                                Param("num_bits", .int, default: .int(1), doc: "bits of context"),
                                Param("seed", .int, default: .int(0), doc: "bsuite seed")]) { a in
            let seed = try a.int("seed")
            guard let s = UInt32(exactly: seed) else { throw PyError(.valueError, "MemoryChain: seed must be between 0 and 2**32 - 1, got \(seed)") }
            return try MemoryChain(memoryLength: a.int("memory_length"), numBits: a.int("num_bits"), seed: s)
        })
        m.add(envClass("RepeatFirst", doc: "POPGym RepeatFirst: repeat the first card's suit.",
                       params: [Param("num_decks", .int, default: .int(1), doc: "number of decks")]) { a in
            try RepeatFirst(numDecks: a.int("num_decks"))
        })
        m.add(envClass("RepeatPrevious", doc: "POPGym RepeatPrevious: repeat the suit seen k cards ago.",
                       params: [Param("num_decks", .int, default: .int(1), doc: "number of decks"),
                                Param("k", .int, default: .int(4), doc: "how far back")]) { a in
            try RepeatPrevious(numDecks: a.int("num_decks"), k: a.int("k"))
        })
        m.add(envClass("CountRecall", doc: "POPGym CountRecall: how many times has this card been seen?",
                       params: [Param("num_decks", .int, default: .int(1), doc: "number of decks"),
                                Param("deck_type", .str, default: .str("colors"), doc: "'colors', 'suits' or 'ranks'")]) { a in
            let name = try a.string("deck_type")
            guard let deck = CountRecall.DeckType(rawValue: name) else {
                throw PyError(.valueError, "CountRecall: deck_type must be 'colors', 'suits' or 'ranks', got '\(name)'")
            }
            return try CountRecall(numDecks: a.int("num_decks"), deckType: deck)
        })
        m.add(envClass("StatelessCartPole", doc: "POPGym position-only CartPole (velocities hidden).",
                       params: [Param("max_episode_length", .int, default: .int(200), doc: "episode limit")]) { a in
            try StatelessCartPole(maxEpisodeLength: a.int("max_episode_length"))
        })
        m.add(envClass("GuessingGame", doc: "Blog task: guess a hidden vector from distance feedback.",
                       params: [Param("dimension", .int, default: .int(3), doc: "vector size"),
                                Param("steps", .int, default: .int(20), doc: "episode length")]) { a in
            try GuessingGame(dimension: a.int("dimension"), steps: a.int("steps"))
        })
        m.add(envClass("SequentialDigits", doc: "Blog task: classify a digit image shown a few pixels per step.",
                       params: [Param("split", .str, default: .str("all"), doc: "'train', 'test' or 'all'"),
                                Param("pixels_per_step", .int, default: .int(8), doc: "pixels revealed per step")]) { a in
            let name = try a.string("split")
            guard let split = SequentialDigits.Split(rawValue: name) else {
                throw PyError(.valueError, "SequentialDigits: split must be 'train', 'test' or 'all', got '\(name)'")
            }
            return try SequentialDigits(split: split, pixelsPerStep: a.int("pixels_per_step"))
        })
        return m
    }

    /// A class whose instances are environment objects.
    static func envClass(_ name: String, doc: String, params: [Param], _ build: @escaping (Arguments) throws -> any Environment) -> NativeType {
        let t = NativeType(name, doc: doc + "\nMethods: reset(seed=None, options=None), step(action), close(); attributes observation_space, action_space.")
        t.initializer(params: params) { args in
            do { return EnvBindings.wrap(try build(args), id: nil) } catch { throw LibraryErrors.convert(error) }
        }
        return t
    }
}
