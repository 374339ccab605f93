import SMRTensor

/// POPGym's `RepeatPrevious` (envs/repeat_previous.py): the agent sees one card's suit per
/// step and must answer the suit of the card dealt `k` steps before.
///
/// Observation: the newest card's suit, `Discrete(4)`. Action `Discrete(4)`. Once `k`
/// cards have been dealt, each step pays `±1/(cards − k)`; before that 0. Terminates after
/// `cards − 1` steps. Presets (num_decks, k): Easy (1, 4), Medium (2, 32), Hard (3, 64).
public final class RepeatPrevious: Environment {
    public let name: String
    public let numDecks: Int
    /// How many cards back the answer lies.
    public let k: Int
    public let observationSpace: any Space
    public let actionSpace: any Space
    public private(set) var npRandom: NumPyGenerator?
    var deck: CardDeck
    /// Cards dealt this episode, oldest first (POPGym's hand, never discarded here).
    var dealt: [Int] = []
    var started = false
    var episodeOver = false

    public enum Difficulty: String, CaseIterable, Sendable { case easy = "Easy", medium = "Medium", hard = "Hard" }

    public convenience init(difficulty: Difficulty) throws {
        let (decks, k) = [Difficulty.easy: (1, 4), .medium: (2, 32), .hard: (3, 64)][difficulty] ?? (1, 4)
        try self.init(numDecks: decks, k: k, name: "popgym-RepeatPrevious\(difficulty.rawValue)-v0")
    }

    public init(numDecks: Int = 1, k: Int = 4, name: String? = nil) throws {
        guard numDecks >= 1 else { throw EnvironmentError.invalidArgument("RepeatPrevious: num_decks must be ≥ 1, got \(numDecks)") }
        guard k >= 1, k < 52 * numDecks else {
            throw EnvironmentError.invalidArgument("RepeatPrevious: k must be in 1..<\(52 * numDecks) for \(numDecks) deck(s), got \(k)")
        }
        self.numDecks = numDecks
        self.k = k
        self.name = name ?? "RepeatPrevious(num_decks: \(numDecks), k: \(k))"
        deck = CardDeck(numDecks: numDecks)
        observationSpace = try Discrete(4)
        actionSpace = try Discrete(4)
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        if seed != nil || npRandom == nil { npRandom = try GymnasiumSeeding.generator(seed: seed) }
        guard var rng = npRandom else { throw EnvironmentError.invalidArgument("\(name).reset: no generator") }
        deck.reset(shufflingWith: &rng)
        npRandom = rng
        let card = deck.deal() ?? 0
        dealt = [card]
        started = true
        episodeOver = false
        return (Observation(unchecked: [Float(CardDeck.suit(card))], shape: []), Info())
    }

    public func step(_ action: Action) throws -> StepResult {
        guard started else { throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()") }
        guard !episodeOver else { throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode terminated; call reset() first") }
        guard case .discrete(let guess) = action, (0..<4).contains(guess) else {
            throw EnvironmentError.invalidAction(env: name, reason: "expected an integer in Discrete(4), got \(action)")
        }
        let scale = 1 / Double(deck.numCards - k)
        var reward = 0.0
        let terminated = deck.remaining == 1
        if dealt.count >= k {
            reward = guess == CardDeck.suit(dealt[dealt.count - k]) ? scale : -scale
        }
        let card = deck.deal() ?? 0
        dealt.append(card)
        episodeOver = terminated
        return (Observation(unchecked: [Float(CardDeck.suit(card))], shape: []), reward, terminated, false, Info())
    }
}
