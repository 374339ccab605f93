/// A pattern of a `case` clause (PEP 634).
struct Pattern {
    indirect enum Kind {
        /// `_`: matches anything, binds nothing.
        case wildcard
        /// `name`: matches anything and binds it.
        case capture(String)
        /// A literal (`1`, `-2.5`, `"s"`) or a dotted value (`Color.RED`): equal to the subject.
        case value(Expr)
        /// `None`, `True`, `False`: the subject is that very object.
        case singleton(Expr)
        /// `[p, *rest]`, `(p, q)`, `p, q`: a sequence (not a str, bytes or bytearray).
        case sequence([Pattern])
        /// `*name` or `*_` inside a sequence pattern (the name is nil for `*_`).
        case star(String?)
        /// `{key: p, **rest}`: keys are literals or dotted values.
        case mapping(keys: [Expr], values: [Pattern], rest: String?)
        /// `Cls(p, attr=q)`: an instance of `Cls` whose `__match_args__` / attributes match.
        case classPattern(Expr, positional: [Pattern], keywords: [(String, Pattern, Pos)])
        /// `p | q | …`: the first alternative that matches.
        case or([Pattern])
        /// `p as name`.
        case capturedAs(Pattern, String)
    }

    var kind: Kind
    var pos: Pos

    /// The names the pattern binds, in order of appearance.
    var boundNames: [String] {
        var out: [String] = []
        forEachBinding { out.append($0) }
        return out
    }

    /// Calls `body` on every name the pattern binds (an or-pattern's first alternative
    /// stands for all of them).
    func forEachBinding(_ body: (String) -> Void) {
        switch kind {
        case .wildcard, .value, .singleton: break
        case .capture(let n): body(n)
        case .star(let n): if let n { body(n) }
        case .sequence(let ps): ps.forEach { $0.forEachBinding(body) }
        case .mapping(_, let ps, let rest):
            ps.forEach { $0.forEachBinding(body) }
            if let rest { body(rest) }
        case .classPattern(_, let ps, let kws):
            ps.forEach { $0.forEachBinding(body) }
            kws.forEach { $0.1.forEachBinding(body) }
        case .or(let ps): ps.first?.forEachBinding(body)
        case .capturedAs(let p, let n): p.forEachBinding(body); body(n)
        }
    }

    /// Calls `body` on every expression in the pattern (values, mapping keys, classes).
    func forEachExpr(_ body: (Expr) -> Void) {
        switch kind {
        case .wildcard, .capture, .star: break
        case .value(let e), .singleton(let e): body(e)
        case .sequence(let ps), .or(let ps): ps.forEach { $0.forEachExpr(body) }
        case .mapping(let ks, let ps, _):
            ks.forEach(body)
            ps.forEach { $0.forEachExpr(body) }
        case .classPattern(let c, let ps, let kws):
            body(c)
            ps.forEach { $0.forEachExpr(body) }
            kws.forEach { $0.1.forEachExpr(body) }
        case .capturedAs(let p, _): p.forEachExpr(body)
        }
    }
}

/// One `case pattern [if guard]: body` clause of a `match` statement.
struct MatchCase {
    var pattern: Pattern
    var guardExpr: Expr?
    var body: [Stmt]
    var pos: Pos
}
