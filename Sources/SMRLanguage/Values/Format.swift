import Foundation

/// Python's `format(value, spec)` mini-language:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
enum Format {
    struct Spec {
        var fill: Character = " "
        var align: Character?
        var sign: Character = "-"
        var zeroNeg = false
        var alternate = false
        var zeroPad = false
        var width = 0
        var grouping: Character?
        var precision: Int?
        var type: Character?
    }

    static func parseSpec(_ s: String) throws -> Spec {
        var spec = Spec()
        let cs = Array(s)
        var k = 0
        func isAlign(_ c: Character) -> Bool { c == "<" || c == ">" || c == "^" || c == "=" }
        if cs.count >= 2 && isAlign(cs[1]) {
            spec.fill = cs[0]; spec.align = cs[1]; k = 2
        } else if cs.count >= 1 && isAlign(cs[0]) {
            spec.align = cs[0]; k = 1
        }
        if k < cs.count, cs[k] == "+" || cs[k] == "-" || cs[k] == " " { spec.sign = cs[k]; k += 1 }
        if k < cs.count, cs[k] == "z" { spec.zeroNeg = true; k += 1 }
        if k < cs.count, cs[k] == "#" { spec.alternate = true; k += 1 }
        if k < cs.count, cs[k] == "0" { spec.zeroPad = true; k += 1 }
        var w = ""
        while k < cs.count, cs[k].isASCII, cs[k].isNumber { w.append(cs[k]); k += 1 }
        if !w.isEmpty {
            guard let wv = Int(w), wv < 10_000 else { throw PyError.value("Too many decimal digits in format string") }
            spec.width = wv
        }
        if k < cs.count, cs[k] == "," || cs[k] == "_" { spec.grouping = cs[k]; k += 1 }
        if k < cs.count, cs[k] == "." {
            k += 1
            var p = ""
            while k < cs.count, cs[k].isASCII, cs[k].isNumber { p.append(cs[k]); k += 1 }
            guard !p.isEmpty else { throw PyError.value("Format specifier missing precision") }
            guard let pv = Int(p), pv < 10_000 else { throw PyError.value("Too many decimal digits in format string") }
            spec.precision = pv
        }
        if k < cs.count { spec.type = cs[k]; k += 1 }
        if k < cs.count { throw PyError.value("Invalid format specifier '\(s)' for object of type") }
        if spec.zeroPad && spec.align == nil { spec.fill = "0"; spec.align = "=" }
        return spec
    }

    /// `format(v, spec)`.
    static func format(_ v: Value, _ specText: String) throws -> String {
        if let inst = v.userInstance, let f = inst.cls.lookup("__format__") {
            let r = try inst.rt.call(f, [v, .str(specText)])
            guard case .str(let s) = r else { throw PyError.type("__format__ must return a str, not \(r.typeName)") }
            return s
        }
        if specText.isEmpty {
            try BigIntArith.checkStrLimit(v)
            return Repr.str(v)
        }
        var spec: Spec
        do { spec = try parseSpec(specText) } catch var e as PyError {
            if e.message.hasSuffix("of type") { e.message = "Invalid format specifier '\(specText)' for object of type '\(v.typeName)'" }
            throw e
        }
        switch v {
        case .int, .bool:
            let i = v.asInt ?? 0
            if let t = spec.type, "eEfFgG%".contains(t) { return try formatFloat(Double(i), spec) }
            return try formatInt(i, spec)
        case .float(let d):
            if let t = spec.type, !"eEfFgGn%".contains(t) {
                throw PyError.value("Unknown format code '\(t)' for object of type 'float'")
            }
            return try formatFloat(d, spec)
        case .str(let s):
            if let t = spec.type, t != "s" { throw PyError.value("Unknown format code '\(t)' for object of type 'str'") }
            if spec.sign != "-" { throw PyError.value("Sign not allowed in string format specifier") }
            if spec.align == "=" { throw PyError.value("'=' alignment not allowed in string format specifier") }
            var text = s
            if let p = spec.precision { text = String(text.prefix(p)) }
            return pad(text, spec, numeric: false)
        case .object(let o as BigIntObject):
            if let t = spec.type, "eEfFgG%".contains(t) { return try formatFloat(try BigIntArith.toDouble(o.value), spec) }
            return try formatInteger(o.value, spec)
        default:
            if case .object(let o) = v, let n = o.numericValue { return try format(n, specText) }
            throw PyError.type("unsupported format string passed to \(v.typeName).__format__")
        }
    }

