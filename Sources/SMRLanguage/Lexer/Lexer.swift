/// Turns source text into tokens, with Python's INDENT/DEDENT rules (an indentation
/// stack; newlines inside brackets continue the line). Errors are collected, and
/// lexing continues after each so that `check` can report all of them.
struct Lexer {
    struct LexError {
        var message: String
        var kind: ErrorKind
        var line: Int
        var column: Int
        var endColumn: Int
    }

    static let maxErrors = 100
    private let src: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private(set) var tokens: [Token] = []
    private(set) var errors: [LexError] = []
    private var indents: [Int] = [0]
    /// The same indentation measured with tabs as one column: if comparing with this
    /// disagrees with `indents`, tabs and spaces are mixed inconsistently (TabError).
    private var altIndents: [Int] = [0]
    private var brackets: [(Unicode.Scalar, Int, Int)] = []  // char, line, column
    /// A mismatched closing bracket was reported (then "never closed" would be noise).
    private var bracketMismatch = false
    private var atLineStart = true

    init(_ source: String) {
        src = Array(source.unicodeScalars)
    }

    private var col: Int { i - lineStart + 1 }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        let j = i + k
        return j < src.count ? src[j] : nil
    }

    /// Record an error: the first of each line only, and at most `maxErrors` in all
    /// (100 000 unbalanced brackets must not make 100 000 messages).
    private mutating func error(_ msg: String, line: Int, column: Int, end: Int? = nil, kind: ErrorKind = .syntaxError) {
        if errors.count >= Lexer.maxErrors || errors.last?.line == line { return }
        errors.append(LexError(message: msg, kind: kind, line: line, column: column, endColumn: end ?? column + 1))
    }

    private mutating func add(_ kind: Token.Kind, line: Int, column: Int) {
        tokens.append(Token(kind: kind, line: line, column: column, endColumn: max(column + 1, line == self.line ? col : column + 1)))
    }

    private mutating func newLine() {
        line += 1
        lineStart = i
    }

    static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (c.value >= 0x80 && c.properties.isXIDStart)
    }

    static func isIdentContinue(_ c: Unicode.Scalar) -> Bool {
        isIdentStart(c) || (c >= "0" && c <= "9") || (c.value >= 0x80 && c.properties.isXIDContinue)
    }

    static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c >= "0" && c <= "9"
    }

    /// Lex the whole input.
    mutating func run() {
        while true {
            if atLineStart && brackets.isEmpty {
                if !handleIndentation() { break }
            }
            guard let c = peek() else { break }
            switch c {
            case "\n", "\r":
                i += 1
                if c == "\r" && peek() == "\n" { i += 1 }
                if brackets.isEmpty {
                    if let last = tokens.last, !last.isNewline {
                        tokens.append(Token(kind: .newline, line: line, column: col - 1, endColumn: col))
                    }
                    atLineStart = true
                }
                newLine()
            case " ", "\t", "\u{0C}":
                i += 1
            case "#":
                while let d = peek(), d != "\n", d != "\r" { i += 1 }
            case "\\":
                if peek(1) == "\n" || peek(1) == "\r" {
                    i += 1
                    if peek() == "\r" { i += 1 }
                    if peek() == "\n" { i += 1 }
                    newLine()
                } else {
                    error("unexpected character after line continuation character", line: line, column: col)
                    i += 1
                }
            default:
                if Lexer.isDigit(c) || (c == "." && Lexer.isDigit(peek(1))) {
                    lexNumber()
                } else if Lexer.isIdentStart(c) {
                    lexNameOrString()
                } else if c == "'" || c == "\"" {
                    lexString(prefix: "")
                } else {
                    lexOperator()
                }
            }
        }
        if let last = tokens.last, !last.isNewline {
            tokens.append(Token(kind: .newline, line: line, column: col, endColumn: col + 1))
        }
        for (ch, l, c) in brackets.reversed().prefix(bracketMismatch ? 0 : 1) {
            error("'\(ch)' was never closed", line: l, column: c)
        }
        while indents.count > 1 {
            indents.removeLast()
            altIndents.removeLast()
            tokens.append(Token(kind: .dedent, line: line, column: col, endColumn: col + 1))
        }
        tokens.append(Token(kind: .eof, line: line, column: col, endColumn: col + 1))
    }

    /// At the start of a logical line: measure indentation, skip blank/comment lines,
    /// emit INDENT/DEDENT. Returns false at end of input.
    private mutating func handleIndentation() -> Bool {
        while true {
            var width = 0
            var altWidth = 0
            let start = i
            while let c = peek(), c == " " || c == "\t" || c == "\u{0C}" {
                width = c == "\t" ? (width / 8 + 1) * 8 : (c == " " ? width + 1 : 0)
                altWidth = c == "\u{0C}" ? 0 : altWidth + 1
                i += 1
            }
            guard let c = peek() else { return false }
            if c == "\n" || c == "\r" || c == "#" {
                // Blank or comment-only line: no tokens.
                while let d = peek(), d != "\n", d != "\r" { i += 1 }
                if peek() == "\r" { i += 1 }
                if peek() == "\n" { i += 1 }
                newLine()
                continue
            }
            if c == "\\" && (peek(1) == "\n" || peek(1) == "\r") {
                // Continuation on a line of its own: treat as whitespace.
                atLineStart = false
                return true
            }
            atLineStart = false
            let top = indents.last ?? 0
            let altTop = altIndents.last ?? 0
            let tabError = "inconsistent use of tabs and spaces in indentation"
            if width > top {
                if altWidth <= altTop {
                    error(tabError, line: line, column: 1, end: col, kind: .tabError)
                }
                if indents.count >= 100 {
                    error("too many levels of indentation", line: line, column: 1, end: col, kind: .indentationError)
                } else {
                    indents.append(width)
                    altIndents.append(altWidth)
                    tokens.append(Token(kind: .indent, line: line, column: 1, endColumn: col))
                }
            } else if width < top {
                while let t = indents.last, width < t {
                    indents.removeLast()
                    altIndents.removeLast()
                    tokens.append(Token(kind: .dedent, line: line, column: col, endColumn: col + 1))
                }
                if (indents.last ?? 0) != width {
                    error("unindent does not match any outer indentation level", line: line, column: col, kind: .indentationError)
                    indents.append(width)
                    altIndents.append(altWidth)
                } else if (altIndents.last ?? 0) != altWidth {
                    error(tabError, line: line, column: 1, end: col, kind: .tabError)
                }
            } else if altWidth != altTop {
                error(tabError, line: line, column: 1, end: col, kind: .tabError)
            }
            _ = start
            return true
        }
    }

    private mutating func lexNumber() {
        let startCol = col
        var text = ""
        var isFloat = false
        if peek() == "0", let x = peek(1), "xXoObB".unicodeScalars.contains(x) {
            i += 2
            let radix = (x == "x" || x == "X") ? 16 : (x == "o" || x == "O") ? 8 : 2
            while let c = peek(), Lexer.isIdentContinue(c) {
                if c != "_" { text.unicodeScalars.append(c) }
                i += 1
            }
            if let v = Int(text, radix: radix) {
                add(.int(v), line: line, column: startCol)
            } else if !text.isEmpty, let b = BigInt(digits: Substring(text).utf8, radix: radix) {
                add(.bigInt(b), line: line, column: startCol)
            } else {
                error("invalid \(radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") literal", line: line, column: startCol, end: col)
                add(.int(0), line: line, column: startCol)
            }
            return
        }
        func digits() {
            while let c = peek(), Lexer.isDigit(c) || (c == "_" && Lexer.isDigit(peek(1))) {
                if c != "_" { text.unicodeScalars.append(c) }
                i += 1
            }
        }
        digits()
        if peek() == "." {
            isFloat = true
            text += "."
            i += 1
            digits()
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            if Lexer.isDigit(sign) || ((sign == "+" || sign == "-") && Lexer.isDigit(peek(2))) {
                isFloat = true
                text += "e"
                i += 1
                if let sg = sign, sg == "+" || sg == "-" { text.unicodeScalars.append(sg); i += 1 }
                digits()
            }
        }
        if let c = peek(), Lexer.isIdentContinue(c) {
            let bad = col
            while let d = peek(), Lexer.isIdentContinue(d) { i += 1 }
            error(c == "j" || c == "J" ? "complex numbers are not supported" : "invalid decimal literal", line: line, column: bad, end: col)
        }
        if isFloat {
            add(.float(Double(text) ?? 0), line: line, column: startCol)
        } else {
            if text.count > 1 && text.hasPrefix("0") && text.contains(where: { $0 != "0" }) {
                error("leading zeros in decimal integer literals are not permitted", line: line, column: startCol, end: col)
            }
            if let v = Int(text) {
                add(.int(v), line: line, column: startCol)
            } else if text.count > BigIntArith.maxStrDigits {
                error("Exceeds the limit (\(BigIntArith.maxStrDigits) digits) for integer string conversion: value has \(text.count) digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.", line: line, column: startCol, end: col)
                add(.int(0), line: line, column: startCol)
            } else {
                add(.bigInt(BigInt(digits: Substring(text).utf8, radix: 10) ?? BigInt()), line: line, column: startCol)
            }
        }
    }

    private mutating func lexNameOrString() {
        let startCol = col
        var name = ""
        while let c = peek(), Lexer.isIdentContinue(c) {
            name.unicodeScalars.append(c)
            i += 1
        }
        if let q = peek(), q == "'" || q == "\"", name.count <= 2,
           name.lowercased().allSatisfy({ "rfbu".contains($0) }) {
            lexString(prefix: name.lowercased(), startColumn: startCol)
            return
        }
        if pythonKeywords.contains(name) {
            add(.keyword(name), line: line, column: startCol)
        } else {
            add(.name(name), line: line, column: startCol)
        }
    }

    private mutating func lexString(prefix: String, startColumn: Int? = nil) {
        let startCol = startColumn ?? col
        let startLine = line
        guard let q = peek() else { return }
        let triple = peek(1) == q && peek(2) == q
        i += triple ? 3 : 1
        let raw = prefix.contains("r")
        let isF = prefix.contains("f")
        let isBytes = prefix.contains("b")
        if isBytes && isF {
            error("invalid syntax: bytes can not be f-strings", line: line, column: startCol)
        }
        let bodyLine = line, bodyCol = col
        var body = ""
        var closed = false
        while let c = peek() {
            if c == q && (!triple || (peek(1) == q && peek(2) == q)) {
                i += triple ? 3 : 1
                closed = true
                break
            }
            if c == "\n" || c == "\r" {
                if !triple { break }
                body.unicodeScalars.append("\n")
                i += 1
                if c == "\r" && peek() == "\n" { i += 1 }
                newLine()
                continue
            }
            if c == "\\", let n = peek(1) {
                body.unicodeScalars.append(c)
                body.unicodeScalars.append(n)
                i += 2
                if n == "\r" && peek() == "\n" { body.unicodeScalars.append("\n"); i += 1 }
                if n == "\n" || n == "\r" { newLine() }
                continue
            }
            body.unicodeScalars.append(c)
            i += 1
        }
        if !closed {
            if triple {
                error("unterminated triple-quoted string literal (detected at line \(line))", line: startLine, column: startCol)
            } else {
                error("unterminated string literal (detected at line \(line))", line: startLine, column: startCol)
            }
        }
        let endCol = startLine == line ? col : startCol + 1
        if isBytes {
            if body.unicodeScalars.contains(where: { !$0.isASCII }) {
                error("bytes can only contain ASCII literal characters", line: startLine, column: startCol)
            }
            let value = raw ? body : Lexer.unescape(body)
            let bytes = value.unicodeScalars.map { UInt8(truncatingIfNeeded: min($0.value, 0xFF)) }
            tokens.append(Token(kind: .bytes(bytes), line: startLine, column: startCol, endColumn: endCol))
        } else if isF {
            tokens.append(Token(kind: .fstring(body, raw: raw, bodyLine: bodyLine, bodyColumn: bodyCol), line: startLine, column: startCol, endColumn: endCol))
        } else {
            let value = raw ? body : Lexer.unescape(body)
            tokens.append(Token(kind: .string(value), line: startLine, column: startCol, endColumn: endCol))
        }
    }

    /// Process backslash escapes as Python does (unknown escapes keep the backslash).
    static func unescape(_ s: String) -> String {
        if !s.unicodeScalars.contains("\\") { return s }
        var out = String.UnicodeScalarView()
        let cs = Array(s.unicodeScalars)
        var k = 0
        func hex(_ n: Int) -> Unicode.Scalar? {
            guard k + n < cs.count || k + n == cs.count - 0 else { return nil }
            guard k + 1 + n <= cs.count else { return nil }
            var v: UInt32 = 0
            for j in 0..<n {
                guard let d = Int(String(cs[k + 1 + j]), radix: 16) else { return nil }
                v = v * 16 + UInt32(d)
            }
            return Unicode.Scalar(v)
        }
        while k < cs.count {
            let c = cs[k]
            if c != "\\" || k + 1 >= cs.count {
                out.append(c)
                k += 1
                continue
            }
            let n = cs[k + 1]
            k += 2
            switch n {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "0"..."7":
                // Up to three octal digits, as "\101" == "A".
                var v = n.value - 48
                var digits = 1
                while digits < 3, k < cs.count, cs[k] >= "0", cs[k] <= "7" {
                    v = v * 8 + cs[k].value - 48
                    k += 1
                    digits += 1
                }
                if let u = Unicode.Scalar(v) { out.append(u) }
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "v": out.append("\u{0B}")
            case "\n": break
            case "x", "u", "U":
                let n2 = n == "x" ? 2 : n == "u" ? 4 : 8
                k -= 1
                if let sc = hex(n2) {
                    out.append(sc)
                    k += 1 + n2
                } else {
                    out.append("\\")
                    out.append(n)
                    k += 1
                }
            default:
                out.append("\\")
                out.append(n)
            }
        }
        return String(out)
    }

    private static let ops3: [String] = ["**=", "//=", "...", ">>=", "<<="]
    private static let ops2: [String] = ["**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "->", ":=", "<<", ">>", "&=", "|=", "^=", "@="]
    private static let ops1: Set<Unicode.Scalar> = ["+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "~", "|", "&", "^"]

    private mutating func lexOperator() {
        let startCol = col
        for (n, table) in [(3, Lexer.ops3), (2, Lexer.ops2)] {
            if i + n <= src.count {
                var s = ""
                for k in 0..<n { s.unicodeScalars.append(src[i + k]) }
                if table.contains(s) {
                    i += n
                    add(.op(s), line: line, column: startCol)
                    return
                }
            }
        }
        guard let c = peek() else { return }
        if Lexer.ops1.contains(c) {
            i += 1
            switch c {
            case "(", "[", "{":
                if brackets.count >= 200 {
                    error("too many nested parentheses", line: line, column: startCol)
                }
                brackets.append((c, line, startCol))
            case ")", "]", "}":
                let open: Unicode.Scalar = c == ")" ? "(" : c == "]" ? "[" : "{"
                if let top = brackets.last {
                    if top.0 != open {
                        bracketMismatch = true
                        error("closing parenthesis '\(c)' does not match opening parenthesis '\(top.0)'" + (top.1 != line ? " on line \(top.1)" : ""), line: line, column: startCol)
                    }
                    brackets.removeLast()
                } else {
                    error("unmatched '\(c)'", line: line, column: startCol)
                    return
                }
            default: break
            }
            add(.op(String(c)), line: line, column: startCol)
            return
        }
        i += 1
        let desc: String
        if c == "\u{0}" {
            desc = "source code cannot contain null bytes"
        } else if c == "!" {
            desc = "invalid syntax"
        } else if c == "$" || c == "?" || c == "`" {
            desc = "invalid syntax"
        } else {
            let hexv = String(c.value, radix: 16, uppercase: true)
            let printable = c.properties.isAlphabetic || c.properties.isMath || (c.value > 0x20 && c.value < 0x7F)
            desc = printable ? "invalid character '\(c)' (U+\(String(repeating: "0", count: max(0, 4 - hexv.count)) + hexv))"
                : "invalid non-printable character U+\(String(repeating: "0", count: max(0, 4 - hexv.count)) + hexv)"
        }
        error(desc, line: line, column: startCol)
    }
}
