/// JSON text as a tree that keeps what was written — ints and floats apart (as their text),
/// object keys in order with repeats, each value's offset — parsed with CPython's `json`
/// scanner rules and error messages. `json.loads` builds Python values from it; the project's
/// other JSON readers (a sweep's `--grid` file) read it directly.
public struct JSONNode {
    public indirect enum Kind {
        case null
        case bool(Bool)
        /// An integer as written (it may not fit in 64 bits).
        case int(String)
        /// A number with a fraction or an exponent, or `NaN` / `Infinity` / `-Infinity`, as written.
        case float(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    public let kind: Kind
    /// Offset of the value's first character, in Unicode scalars.
    public let offset: Int
}

/// A JSON document that does not parse: CPython's message and where.
public struct JSONSyntaxError: Error, CustomStringConvertible {
    public let message: String
    public let offset: Int, line: Int, column: Int
    /// Nesting deeper than the parser's limit (CPython raises RecursionError).
    public let tooDeep: Bool

    /// `Expecting value: line 1 column 1 (char 0)`, as `json.JSONDecodeError` words it.
    public var description: String { "\(message): line \(line) column \(column) (char \(offset))" }
}

public enum JSONParser {
    /// Parses a whole document. `specialFloats` accepts `NaN`, `Infinity` and `-Infinity` as
    /// Python's json does; nesting past `maxDepth` is an error.
    public static func parse(_ text: String, specialFloats: Bool = true, maxDepth: Int = 900) throws -> JSONNode {
        var scanner = Scanner(s: Array(text.unicodeScalars), specialFloats: specialFloats, maxDepth: maxDepth)
        scanner.skipSpace()
        let root = try scanner.value()
        scanner.skipSpace()
        if scanner.i < scanner.s.count { throw scanner.error("Extra data", scanner.i) }
        return root
    }

    /// The 1-based line of `offset` (in Unicode scalars) in `text`.
    public static func line(of offset: Int, in text: String) -> Int {
        var line = 1
        for (k, u) in text.unicodeScalars.enumerated() {
            if k >= offset { break }
            if u == "\n" { line += 1 }
        }
        return line
    }

    struct Scanner {
        let s: [Unicode.Scalar]
        let specialFloats: Bool
        let maxDepth: Int
        var i = 0
        var depth = 0

        init(s: [Unicode.Scalar], specialFloats: Bool, maxDepth: Int) {
            self.s = s
            self.specialFloats = specialFloats
            self.maxDepth = maxDepth
        }

        func error(_ msg: String, _ pos: Int, tooDeep: Bool = false) -> JSONSyntaxError {
            var line = 1, lastNewline = -1
            for k in 0..<min(pos, s.count) where s[k] == "\n" { line += 1; lastNewline = k }
            return JSONSyntaxError(message: msg, offset: pos, line: line, column: pos - lastNewline, tooDeep: tooDeep)
        }

        mutating func skipSpace() {
            while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r" { i += 1 }
        }

        func matches(_ word: String) -> Bool {
            let w = Array(word.unicodeScalars)
            return i + w.count <= s.count && Array(s[i..<(i + w.count)]) == w
        }

        mutating func word(_ w: String, _ kind: JSONNode.Kind) -> JSONNode {
            let at = i
            i += w.unicodeScalars.count
            return JSONNode(kind: kind, offset: at)
        }

        mutating func value() throws -> JSONNode {
            guard i < s.count else { throw error("Expecting value", i) }
            switch s[i] {
            case "\"": let at = i; return JSONNode(kind: .string(try string()), offset: at)
            case "{": return try object()
            case "[": return try array()
            case "n" where matches("null"): return word("null", .null)
            case "t" where matches("true"): return word("true", .bool(true))
            case "f" where matches("false"): return word("false", .bool(false))
            case "N" where specialFloats && matches("NaN"): return word("NaN", .float("NaN"))
            case "I" where specialFloats && matches("Infinity"): return word("Infinity", .float("Infinity"))
            case "-" where specialFloats && matches("-Infinity"): return word("-Infinity", .float("-Infinity"))
            default: return try number()
            }
        }

        mutating func number() throws -> JSONNode {
            let start = i
            func digits(_ k: inout Int) -> Int {
                let from = k
                while k < s.count, ("0"..."9").contains(s[k]) { k += 1 }
                return k - from
            }
            var k = i
            if k < s.count, s[k] == "-" { k += 1 }
            guard k < s.count, ("0"..."9").contains(s[k]) else { throw error("Expecting value", start) }
            if s[k] == "0" { k += 1 } else { _ = digits(&k) }
            var isFloat = false
            if k + 1 < s.count, s[k] == ".", ("0"..."9").contains(s[k + 1]) {
                k += 1
                _ = digits(&k)
                isFloat = true
            }
            if k < s.count, s[k] == "e" || s[k] == "E" {
                var e = k + 1
                if e < s.count, s[e] == "+" || s[e] == "-" { e += 1 }
                if digits(&e) > 0 { k = e; isFloat = true }
            }
            i = k
            let text = String(String.UnicodeScalarView(s[start..<k]))
            return JSONNode(kind: isFloat ? .float(text) : .int(text), offset: start)
        }

        mutating func string() throws -> String {
            let start = i
            i += 1
            var out = String.UnicodeScalarView()
            while true {
                guard i < s.count else { throw error("Unterminated string starting at", start) }
                let c = s[i]
                if c == "\"" { i += 1; return String(out) }
                if c.value < 0x20 { throw error("Invalid control character at", i) }
                if c != "\\" { out.append(c); i += 1; continue }
                guard i + 1 < s.count else { throw error("Unterminated string starting at", start) }
                switch s[i + 1] {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "u":
                    var code = try hex4(i + 2)
                    i += 6
                    if (0xD800..<0xDC00).contains(code), i + 1 < s.count, s[i] == "\\", s[i + 1] == "u",
                       let low = try? hex4(i + 2), (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    // A lone surrogate cannot live in a Swift string: it becomes U+FFFD.
                    out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    continue
                default: throw error("Invalid \\escape", i)
                }
                i += 2
            }
        }

        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= s.count else { throw error("Invalid \\uXXXX escape", at - 1) }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                guard s[k].isASCII, let d = UInt32(String(s[k]), radix: 16) else { throw error("Invalid \\uXXXX escape", at - 1) }
                v = v * 16 + d
            }
            return v
        }

        mutating func nest() throws {
            depth += 1
            if depth > maxDepth { throw error("maximum recursion depth exceeded while decoding a JSON document", i, tooDeep: true) }
        }

        mutating func array() throws -> JSONNode {
            let at = i
            try nest()
            defer { depth -= 1 }
            i += 1
            var items: [JSONNode] = []
            skipSpace()
            if i < s.count, s[i] == "]" { i += 1; return JSONNode(kind: .array(items), offset: at) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                if i < s.count, s[i] == "]" { i += 1; return JSONNode(kind: .array(items), offset: at) }
                guard i < s.count, s[i] == "," else { throw error("Expecting ',' delimiter", i) }
                i += 1
            }
        }

        mutating func object() throws -> JSONNode {
            let at = i
            try nest()
            defer { depth -= 1 }
            i += 1
            var fields: [(key: String, value: JSONNode)] = []
            skipSpace()
            if i < s.count, s[i] == "}" { i += 1; return JSONNode(kind: .object(fields), offset: at) }
            while true {
                guard i < s.count, s[i] == "\"" else { throw error("Expecting property name enclosed in double quotes", i) }
                let key = try string()
                skipSpace()
                guard i < s.count, s[i] == ":" else { throw error("Expecting ':' delimiter", i) }
                i += 1
                skipSpace()
                fields.append((key, try value()))
                skipSpace()
                if i < s.count, s[i] == "}" { i += 1; return JSONNode(kind: .object(fields), offset: at) }
                guard i < s.count, s[i] == "," else { throw error("Expecting ',' delimiter", i) }
                i += 1
                skipSpace()
            }
        }
    }
}
