import CKernels
import Foundation

/// PyTorch's CPU generator (`CPUGeneratorImpl`): an mt19937 engine seeded with the low 32
/// bits of the seed, plus the cached second deviate of the last double Box–Muller pair.
///
/// Every draw reproduces PyTorch's CPU kernels bit for bit: `random()` is one engine word,
/// `random64()` two (first word high), floats take 24 bits of one word and doubles 53 bits
/// of two (`uniform_real_distribution`), integers are `random() % range` below 2²⁸ and
/// `random64() % range` above (`uniform_int_from_to_distribution`), normals are
/// `normal_distribution<double>`. Tensor fills (`Tensor.uniform`, `Tensor.normal`, dropout)
/// use the bulk kernels in CKernels, which follow PyTorch's vectorised paths.
public struct RandomGenerator: Sendable, Equatable {
    /// PyTorch's default seed (`default_rng_seed_val`), used before any `manual_seed`.
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    var engine: MT19937
    /// The seed this stream was created with (`torch.initial_seed()`).
    public private(set) var initialSeed: UInt64
    /// The second deviate of the last double Box–Muller pair (`next_double_normal_sample`).
    var nextDoubleNormal: Double?
    /// The float counterpart (`next_float_normal_sample`), kept for the state layout.
    var nextFloatNormal: Float?

    /// `torch.Generator().manual_seed(seed)`.
    public init(seed: UInt64) {
        engine = MT19937(seed: UInt32(truncatingIfNeeded: seed))
        initialSeed = seed
    }

    /// A generator seeded from a signed integer such as the language's `seed(n)`
    /// (negative seeds wrap modulo 2⁶⁴, as `torch.manual_seed` does).
    public init(seed: Int) { self.init(seed: UInt64(bitPattern: Int64(seed))) }

    /// One engine word (`CPUGeneratorImpl::random`).
    @inline(__always)
    public mutating func random() -> UInt32 { engine.nextUInt32() }

    /// Two engine words, the first in the high half (`CPUGeneratorImpl::random64`).
    @inline(__always)
    public mutating func random64() -> UInt64 {
        let hi = UInt64(engine.nextUInt32())
        return hi << 32 | UInt64(engine.nextUInt32())
    }

    /// The next 64 random bits (`random64`).
    @inline(__always)
    public mutating func next() -> UInt64 { random64() }

    /// Uniform Float in [0, 1): 24 bits of one word (`uniform_real_distribution<float>`).
    @inline(__always)
    public mutating func uniformFloat() -> Float {
        Float(random() & 0xFF_FFFF) * 0x1p-24
    }

