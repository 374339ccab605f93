/// Digits of a `BigInt` in a radix and back (the text is the magnitude; callers add signs,
/// prefixes and Python's digit limits).
extension BigInt {
    /// The magnitude's digits in radix 2…36 (`uppercase` letters for digits above 9).
    public func digits(radix: Int = 10, uppercase: Bool = false) -> String {
        if isZero { return "0" }
        let alphabet = Array((uppercase ? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" : "0123456789abcdefghijklmnopqrstuvwxyz").utf8)
        var out: [UInt8] = []
        if radix & (radix - 1) == 0 {
            // Powers of two: read the bits directly.
            let bitsPerDigit = radix.trailingZeroBitCount
            let n = bitLength
            var k = 0
            while k < n {
                var d = 0
                for b in 0..<bitsPerDigit where bit(k + b) { d |= 1 << b }
                out.append(alphabet[d])
                k += bitsPerDigit
            }
        } else {
            // Peel off chunks of `chunkDigits` digits with one-limb divisions.
            var chunkDigits = 0
            var chunk: UInt64 = 1
            while chunk * UInt64(radix) <= UInt64(UInt32.max) {
                chunk *= UInt64(radix)
                chunkDigits += 1
            }
            var rest = limbs
            while !rest.isEmpty {
                let (q, r) = Magnitude.divide(rest, by: UInt32(chunk))
                rest = q
                while let last = rest.last, last == 0 { rest.removeLast() }
                var value = Int(r)
                for _ in 0..<chunkDigits {
                    if rest.isEmpty && value == 0 { break }
                    out.append(alphabet[value % radix])
                    value /= radix
                }
            }
        }
        while out.count > 1, out.last == UInt8(ascii: "0") { out.removeLast() }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    /// Number of decimal digits of the magnitude.
    public var decimalDigitCount: Int { digits().count }

    /// The value of a non-empty run of digits valid in `radix` (no sign, no underscores);
    /// nil when a character is not such a digit.
    public init?(digits text: Substring.UTF8View, radix: Int) {
        var chunkDigits = 0
        var chunk: UInt64 = 1
        while chunk * UInt64(radix) <= UInt64(UInt32.max) {
            chunk *= UInt64(radix)
            chunkDigits += 1
        }
        var limbs: [UInt32] = []
        var acc: UInt32 = 0, accDigits = 0, scale: UInt32 = 1
        for c in text {
            guard let d = BigInt.digitValue(c), d < radix else { return nil }
            acc = acc * UInt32(radix) + UInt32(d)
            scale *= UInt32(radix)
            accDigits += 1
            if accDigits == chunkDigits {
                Magnitude.multiplyAdd(&limbs, scale, acc)
                acc = 0; accDigits = 0; scale = 1
            }
        }
        if accDigits > 0 {
            Magnitude.multiplyAdd(&limbs, scale, acc)
        }
        self.init(negative: false, limbs: limbs)
    }

    /// The value of an ASCII digit or letter (a/A = 10 … z/Z = 35).
    static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(c - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(c - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
