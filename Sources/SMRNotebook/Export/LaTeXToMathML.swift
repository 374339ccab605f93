/// Converts the LaTeX math that notebook markdown uses (`$…$`, `$$…$$`) into MathML, which
/// browsers render natively — so an exported page shows formulas without scripts or network.
///
/// The subset is what RL notes write: letters, numbers and operators; `_` and `^` scripts;
/// groups `{…}`; Greek letters; `\frac`, `\sqrt`, `\sum`/`\prod`/`\int` with limits;
/// functions (`\log`, `\exp`, `\max`…); relations and arrows (`\sim`, `\in`, `\leq`, `\to`…);
/// `\mathbb`, `\mathcal`, `\mathbf`, `\mathrm`, `\text`, `\operatorname`; accents (`\hat`,
/// `\bar`, `\tilde`, `\vec`, `\dot`, `\overline`); `\left( … \right)` fences and spacing.
/// Anything else — an unknown command, an unmatched brace — is shown as its source in
/// `<merror>`, never dropped and never a crash.
///
/// ```swift
/// LaTeXToMathML.convert("h_{t+1} = f_{\\theta}(h_t)", display: true)
/// // <math xmlns="…" display="block"><semantics><mrow><msub><mi>h</mi>…
/// ```
public enum LaTeXToMathML {
    /// The `<math>` element for one formula (`display` for `$$…$$`, a block of its own).
    public static func convert(_ latex: String, display: Bool = false) -> String {
        var parser = Parser(tokens: tokenize(latex), display: display)
        let body = parser.parseAll()
        let open = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"" + (display ? " display=\"block\"" : "") + ">"
        return open + "<semantics>" + row(body) + "<annotation encoding=\"application/x-tex\">" + escape(latex)
            + "</annotation></semantics></math>"
    }

    // MARK: tokens

    enum Token: Equatable {
        case command(String)   // without the backslash: "frac", "," or "{"
        case open, close       // { }
        case sub, sup          // _ ^
        case letter(Character)
        case number(String)
        case symbol(Character)
        case space
    }

    static func tokenize(_ s: String) -> [Token] {
        let c = Array(s)
        var out: [Token] = []
        var i = 0
        while i < c.count {
            let ch = c[i]
            switch ch {
            case "\\":
                var j = i + 1
                if j < c.count, c[j].isASCII, c[j].isLetter {
                    while j < c.count, c[j].isASCII, c[j].isLetter { j += 1 }
                    out.append(.command(String(c[(i + 1)..<j])))
                    i = j
                } else if j < c.count {
                    out.append(.command(String(c[j])))
                    i = j + 1
                } else {
                    out.append(.symbol("\\"))
                    i = j
                }
                continue
            case "{": out.append(.open)
            case "}": out.append(.close)
            case "_": out.append(.sub)
            case "^": out.append(.sup)
            case " ", "\t", "\n", "\r": out.append(.space)
            default:
                if ch.isASCII, ch.isNumber {
                    var j = i
                    while j < c.count, (c[j].isASCII && c[j].isNumber) || (c[j] == "." && j + 1 < c.count && c[j + 1].isASCII && c[j + 1].isNumber) { j += 1 }
                    out.append(.number(String(c[i..<j])))
                    i = j
                    continue
                }
                out.append(ch.isLetter ? .letter(ch) : .symbol(ch))
            }
            i += 1
        }
        return out
    }

    // MARK: parsing

    struct Parser {
        let tokens: [Token]
        let display: Bool
        var pos = 0
        var depth = 0
        /// Deeper nesting than this is shown as an error rather than recursing further.
        static let maxDepth = 100

        init(tokens: [Token], display: Bool) {
            self.tokens = tokens
            self.display = display
        }

        var atEnd: Bool { pos >= tokens.count }

        mutating func skipSpaces() {
            while pos < tokens.count, tokens[pos] == .space { pos += 1 }
        }

