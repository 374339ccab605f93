import SMRTensor

/// POPGym's `RepeatFirst` (envs/repeat_first.py): the agent sees one card's suit per step
/// and must always answer the suit of the first card.
///
/// Observation: the suit (0–3) of the newest card, `Discrete(4)` (a one-value observation).
/// Action `Discrete(4)`. Reward `±1/(cards − 1)` per step; the episode terminates after
/// `cards − 1` steps (Easy: 1 deck, Medium: 8, Hard: 16). Seeding as gymnasium
/// (`reset(seed:)` → PCG64), deck shuffled with `np_random.shuffle`.
public final class RepeatFirst: Environment {
    public let name: String
    public let numDecks: Int
    public let observationSpace: any Space
    public let actionSpace: any Space
    public private(set) var npRandom: NumPyGenerator?
    /// The suit to repeat.
    public private(set) var firstSuit: Int?
    var deck: CardDeck
    var episodeOver = false

    /// POPGym's difficulty presets.
    public enum Difficulty: String, CaseIterable, Sendable { case easy = "Easy", medium = "Medium", hard = "Hard" }

    public convenience init(difficulty: Difficulty) throws {
        try self.init(numDecks: [.easy: 1, .medium: 8, .hard: 16][difficulty] ?? 1, name: "popgym-RepeatFirst\(difficulty.rawValue)-v0")
    }

    public init(numDecks: Int = 1, name: String? = nil) throws {
        guard numDecks >= 1 else { throw EnvironmentError.invalidArgument("RepeatFirst: num_decks must be ≥ 1, got \(numDecks)") }
        self.numDecks = numDecks
        self.name = name ?? "RepeatFirst(num_decks: \(numDecks))"
        deck = CardDeck(numDecks: numDecks)
        observationSpace = try Discrete(4)
        actionSpace = try Discrete(4)
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        if seed != nil || npRandom == nil { npRandom = try GymnasiumSeeding.generator(seed: seed) }
        guard var rng = npRandom else { throw EnvironmentError.invalidArgument("\(name).reset: no generator") }
        deck.reset(shufflingWith: &rng)
        npRandom = rng
        let suit = CardDeck.suit(deck.deal() ?? 0)
        firstSuit = suit
        episodeOver = false
        return (Observation(unchecked: [Float(suit)], shape: []), Info())
    }

    public func step(_ action: Action) throws -> StepResult {
        guard let firstSuit else { throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()") }
        guard !episodeOver else { throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode terminated; call reset() first") }
        guard case .discrete(let guess) = action, (0..<4).contains(guess) else {
            throw EnvironmentError.invalidAction(env: name, reason: "expected an integer in Discrete(4), got \(action)")
        }
        let scale = 1 / Double(deck.numCards - 1)
        let reward = guess == firstSuit ? scale : -scale
        let terminated = deck.remaining == 1
        let suit = CardDeck.suit(deck.deal() ?? 0)
        episodeOver = terminated
        return (Observation(unchecked: [Float(suit)], shape: []), reward, terminated, false, Info())
    }
}
