/// The `match` statement and its patterns (PEP 634). `match` and `case` are soft keywords:
/// a statement starting with the name `match` is a match statement only when it reads as
/// one (`match subject:` followed by an indented `case` block); otherwise it is parsed
/// again as an ordinary statement, so `match = 3` and `match(x)` keep working.
extension Parser {
    /// A match statement at the current token (the name `match`), or nil with nothing consumed.
    mutating func parseMatchIfPresent() throws -> Stmt? {
        let saved = self
        let sp = pos(advance())
        guard let subject = try? parseMatchSubject(), isOp(":"), peekTok(1).isNewline,
              case .indent = peekTok(2).kind, case .name("case") = peekTok(3).kind else {
            self = saved
            return nil
        }
        _ = advance()  // ':'
        _ = advance()  // newline
        _ = advance()  // indent
        var cases: [MatchCase] = []
        while true {
            if case .dedent = tok.kind { _ = advance(); break }
            if tok.isEOF { break }
            if tok.isNewline { _ = advance(); continue }
            do {
                guard case .name("case") = tok.kind else { throw fail("invalid syntax") }
                cases.append(try parseCase())
            } catch let e as ParseError {
                errors.append(e)
                synchronize()
            }
        }
        try checkCases(cases)
        return Stmt(kind: .match(subject, cases), pos: sp)
    }

    /// `subject` or `a, *b` (a tuple), as after `match`.
    mutating func parseMatchSubject() throws -> Expr {
        let first = try parseWalrus(try parseTestOrStar())
        guard isOp(",") else {
            if case .starred = first.kind { throw ParseError(message: "can't use starred expression here", pos: first.pos) }
            return first
        }
        var items = [first]
        while acceptOp(",") {
            if isOp(":") { break }
            items.append(try parseTestOrStar())
        }
        return Expr(kind: .tuple(items), pos: first.pos)
    }

    mutating func parseCase() throws -> MatchCase {
        let cp = pos(advance())
        let pattern = try parseTopPattern()
        let guardExpr = acceptKeyword("if") ? try parseNamedTest() : nil
        return MatchCase(pattern: pattern, guardExpr: guardExpr, body: try parseBlock(), pos: cp)
    }

    /// The checks CPython makes when it compiles the cases, in its order: a pattern that
    /// matches everything only where nothing after it becomes unreachable (the last case, a
    /// guarded one, the last alternative of such a pattern, or a sub-pattern), alternatives
    /// binding the same names, and no name bound twice.
    func checkCases(_ cases: [MatchCase]) throws {
        for (k, c) in cases.enumerated() {
            try Parser.checkPattern(c.pattern, allowIrrefutable: k == cases.count - 1 || c.guardExpr != nil)
            var seen: Set<String> = []
            for n in c.pattern.boundNames where !seen.insert(n).inserted {
                throw ParseError(message: "multiple assignments to name '\(n)' in pattern", pos: c.pattern.pos)
            }
        }
    }

    static func checkPattern(_ p: Pattern, allowIrrefutable: Bool) throws {
        switch p.kind {
        case .wildcard:
            if !allowIrrefutable { throw ParseError(message: "wildcard makes remaining patterns unreachable", pos: p.pos) }
        case .capture(let n):
            if !allowIrrefutable { throw ParseError(message: "name capture '\(n)' makes remaining patterns unreachable", pos: p.pos) }
        case .capturedAs(let inner, _):
            try checkPattern(inner, allowIrrefutable: allowIrrefutable)
        case .or(let alternatives):
            for (k, a) in alternatives.enumerated() {
                try checkPattern(a, allowIrrefutable: allowIrrefutable && k == alternatives.count - 1)
            }
            let names = Set(alternatives[0].boundNames)
            if alternatives.contains(where: { Set($0.boundNames) != names }) {
                throw ParseError(message: "alternative patterns bind different names", pos: p.pos)
            }
        case .sequence(let ps):
            for sub in ps { try checkPattern(sub, allowIrrefutable: true) }
        case .mapping(_, let ps, _):
            for sub in ps { try checkPattern(sub, allowIrrefutable: true) }
        case .classPattern(_, let ps, let kws):
            for sub in ps + kws.map({ $0.1 }) { try checkPattern(sub, allowIrrefutable: true) }
        case .value, .singleton, .star:
            break
        }
    }

