/// A `--param NAME=VALUE` value: a literal of the language (int, float, str, bool,
/// None, list/tuple of literals). A bare word that is no literal is taken as a string,
/// as papermill does (`--param env=Pendulum-v1`).
public indirect enum ParameterLiteral: Sendable, Equatable {
    case int(Int)
    case float(Double)
    case str(String)
    case bool(Bool)
    case none
    case list([ParameterLiteral])
    case tuple([ParameterLiteral])

    /// The literal as source text of the language (Python repr).
    public var sourceText: String {
        switch self {
        case .int(let i): return String(i)
        case .float(let d):
            if d.isNaN { return "float('nan')" }
            if d.isInfinite { return d > 0 ? "float('inf')" : "-float('inf')" }
            var s = "\(d)"
            if !s.contains(".") && !s.contains("e") { s += ".0" }
            return s
        case .str(let s): return ParameterLiteral.quote(s)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .list(let xs): return "[" + xs.map(\.sourceText).joined(separator: ", ") + "]"
        case .tuple(let xs):
            return xs.count == 1 ? "(" + xs[0].sourceText + ",)" : "(" + xs.map(\.sourceText).joined(separator: ", ") + ")"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    /// Parse VALUE; throws `NotebookError.badParameter` naming the problem.
    public static func parse(_ text: String, name: String) throws -> ParameterLiteral {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var p = LiteralScanner(chars: Array(trimmed), name: name, text: text)
        // Bare words (not starting like a literal) are strings.
        if let c = p.chars.first, !(c.isNumber || "+-.'\"[(".contains(c)),
           !["True", "False", "None"].contains(trimmed), !trimmed.hasPrefix("float(") {
            return .str(text)
        }
        if trimmed.isEmpty { return .str("") }
        let v = try p.value()
        p.skipSpaces()
        guard p.i == p.chars.count else { throw p.error("unexpected '\(String(p.chars[p.i...]))'") }
        return v
    }
}

/// A small recursive-descent reader for parameter literals.
struct LiteralScanner {
    let chars: [Character]
    let name: String
    let text: String
    var i = 0

    init(chars: [Character], name: String, text: String) {
        self.chars = chars
        self.name = name
        self.text = text
    }

    func error(_ why: String) -> NotebookError {
        .badParameter("--param \(name)=\(text): \(why); expected an int, float, 'str', True/False, None or a list of them")
    }

    mutating func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }

    mutating func value() throws -> ParameterLiteral {
        skipSpaces()
        guard i < chars.count else { throw error("missing value") }
        let c = chars[i]
        if c == "[" || c == "(" { return try sequence(open: c) }
        if c == "'" || c == "\"" { return try string(quote: c) }
        var word = ""
        while i < chars.count, !",])".contains(chars[i]), chars[i] != " " { word.append(chars[i]); i += 1 }
        switch word {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        case "float('nan')", "float(\"nan\")": return .float(.nan)
        case "float('inf')", "float(\"inf\")": return .float(.infinity)
        case "-float('inf')", "-float(\"inf\")": return .float(-.infinity)
        default: break
        }
        let digits = word.replacingOccurrences(of: "_", with: "")
        if !word.hasPrefix("_"), !word.hasSuffix("_"), !word.contains("__"), let n = Int(digits) { return .int(n) }
        if digits.allSatisfy({ $0.isNumber || "+-".contains($0) }), !digits.isEmpty, digits.contains(where: \.isNumber) {
            throw error("'\(word)' does not fit in a 64-bit int")
        }
        let isFloatText = !digits.isEmpty && digits.allSatisfy { $0.isNumber || "+-.eE".contains($0) } && digits.contains(where: \.isNumber)
        if isFloatText, let d = Double(digits), d.isFinite { return .float(d) }
        throw error("'\(word)' is not a literal")
    }

    mutating func string(quote: Character) throws -> ParameterLiteral {
        i += 1
        var s = ""
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c == quote { return .str(s) }
            if c == "\\", i < chars.count {
                let e = chars[i]
                i += 1
                switch e {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "r": s.append("\r")
                case "\\", "'", "\"": s.append(e)
                default: s.append("\\"); s.append(e)
                }
            } else {
                s.append(c)
            }
        }
        throw error("unterminated string")
    }

    mutating func sequence(open: Character) throws -> ParameterLiteral {
        let close: Character = open == "[" ? "]" : ")"
        i += 1
        var items: [ParameterLiteral] = []
        var trailingComma = false
        while true {
            skipSpaces()
            guard i < chars.count else { throw error("missing '\(close)'") }
            if chars[i] == close { i += 1; break }
            items.append(try value())
            skipSpaces()
            guard i < chars.count else { throw error("missing '\(close)'") }
            if chars[i] == "," { i += 1; trailingComma = true; continue }
            trailingComma = false
            guard chars[i] == close else { throw error("expected ',' or '\(close)'") }
        }
        if open == "(" {
            if items.count == 1 && !trailingComma { return items[0] }
            return .tuple(items)
        }
        return .list(items)
    }
}