    static func group(_ digits: String, _ sep: Character, every n: Int = 3) -> String {
        var out: [Character] = []
        for (k, c) in digits.reversed().enumerated() {
            if k > 0 && k % n == 0 { out.append(sep) }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func formatInt(_ i: Int, _ spec: Spec) throws -> String {
        if spec.type == "c" {
            guard i >= 0, i <= 0x10FFFF, let u = Unicode.Scalar(UInt32(i)) else { throw PyError.overflow("%c arg not in range(0x110000)") }
            return pad(String(Character(u)), try checkedIntSpec(spec), numeric: false)
        }
        let mag = i.magnitude
        return try formatInteger(negative: i < 0, spec) { radix, upper in String(mag, radix: radix, uppercase: upper) }
    }

    /// `format(big, spec)` for the integer presentation types.
    static func formatInteger(_ b: BigInt, _ spec: Spec) throws -> String {
        if spec.type == "c" { _ = try checkedIntSpec(spec); throw PyError.overflow("Python int too large to convert to C long") }
        if (spec.type ?? "d") == "d" || spec.type == "n" { try BigIntArith.checkStrLimit(b) }
        return try formatInteger(negative: b.negative, spec) { radix, upper in b.digits(radix: radix, uppercase: upper) }
    }

    private static func checkedIntSpec(_ spec: Spec) throws -> Spec {
        if spec.precision != nil { throw PyError.value("Precision not allowed in integer format specifier") }
        if spec.zeroNeg { throw PyError.value("Negative zero coercion (z) not allowed in integer format specifier") }
        return spec
    }

    /// An integer's sign, prefix, grouped digits (`digits(radix, uppercase)` gives the
    /// magnitude's) and padding.
    static func formatInteger(negative: Bool, _ spec: Spec, _ digits: (Int, Bool) -> String) throws -> String {
        _ = try checkedIntSpec(spec)
        let t = spec.type ?? "d"
        var body: String
        var prefix = ""
        switch t {
        case "d", "n": body = digits(10, false)
        case "x": body = digits(16, false); prefix = spec.alternate ? "0x" : ""
        case "X": body = digits(16, true); prefix = spec.alternate ? "0X" : ""
        case "o": body = digits(8, false); prefix = spec.alternate ? "0o" : ""
        case "b": body = digits(2, false); prefix = spec.alternate ? "0b" : ""
        default:
            throw PyError.value("Unknown format code '\(t)' for object of type 'int'")
        }
        if let g = spec.grouping {
            if t == "n" || (g == "," && t != "d") { throw PyError.value("Cannot specify '\(g)' with '\(t)'.") }
            body = group(body, g, every: t == "d" ? 3 : 4)
        }
        return padNumber(sign: signText(negative, spec), prefix: prefix, body: body, spec)
    }

    static func signText(_ negative: Bool, _ spec: Spec) -> String {
        if negative { return "-" }
        switch spec.sign {
        case "+": return "+"
        case " ": return " "
        default: return ""
        }
    }

    static func cFormat(_ fmt: String, _ prec: Int, _ d: Double) -> String {
        String(format: fmt, prec, d)
    }

    static func formatFloat(_ x: Double, _ spec: Spec) throws -> String {
        var d = x
        var t = spec.type
        var body: String
        var suffix = ""
        if t == "n" { t = "g" }
        if d.isNaN || d.isInfinite {
            body = d.isNaN ? "nan" : "inf"
            if t == "F" || t == "E" || t == "G" { body = body.uppercased() }
            if t == "%" { suffix = "%" }
            return padNumber(sign: signText(d.sign == .minus && !d.isNaN, spec), prefix: "", body: body + suffix, spec)
        }
        let negative = d.sign == .minus && !(spec.zeroNeg && d == 0)
        d = d.magnitude
        switch t {
        case "f", "F":
            body = cFormat(spec.alternate ? "%#.*f" : "%.*f", spec.precision ?? 6, d)
        case "%":
            body = cFormat(spec.alternate ? "%#.*f" : "%.*f", spec.precision ?? 6, d * 100)
            suffix = "%"
        case "e", "E":
            body = cFormat(spec.alternate ? "%#.*e" : "%.*e", spec.precision ?? 6, d)
            if t == "E" { body = body.uppercased() }
        case "g", "G":
            let p = max(spec.precision ?? 6, 1)
            body = cFormat(spec.alternate ? "%#.*g" : "%.*g", p, d)
            if t == "G" { body = body.uppercased() }
        default:
            if let p = spec.precision {
                body = cFormat(spec.alternate ? "%#.*g" : "%.*g", max(p, 1), d)
                if !body.contains("e") && !body.contains(".") { body += ".0" }
            } else {
                body = Repr.floatRepr(d)
            }
        }
        if let g = spec.grouping {
            let cs = Array(body)
            var intEnd = 0
            while intEnd < cs.count, cs[intEnd].isNumber { intEnd += 1 }
            body = group(String(cs[..<intEnd]), g) + String(cs[intEnd...])
        }
        return padNumber(sign: negative ? "-" : signText(false, spec), prefix: "", body: body + suffix, spec)
    }

    static func padNumber(sign: String, prefix: String, body: String, _ spec: Spec) -> String {
        let align = spec.align ?? ">"
        if align == "=" {
            let used = sign.count + prefix.count + body.count
            var fillCount = max(0, spec.width - used)
            var b = body
            if spec.fill == "0", let g = spec.grouping, fillCount > 0 {
                // Zero padding extends the grouped digits, as Python does.
                let digits = b.filter { $0.isNumber }
                var intDigits = ""
                var rest = Substring(b)
                while let c = rest.first, c.isNumber || c == g { if c.isNumber { intDigits.append(c) }; rest = rest.dropFirst() }
                _ = digits
                var padded = intDigits
                while true {
                    let candidate = group(padded, g)
                    if candidate.count + rest.count + sign.count + prefix.count >= spec.width { b = candidate + rest; break }
                    padded = "0" + padded
                }
                if b.count + sign.count + prefix.count > spec.width, b.hasPrefix(String(g)) { b.removeFirst() }
                fillCount = max(0, spec.width - sign.count - prefix.count - b.count)
            }
            return sign + prefix + String(repeating: spec.fill, count: fillCount) + b
        }
        var s = spec
        s.align = align
        return pad(sign + prefix + body, s, numeric: true)
    }

    static func pad(_ text: String, _ spec: Spec, numeric: Bool) -> String {
        let n = text.count
        guard spec.width > n else { return text }
        let fill = spec.width - n
        switch spec.align ?? (numeric ? ">" : "<") {
        case ">": return String(repeating: spec.fill, count: fill) + text
        case "^":
            let left = fill / 2
            return String(repeating: spec.fill, count: left) + text + String(repeating: spec.fill, count: fill - left)
        default: return text + String(repeating: spec.fill, count: fill)
        }
    }
}
