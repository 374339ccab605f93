import SMRTensor

/// POPGym's `CountRecall` (envs/count_recall.py): each step deals a value card and a query
/// card; the agent must answer how many cards of the *previous* query's kind it has seen.
///
/// Cards are told apart by colour (Easy, 1 deck), suit (Medium, 2 decks) or rank (Hard,
/// 4 decks). Observation `[value kind, query kind]`, `MultiDiscrete([kinds, kinds])`.
/// Action `Discrete(cards/kinds + 1)`. Reward `±1/(cards − 1)`; terminates when the value
/// deck is empty (`cards − 1` steps). Both decks are shuffled with the same generator,
/// value deck first. (POPGym also returns `info["counts"]`; that is not reproduced.)
public final class CountRecall: Environment {
    /// What distinguishes cards.
    public enum DeckType: String, Sendable { case colors, suits, ranks }
    public enum Difficulty: String, CaseIterable, Sendable { case easy = "Easy", medium = "Medium", hard = "Hard" }

    public let name: String
    public let numDecks: Int
    public let deckType: DeckType
    public let observationSpace: any Space
    public let actionSpace: any Space
    public private(set) var npRandom: NumPyGenerator?
    /// Kinds of card (2, 4 or 13) and the most cards of one kind.
    public let kinds: Int
    public let maxCardCount: Int
    /// How many value cards of each kind were dealt this episode.
    public private(set) var counts: [Int] = []
    var valueDeck: CardDeck
    var queryDeck: CardDeck
    var query = 0
    var started = false
    var episodeOver = false

    public convenience init(difficulty: Difficulty) throws {
        let (decks, type) = [Difficulty.easy: (1, DeckType.colors), .medium: (2, .suits), .hard: (4, .ranks)][difficulty] ?? (1, .colors)
        try self.init(numDecks: decks, deckType: type, name: "popgym-CountRecall\(difficulty.rawValue)-v0")
    }

    public init(numDecks: Int = 1, deckType: DeckType = .colors, name: String? = nil) throws {
        guard numDecks >= 1 else { throw EnvironmentError.invalidArgument("CountRecall: num_decks must be ≥ 1, got \(numDecks)") }
        self.numDecks = numDecks
        self.deckType = deckType
        self.name = name ?? "CountRecall(num_decks: \(numDecks), deck_type: \(deckType.rawValue))"
        kinds = [DeckType.colors: 2, .suits: 4, .ranks: 13][deckType] ?? 2
        maxCardCount = 52 * numDecks / kinds
        valueDeck = CardDeck(numDecks: numDecks)
        queryDeck = CardDeck(numDecks: numDecks)
        observationSpace = try MultiDiscrete([kinds, kinds])
        actionSpace = try Discrete(maxCardCount + 1)
    }

    func kind(_ card: Int) -> Int {
        switch deckType {
        case .colors: return CardDeck.color(card)
        case .suits: return CardDeck.suit(card)
        case .ranks: return CardDeck.rank(card)
        }
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        if seed != nil || npRandom == nil { npRandom = try GymnasiumSeeding.generator(seed: seed) }
        guard var rng = npRandom else { throw EnvironmentError.invalidArgument("\(name).reset: no generator") }
        valueDeck.reset(shufflingWith: &rng)
        queryDeck.reset(shufflingWith: &rng)
        npRandom = rng
        counts = Array(repeating: 0, count: kinds)
        let (value, newQuery) = deal()
        counts[value] += 1
        query = newQuery
        started = true
        episodeOver = false
        return (Observation(unchecked: [Float(value), Float(newQuery)], shape: [2]), Info())
    }

    func deal() -> (value: Int, query: Int) {
        (kind(valueDeck.deal() ?? 0), kind(queryDeck.deal() ?? 0))
    }

    public func step(_ action: Action) throws -> StepResult {
        guard started else { throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()") }
        guard !episodeOver else { throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode terminated; call reset() first") }
        guard case .discrete(let answer) = action, (0...maxCardCount).contains(answer) else {
            throw EnvironmentError.invalidAction(env: name, reason: "expected an integer in Discrete(\(maxCardCount + 1)), got \(action)")
        }
        let previousCount = counts[query]
        let (value, newQuery) = deal()
        counts[value] += 1
        query = newQuery
        let reward = (answer == previousCount ? 1.0 : -1.0) * (1 / Double(valueDeck.numCards - 1))
        let terminated = valueDeck.remaining == 0
        episodeOver = terminated
        return (Observation(unchecked: [Float(value), Float(newQuery)], shape: [2]), reward, terminated, false, Info())
    }
}
