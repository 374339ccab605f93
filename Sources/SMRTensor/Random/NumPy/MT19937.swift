/// The Mersenne Twister MT19937 as NumPy's legacy `RandomState` runs it.
///
/// Why: code written against the global `np.random` functions (for example the reference
/// repository's `MemoryTaskEnv`, which calls `np.random.randint`) draws from this stream;
/// porting it exactly lets a run seeded with `np.random.seed(s)` be reproduced.
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
        var key = [UInt32](repeating: 0, count: Self.stateLength)
        var value = seed
        for index in 0..<Self.stateLength {
            key[index] = value
            value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(index + 1)
        }
        self.key = key
        self.position = Self.stateLength
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
