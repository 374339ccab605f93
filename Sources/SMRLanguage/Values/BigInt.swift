/// An arbitrary-precision integer, the representation behind Python ints that do not fit
/// in 64 bits: a sign and a magnitude of little-endian base-2³² limbs without high zero
/// limbs (zero has no limbs and is never negative). Arithmetic follows Python: `floorDivMod`
/// rounds toward −∞, shifts and bitwise operators act on the infinite two's complement.
public struct BigInt: Equatable, Sendable {
    /// True for values below zero.
    public private(set) var negative: Bool
    /// The magnitude, least significant limb first.
    public private(set) var limbs: [UInt32]

    /// Zero.
    public init() {
        negative = false
        limbs = []
    }

    /// A value from a sign and a magnitude (normalised: high zero limbs dropped, no −0).
    public init(negative: Bool, limbs: [UInt32]) {
        self.limbs = limbs
        self.negative = negative
        normalize()
    }

    /// The value of a 64-bit int.
    public init(_ i: Int) {
        self.init(negative: i < 0, magnitude: i.magnitude)
    }

    /// A value from a sign and a 64-bit magnitude.
    public init(negative: Bool, magnitude m: UInt) {
        limbs = m == 0 ? [] : (m >> 32 == 0 ? [UInt32(m)] : [UInt32(truncatingIfNeeded: m), UInt32(m >> 32)])
        self.negative = negative && m != 0
    }

    /// The integer a finite, integral double stands for exactly (nil for inf, nan or a fraction).
    public init?(exactly d: Double) {
        guard d.isFinite, d == d.rounded(.towardZero) else { return nil }
        if d == 0 {
            self.init()
            return
        }
        let e = Int(d.exponent)
        let significand = UInt(d.significandBitPattern) | (1 << 52)
        let m = BigInt(negative: d < 0, magnitude: significand)
        self = e >= 52 ? m.shiftedLeft(e - 52) : m.shiftedRight(52 - e)
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        if limbs.isEmpty { negative = false }
    }

    public var isZero: Bool { limbs.isEmpty }
    /// −1, 0 or 1.
    public var signum: Int { limbs.isEmpty ? 0 : (negative ? -1 : 1) }

    /// The value as a 64-bit int when it fits.
    public var asInt: Int? {
        guard limbs.count <= 2 else { return nil }
        let m = lowWord
        if negative { return m <= UInt(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- m) : nil }
        return m <= UInt(Int.max) ? Int(m) : nil
    }

    /// The magnitude's low 64 bits.
    var lowWord: UInt {
        var m: UInt = 0
        if limbs.count > 0 { m = UInt(limbs[0]) }
        if limbs.count > 1 { m |= UInt(limbs[1]) << 32 }
        return m
    }