    /// Uniform Double in [0, 1): 53 bits of `random64` (`uniform_real_distribution<double>`).
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(random64() & (1 << 53 - 1)) * 0x1p-53
    }

    /// Uniform Double in [low, high): `fma(u, high − low, low)`.
    public mutating func uniform(low: Double, high: Double) -> Double {
        low.addingProduct(uniform(), high - low)
    }

    /// A standard normal deviate as `normal_distribution<double>` draws it: Box–Muller on
    /// two doubles u1, u2 with r = √(−2·log1p(−u2)), θ = 2π·u1; returns r·cos θ and keeps
    /// r·sin θ for the next call.
    public mutating func normal() -> Double {
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            return cached
        }
        let u1 = uniform()
        let u2 = uniform()
        let r = (-2.0 * Foundation.log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        nextDoubleNormal = r * Foundation.sin(theta)
        return r * Foundation.cos(theta)
    }

    /// A normal deviate with the given mean and standard deviation (`fma(z, std, mean)`).
    public mutating func normal(mean: Double, std: Double) -> Double {
        mean.addingProduct(normal(), std)
    }

    /// An exponential deviate with rate `lambda` (`exponential_distribution<double>`):
    /// −1/λ · log1p(−u).
    public mutating func exponential(lambda: Double = 1) -> Double {
        (-1.0 / lambda) * Foundation.log1p(-uniform())
    }

    /// A uniform integer in `0..<bound` (`random_(0, bound)`). Throws for `bound <= 0`.
    public mutating func integer(below bound: Int) throws -> Int {
        try integer(low: 0, high: bound)
    }

    /// A uniform integer in `low..<high` as `torch.randint(low, high, …)` draws it.
    /// Throws when the range is empty.
    public mutating func integer(low: Int, high: Int) throws -> Int {
        guard low < high else {
            throw TensorError.invalidArgument(op: "random_", reason: "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        }
        let range = UInt64(bitPattern: Int64(high)) &- UInt64(bitPattern: Int64(low))
        let value = range >= 1 << 28 ? random64() % range : UInt64(random()) % range
        return Int(truncatingIfNeeded: value &+ UInt64(bitPattern: Int64(low)))
    }

    /// An index drawn with probability proportional to `weights` (non-negative, finite,
    /// not all zero), as `torch.multinomial(p, 1)` / `Categorical.sample()` on a float
    /// tensor draw it: q = Exp(1) per category (as float), then the first argmax of p/q.
    public mutating func categorical(weights: [Double]) throws -> Int {
        try categorical(probabilities: weights.map { Float($0) })
    }

    /// `categorical(weights:)` on float probabilities, PyTorch's own arithmetic.
    public mutating func categorical(probabilities p: [Float]) throws -> Int {
        _ = try categoricalCheck(p)
        var best = 0
        var bestValue = -Float.infinity
        for (i, w) in p.enumerated() {
            let q = Float(exponential())
            let v = w / q
            if v > bestValue || (v.isNaN && !bestValue.isNaN) { best = i; bestValue = v }
        }
        return best
    }

    /// `samples` indices drawn with replacement as `torch.multinomial(p, samples, True)`
    /// draws them for samples > 1: float cumulative sums normalised by their total, the last
    /// set to 1, then one double uniform per sample and a binary search for the first
    /// cumulative value ≥ u.
    public mutating func multinomialWithReplacement(probabilities p: [Float], samples: Int) throws -> [Int] {
        var cum = [Float](filled: 0, count: p.count)
        var sum: Float = 0
        for (j, w) in p.enumerated() {
            guard w >= 0 else {
                throw TensorError.invalidArgument(op: "multinomial", reason: "invalid multinomial distribution (encountering probability entry < 0)")
            }
            guard w.isFinite else {
                throw TensorError.invalidArgument(op: "multinomial", reason: "invalid multinomial distribution (encountering probability entry = infinity or NaN)")
            }
            sum += w
            cum[j] = sum
        }
        guard sum > 0 else {
            throw TensorError.invalidArgument(op: "multinomial", reason: "invalid multinomial distribution (sum of probabilities <= 0)")
        }
        for j in cum.indices { cum[j] /= sum }
        cum[cum.count - 1] = 1
        return (0..<max(samples, 0)).map { _ in
            let u = uniform()
            var left = 0, right = cum.count
            while right - left > 0 {
                let mid = left + (right - left) / 2
                if Double(cum[mid]) < u { left = mid + 1 } else { right = mid }
            }
            return left
        }
    }

    /// `samples` distinct indices as `torch.multinomial(p, samples, False)` draws them:
    /// q = Exp(1) per category (float), then the indices of the `samples` largest p/q.
    public mutating func multinomialWithoutReplacement(probabilities p: [Float], samples: Int) throws -> [Int] {
        guard samples <= p.count else {
            throw TensorError.invalidArgument(op: "multinomial", reason: "cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        }
        _ = try categoricalCheck(p)
        let keys = p.map { w in w / Float(exponential()) }
        let order = keys.indices.sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        return Array(order.prefix(max(samples, 0)))
    }

    private func categoricalCheck(_ p: [Float]) throws -> Float {
        var total: Float = 0
        for w in p {
            guard w >= 0, w.isFinite else {
                throw TensorError.invalidArgument(op: "multinomial", reason: "probability tensor contains either `inf`, `nan` or element < 0")
            }
            total += w
        }
        guard total > 0 else {
            throw TensorError.invalidArgument(op: "multinomial", reason: "invalid multinomial distribution (sum of probabilities <= 0)")
        }
        return total
    }

    /// A uniformly random permutation of `0..<n` as `torch.randperm(n)` draws it: for each
    /// i < n − 1 swap element i with element i + random() % (n − i).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<max(n, 0))
        if p.count < 2 { return p }
        for i in 0..<(p.count - 1) {
            let z = Int(UInt64(random()) % UInt64(p.count - i))
            p.swapAt(i, z + i)
        }
        return p
    }

    /// Fills `out` with `count` engine words (vectorised).
    public mutating func fill(_ out: UnsafeMutablePointer<UInt32>, count: Int) {
        engine.fill(out, count: count)
    }

    /// Runs a bulk C kernel on the engine state.
    mutating func withEngine(_ body: (UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<Int>) -> Void) {
        engine.withState(body)
    }

    /// The full state, for checkpoints: [seed, position, has-double, double bits,
    /// has-float, float bits, 624 key words].
    public var state: [UInt64] {
        [initialSeed, UInt64(engine.position),
         nextDoubleNormal == nil ? 0 : 1, (nextDoubleNormal ?? 0).bitPattern,
         nextFloatNormal == nil ? 0 : 1, UInt64((nextFloatNormal ?? 0).bitPattern)]
            + engine.key.map { UInt64($0) }
    }

    /// Restores a state saved with `state`; throws on a malformed state.
    public mutating func restore(state: [UInt64]) throws {
        guard state.count == 6 + MT19937.stateLength, state[1] <= UInt64(MT19937.stateLength),
              state[2] <= 1, state[4] <= 1, state[5] <= UInt64(UInt32.max),
              state[6...].allSatisfy({ $0 <= UInt64(UInt32.max) }),
              let engine = MT19937(key: state[6...].map { UInt32($0) }, position: Int(state[1])) else {
            throw TensorError.invalidArgument(op: "RandomGenerator.restore", reason: "malformed generator state")
        }
        self.engine = engine
        initialSeed = state[0]
        nextDoubleNormal = state[2] == 1 ? Double(bitPattern: state[3]) : nil
        nextFloatNormal = state[4] == 1 ? Float(bitPattern: UInt32(state[5])) : nil
    }
}
