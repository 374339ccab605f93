/// NumPy's legacy `RandomState` (the generator behind the global `np.random.*` functions),
/// with the methods ported code needs: `seed`, `random_sample` and `randint`.
///
/// A class, because the global NumPy stream is shared state: several environments that
/// call `np.random.randint` all advance one stream, and sharing one `LegacyRandomState`
/// object reproduces that.
///
/// ```swift
/// let rs = LegacyRandomState(seed: 0)   // np.random.seed(0)
/// try rs.randint(0, 2)                  // np.random.randint(0, 2)
/// ```
public final class LegacyRandomState: @unchecked Sendable {
    /// The Mersenne Twister underneath.
    /// (No dynamic exclusivity checks: a random state is used from one thread at a time.)
    @exclusivity(unchecked) public private(set) var mt: MT19937

    /// `RandomState(seed)` / `np.random.seed(seed)` for a seed in 0...2³²−1.
    public init(seed: UInt32) {
        mt = MT19937(seed: seed)
    }

    /// A state seeded from operating-system entropy (NumPy would read 624 words of it;
    /// the values differ but the stream is equally unpredictable).
    public static func fromSystemEntropy() -> LegacyRandomState {
        var system = SystemRandomNumberGenerator()
        return LegacyRandomState(seed: UInt32.random(in: .min ... .max, using: &system))
    }

    /// `np.random.seed(seed)`: restarts the stream.
    public func seed(_ seed: UInt32) {
        mt = MT19937(seed: seed)
    }

    /// `random_sample()`: a double in [0, 1) built from two 32-bit words.
    public func randomSample() -> Double {
        mt.nextDouble()
    }

    /// `randint(low, high)` for the default int64 dtype (`high` exclusive): NumPy's legacy
    /// masked rejection sampling — draw 32-bit words (64-bit for ranges wider than 32 bits),
    /// mask to the smallest covering power of two minus one, reject values above the range.
    public func randint(_ low: Int, _ high: Int) throws -> Int {
        guard high > low else {
            throw TensorError.invalidArgument(op: "LegacyRandomState.randint", reason: "low >= high (low \(low), high \(high))")
        }
        let range = UInt64(bitPattern: Int64(high)) &- UInt64(bitPattern: Int64(low)) &- 1
        let offset = UInt64(bitPattern: Int64(low))
        return Int(Int64(bitPattern: offset &+ maskedBounded(range)))
    }

    /// NumPy's `random_bounded_uint64(..., use_masked=true)` on MT19937.
    func maskedBounded(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        var mask = range
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4
        mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        if range <= 0xFFFF_FFFF {
            while true {
                let value = UInt64(mt.nextUInt32()) & mask
                if value <= range { return value }
            }
        }
        if range == .max { return nextUInt64() }
        while true {
            let value = nextUInt64() & mask
            if value <= range { return value }
        }
    }

    /// MT19937's 64-bit word: the first 32-bit draw is the high half.
    func nextUInt64() -> UInt64 {
        let high = UInt64(mt.nextUInt32())
        return (high << 32) | UInt64(mt.nextUInt32())
    }
}
