/// The project's seeded random stream: xoshiro256++ seeded through SplitMix64.
///
/// Identical sequences on every run and machine for the same seed (integer arithmetic
/// only, plus `log`/`sqrt`/`cos` for normals). `split()` derives an independent child
/// stream deterministically, so each component (dropout, an environment, a sampler)
/// can own its stream and adding a consumer does not shift the others.
public struct RandomGenerator: Sendable, Equatable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// The spare normal deviate of the last Box–Muller pair, if any.
    private var spareNormal: Double?

    /// A generator whose whole state is derived from `seed`.
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // the all-zero state is a fixed point
        spareNormal = nil
    }

    /// A generator seeded from a signed integer such as the language's `seed(n)`.
    public init(seed: Int) { self.init(seed: UInt64(bitPattern: Int64(seed))) }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 { nextUInt64() }

    @usableFromInline
    mutating func nextUInt64() -> UInt64 {
        let result = rotl(s0 &+ s3, 23) &+ s0
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// A child stream, independent of this one, and advances this one by one draw.
    public mutating func split() -> RandomGenerator {
        RandomGenerator(seed: next() ^ 0xD1B5_4A32_D192_ED03)
    }

    /// Uniform Float in [0, 1) with 24 random bits.
    @inlinable
    public mutating func uniformFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// Uniform Double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform Double in [low, high).
    @inlinable
    public mutating func uniform(low: Double, high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A standard normal deviate (Box–Muller, both values of each pair used).
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        // u1 in (0, 1] so that log(u1) is finite.
        let u1 = 1.0 - uniform()
        let u2 = uniform()
        let r = (-2.0 * _log(u1)).squareRoot()
        let theta = 2.0 * Double.pi * u2
        spareNormal = r * _sin(theta)
        return r * _cos(theta)
    }

    /// A normal deviate with the given mean and standard deviation.
    public mutating func normal(mean: Double, std: Double) -> Double {
        mean + std * normal()
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    /// Throws for `bound <= 0`.
    public mutating func integer(below bound: Int) throws -> Int {
        guard bound > 0 else {
            throw TensorError.invalidArgument(op: "integer", reason: "upper bound must be positive, got \(bound)")
        }
        return Int(boundedUInt64(UInt64(bound)))
    }

    /// A uniform integer in `low..<high`. Throws when the range is empty.
    public mutating func integer(low: Int, high: Int) throws -> Int {
        guard low < high else {
            throw TensorError.invalidArgument(op: "integer", reason: "empty range \(low)..<\(high)")
        }
        let span = UInt64(bitPattern: Int64(high &- low))
        return low &+ Int(truncatingIfNeeded: boundedUInt64(span))
    }

    @usableFromInline
    mutating func boundedUInt64(_ bound: UInt64) -> UInt64 {
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }

    /// An index drawn with probability proportional to `weights` (non-negative, finite,
    /// not all zero), as `torch.multinomial(p, 1)` / `Categorical.sample()`.
    public mutating func categorical(weights: [Double]) throws -> Int {
        var total = 0.0
        for w in weights {
            guard w >= 0, w.isFinite else {
                throw TensorError.invalidArgument(op: "categorical", reason: "weights must be finite and non-negative, got \(w)")
            }
            total += w
        }
        guard total > 0 else {
            throw TensorError.invalidArgument(op: "categorical", reason: "weights sum to zero")
        }
        let target = uniform() * total
        var acc = 0.0
        for (i, w) in weights.enumerated() {
            acc += w
            if target < acc { return i }
        }
        // Rounding can leave target == total: take the last index with positive weight.
        return weights.lastIndex(where: { $0 > 0 }) ?? 0
    }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<max(n, 0))
        var i = p.count - 1
        while i > 0 {
            let j = Int(boundedUInt64(UInt64(i + 1)))
            p.swapAt(i, j)
            i -= 1
        }
        return p
    }

    /// The full state, for checkpoints.
    public var state: [UInt64] {
        get {
            [s0, s1, s2, s3, spareNormal == nil ? 0 : 1, (spareNormal ?? 0).bitPattern]
        }
        set {
            guard newValue.count == 6 else { return }
            s0 = newValue[0]; s1 = newValue[1]; s2 = newValue[2]; s3 = newValue[3]
            spareNormal = newValue[4] == 0 ? nil : Double(bitPattern: newValue[5])
        }
    }

    /// Restores a state saved with `state`; throws on a malformed state.
    public mutating func restore(state: [UInt64]) throws {
        guard state.count == 6, state[0] | state[1] | state[2] | state[3] != 0, state[4] <= 1 else {
            throw TensorError.invalidArgument(op: "RandomGenerator.restore", reason: "malformed generator state")
        }
        self.state = state
    }
}

/// SplitMix64: expands one 64-bit seed into well-mixed words.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