    /// Number of bits of the magnitude (`int.bit_length()`); 0 for zero.
    public var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
    }

    /// The absolute value.
    public var magnitude: BigInt { BigInt(negative: false, limbs: limbs) }

    public static prefix func - (a: BigInt) -> BigInt { BigInt(negative: !a.negative, limbs: a.limbs) }

    // MARK: comparison

    /// −1, 0 or 1 as `a` is below, equal to or above `b`.
    public static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let c = Magnitude.compare(a.limbs, b.limbs)
        return a.negative ? -c : c
    }

    public static func < (a: BigInt, b: BigInt) -> Bool { compare(a, b) < 0 }

    // MARK: arithmetic

    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.negative == b.negative { return BigInt(negative: a.negative, limbs: Magnitude.add(a.limbs, b.limbs)) }
        if Magnitude.compare(a.limbs, b.limbs) >= 0 {
            return BigInt(negative: a.negative, limbs: Magnitude.subtract(a.limbs, b.limbs))
        }
        return BigInt(negative: b.negative, limbs: Magnitude.subtract(b.limbs, a.limbs))
    }

    public static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }

    public static func * (a: BigInt, b: BigInt) -> BigInt {
        BigInt(negative: a.negative != b.negative, limbs: Magnitude.multiply(a.limbs, b.limbs))
    }

    /// Quotient rounded toward zero and the remainder with the dividend's sign; nil for a zero divisor.
    public static func truncatingDivMod(_ a: BigInt, _ b: BigInt) -> (BigInt, BigInt)? {
        guard !b.isZero else { return nil }
        let (q, r) = Magnitude.divide(a.limbs, b.limbs)
        return (BigInt(negative: a.negative != b.negative, limbs: q), BigInt(negative: a.negative, limbs: r))
    }

    /// Python's `divmod`: the quotient rounded toward −∞ and a remainder with the divisor's
    /// sign; nil for a zero divisor.
    public static func floorDivMod(_ a: BigInt, _ b: BigInt) -> (BigInt, BigInt)? {
        guard var (q, r) = truncatingDivMod(a, b) else { return nil }
        if !r.isZero && r.negative != b.negative {
            q = q - BigInt(1)
            r = r + b
        }
        return (q, r)
    }

    /// `self ** exponent` by repeated squaring.
    public func power(_ exponent: Int) -> BigInt {
        var result = BigInt(1)
        var base = self
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    /// `pow(self, exponent, modulus)` for a non-negative exponent and a non-zero modulus,
    /// with the result taking the modulus's sign as Python's does.
    public func power(_ exponent: BigInt, modulo m: BigInt) -> BigInt {
        guard var base = BigInt.floorDivMod(self, m)?.1 else { return BigInt() }
        var result = BigInt.floorDivMod(BigInt(1), m)?.1 ?? BigInt()
        let bits = exponent.bitLength
        for k in 0..<bits {
            if exponent.bit(k) { result = BigInt.floorDivMod(result * base, m)?.1 ?? result }
            if k + 1 < bits { base = BigInt.floorDivMod(base * base, m)?.1 ?? base }
        }
        return result
    }

    /// Bit `k` of the magnitude.
    func bit(_ k: Int) -> Bool {
        let limb = k / 32
        return limb < limbs.count && (limbs[limb] >> UInt32(k % 32)) & 1 == 1
    }

    // MARK: shifts

    /// `self << n` for n ≥ 0.
    public func shiftedLeft(_ n: Int) -> BigInt {
        BigInt(negative: negative, limbs: Magnitude.shiftLeft(limbs, n))
    }

    /// `self >> n` for n ≥ 0, rounding toward −∞ as Python does for negative values.
    public func shiftedRight(_ n: Int) -> BigInt {
        let q = Magnitude.shiftRight(limbs, n)
        if !negative { return BigInt(negative: false, limbs: q) }
        // floor(−m / 2ⁿ) = −ceil(m / 2ⁿ).
        let exact = Magnitude.lowBitsAreZero(limbs, n)
        let qm = BigInt(negative: false, limbs: q)
        return -(exact ? qm : qm + BigInt(1))
    }

    // MARK: bitwise

    /// `a & b`, `a | b` or `a ^ b` on the infinite two's complement of both values.
    public static func bitwise(_ a: BigInt, _ b: BigInt, _ op: (UInt32, UInt32) -> UInt32) -> BigInt {
        let n = Swift.max(a.limbs.count, b.limbs.count) + 1
        let x = a.twosComplement(n), y = b.twosComplement(n)
        var r = [UInt32](repeating: 0, count: n)
        for k in 0..<n { r[k] = op(x[k], y[k]) }
        guard r[n - 1] & 0x8000_0000 != 0 else { return BigInt(negative: false, limbs: r) }
        // Negative: the magnitude is the two's complement of the result.
        return BigInt(negative: true, limbs: BigInt.negatedLimbs(r))
    }

    /// The value's two's complement in n limbs (n more than the magnitude needs).
    private func twosComplement(_ n: Int) -> [UInt32] {
        var out = limbs + [UInt32](repeating: 0, count: n - limbs.count)
        if negative { out = BigInt.negatedLimbs(out) }
        return out
    }

    /// ~x + 1 over the limbs' width.
    private static func negatedLimbs(_ x: [UInt32]) -> [UInt32] {
        var out = x
        var carry: UInt64 = 1
        for k in 0..<out.count {
            let s = UInt64(~out[k]) + carry
            out[k] = UInt32(truncatingIfNeeded: s)
            carry = s >> 32
        }
        return out
    }

    // MARK: conversions

    /// The nearest double (ties to even); nil when it is too large for a double.
    public func toDouble() -> Double? {
        let n = bitLength
        if n <= 64 {
            let d = Double(lowWord)
            return negative ? -d : d
        }
        if n > 1024 { return nil }
        // 55 bits: 53 kept, one to round on, and a sticky bit for everything below.
        let shift = n - 55
        var top = BigInt(negative: false, limbs: Magnitude.shiftRight(limbs, shift)).lowWord
        if !Magnitude.lowBitsAreZero(limbs, shift) { top |= 1 }
        let d = Double(sign: negative ? .minus : .plus, exponent: shift, significand: Double(top))
        return d.isFinite ? d : nil
    }

    /// Python's `hash(int)`: the value modulo the Mersenne prime 2⁶¹ − 1, with its sign
    /// (−1 is reserved, so it becomes −2).
    public var pythonHash: Int {
        let p: UInt = (1 << 61) - 1
        var h: UInt = 0
        for limb in limbs.reversed() {
            // (h · 2³² + limb) mod p, using 2⁶¹ ≡ 1.
            let rotated = (h >> 29) + ((h & ((1 << 29) - 1)) << 32) + UInt(limb)
            h = (rotated & p) + (rotated >> 61)
            if h >= p { h -= p }
        }
        let r = negative ? -Int(h) : Int(h)
        return r == -1 ? -2 : r
    }

    /// The integer square root of a non-negative value (Newton's method from above).
    public func squareRoot() -> BigInt {
        if isZero { return self }
        var x = BigInt(1).shiftedLeft((bitLength + 1) / 2)
        while true {
            let quotient = BigInt(negative: false, limbs: Magnitude.divide(limbs, x.limbs).0)
            let y = (x + quotient).shiftedRight(1)
            if BigInt.compare(y, x) >= 0 { return x }
            x = y
        }
    }

    /// The greatest common divisor of the magnitudes.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var x = a.magnitude, y = b.magnitude
        while !y.isZero {
            if let small = y.asInt, let xs = x.asInt { return BigInt(Swift.abs(smallGCD(xs, small))) }
            let r = Magnitude.divide(x.limbs, y.limbs).1
            x = y
            y = BigInt(negative: false, limbs: r)
        }
        return x
    }

    private static func smallGCD(_ a: Int, _ b: Int) -> Int {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return Int(x)
    }
}
