import CKernels

/// The Mersenne Twister MT19937 as NumPy's legacy `RandomState`, CPython's `random` and
/// PyTorch's CPU generator run it (all three seed it with Knuth's initialisation).
///
/// Why: code written against the global `np.random` functions (for example the reference
/// repository's `MemoryTaskEnv`, which calls `np.random.randint`), `random` or `torch`
/// draws from this stream; porting it exactly lets a seeded run be reproduced.
public struct MT19937: Sendable, Equatable {
    static let stateLength = 624
    static let middle = 397
    static let matrixA: UInt32 = 0x9908_b0df
    static let upperMask: UInt32 = 0x8000_0000
    static let lowerMask: UInt32 = 0x7fff_ffff

    /// The 624-word key.
    public private(set) var key: [UInt32]
    /// The index of the next word to temper; 624 means "regenerate first".
    public private(set) var position: Int

    /// `np.random.seed(seed)` for an integer seed in 0...2³²−1 (`mt19937_seed`, Knuth's
    /// initialisation with multiplier 1812433253).
    public init(seed: UInt32) {
        var key = [UInt32](filled: 0, count: Self.stateLength)
        var value = seed
        for index in 0..<Self.stateLength {
            key[index] = value
            value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(index + 1)
        }
        self.key = key
        self.position = Self.stateLength
    }

    /// A state restored from its 624-word key and position; nil when malformed.
    public init?(key: [UInt32], position: Int) {
        guard key.count == Self.stateLength, (0...Self.stateLength).contains(position) else { return nil }
        self.key = key
        self.position = position
    }

    /// Writes the next `count` tempered words to `out` (vectorised; same words as
    /// `count` calls of `nextUInt32`).
    public mutating func fill(_ out: UnsafeMutablePointer<UInt32>, count: Int) {
        guard count > 0 else { return }
        var pos = position
        key.withUnsafeMutableBufferPointer { k in
            if let base = k.baseAddress { smr_mt19937_fill(base, &pos, count, out) }
        }
        position = pos
    }

    /// Runs a C kernel on the key and position (for the bulk transformations).
    mutating func withState(_ body: (UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<Int>) -> Void) {
        var pos = position
        key.withUnsafeMutableBufferPointer { k in
            if let base = k.baseAddress { body(base, &pos) }
        }
        position = pos
    }

    /// Regenerates all 624 words (`mt19937_gen`).
    mutating func regenerate() {
        let n = Self.stateLength, m = Self.middle
        key.withUnsafeMutableBufferPointer { key in
            for index in 0..<n {
                let y = (key[index] & Self.upperMask) | (key[(index + 1) % n] & Self.lowerMask)
                key[index] = key[(index + m) % n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : Self.matrixA)
            }
        }
        position = 0
    }

    /// The next tempered 32-bit word (`genrand_int32`).
    @inline(__always)
    public mutating func nextUInt32() -> UInt32 {
        if position >= Self.stateLength { regenerate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// A double in [0, 1) from two words: `((a >> 5) · 2²⁶ + (b >> 6)) / 2⁵³`.
    @inline(__always)
    public mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5)
        let b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}
