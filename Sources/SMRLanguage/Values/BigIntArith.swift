import Foundation

/// Python operators on ints of any size (the slow paths `Arith` takes when an operand is a
/// big int or a 64-bit result overflows), with CPython's errors and float rounding.
enum BigIntArith {
    /// Results beyond this many bits raise MemoryError (CPython would try to allocate them).
    static let maxBits = 1 << 23

    static let tooLargeForNumpy = PyError.overflow("Python int too large to convert to C long")
    static let tooLargeForFloat = PyError.overflow("int too large to convert to float")
    static let tooLargeForIndex = PyError.overflow("cannot fit 'int' into an index-sized integer")
    static let tooLargeForSsize = PyError.overflow("Python int too large to convert to C ssize_t")

    /// CPython 3.11's default limit on decimal digits converted between int and str.
    static let maxStrDigits = 4300

    static func strLimitError() -> PyError {
        PyError.value("Exceeds the limit (\(maxStrDigits) digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
    }

    /// Throws CPython's ValueError when `v` is an int with more decimal digits than `str()` converts.
    @inline(__always)
    static func checkStrLimit(_ v: Value) throws {
        if case .object(let o as BigIntObject) = v { try checkStrLimit(o.value) }
    }

    static func checkStrLimit(_ b: BigInt) throws {
        let bits = b.bitLength
        // 2**14284 < 10**4300 < 2**14285.
        if bits <= 14284 { return }
        if bits > 14285 || b.decimalDigitCount > maxStrDigits { throw strLimitError() }
    }

    /// The nearest float, or OverflowError.
    static func toDouble(_ b: BigInt) throws -> Double {
        guard let d = b.toDouble() else { throw tooLargeForFloat }
        return d
    }

    /// The int a float's integral part is (`int(x)`, `math.trunc`), with CPython's errors.
    static func integer(truncating d: Double) throws -> Value {
        if d.isNaN { throw PyError.value("cannot convert float NaN to integer") }
        if d.isInfinite { throw PyError(.overflowError, "cannot convert float infinity to integer") }
        let t = d.rounded(.towardZero)
        if t >= -9.223372036854775808e18 && t < 9.223372036854775808e18 { return .int(Int(t)) }
        return BigIntObject.value(BigInt(exactly: t) ?? BigInt())
    }

    /// Exact comparison of an int and a float: −1, 0, 1, or nil against NaN.
    static func compare(_ a: BigInt, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d.isInfinite { return d > 0 ? -1 : 1 }
        let t = d.rounded(.towardZero)
        let c = BigInt.compare(a, BigInt(exactly: t) ?? BigInt())
        if c != 0 { return c }
        return d > t ? -1 : (d < t ? 1 : 0)
    }

    /// Ordering when either side is a big int (`Int?` nil for NaN); nil when neither is.
    static func order(_ a: Value, _ b: Value) -> Int?? {
        guard BigIntObject.isBig(a) || BigIntObject.isBig(b) else { return nil }
        if let x = BigIntObject.integer(a), let y = BigIntObject.integer(b) { return .some(BigInt.compare(x, y)) }
        if let x = BigIntObject.integer(a), case .float(let d) = b { return .some(compare(x, d)) }
        if case .float(let d) = a, let y = BigIntObject.integer(b) { return .some(compare(y, d).map { -$0 }) }
        return nil
    }

    /// `a op b` where one operand is a big int; nil when the other operand does not mix with ints.
    static func binary(_ op: String, _ a: Value, _ b: Value) throws -> Value? {
        if let x = BigIntObject.integer(a), let y = BigIntObject.integer(b) { return try integers(op, x, y) }
        if case .float = a, let y = BigIntObject.integer(b), let o = BinaryOp(rawValue: op), isFloatOp(o) {
            return try Arith.binary(o, a, .float(try toDouble(y)))
        }
        if case .float = b, let x = BigIntObject.integer(a), let o = BinaryOp(rawValue: op), isFloatOp(o) {
            return try Arith.binary(o, .float(try toDouble(x)), b)
        }
        if op == "*" {
            switch BigIntObject.isBig(a) ? b : a {
            case .str, .list, .tuple: throw tooLargeForIndex
            case .object(let o) where o is BytesObject: throw tooLargeForIndex
            default: break
            }
        }
        return nil
    }

    private static func isFloatOp(_ op: BinaryOp) -> Bool {
        switch op {
        case .add, .sub, .mul, .div, .floorDiv, .mod, .pow: return true
        default: return false
        }
    }

    /// `x op y` on ints.
    static func integers(_ op: String, _ x: BigInt, _ y: BigInt) throws -> Value? {
        switch op {
        case "+": return BigIntObject.value(x + y)
        case "-": return BigIntObject.value(x - y)
        case "*": return BigIntObject.value(try product(x, y))
        case "/": return .float(try trueDivide(x, y))
        case "//":
            guard let (q, _) = BigInt.floorDivMod(x, y) else { throw PyError.zeroDiv("integer division or modulo by zero") }
            return BigIntObject.value(q)
        case "%":
            guard let (_, r) = BigInt.floorDivMod(x, y) else { throw PyError.zeroDiv("integer modulo by zero") }
            return BigIntObject.value(r)
        case "**": return try power(x, y)
        case "&": return BigIntObject.value(BigInt.bitwise(x, y) { $0 & $1 })
        case "|": return BigIntObject.value(BigInt.bitwise(x, y) { $0 | $1 })
        case "^": return BigIntObject.value(BigInt.bitwise(x, y) { $0 ^ $1 })
        case "<<":
            if y.negative { throw PyError.value("negative shift count") }
            if x.isZero { return .int(0) }
            guard let n = y.asInt, n <= maxBits - x.bitLength else { throw Limits.memoryError() }
            return BigIntObject.value(x.shiftedLeft(n))
        case ">>":
            if y.negative { throw PyError.value("negative shift count") }
            guard let n = y.asInt, n < x.bitLength else { return .int(x.negative ? -1 : 0) }
            return BigIntObject.value(x.shiftedRight(n))
        default: return nil
        }
    }

    /// `x * y`, or MemoryError for a product beyond `maxBits`.
    static func product(_ x: BigInt, _ y: BigInt) throws -> BigInt {
        if x.bitLength + y.bitLength > maxBits { throw Limits.memoryError() }
        return x * y
    }

    /// `x ** y`: a float for a negative exponent (as CPython, through float pow).
    static func power(_ x: BigInt, _ y: BigInt) throws -> Value {
        if y.negative {
            return try Arith.pow(.float(try toDouble(x)), .float(try toDouble(y)))
        }
        if let small = x.asInt, small == 0 || small == 1 { return .int(y.isZero ? 1 : small) }
        if x.asInt == -1 { return .int(y.bit(0) ? -1 : 1) }
        guard let e = y.asInt, e <= maxBits, (x.bitLength - 1) * e <= maxBits else { throw Limits.memoryError() }
        return BigIntObject.value(x.power(e))
    }

    /// `pow(base, exp, mod)` on ints; a negative exponent uses the modular inverse.
    static func modularPower(_ base: BigInt, _ exp: BigInt, _ mod: BigInt) throws -> Value {
        if mod.isZero { throw PyError.value("pow() 3rd argument cannot be 0") }
        var b = base, e = exp
        if e.negative {
            guard let inverse = inverse(base, modulo: mod.magnitude) else {
                throw PyError.value("base is not invertible for the given modulus")
            }
            b = inverse
            e = -e
        }
        return BigIntObject.value(b.power(e, modulo: mod))
    }

    /// The inverse of `a` modulo m > 0 (extended Euclid), nil when gcd(a, m) ≠ 1.
    static func inverse(_ a: BigInt, modulo m: BigInt) -> BigInt? {
        guard var r0 = BigInt.floorDivMod(a, m)?.1 else { return nil }
        var r1 = m
        var s0 = BigInt(1), s1 = BigInt()
        while !r1.isZero {
            guard let (q, r) = BigInt.floorDivMod(r0, r1) else { return nil }
            (r0, r1) = (r1, r)
            (s0, s1) = (s1, s0 - q * s1)
        }
        guard r0 == BigInt(1) else { return nil }
        return BigInt.floorDivMod(s0, m)?.1
    }

    /// `x / y` correctly rounded, as CPython's `long_true_divide`.
    static func trueDivide(_ x: BigInt, _ y: BigInt) throws -> Double {
        if y.isZero { throw PyError.zeroDiv("division by zero") }
        if x.isZero { return y.negative ? -0.0 : 0.0 }
        let negative = x.negative != y.negative
        let a = x.magnitude, b = y.magnitude
        if a.bitLength <= 53 && b.bitLength <= 53 {
            let d = Double(a.lowWord) / Double(b.lowWord)
            return negative ? -d : d
        }
        let mantissa = 53, minExp = -1021, maxExp = 1024
        let diff = a.bitLength - b.bitLength
        if diff > maxExp { throw PyError.overflow("integer division result too large for a float") }
        if diff < minExp - mantissa - 1 { return negative ? -0.0 : 0.0 }
        // Scale so the quotient has mantissa + 2 or + 3 bits (fewer for subnormal results).
        let shift = Swift.max(diff, minExp) - mantissa - 2
        var inexact = false
        var n = a
        if shift <= 0 {
            n = a.shiftedLeft(-shift)
        } else {
            inexact = !Magnitude.lowBitsAreZero(a.limbs, shift)
            n = a.shiftedRight(shift)
        }
        guard let (q, r) = BigInt.truncatingDivMod(n, b) else { throw PyError.zeroDiv("division by zero") }
        if !r.isZero { inexact = true }
        let qBits = q.bitLength
        let extra = Swift.max(qBits, minExp - shift) - mantissa
        var low = q.lowWord | (inexact ? 1 : 0)
        let mask: UInt = 1 << UInt(extra - 1)
        if low & mask != 0 && low & (3 * mask - 1) != 0 { low += mask }
        low &= ~(2 * mask - 1)
        let dx = Double(low)
        if shift + qBits >= maxExp && (shift + qBits > maxExp || dx == Foundation.scalbn(1.0, qBits)) {
            throw PyError.overflow("integer division result too large for a float")
        }
        let result = Foundation.scalbn(dx, shift)
        return negative ? -result : result
    }

    /// `round(x, ndigits)` for an int and a negative ndigits: to the nearest multiple of
    /// 10**-ndigits, ties to even.
    static func round(_ x: BigInt, digits n: Int) throws -> Value {
        if n >= 0 { return BigIntObject.value(x) }
        if -n > maxStrDigits * 4 { return .int(0) }
        let p = BigInt(10).power(-n)
        guard let (q, r) = BigInt.floorDivMod(x, p) else { return .int(0) }
        let twice = r + r
        let c = BigInt.compare(twice, p)
        let up = c > 0 || (c == 0 && q.bit(0))
        return BigIntObject.value((up ? q + BigInt(1) : q) * p)
    }
}