        /// Everything to the end; a stray `}` is shown as an error and skipped.
        mutating func parseAll() -> [String] {
            var out = parseList(until: nil)
            while !atEnd {
                // An unmatched "}" or `\right`.
                out.append(error(tokens[pos] == .close ? "}" : "\\right"))
                pos += 1
                out += parseList(until: nil)
            }
            return out
        }

        /// Atoms with their scripts up to `}` (not consumed), `\right` or a stop command.
        mutating func parseList(until stop: String?) -> [String] {
            var out: [String] = []
            while true {
                skipSpaces()
                guard !atEnd else { return out }
                if tokens[pos] == .close { return out }
                if case .command(let name) = tokens[pos], name == "right" || name == stop { return out }
                out.append(parseScripted())
            }
        }

        /// An atom followed by any `_x` / `^y` (either order), as msub/msup/msubsup, or
        /// munder/mover/munderover for \sum-like operators in display mode.
        mutating func parseScripted() -> String {
            var (base, limits) = parseAtom()
            var sub: String?, sup: String?
            while true {
                skipSpaces()
                guard !atEnd else { break }
                if tokens[pos] == .sub, sub == nil { pos += 1; sub = parseArgument() }
                else if tokens[pos] == .sup, sup == nil { pos += 1; sup = parseArgument() }
                else if tokens[pos] == .symbol("'"), sup == nil {
                    var primes = ""
                    while !atEnd, tokens[pos] == .symbol("'") { primes += "′"; pos += 1 }
                    sup = "<mo>" + primes + "</mo>"
                } else { break }
            }
            if base.isEmpty { base = "<mrow></mrow>"; limits = false }
            switch (sub, sup) {
            case (nil, nil): return base
            case (let b?, nil): return limits ? "<munder>\(base)\(b)</munder>" : "<msub>\(base)\(b)</msub>"
            case (nil, let p?): return limits ? "<mover>\(base)\(p)</mover>" : "<msup>\(base)\(p)</msup>"
            case (let b?, let p?): return limits ? "<munderover>\(base)\(b)\(p)</munderover>" : "<msubsup>\(base)\(b)\(p)</msubsup>"
            }
        }

        /// The argument of a script or a command: a group or one token.
        mutating func parseArgument() -> String {
            skipSpaces()
            guard !atEnd else { return "<mrow></mrow>" }
            if tokens[pos] == .close { return "<mrow></mrow>" }
            if case .number(let n) = tokens[pos], n.count > 1 {
                // `x^23` takes one digit, as TeX does; the rest follows as its own number.
                pos += 1
                let rest = String(n.dropFirst())
                return "<mn>\(escape(String(n.prefix(1))))</mn>" + (rest.isEmpty ? "" : "<mn>\(escape(rest))</mn>")
            }
            if tokens[pos] == .sub || tokens[pos] == .sup { return "<mrow></mrow>" }
            return parseAtom().markup
        }

        /// The raw text of a `{…}` argument (for \text and font commands), or of one token.
        mutating func rawArgument() -> String {
            skipSpaces()
            guard !atEnd else { return "" }
            guard tokens[pos] == .open else {
                pos += 1
                return LaTeXToMathML.text(of: tokens[pos - 1])
            }
            pos += 1
            var text = "", level = 1
            while !atEnd {
                let t = tokens[pos]
                pos += 1
                if t == .open { level += 1 } else if t == .close {
                    level -= 1
                    if level == 0 { break }
                }
                text += LaTeXToMathML.text(of: t)
            }
            return text
        }