    /// The pattern after `case`: `p`, or `p, q, …` (a sequence pattern without brackets).
    mutating func parseTopPattern() throws -> Pattern {
        let first = try parseMaybeStarPattern()
        guard isOp(",") else {
            if case .star = first.kind { throw ParseError(message: "invalid syntax", pos: first.pos) }
            return first
        }
        var items = [first]
        while acceptOp(",") {
            if isOp(":") || isKeyword("if") { break }
            items.append(try parseMaybeStarPattern())
        }
        return try sequencePattern(items, first.pos)
    }

    /// A sequence pattern, refusing more than one star.
    func sequencePattern(_ items: [Pattern], _ p: Pos) throws -> Pattern {
        let stars = items.filter { if case .star = $0.kind { return true }; return false }
        if stars.count > 1 { throw ParseError(message: "multiple starred names in sequence pattern", pos: stars[1].pos) }
        return Pattern(kind: .sequence(items), pos: p)
    }

    mutating func parseMaybeStarPattern() throws -> Pattern {
        guard isOp("*") else { return try parsePattern() }
        let t = advance()
        let n = try expectName()
        return Pattern(kind: .star(n == "_" ? nil : n), pos: pos(t))
    }

    /// `or_pattern [as name]`.
    mutating func parsePattern() throws -> Pattern {
        let p = try parseOrPattern()
        guard acceptKeyword("as") else { return p }
        guard case .name(let n) = tok.kind else { throw fail("invalid pattern target") }
        if n == "_" { throw fail("cannot use '_' as a target") }
        _ = advance()
        return Pattern(kind: .capturedAs(p, n), pos: p.pos)
    }

    /// `p | q | …` (checked with the whole case, by `checkPattern`).
    mutating func parseOrPattern() throws -> Pattern {
        try enter()
        defer { depth -= 1 }
        let first = try parseClosedPattern()
        guard isOp("|") else { return first }
        var alternatives = [first]
        while acceptOp("|") { alternatives.append(try parseClosedPattern()) }
        return Pattern(kind: .or(alternatives), pos: first.pos)
    }

    mutating func parseClosedPattern() throws -> Pattern {
        let t = tok
        let tp = pos(t)
        switch t.kind {
        case .int, .float, .string, .bytes, .op("-"), .fstring:
            return Pattern(kind: .value(try parseLiteralPatternValue()), pos: tp)
        case .keyword("None"), .keyword("True"), .keyword("False"):
            return Pattern(kind: .singleton(try parseAtom()), pos: tp)
        case .name(let n):
            _ = advance()
            var target = Expr(kind: .name(n), pos: tp)
            var dotted = false
            while acceptOp(".") {
                target = Expr(kind: .attribute(target, try expectName("attribute name")), pos: tp)
                dotted = true
            }
            if isOp("(") { return try parseClassPattern(target, tp) }
            if dotted { return Pattern(kind: .value(target), pos: tp) }
            return Pattern(kind: n == "_" ? .wildcard : .capture(n), pos: tp)
        case .op("("):
            _ = advance()
            if acceptOp(")") { return Pattern(kind: .sequence([]), pos: tp) }
            let first = try parseMaybeStarPattern()
            if acceptOp(")") {
                if case .star = first.kind { throw ParseError(message: "invalid syntax", pos: first.pos) }
                return first  // a group
            }
            try expectOp(",", "expected ')' or ','")
            var items = [first]
            while !isOp(")") {
                items.append(try parseMaybeStarPattern())
                if !acceptOp(",") { break }
            }
            try expectOp(")", "expected ')' or ','")
            return try sequencePattern(items, tp)
        case .op("["):
            _ = advance()
            var items: [Pattern] = []
            while !isOp("]") {
                items.append(try parseMaybeStarPattern())
                if !acceptOp(",") { break }
            }
            try expectOp("]", "expected ']' or ','")
            return try sequencePattern(items, tp)
        case .op("{"):
            return try parseMappingPattern(tp)
        default:
            throw unexpected()
        }
    }

