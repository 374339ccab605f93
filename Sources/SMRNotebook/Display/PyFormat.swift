import Foundation
import SMRLanguage

/// Python's `format(value, spec)` for numbers, as the display helpers need it
/// (tabulate's `floatfmt`, SB3's `{:<8.3g}`, tqdm's rates): fill/align, sign, `0`,
/// width, `,`/`_` grouping, precision and the types `e E f F g G % d` or none.
public enum PyFormat {
    struct Spec {
        var fill: Character = " "
        var align: Character?
        var sign: Character = "-"
        var zero = false
        var width = 0
        var grouping: Character?
        var precision: Int?
        var type: Character?
    }

    static func parse(_ text: String) -> Spec? {
        var s = Spec()
        var c = Array(text)
        var i = 0
        func isAlign(_ ch: Character) -> Bool { "<>^=".contains(ch) }
        if c.count >= 2, isAlign(c[1]) { s.fill = c[0]; s.align = c[1]; i = 2 }
        else if let f = c.first, isAlign(f) { s.align = f; i = 1 }
        if i < c.count, "+- ".contains(c[i]) { s.sign = c[i]; i += 1 }
        if i < c.count, c[i] == "#" { i += 1 }
        if i < c.count, c[i] == "0" { s.zero = true; i += 1 }
        var w = 0, any = false
        while i < c.count, let d = c[i].wholeNumberValue, c[i].isASCII { w = min(w * 10 + d, 10_000); any = true; i += 1 }
        if any { s.width = w }
        if i < c.count, c[i] == "," || c[i] == "_" { s.grouping = c[i]; i += 1 }
        if i < c.count, c[i] == "." {
            i += 1
            var p = 0, anyP = false
            while i < c.count, let d = c[i].wholeNumberValue, c[i].isASCII { p = min(p * 10 + d, 1000); anyP = true; i += 1 }
            guard anyP else { return nil }
            s.precision = p
        }
        if i < c.count { s.type = c[i]; i += 1 }
        c.removeAll()
        return i == text.count ? s : nil
    }

    /// `format(x, spec)` for a float; an invalid spec gives Python's `str(x)`.
    public static func format(_ x: Double, _ spec: String) -> String {
        guard let s = parse(spec) else { return shortest(x) }
        if let t = s.type, !"eEfFgG%n".contains(t) { return shortest(x) }
        let negative = x < 0 || (x == 0 && x.sign == .minus)
        let a = Swift.abs(x)
        var body: String
        if a.isNaN || a.isInfinite {
            body = a.isNaN ? "nan" : "inf"
            if let t = s.type, t.isUppercase { body = body.uppercased() }
            if s.type == "%" { body += "%" }
        } else {
            switch s.type {
            case "f", "F": body = cformat("f", s.precision ?? 6, a)
            case "e", "E": body = cformat(String(s.type ?? "e"), s.precision ?? 6, a)
            case "g", "G", "n": body = cformat(s.type == "G" ? "G" : "g", s.precision ?? 6, a)
            case "%": body = cformat("f", s.precision ?? 6, a * 100) + "%"
            default:
                if let p = s.precision {
                    body = cformat("g", max(p, 1), a)
                    if !body.contains(".") && !body.contains("e") { body += ".0" }
                } else {
                    body = shortest(a)
                }
            }
            if let g = s.grouping { body = group(body, g) }
        }
        return pad(sign: negative ? "-" : (s.sign == "+" ? "+" : (s.sign == " " ? " " : "")), body: body, s, numeric: true)
    }

    /// `format(i, spec)` for an int; float types format the int as a float.
    public static func format(_ i: Int, _ spec: String) -> String {
        guard let s = parse(spec) else { return String(i) }
        if let t = s.type, "eEfFgG%".contains(t) { return format(Double(i), spec) }
        var body = String(i.magnitude)
        if let g = s.grouping { body = group(body, g) }
        return pad(sign: i < 0 ? "-" : (s.sign == "+" ? "+" : (s.sign == " " ? " " : "")), body: body, s, numeric: true)
    }

    /// `format(text, spec)`: fill/align/width for strings (left by default).
    public static func format(_ text: String, _ spec: String) -> String {
        guard let s = parse(spec) else { return text }
        var t = text
        if let p = s.precision { t = String(t.unicodeScalars.prefix(p)) }
        return pad(sign: "", body: t, s, numeric: false)
    }

    /// Python's `repr` of a float (shortest round-trip digits).
    public static func shortest(_ x: Double) -> String { Repr.floatRepr(x) }

    static func cformat(_ type: String, _ precision: Int, _ x: Double) -> String {
        String(format: "%.\(min(precision, 500))\(type)", x)
    }

    static func group(_ body: String, _ sep: Character) -> String {
        let end = body.firstIndex { !$0.isNumber } ?? body.endIndex
        let digits = Array(body[body.startIndex..<end])
        guard digits.count > 3 else { return body }
        var out = ""
        for (k, d) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(sep) }
            out.append(d)
        }
        return out + body[end...]
    }

    static func pad(sign: String, body: String, _ s: Spec, numeric: Bool) -> String {
        let len = sign.unicodeScalars.count + body.unicodeScalars.count
        guard s.width > len else { return sign + body }
        let n = s.width - len
        let align = s.align ?? (s.zero ? "=" : (numeric ? ">" : "<"))
        let fill = s.align == nil && s.zero ? "0" : String(s.fill)
        switch align {
        case "<": return sign + body + String(repeating: fill, count: n)
        case "^":
            let left = n / 2
            return String(repeating: fill, count: left) + sign + body + String(repeating: fill, count: n - left)
        case "=": return sign + String(repeating: fill, count: n) + body
        default: return String(repeating: fill, count: n) + sign + body
        }
    }
}
