/// NumPy's `PCG64` bit generator: a 128-bit linear congruential generator with the
/// XSL-RR output function (O'Neill's `pcg_setseq_128_xsl_rr_64`).
///
/// Why: gymnasium seeds every environment and space with
/// `Generator(PCG64(SeedSequence(seed)))`; this type produces the same 64-bit words,
/// and the same 32-bit words (NumPy hands out the two halves of one 64-bit draw, low half
/// first), so every derived distribution can match NumPy bit for bit.
public struct PCG64: Sendable, Equatable {
    /// The LCG state (128 bits).
    public private(set) var state: UInt128
    /// The LCG increment (always odd).
    public private(set) var increment: UInt128
    /// The buffered high half of a 64-bit draw, waiting to be returned by `nextUInt32`.
    var bufferedUInt32: UInt32?

    static let multiplier: UInt128 = (UInt128(2_549_297_995_355_413_924) << 64) | UInt128(4_865_540_595_714_422_341)

    /// Seeds as NumPy does from a `SeedSequence`: four 64-bit words `w`, state seed
    /// `w0·2⁶⁴ + w1`, stream `w2·2⁶⁴ + w3`, then `pcg_setseq_128_srandom_r`.
    public init(seedSequence: SeedSequence) {
        let words = seedSequence.generateState64(count: 4)
        let initialState = (UInt128(words[0]) << 64) | UInt128(words[1])
        let sequence = (UInt128(words[2]) << 64) | UInt128(words[3])
        self.init(initialState: initialState, sequence: sequence)
    }

    /// Seeds from an integer through `SeedSequence(seed)`, as `PCG64(seed)` in NumPy.
    public init(seed: UInt64) {
        self.init(seedSequence: SeedSequence(seed: seed))
    }

    /// `pcg_setseq_128_srandom_r`: increment `(sequence << 1) | 1`, one step, add the
    /// initial state, one more step.
    public init(initialState: UInt128, sequence: UInt128) {
        state = 0
        increment = (sequence << 1) | 1
        bufferedUInt32 = nil
        advanceState()
        state = state &+ initialState
        advanceState()
    }

    @inline(__always)
    mutating func advanceState() {
        state = state &* Self.multiplier &+ increment
    }

    /// The next 64-bit word: advance, then XSL-RR of the new state.
    @inline(__always)
    public mutating func nextUInt64() -> UInt64 {
        advanceState()
        let high = UInt64(truncatingIfNeeded: state >> 64)
        let low = UInt64(truncatingIfNeeded: state)
        let rotation = high >> 58
        let folded = high ^ low
        return (folded >> rotation) | (folded << ((64 &- rotation) & 63))
    }

    /// The next 32-bit word: the low half of a fresh 64-bit draw, or the high half of the
    /// previous one if it is still buffered (NumPy's `pcg64_next32`).
    @inline(__always)
    public mutating func nextUInt32() -> UInt32 {
        if let buffered = bufferedUInt32 {
            bufferedUInt32 = nil
            return buffered
        }
        let word = nextUInt64()
        bufferedUInt32 = UInt32(truncatingIfNeeded: word >> 32)
        return UInt32(truncatingIfNeeded: word)
    }

    /// A double in [0, 1) with 53 random bits: `(nextUInt64 >> 11) · 2⁻⁵³`.
    @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(nextUInt64() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }
}