        /// One atom and whether scripts on it go under and over (display-mode \sum, \lim…).
        mutating func parseAtom() -> (markup: String, limits: Bool) {
            skipSpaces()
            guard !atEnd else { return ("", false) }
            let t = tokens[pos]
            pos += 1
            switch t {
            case .open:
                depth += 1
                defer { depth -= 1 }
                if depth > Parser.maxDepth {
                    // Swallow the rest of the group without recursing.
                    var level = 1
                    while !atEnd, level > 0 {
                        if tokens[pos] == .open { level += 1 } else if tokens[pos] == .close { level -= 1 }
                        pos += 1
                    }
                    return (error("{…}"), false)
                }
                let items = parseList(until: nil)
                if !atEnd, tokens[pos] == .close { pos += 1 }
                return (row(items), false)
            case .close: return (error("}"), false)
            case .sub, .sup:
                pos -= 1 // a script with no base: the caller attaches it to an empty one
                return ("", false)
            case .space: return ("", false)
            case .letter(let ch): return ("<mi>\(escape(String(ch)))</mi>", false)
            case .number(let n): return ("<mn>\(escape(n))</mn>", false)
            case .symbol(let ch): return (symbol(ch), false)
            case .command(let name): return command(name)
            }
        }

        func symbol(_ ch: Character) -> String {
            switch ch {
            case "(", ")", "[", "]", "|": return "<mo stretchy=\"false\">\(escape(String(ch)))</mo>"
            case "-": return "<mo>−</mo>"
            case "*": return "<mo>∗</mo>"
            case "'": return "<mo>′</mo>"
            case "~": return "<mspace width=\"0.333em\"></mspace>"
            case "&": return ""
            default:
                if ch.isNumber { return "<mn>\(escape(String(ch)))</mn>" }
                return "<mo>\(escape(String(ch)))</mo>"
            }
        }

        mutating func command(_ name: String) -> (markup: String, limits: Bool) {
            if let g = LaTeXSymbols.greek[name] {
                // Capital Greek letters are upright in TeX, small ones italic.
                return (g.first?.isUppercase == true ? "<mi mathvariant=\"normal\">\(g)</mi>" : "<mi>\(g)</mi>", false)
            }
            if let op = LaTeXSymbols.operators[name] { return ("<mo>\(escape(op))</mo>", false) }
            if let id = LaTeXSymbols.identifiers[name] { return ("<mi>\(escape(id))</mi>", false) }
            if let big = LaTeXSymbols.largeOperators[name] {
                return ("<mo largeop=\"true\" movablelimits=\"true\">\(big)</mo>", display && name != "int" && name != "oint")
            }
            if LaTeXSymbols.functions.contains(name) { return ("<mi>\(name)</mi><mo>\u{2061}</mo>", false) }
            if LaTeXSymbols.limitFunctions.contains(name) {
                let text = name == "argmax" || name == "argmin" ? "arg\u{2009}" + name.dropFirst(3) : name
                return ("<mo movablelimits=\"true\" form=\"prefix\">\(text)</mo>", display)
            }
            if let width = LaTeXSymbols.spaces[name] { return ("<mspace width=\"\(width)\"></mspace>", false) }
            if let accent = LaTeXSymbols.accents[name] {
                let base = parseArgument()
                return ("<mover accent=\"true\">\(base)<mo stretchy=\"\(name.hasPrefix("wide") || name == "overline" ? "true" : "false")\">\(accent)</mo></mover>", false)
            }
            switch name {
            case "frac", "dfrac", "tfrac", "cfrac":
                let num = parseArgument(), den = parseArgument()
                return ("<mfrac>\(num)\(den)</mfrac>", false)
            case "binom":
                let n = parseArgument(), k = parseArgument()
                return ("<mrow><mo>(</mo><mfrac linethickness=\"0\">\(n)\(k)</mfrac><mo>)</mo></mrow>", false)
            case "sqrt":
                skipSpaces()
                if !atEnd, tokens[pos] == .symbol("[") {
                    pos += 1
                    var index: [String] = []
                    while !atEnd, tokens[pos] != .symbol("]") { index.append(parseScripted()) }
                    if !atEnd { pos += 1 }
                    let radicand = parseArgument()
                    return ("<mroot>\(radicand)\(row(index))</mroot>", false)
                }
                return ("<msqrt>\(parseArgument())</msqrt>", false)
            case "text", "textrm", "textit", "textbf", "mbox", "mathrm", "operatorname", "textsf", "texttt":
                let raw = rawArgument()
                if name == "mathrm" || name == "operatorname" {
                    return ("<mi mathvariant=\"normal\">\(escape(raw))</mi>", false)
                }
                return ("<mtext>\(escape(raw))</mtext>", false)
            case "mathbb", "mathcal", "mathbf", "boldsymbol", "mathit", "mathsf", "mathfrak", "mathscr", "bm":
                let raw = rawArgument()
                let styled = String(raw.map { LaTeXSymbols.styled($0, name) })
                return ("<mi>\(escape(styled))</mi>", false)
            case "left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big", "bigg", "Bigg", "middle":
                return fence(name)
            case "{", "}", "|", "#", "%", "&", "$", "_":
                let ch = name == "|" ? "‖" : name
                return ("<mo>\(escape(ch))</mo>", false)
            case "\\": return (display ? "<mspace linebreak=\"newline\"></mspace>" : "", false)
            case "displaystyle", "textstyle", "limits", "nolimits": return ("", false)
            default:
                return (error("\\" + name), false)
            }
        }

