/// A lexical token with its 1-based position.
struct Token {
    enum Kind: Equatable {
        case name(String)
        case int(Int)
        /// An integer literal beyond 64 bits.
        case bigInt(BigInt)
        case float(Double)
        case string(String)
        case bytes([UInt8])
        /// An f-string: raw body (escapes not yet processed), whether raw, and the
        /// column of the body's first character.
        case fstring(String, raw: Bool, bodyLine: Int, bodyColumn: Int)
        case op(String)
        case keyword(String)
        case newline
        case indent
        case dedent
        case eof
    }

    var kind: Kind
    var line: Int
    var column: Int
    var endColumn: Int

    var isNewline: Bool { if case .newline = kind { return true }; return false }
    var isEOF: Bool { if case .eof = kind { return true }; return false }

    /// Short human text for "invalid syntax near …" messages.
    var text: String {
        switch kind {
        case .name(let n): return n
        case .int(let i): return String(i)
        case .bigInt(let b): return (b.negative ? "-" : "") + b.digits()
        case .float(let d): return String(d)
        case .string, .fstring: return "string"
        case .bytes: return "bytes"
        case .op(let o): return o
        case .keyword(let k): return k
        case .newline: return "newline"
        case .indent: return "indent"
        case .dedent: return "dedent"
        case .eof: return "end of input"
        }
    }
}

let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del",
    "elif", "else", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "except", "finally",
]
