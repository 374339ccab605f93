import Foundation

/// CPython's `random.Random`: MT19937 seeded by `init_by_array` with the 32-bit words of
/// |seed| (Modules/_randommodule.c), and the algorithms of Lib/random.py on top
/// (`random`, `getrandbits`, `_randbelow`, `randrange`, `shuffle`, `gauss`, …), so that
/// `random.seed(n)` reproduces Python's draws exactly.
///
/// A class: the module-level functions share one stream, as Python's hidden instance does.
public final class PythonRandom: @unchecked Sendable {
    private var mt: MT19937
    /// The spare deviate of `gauss` (`gauss_next`).
    private var gaussNext: Double?

    /// `random.Random(seed)` for an integer seed.
    public init(seed: Int) {
        mt = PythonRandom.seeded(seed)
    }

    /// A stream seeded from system entropy (as `random.Random()`).
    public static func fromSystemEntropy() -> PythonRandom {
        PythonRandom(seed: Int.random(in: 0 ... Int.max))
    }

    /// `random.seed(n)`: CPython takes |n| and feeds its 32-bit words (least significant
    /// first) to `init_by_array`.
    public func seed(_ n: Int) {
        mt = PythonRandom.seeded(n)
        gaussNext = nil
    }

    static func seeded(_ n: Int) -> MT19937 {
        var magnitude = n.magnitude
        var key: [UInt32] = []
        repeat {
            key.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        } while magnitude > 0
        return initByArray(key)
    }

    /// `init_by_array` of the reference MT19937.
    static func initByArray(_ key: [UInt32]) -> MT19937 {
        let n = MT19937.stateLength
        var mt = MT19937(seed: 19_650_218).key
        var i = 1, j = 0
        for _ in 0..<max(n, key.count) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000
        return MT19937(key: mt, position: n) ?? MT19937(seed: 0)
    }

    /// `random()`: a double in [0, 1) from 53 bits of two words.
    public func random() -> Double { mt.nextDouble() }

    /// `getrandbits(k)` for 0 ≤ k ≤ 64: whole words, least significant first, the last one
    /// shifted right to k bits.
    public func getrandbits(_ k: Int) -> UInt64 {
        if k <= 0 { return 0 }
        if k <= 32 { return UInt64(mt.nextUInt32() >> (32 - UInt32(k))) }
        let low = UInt64(mt.nextUInt32())
        let high = UInt64(mt.nextUInt32() >> (64 - UInt32(min(k, 64))))
        return high << 32 | low
    }

    /// `_randbelow(n)`: getrandbits(n.bit_length()) until the value is below n.
    public func randbelow(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        let k = Int.bitWidth - n.leadingZeroBitCount
        var r = getrandbits(k)
        while r >= UInt64(n) { r = getrandbits(k) }
        return Int(r)
    }

    /// `randrange(start, stop, step)`; throws ValueError-style for an empty range.
    public func randrange(_ start: Int, _ stop: Int? = nil, step: Int = 1) throws -> Int {
        guard let stop else {
            guard start > 0 else { throw PythonRandomError.emptyRange("empty range in randrange(\(start))") }
            return randbelow(start)
        }
        let (width, o1) = stop.subtractingReportingOverflow(start)
        guard !o1 else { throw PythonRandomError.emptyRange("randrange() range too large") }
        if step == 1 {
            guard width > 0 else { throw PythonRandomError.emptyRange("empty range in randrange(\(start), \(stop))") }
            return start + randbelow(width)
        }
        guard step != 0 else { throw PythonRandomError.emptyRange("zero step for randrange()") }
        let n = step > 0 ? (width + step - 1).floorDiv(step) : (width + step + 1).floorDiv(step)
        guard n > 0 else { throw PythonRandomError.emptyRange("empty range in randrange(\(start), \(stop), \(step))") }
        return start + step * randbelow(n)
    }

    /// `randint(a, b)`: randrange(a, b + 1).
    public func randint(_ a: Int, _ b: Int) throws -> Int {
        guard b < Int.max else { throw PythonRandomError.emptyRange("randint() bound too large") }
        return try randrange(a, b + 1)
    }

    /// `shuffle(x)` in place: for i from len−1 down to 1 swap x[i] with x[_randbelow(i + 1)].
    public func shuffle<T>(_ x: inout [T]) {
        guard x.count > 1 else { return }
        for i in stride(from: x.count - 1, through: 1, by: -1) {
            x.swapAt(i, randbelow(i + 1))
        }
    }

    /// The index `choice(seq)` picks in a sequence of `count` elements (nil when empty).
    public func choiceIndex(count: Int) -> Int? { count > 0 ? randbelow(count) : nil }

    /// `sample(population, k)` as indices into a population of `n` (Lib/random.py: a pool
    /// for small populations, a set of selected indices otherwise).
    public func sampleIndices(populationSize n: Int, k: Int) throws -> [Int] {
        guard k >= 0, k <= n else { throw PythonRandomError.emptyRange("Sample larger than population or is negative") }
        var setsize = 21
        if k > 5 { setsize += Int(pow(4.0, (Foundation.log(Double(k * 3)) / Foundation.log(4.0)).rounded(.up))) }
        var result: [Int] = []
        result.reserveCapacity(k)
        if n <= setsize {
            var pool = Array(0..<n)
            for i in 0..<k {
                let j = randbelow(n - i)
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected = Set<Int>()
            for _ in 0..<k {
                var j = randbelow(n)
                while selected.contains(j) { j = randbelow(n) }
                selected.insert(j)
                result.append(j)
            }
        }
        return result
    }

    /// `uniform(a, b)`: a + (b − a)·random().
    public func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * random() }

    /// `gauss(mu, sigma)`: Box–Muller with the second deviate kept for the next call.
    public func gauss(_ mu: Double = 0, _ sigma: Double = 1) -> Double {
        var z = gaussNext
        gaussNext = nil
        if z == nil {
            let x2pi = random() * 2 * Double.pi
            let g2rad = (-2.0 * Foundation.log(1.0 - random())).squareRoot()
            z = Foundation.cos(x2pi) * g2rad
            gaussNext = Foundation.sin(x2pi) * g2rad
        }
        return mu + (z ?? 0) * sigma
    }

    /// `normalvariate(mu, sigma)`: Kinderman and Monahan's ratio method.
    public func normalvariate(_ mu: Double = 0, _ sigma: Double = 1) -> Double {
        let magic = 4 * Foundation.exp(-0.5) / 2.0.squareRoot()
        while true {
            let u1 = random()
            let u2 = 1.0 - random()
            let z = magic * (u1 - 0.5) / u2
            if z * z / 4.0 <= -Foundation.log(u2) { return mu + z * sigma }
        }
    }
}

/// An empty or invalid range in a `random` call (Python raises ValueError).
public enum PythonRandomError: Error, CustomStringConvertible {
    case emptyRange(String)
    public var description: String {
        switch self { case .emptyRange(let m): return m }
    }
}

extension Int {
    /// Python's floor division.
    fileprivate func floorDiv(_ d: Int) -> Int {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
