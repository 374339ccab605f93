/// What `numpy.random.default_rng(seed)` returns: a `Generator` over `PCG64`, with
/// NumPy's exact algorithms for the distributions gymnasium uses.
///
/// Why: environments seed themselves with this generator so that `reset(seed: s)` yields
/// gymnasium's initial state bit for bit, and spaces sample as gymnasium's spaces do.
///
/// ```swift
/// var rng = NumPyGenerator(seed: 0)
/// rng.random()                      // 0.6369616873214543, as default_rng(0).random()
/// rng.uniform(low: -1, high: 1)     // low + (high - low) * random()
/// try rng.integers(0, 10)           // Lemire's method on 32-bit draws, as NumPy
/// ```
public struct NumPyGenerator: Sendable, Equatable {
    /// The underlying bit generator.
    public var bitGenerator: PCG64

    /// `default_rng(seed)`: `Generator(PCG64(SeedSequence(seed)))`.
    public init(seed: UInt64) {
        bitGenerator = PCG64(seed: seed)
    }

    /// A generator over an explicitly seeded sequence.
    public init(seedSequence: SeedSequence) {
        bitGenerator = PCG64(seedSequence: seedSequence)
    }

    /// `default_rng()` with no seed: fresh operating-system entropy.
    public static func fromSystemEntropy() -> NumPyGenerator {
        NumPyGenerator(seedSequence: .fromSystemEntropy())
    }

    /// `random()`: a double in [0, 1), `(next_uint64 >> 11) · 2⁻⁵³`.
    @inline(__always)
    public mutating func random() -> Double {
        bitGenerator.nextDouble()
    }

    /// `random(size=count)`: `count` doubles drawn one after another.
    public mutating func random(count: Int) -> [Double] {
        (0..<max(count, 0)).map { _ in random() }
    }

    /// `uniform(low, high)`: `low + (high - low) · random()`, in that order of operations.
    /// NumPy raises OverflowError when `high - low` is not finite; here the result is then
    /// not finite either.
    @inline(__always)
    public mutating func uniform(low: Double = 0, high: Double = 1) -> Double {
        let range = high - low
        return low + range * random()
    }

    /// `uniform(low=[...], high=[...])` over arrays of bounds, element by element in order,
    /// as gymnasium draws initial states (`np_random.uniform(low=low, high=high)`).
    public mutating func uniform(lows: [Double], highs: [Double]) throws -> [Double] {
        guard lows.count == highs.count else {
            throw TensorError.invalidArgument(
                op: "NumPyGenerator.uniform",
                reason: "low has \(lows.count) elements but high has \(highs.count)")
        }
        var values = [Double]()
        values.reserveCapacity(lows.count)
        for index in lows.indices {
            values.append(uniform(low: lows[index], high: highs[index]))
        }
        return values
    }

    /// `uniform(low, high, size=count)` with scalar bounds.
    public mutating func uniform(low: Double, high: Double, count: Int) -> [Double] {
        (0..<max(count, 0)).map { _ in uniform(low: low, high: high) }
    }

    /// `integers(low, high)` for int64 (`high` exclusive), as `Generator.integers`:
    /// ranges that fit in 32 bits use Lemire's method on 32-bit draws (which take the two
    /// halves of a 64-bit word in turn), wider ranges use it on 64-bit draws.
    /// Throws when `high <= low`, as NumPy raises ValueError.
    public mutating func integers(_ low: Int, _ high: Int) throws -> Int {
        guard high > low else {
            throw TensorError.invalidArgument(op: "NumPyGenerator.integers", reason: "high <= low (low \(low), high \(high))")
        }
        let inclusiveRange = UInt64(bitPattern: Int64(high)) &- UInt64(bitPattern: Int64(low)) &- 1
        let offset = UInt64(bitPattern: Int64(low))
        return Int(Int64(bitPattern: offset &+ boundedUInt64(inclusiveRange)))
    }

    /// `integers(low, high, size=count)`.
    public mutating func integers(_ low: Int, _ high: Int, count: Int) throws -> [Int] {
        var values = [Int]()
        values.reserveCapacity(max(count, 0))
        for _ in 0..<max(count, 0) { values.append(try integers(low, high)) }
        return values
    }

    /// `shuffle(array)` for a one-dimensional array: Fisher–Yates from the last element
    /// down, swapping element `i` with element `random_interval(i)`, as `Generator.shuffle`.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, through: 1, by: -1) {
            let other = Int(randomInterval(UInt64(index)))
            elements.swapAt(index, other)
        }
    }

    /// `permutation(n)`: `0..<n` shuffled.
    public mutating func permutation(_ count: Int) -> [Int] {
        var values = Array(0..<max(count, 0))
        shuffle(&values)
        return values
    }

    /// NumPy's `random_interval(max)`: a value in `0...max` by masked rejection on 32-bit
    /// draws (64-bit draws when `max` needs more than 32 bits).
    public mutating func randomInterval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4
        mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        if max <= 0xFFFF_FFFF {
            while true {
                let value = UInt64(bitGenerator.nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = bitGenerator.nextUInt64() & mask
            if value <= max { return value }
        }
    }

    /// NumPy's `random_bounded_uint64` (unmasked): a value in `0...range`.
    mutating func boundedUInt64(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        if range == 0xFFFF_FFFF { return UInt64(bitGenerator.nextUInt32()) }  // Lemire32 cannot take 2³² values
        if range < 0xFFFF_FFFF {
            return UInt64(lemireUInt32(UInt32(range)))
        }
        if range == .max { return bitGenerator.nextUInt64() }
        return lemireUInt64(range)
    }

    /// Lemire's nearly-divisionless method on 32-bit draws (`buffered_bounded_lemire_uint32`);
    /// `range` must be below 2³² − 1.
    mutating func lemireUInt32(_ range: UInt32) -> UInt32 {
        let exclusive = range &+ 1
        var product = UInt64(bitGenerator.nextUInt32()) &* UInt64(exclusive)
        var leftover = UInt32(truncatingIfNeeded: product)
        if leftover < exclusive {
            let threshold = (UInt32.max &- range) % exclusive
            while leftover < threshold {
                product = UInt64(bitGenerator.nextUInt32()) &* UInt64(exclusive)
                leftover = UInt32(truncatingIfNeeded: product)
            }
        }
        return UInt32(truncatingIfNeeded: product >> 32)
    }

    /// Lemire's method on 64-bit draws (`bounded_lemire_uint64`).
    mutating func lemireUInt64(_ range: UInt64) -> UInt64 {
        let exclusive = range &+ 1
        var product = bitGenerator.nextUInt64().multipliedFullWidth(by: exclusive)
        if product.low < exclusive {
            let threshold = (UInt64.max &- range) % exclusive
            while product.low < threshold {
                product = bitGenerator.nextUInt64().multipliedFullWidth(by: exclusive)
            }
        }
        return product.high
    }
}
