/// Unsigned arithmetic on little-endian base-2³² limb arrays, the magnitudes of `BigInt`.
/// Inputs need not be normalised; results may carry high zero limbs (`BigInt` drops them).
enum Magnitude {
    static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var n = a.count, m = b.count
        while n > 0 && a[n - 1] == 0 { n -= 1 }
        while m > 0 && b[m - 1] == 0 { m -= 1 }
        if n != m { return n < m ? -1 : 1 }
        var k = n - 1
        while k >= 0 {
            if a[k] != b[k] { return a[k] < b[k] ? -1 : 1 }
            k -= 1
        }
        return 0
    }

    static func add(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var out = [UInt32](repeating: 0, count: long.count + 1)
        var carry: UInt64 = 0
        for k in 0..<long.count {
            let s = UInt64(long[k]) + (k < short.count ? UInt64(short[k]) : 0) + carry
            out[k] = UInt32(truncatingIfNeeded: s)
            carry = s >> 32
        }
        out[long.count] = UInt32(carry)
        return out
    }

    /// a − b for a ≥ b.
    static func subtract(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var out = a
        var borrow: Int64 = 0
        for k in 0..<a.count {
            var d = Int64(a[k]) - (k < b.count ? Int64(b[k]) : 0) - borrow
            borrow = 0
            if d < 0 {
                d += 1 << 32
                borrow = 1
            }
            out[k] = UInt32(d)
        }
        return out
    }

    /// Schoolbook product.
    static func multiply(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty || b.isEmpty { return [] }
        var out = [UInt32](repeating: 0, count: a.count + b.count)
        out.withUnsafeMutableBufferPointer { o in
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    for i in 0..<x.count {
                        let xi = UInt64(x[i])
                        if xi == 0 { continue }
                        var carry: UInt64 = 0
                        for j in 0..<y.count {
                            // xi·yj + o + carry < 2⁶⁴.
                            let t = xi * UInt64(y[j]) + UInt64(o[i + j]) + carry
                            o[i + j] = UInt32(truncatingIfNeeded: t)
                            carry = t >> 32
                        }
                        o[i + y.count] = UInt32(carry)
                    }
                }
            }
        }
        return out
    }

    /// a · m + c in place.
    static func multiplyAdd(_ a: inout [UInt32], _ m: UInt32, _ c: UInt32) {
        var carry = UInt64(c)
        for k in 0..<a.count {
            let t = UInt64(a[k]) * UInt64(m) + carry
            a[k] = UInt32(truncatingIfNeeded: t)
            carry = t >> 32
        }
        if carry != 0 { a.append(UInt32(carry)) }
    }

    /// Quotient and remainder by a one-limb divisor d > 0.
    static func divide(_ a: [UInt32], by d: UInt32) -> ([UInt32], UInt32) {
        var q = [UInt32](repeating: 0, count: a.count)
        var r: UInt64 = 0
        let dd = UInt64(d)
        var k = a.count - 1
        while k >= 0 {
            let cur = (r << 32) | UInt64(a[k])
            q[k] = UInt32(cur / dd)
            r = cur % dd
            k -= 1
        }
        return (q, UInt32(r))
    }

    /// Quotient and remainder (Knuth's algorithm D); a zero divisor gives zeros.
    static func divide(_ a: [UInt32], _ b: [UInt32]) -> ([UInt32], [UInt32]) {
        var m = b.count
        while m > 0 && b[m - 1] == 0 { m -= 1 }
        if m == 0 { return ([], []) }
        if compare(a, b) < 0 { return ([], a) }
        if m == 1 {
            let (q, r) = divide(a, by: b[0])
            return (q, [r])
        }
        // Normalise so the divisor's top limb has its high bit set.
        let s = b[m - 1].leadingZeroBitCount
        let v = shiftLeft(Array(b[0..<m]), s)
        var u = shiftLeft(a, s)
        if u.count == a.count { u.append(0) }
        while u.count < a.count + 1 { u.append(0) }
        let n = u.count - 1
        var q = [UInt32](repeating: 0, count: n - m + 1)
        let vTop = UInt64(v[m - 1]), vNext = UInt64(v[m - 2])
        var j = n - m
        while j >= 0 {
            let num = (UInt64(u[j + m]) << 32) | UInt64(u[j + m - 1])
            var qhat = num / vTop
            var rhat = num % vTop
            while qhat >= (1 << 32) || qhat * vNext > ((rhat << 32) | UInt64(u[j + m - 2])) {
                qhat -= 1
                rhat += vTop
                if rhat >= (1 << 32) { break }
            }
            // u[j…j+m] −= qhat · v
            var borrow: Int64 = 0
            var carry: UInt64 = 0
            for i in 0..<m {
                let p = qhat * UInt64(v[i]) + carry
                carry = p >> 32
                let t = Int64(u[i + j]) - Int64(p & 0xFFFF_FFFF) - borrow
                u[i + j] = UInt32(truncatingIfNeeded: t)
                borrow = t < 0 ? 1 : 0
            }
            let t = Int64(u[j + m]) - Int64(carry) - borrow
            u[j + m] = UInt32(truncatingIfNeeded: t)
            if t < 0 {
                // qhat was one too large: add v back.
                qhat -= 1
                var c: UInt64 = 0
                for i in 0..<m {
                    let sum = UInt64(u[i + j]) + UInt64(v[i]) + c
                    u[i + j] = UInt32(truncatingIfNeeded: sum)
                    c = sum >> 32
                }
                u[j + m] = UInt32(truncatingIfNeeded: UInt64(u[j + m]) + c)
            }
            q[j] = UInt32(qhat)
            j -= 1
        }
        let r = shiftRight(Array(u[0..<m]), s)
        return (q, r)
    }

    static func shiftLeft(_ a: [UInt32], _ n: Int) -> [UInt32] {
        if a.isEmpty { return a }
        let limbShift = n / 32, bitShift = UInt32(n % 32)
        var out = [UInt32](repeating: 0, count: a.count + limbShift + 1)
        for k in 0..<a.count {
            let w = UInt64(a[k]) << UInt64(bitShift)
            out[k + limbShift] |= UInt32(truncatingIfNeeded: w)
            out[k + limbShift + 1] |= UInt32(truncatingIfNeeded: w >> 32)
        }
        if out.last == 0 { out.removeLast() }
        return out
    }

    static func shiftRight(_ a: [UInt32], _ n: Int) -> [UInt32] {
        let limbShift = n / 32, bitShift = UInt32(n % 32)
        if limbShift >= a.count { return [] }
        var out = [UInt32](repeating: 0, count: a.count - limbShift)
        for k in 0..<out.count {
            let lo = UInt64(a[k + limbShift])
            let hi = k + limbShift + 1 < a.count ? UInt64(a[k + limbShift + 1]) : 0
            out[k] = UInt32(truncatingIfNeeded: ((hi << 32) | lo) >> UInt64(bitShift))
        }
        return out
    }

    /// Whether the n lowest bits are all zero.
    static func lowBitsAreZero(_ a: [UInt32], _ n: Int) -> Bool {
        let full = min(n / 32, a.count)
        for k in 0..<full where a[k] != 0 { return false }
        let rest = n % 32
        if rest > 0 && full < a.count && a[full] & ((1 << UInt32(rest)) - 1) != 0 { return false }
        return true
    }
}