        /// `\left( … \right)` as a stretchy fenced row; `\big(` and friends as a plain delimiter.
        mutating func fence(_ name: String) -> (markup: String, limits: Bool) {
            let open = delimiter()
            guard name == "left" else {
                return (open.isEmpty ? "" : "<mo stretchy=\"false\">\(escape(open))</mo>", false)
            }
            depth += 1
            defer { depth -= 1 }
            guard depth <= Parser.maxDepth else { return (error("\\left"), false) }
            let inner = parseList(until: nil)
            var close = ""
            if !atEnd, tokens[pos] == .command("right") {
                pos += 1
                close = delimiter()
            }
            func mo(_ d: String) -> String { d.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(escape(d))</mo>" }
            return ("<mrow>" + mo(open) + row(inner) + mo(close) + "</mrow>", false)
        }

        /// The delimiter after `\left`, `\right` or `\big`: `(`, `\{`, `\langle`, `.` (none)…
        mutating func delimiter() -> String {
            skipSpaces()
            guard !atEnd else { return "" }
            let t = tokens[pos]
            pos += 1
            switch t {
            case .symbol("."): return ""
            case .symbol(let ch): return String(ch)
            case .command(let c):
                switch c {
                case "{", "lbrace": return "{"
                case "}", "rbrace": return "}"
                case "langle": return "⟨"
                case "rangle": return "⟩"
                case "|", "Vert": return "‖"
                case "vert", "mid": return "|"
                case "lfloor": return "⌊"
                case "rfloor": return "⌋"
                case "lceil": return "⌈"
                case "rceil": return "⌉"
                default: pos -= 1; return ""
                }
            default: pos -= 1; return ""
            }
        }

        func error(_ source: String) -> String { "<merror><mtext>\(escape(source))</mtext></merror>" }
    }

    /// One mrow of items (no wrapper for a single item).
    static func row(_ items: [String]) -> String {
        items.count == 1 ? items[0] : "<mrow>" + items.joined() + "</mrow>"
    }

    /// A token's source text (for `\text{…}` bodies).
    static func text(of t: Token) -> String {
        switch t {
        case .command(let c): return c.count == 1 && !(c.first?.isLetter ?? false) ? c : "\\" + c
        case .open: return "{"
        case .close: return "}"
        case .sub: return "_"
        case .sup: return "^"
        case .letter(let ch), .symbol(let ch): return String(ch)
        case .number(let n): return n
        case .space: return " "
        }
    }

    static func escape(_ s: String) -> String {
        var o = ""
        for ch in s {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default: o.append(ch)
            }
        }
        return o
    }
}
