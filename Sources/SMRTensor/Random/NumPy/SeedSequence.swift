/// NumPy's `numpy.random.SeedSequence`: turns user entropy (an integer seed, or a list of
/// 32-bit words) into well-mixed state words for bit generators.
///
/// Why: `numpy.random.default_rng(seed)` and gymnasium's `reset(seed=s)` seed PCG64
/// through this algorithm; reproducing it word for word is what makes our initial states
/// equal to gymnasium's. The algorithm (O'Neill's "seed_seq" hash mixing) keeps a pool of
/// four 32-bit words; `generateState` draws any number of words from it.
///
/// ```swift
/// let words = SeedSequence(seed: 0).generateState64(count: 4)   // what PCG64 consumes
/// ```
public struct SeedSequence: Sendable, Equatable {
    /// The entropy as NumPy coerces it: 32-bit words, least significant first.
    public let entropy: [UInt32]
    /// The spawn key (empty for a sequence made directly from a seed).
    public let spawnKey: [UInt32]
    /// The mixed pool of four words that every `generateState` call reads.
    public let pool: [UInt32]

    static let poolSize = 4
    static let initA: UInt32 = 0x43b0_d7e5
    static let multA: UInt32 = 0x931e_8875
    static let initB: UInt32 = 0x8b51_f9dd
    static let multB: UInt32 = 0x58f3_8ded
    static let mixMultL: UInt32 = 0xca01_f9dd
    static let mixMultR: UInt32 = 0x4973_f715
    static let xShift: UInt32 = 16

    /// A sequence seeded from a non-negative integer, as `SeedSequence(seed)` in NumPy.
    /// An integer is split into 32-bit words, least significant first (0 gives `[0]`).
    public init(seed: UInt64) {
        let low = UInt32(truncatingIfNeeded: seed)
        let high = UInt32(truncatingIfNeeded: seed >> 32)
        self.init(entropyWords: high == 0 ? [low] : [low, high])
    }

    /// A sequence from explicit entropy words and an optional spawn key, as
    /// `SeedSequence(entropy, spawn_key=...)` with a list of uint32 values.
    public init(entropyWords: [UInt32], spawnKey: [UInt32] = []) {
        self.entropy = entropyWords
        self.spawnKey = spawnKey
        var assembled = entropyWords
        if !spawnKey.isEmpty && assembled.count < Self.poolSize {
            assembled += Array(repeating: 0, count: Self.poolSize - assembled.count)
        }
        assembled += spawnKey
        self.pool = Self.mixEntropy(assembled)
    }

    /// A sequence seeded from 128 bits of operating-system entropy, as `SeedSequence()`.
    public static func fromSystemEntropy() -> SeedSequence {
        var system = SystemRandomNumberGenerator()
        let words = (0..<4).map { _ in UInt32.random(in: .min ... .max, using: &system) }
        return SeedSequence(entropyWords: words)
    }

    /// `count` 32-bit state words, as `generate_state(count, np.uint32)`.
    public func generateState(count: Int) -> [UInt32] {
        guard count > 0 else { return [] }
        var hashConst = Self.initB
        var words = [UInt32]()
        words.reserveCapacity(count)
        for index in 0..<count {
            var value = pool[index % Self.poolSize]
            value ^= hashConst
            hashConst = hashConst &* Self.multB
            value = value &* hashConst
            value ^= value >> Self.xShift
            words.append(value)
        }
        return words
    }

    /// `count` 64-bit state words, as `generate_state(count, np.uint64)`: pairs of 32-bit
    /// words read little-endian (the first word is the low half).
    public func generateState64(count: Int) -> [UInt64] {
        let words = generateState(count: 2 * count)
        return (0..<max(count, 0)).map { UInt64(words[2 * $0]) | (UInt64(words[2 * $0 + 1]) << 32) }
    }

    /// NumPy's `hashmix`: one word through the running multiplicative hash.
    static func hashMix(_ value: UInt32, _ hashConst: inout UInt32) -> UInt32 {
        var value = value ^ hashConst
        hashConst = hashConst &* multA
        value = value &* hashConst
        return value ^ (value >> xShift)
    }

    /// NumPy's `mix`: combines two words.
    static func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
        let result = (mixMultL &* x) &- (mixMultR &* y)
        return result ^ (result >> xShift)
    }

    /// NumPy's `mix_entropy`: folds every entropy word into the four-word pool.
    static func mixEntropy(_ entropy: [UInt32]) -> [UInt32] {
        var hashConst = initA
        var mixer = [UInt32](filled: 0, count: poolSize)
        for index in 0..<poolSize {
            mixer[index] = hashMix(index < entropy.count ? entropy[index] : 0, &hashConst)
        }
        for source in 0..<poolSize {
            for destination in 0..<poolSize where source != destination {
                mixer[destination] = mix(mixer[destination], hashMix(mixer[source], &hashConst))
            }
        }
        if entropy.count > poolSize {
            for source in poolSize..<entropy.count {
                for destination in 0..<poolSize {
                    mixer[destination] = mix(mixer[destination], hashMix(entropy[source], &hashConst))
                }
            }
        }
        return mixer
    }
}
