import Foundation

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

    /// The second deviate of the last polar pair (`has_gauss`/`gauss`).
    private var spareGauss: Double?

    /// `np.random.seed(seed)`: restarts the stream (and forgets a cached normal).
    public func seed(_ seed: UInt32) {
        mt = MT19937(seed: seed)
        spareGauss = nil
    }

    /// `standard_normal()` / `randn()`: NumPy's legacy polar Box–Muller (`legacy_gauss`),
    /// which caches the pair's other deviate.
    public func gauss() -> Double {
        if let g = spareGauss {
            spareGauss = nil
            return g
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * mt.nextDouble() - 1.0
            x2 = 2.0 * mt.nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * log(r2) / r2).squareRoot()
        spareGauss = f * x1
        return f * x2
    }

    /// `uniform(low, high)`: low + (high − low)·random_sample().
    public func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * mt.nextDouble()
    }

    /// `random_interval(max)`: a value in 0...max by masked rejection (used by `shuffle`).
    public func randomInterval(_ max: UInt64) -> UInt64 { maskedBounded(max) }

    /// `shuffle(x)` in place: for i from n−1 down to 1 swap x[i] with x[random_interval(i)].
    public func shuffle<T>(_ x: inout [T]) {
        guard x.count > 1 else { return }
        for i in stride(from: x.count - 1, through: 1, by: -1) {
            x.swapAt(i, Int(randomInterval(UInt64(i))))
        }
    }

    /// `permutation(n)`: a shuffled `arange(n)`.
    public func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<Swift.max(n, 0))
        shuffle(&p)
        return p
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

    /// `binomial(n, p)`: NumPy's legacy inversion algorithm (`legacy_random_binomial` for
    /// `n·min(p, 1−p) ≤ 30`; `q^n` as `exp(n·log q)`, one uniform per attempt). Larger
    /// `n·p` would use the BTPE sampler, which is not ported: that throws.
    public func binomial(_ n: Int, _ p: Double) throws -> Int {
        guard n >= 0, p >= 0, p <= 1, !p.isNaN else {
            throw TensorError.invalidArgument(op: "LegacyRandomState.binomial", reason: "need n ≥ 0 and 0 ≤ p ≤ 1 (n \(n), p \(p))")
        }
        if n == 0 || p == 0 { return 0 }
        if p <= 0.5 {
            guard p * Double(n) <= 30 else { throw binomialNotPorted(n, p) }
            return binomialInversion(n, p)
        }
        let q = 1.0 - p
        guard q * Double(n) <= 30 else { throw binomialNotPorted(n, p) }
        return n - binomialInversion(n, q)
    }

    /// `binomial(n, p, size=count)`.
    public func binomial(_ n: Int, _ p: Double, count: Int) throws -> [Int] {
        try (0..<max(count, 0)).map { _ in try binomial(n, p) }
    }

    func binomialNotPorted(_ n: Int, _ p: Double) -> TensorError {
        .invalidArgument(op: "LegacyRandomState.binomial", reason: "n·p > 30 needs NumPy's BTPE sampler, which is not ported (n \(n), p \(p))")
    }

    func binomialInversion(_ n: Int, _ p: Double) -> Int {
        let q = 1.0 - p
        let qn = exp(Double(n) * log(q))
        let np = Double(n) * p
        let bound = Int(Swift.min(Double(n), np + 10.0 * (np * q + 1).squareRoot()))
        var x = 0
        var px = qn
        var u = mt.nextDouble()
        while u > px {
            x += 1
            if x > bound {
                x = 0
                px = qn
                u = mt.nextDouble()
            } else {
                u -= px
                px = (Double(n - x + 1) * p * px) / (Double(x) * q)
            }
        }
        return x
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
