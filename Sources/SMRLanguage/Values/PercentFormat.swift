/// printf-style `"%5.2f %s" % (x, name)` string formatting, as Python's `str % args`.
enum PercentFormat {
    static func format(_ template: String, _ arg: Value) throws -> String {
        let cs = Array(template)
        let mapping: DictObject? = { if case .dict(let d) = arg { return d }; return nil }()
        var items: [Value]
        if case .tuple(let t) = arg { items = t.items } else { items = [arg] }
        var next = 0
        var usedMapping = false
        func take() throws -> Value {
            guard next < items.count else { throw PyError.type("not enough arguments for format string") }
            next += 1
            return items[next - 1]
        }
        var out = ""
        var k = 0
        while k < cs.count {
            let c = cs[k]
            if c != "%" { out.append(c); k += 1; continue }
            k += 1
            guard k < cs.count else { throw PyError.value("incomplete format") }
            var value: Value?
            if cs[k] == "(" {
                guard let m = mapping else { throw PyError.type("format requires a mapping") }
                var depth = 1
                var key = ""
                k += 1
                while k < cs.count {
                    if cs[k] == "(" { depth += 1 } else if cs[k] == ")" { depth -= 1; if depth == 0 { break } }
                    key.append(cs[k])
                    k += 1
                }
                guard k < cs.count else { throw PyError.value("incomplete format key") }
                k += 1
                guard let v = try m.lookup(.str(key)) else { throw PyError(.keyError, Repr.stringRepr(key)) }
                value = v
                usedMapping = true
            }
            var flags = Set<Character>()
            while k < cs.count, "-+ #0".contains(cs[k]) { flags.insert(cs[k]); k += 1 }
            var width = 0
            if k < cs.count, cs[k] == "*" {
                k += 1
                guard let w = try take().asInt else { throw PyError.type("* wants int") }
                if w < 0 { flags.insert("-") }
                width = w.magnitude > 10_000 ? 10_001 : Int(w.magnitude)
            } else {
                while k < cs.count, let d = cs[k].wholeNumberValue, cs[k].isASCII { width = width * 10 + d; k += 1; if width > 10_000 { throw PyError.value("width too big") } }
            }
            var precision: Int?
            if k < cs.count, cs[k] == "." {
                k += 1
                if k < cs.count, cs[k] == "*" {
                    k += 1
                    guard let p = try take().asInt else { throw PyError.type("* wants int") }
                    precision = min(max(0, p), 10_001)
                } else {
                    var p = 0
                    while k < cs.count, let d = cs[k].wholeNumberValue, cs[k].isASCII { p = p * 10 + d; k += 1; if p > 10_000 { throw PyError.value("precision too big") } }
                    precision = p
                }
            }
            while k < cs.count, "hlL".contains(cs[k]) { k += 1 }
            guard k < cs.count else { throw PyError.value("incomplete format") }
            let type = cs[k]
            k += 1
            if type == "%" { out.append("%"); continue }
            let v = try value ?? take()
            out += try convert(v, type, flags, width, precision, at: k - 1)
        }
        if next < items.count && !usedMapping && mapping == nil {
            throw PyError.type("not all arguments converted during string formatting")
        }
        return out
    }

    private static func convert(_ v: Value, _ type: Character, _ flags: Set<Character>, _ width: Int, _ precision: Int?, at index: Int) throws -> String {
        let left = flags.contains("-")
        let sign = flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
        let alt = flags.contains("#") ? "#" : ""
        /// A format spec in the mini-language's order: [align][sign][#][0][width].
        func numberSpec(_ tail: String, alternate: Bool = true) -> String {
            guard width > 0 else { return sign + (alternate ? alt : "") + tail }
            if left { return "<" + sign + (alternate ? alt : "") + "\(width)" + tail }
            if flags.contains("0") { return sign + (alternate ? alt : "") + "0\(width)" + tail }
            return ">" + sign + (alternate ? alt : "") + "\(width)" + tail
        }
        func widthPart(numeric: Bool) -> String {
            guard width > 0 else { return "" }
            return (left ? "<" : ">") + "\(width)"
        }
        var spec = ""
        switch type {
        case "s", "r", "a":
            try BigIntArith.checkStrLimit(v)
            var text = type == "s" ? Repr.str(v) : Repr.repr(v)
            if let p = precision { text = String(text.prefix(p)) }
            return try Format.format(.str(text), widthPart(numeric: false))
        case "d", "i", "u":
            let n: Value
            switch v {
            case .int, .bool: n = .int(v.asInt ?? 0)
            case .object(let o as BigIntObject):
                n = v
                if let p = precision {
                    try BigIntArith.checkStrLimit(o.value)
                    let digits = o.value.digits()
                    let body = (o.value.negative ? "-" : sign) + String(repeating: "0", count: max(0, p - digits.count)) + digits
                    return try Format.format(.str(body), widthPart(numeric: false))
                }
            case .float: n = try Builtins.toInt(v, base: nil)
            case .object(let o) where o.numericValue != nil: n = try Builtins.toInt(o.numericValue ?? .int(0), base: nil)
            default: throw PyError.type("%\(type) format: a real number is required, not \(v.typeName)")
            }
            spec = numberSpec("d", alternate: false)
            if let p = precision, let i = n.asInt {
                // %.3d pads the digits with zeros.
                let digits = String(i.magnitude)
                let body = (i < 0 ? "-" : sign) + String(repeating: "0", count: max(0, p - digits.count)) + digits
                return try Format.format(.str(body), widthPart(numeric: false))
            }
            return try Format.format(n, spec)
        case "x", "X", "o":
            if BigIntObject.isBig(v) { return try Format.format(v, numberSpec(String(type))) }
            guard let i = v.asInt else { throw PyError.type("%\(type) format: an integer is required, not \(v.typeName)") }
            spec = numberSpec(String(type))
            return try Format.format(.int(i), spec)
        case "e", "E", "f", "F", "g", "G":
            guard let d = v.asDouble else { throw PyError.type("must be real number, not \(v.typeName)") }
            spec = numberSpec(".\(precision ?? 6)" + String(type))
            return try Format.format(.float(d), spec)
        case "c":
            var ch: String
            if let i = v.asInt {
                guard i >= 0, i <= 0x10FFFF, let u = Unicode.Scalar(UInt32(i)) else { throw PyError.overflow("%c arg not in range(0x110000)") }
                ch = String(Character(u))
            } else if BigIntObject.isBig(v) {
                throw PyError.overflow("%c arg not in range(0x110000)")
            } else if case .str(let s) = v, s.count == 1 {
                ch = s
            } else {
                throw PyError.type("%c requires int or char")
            }
            return try Format.format(.str(ch), widthPart(numeric: false))
        default:
            let hex = String(type.unicodeScalars.first?.value ?? 0, radix: 16)
            throw PyError.value("unsupported format character '\(type)' (0x\(hex)) at index \(index)")
        }
    }
}
