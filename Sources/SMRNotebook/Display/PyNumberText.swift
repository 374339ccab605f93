/// Python's `int(s)` / `float(s)` acceptance of numeric text, which tabulate uses to
/// type string cells.
enum PyNumberText {
    /// Whether `int(s)` succeeds: optional sign, digits with single `_` between digits,
    /// surrounding whitespace allowed.
    static func isInt(_ s: String) -> Bool {
        var t = Array(s.trimmingWhitespace().unicodeScalars)
        if let f = t.first, f == "+" || f == "-" { t.removeFirst() }
        return digitsWithUnderscores(t[...])
    }

    static func digitsWithUnderscores(_ t: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let f = t.first, let l = t.last, isDigit(f), isDigit(l) else { return false }
        var prevUnderscore = false
        for u in t {
            if u == "_" { if prevUnderscore { return false }; prevUnderscore = true; continue }
            guard isDigit(u) else { return false }
            prevUnderscore = false
        }
        return true
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { u >= "0" && u <= "9" }

    /// `float(s)` if it succeeds.
    static func float(_ s: String) -> Double? {
        var t = Array(s.trimmingWhitespace().unicodeScalars)
        var neg = false
        if let f = t.first, f == "+" || f == "-" { neg = f == "-"; t.removeFirst() }
        let word = String(String.UnicodeScalarView(t)).lowercased()
        if word == "inf" || word == "infinity" { return neg ? -.infinity : .infinity }
        if word == "nan" { return .nan }
        // mantissa [.] digits, optional exponent
        var i = 0
        func digits() -> ArraySlice<Unicode.Scalar> {
            let start = i
            while i < t.count, isDigit(t[i]) || t[i] == "_" { i += 1 }
            return t[start..<i]
        }
        let intPart = digits()
        var fracPart: ArraySlice<Unicode.Scalar> = []
        if i < t.count, t[i] == "." { i += 1; fracPart = digits() }
        if intPart.isEmpty && fracPart.isEmpty { return nil }
        if !intPart.isEmpty && !digitsWithUnderscores(intPart) { return nil }
        if !fracPart.isEmpty && !digitsWithUnderscores(fracPart) { return nil }
        if i < t.count, t[i] == "e" || t[i] == "E" {
            i += 1
            if i < t.count, t[i] == "+" || t[i] == "-" { i += 1 }
            let e = digits()
            if !digitsWithUnderscores(e) { return nil }
        }
        guard i == t.count else { return nil }
        let clean = String(String.UnicodeScalarView(t.filter { $0 != "_" }))
        guard let d = Double(clean) else { return nil }
        return neg ? -d : d
    }

    /// tabulate's `_isnumber`: `float(s)` works and is not an overflow to inf/nan
    /// unless the text literally says inf/nan.
    static func isNumber(_ s: String) -> Bool {
        guard let d = float(s) else { return false }
        if d.isInfinite || d.isNaN {
            return ["inf", "-inf", "nan"].contains(s.lowercased())
        }
        return true
    }
}
