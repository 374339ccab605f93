/// `str()` and `repr()` exactly as CPython prints values.
public enum Repr {
    /// `str(v)`.
    public static func str(_ v: Value) -> String {
        switch v {
        case .str(let s): return s
        case .object(let o): return o.str
        default: return repr(v)
        }
    }

    /// `repr(v)`.
    public static func repr(_ v: Value) -> String {
        var seen: [ObjectIdentifier] = []
        return repr(v, &seen)
    }

    /// The decimal text of small non-negative ints, made once: programs build keys and
    /// labels with `str(i)` constantly, and `String(i)` formats each time.
    private static let smallInts: [String] = (0..<1024).map { String($0) }

    @inline(__always)
    static func intString(_ i: Int) -> String {
        i >= 0 && i < smallInts.count ? smallInts[i] : String(i)
    }

    static func repr(_ v: Value, _ seen: inout [ObjectIdentifier]) -> String {
        // Very deep nesting is elided rather than exhausting the native stack.
        if seen.count > 200 { return "..." }
        switch v {
        case .unbound: return "<unbound>"
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return intString(i)
        case .float(let d): return floatRepr(d)
        case .str(let s): return stringRepr(s)
        case .list(let l):
            let id = ObjectIdentifier(l)
            if seen.contains(id) { return "[...]" }
            seen.append(id)
            defer { seen.removeLast() }
            return "[" + l.items.map { repr($0, &seen) }.joined(separator: ", ") + "]"
        case .tuple(let t):
            seen.append(ObjectIdentifier(t))
            defer { seen.removeLast() }
            if t.items.count == 1 { return "(" + repr(t.items[0], &seen) + ",)" }
            return "(" + t.items.map { repr($0, &seen) }.joined(separator: ", ") + ")"
        case .dict(let d):
            let id = ObjectIdentifier(d)
            if seen.contains(id) { return "{...}" }
            seen.append(id)
            defer { seen.removeLast() }
            if let f = d.flavor { return CollectionsModule.repr(d, f, &seen) }
            var parts: [String] = []
            for (k, x) in zip(d.keys, d.values) { parts.append(repr(k, &seen) + ": " + repr(x, &seen)) }
            return "{" + parts.joined(separator: ", ") + "}"
        case .range(let r):
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case .function(let f):
            return f.isLambda ? "<function <lambda>>" : "<function \(f.name)>"
        case .builtin(let b):
            return b.isType ? "<class '\(b.name)'>" : "<built-in function \(b.name)>"
        case .iterator(let it): return "<\(it.kind) object>"
        case .object(let g as NamespaceView):
            // The namespace usually holds the view itself (`g = globals()`).
            let id = g.namespace.identity
            if seen.contains(id) { return "{...}" }
            seen.append(id)
            defer { seen.removeLast() }
            return repr(.dict(g.snapshot()), &seen)
        case .object(let o): return o.repr
        }
    }

    /// Python's repr of a str: single quotes unless the text has `'` and no `"`.
    public static func stringRepr(_ s: String) -> String {
        let hasSingle = s.contains("'"), hasDouble = s.contains("\"")
        let q: Character = (hasSingle && !hasDouble) ? "\"" : "'"
        var out = String(q)
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(u) == q {
                    out += "\\" + String(q)
                } else if u.value < 0x20 || u.value == 0x7F {
                    out += "\\x" + hex(u.value, 2)
                } else if u.value >= 0x80 && !isPrintable(u) {
                    if u.value <= 0xFF { out += "\\x" + hex(u.value, 2) }
                    else if u.value <= 0xFFFF { out += "\\u" + hex(u.value, 4) }
                    else { out += "\\U" + hex(u.value, 8) }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out.append(q)
        return out
    }

    static func isPrintable(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        case .spaceSeparator:
            return u == " "
        default:
            return true
        }
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    /// Shortest round-trip float text, laid out as Python's `repr(float)`:
    /// fixed notation for exponents -4..<16, scientific (`1e-05`, `1e+16`) otherwise.
    public static func floatRepr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (neg, digits, point) = shortestDigits(d)
        return floatLayout(negative: neg, digits: digits, point: point)
    }

    /// Python's layout of a float's shortest digits (the value is 0.`digits` × 10^`point`):
    /// fixed notation for exponents -4..<16, scientific otherwise. Shared by float and
    /// NumPy-scalar reprs, which differ only in how many digits are shortest.
    static func floatLayout(negative: Bool, digits: String, point: Int) -> String {
        let x = point - 1
        var out = negative ? "-" : ""
        if x >= -4 && x < 16 {
            if point <= 0 {
                out += "0." + String(repeating: "0", count: -point) + digits
            } else if point >= digits.count {
                out += digits + String(repeating: "0", count: point - digits.count) + ".0"
            } else {
                let idx = digits.index(digits.startIndex, offsetBy: point)
                out += digits[..<idx] + "." + digits[idx...]
            }
        } else {
            out += String(digits.prefix(1))
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += "e" + (x < 0 ? "-" : "+") + (abs(x) < 10 ? "0" : "") + String(abs(x))
        }
        return out
    }

    /// Decompose a finite non-zero double into sign, shortest significant digits and the
    /// decimal point position (value = 0.DIGITS × 10^point).
    static func shortestDigits(_ d: Double) -> (Bool, String, Int) {
        let (negative, digits, point) = NumpyFormat.shortestDigits(d)
        return (negative, digits, point)
    }
}
