import SMRTensor

/// POPGym's `Deck` (core/deck.py), reduced to what its memory tasks use: `numDecks`
/// standard 52-card decks, shuffled with the environment's generator, dealt from the end.
///
/// Card `i` (0 ..< 52·numDecks) has suit `i % 4`, colour `i % 2` and rank `(i % 52) / 4`,
/// as POPGym's tiled index arrays define them.
struct CardDeck {
    let numCards: Int
    /// The shuffled order; cards are dealt from the end (POPGym's `idx[new_len:deck_len]`).
    private(set) var order: [Int]
    /// Cards still in the deck (POPGym's `len(deck)`).
    private(set) var remaining: Int

    init(numDecks: Int) {
        numCards = 52 * numDecks
        order = Array(0..<numCards)
        remaining = numCards
    }

    /// `deck.reset(rng=np_random)`: all cards back, then `rng.shuffle(arange(numCards))`.
    mutating func reset(shufflingWith rng: inout NumPyGenerator) {
        order = Array(0..<numCards)
        rng.shuffle(&order)
        remaining = numCards
    }

    /// Deals one card; `nil` when the deck is empty (POPGym raises DeckEmptyError).
    mutating func deal() -> Int? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        return order[remaining]
    }

    static func suit(_ card: Int) -> Int { card % 4 }
    static func color(_ card: Int) -> Int { card % 2 }
    static func rank(_ card: Int) -> Int { (card % 52) / 4 }
}