    /// A number (optionally negative), a string or bytes literal.
    mutating func parseLiteralPatternValue() throws -> Expr {
        let t = tok
        let tp = pos(t)
        switch t.kind {
        case .op("-"):
            _ = advance()
            switch tok.kind {
            case .int(let v): _ = advance(); return Expr(kind: .int(-v), pos: tp)
            case .float(let v): _ = advance(); return Expr(kind: .float(-v), pos: tp)
            default: throw unexpected()
            }
        case .int, .float, .bytes: return try parseAtom()
        default:
            let e = try parseStrings()
            guard case .str = e.kind else { throw ParseError(message: "patterns may only match literals and attribute lookups", pos: e.pos) }
            return e
        }
    }

    /// `{key: p, …, **rest}`: keys are literals or dotted names, each at most once.
    mutating func parseMappingPattern(_ tp: Pos) throws -> Pattern {
        _ = advance()
        var keys: [Expr] = []
        var values: [Pattern] = []
        var rest: String?
        var literalKeys: [String] = []
        while !isOp("}") {
            if acceptOp("**") {
                let n = try expectName()
                if n == "_" { throw unexpected() }
                rest = n
                _ = acceptOp(",")
                break
            }
            let key = try parseClosedPattern()
            switch key.kind {
            case .value(let e), .singleton(let e):
                if case .value = key.kind, case .attribute = e.kind {} else {
                    let text = Parser.literalText(e)
                    if literalKeys.contains(text) {
                        throw ParseError(message: "mapping pattern checks duplicate key (\(text))", pos: e.pos)
                    }
                    literalKeys.append(text)
                }
                keys.append(e)
            default:
                throw ParseError(message: "invalid syntax", pos: key.pos)
            }
            try expectOp(":", "expected ':'")
            values.append(try parsePattern())
            if !acceptOp(",") { break }
        }
        try expectOp("}", "expected '}' or ','")
        return Pattern(kind: .mapping(keys: keys, values: values, rest: rest), pos: tp)
    }

    /// How a literal key reads in CPython's duplicate-key message.
    static func literalText(_ e: Expr) -> String {
        switch e.kind {
        case .int(let v): return String(v)
        case .float(let v): return Repr.repr(.float(v))
        case .str(let s): return Repr.stringRepr(s)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .bytes(let b): return "b" + Repr.stringRepr(String(decoding: b, as: UTF8.self))
        default: return "?"
        }
    }

    /// `Cls(p, q, attr=r)` after the class name.
    mutating func parseClassPattern(_ cls: Expr, _ tp: Pos) throws -> Pattern {
        _ = advance()  // '('
        var positional: [Pattern] = []
        var keywords: [(String, Pattern, Pos)] = []
        while !isOp(")") {
            if case .name(let kw) = tok.kind, case .op("=") = peekTok(1).kind {
                let kp = pos(advance())
                _ = advance()
                if keywords.contains(where: { $0.0 == kw }) {
                    throw ParseError(message: "attribute name repeated in class pattern: \(kw)", pos: kp)
                }
                keywords.append((kw, try parsePattern(), kp))
            } else {
                if !keywords.isEmpty { throw fail("positional patterns follow keyword patterns") }
                positional.append(try parsePattern())
            }
            if !acceptOp(",") { break }
        }
        try expectOp(")", "expected ')' or ','")
        return Pattern(kind: .classPattern(cls, positional: positional, keywords: keywords), pos: tp)
    }
}
