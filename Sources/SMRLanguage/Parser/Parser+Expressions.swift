/// Expression grammar, one method per precedence level (lowest first):
/// testlist → test (conditional, lambda) → or → and → not → comparison →
/// arith (+ -) → term (* / // %) → factor (unary) → power (**) → trailer → atom.
extension Parser {
    mutating func enter() throws {
        depth += 1
        if depth > Parser.maxDepth { throw fail("too many nested parentheses or expressions (the limit is \(Parser.maxDepth))") }
    }

    /// `a, b, c` → tuple; a single expression otherwise.
    mutating func parseTestList() throws -> Expr {
        let first = try parseTestOrStar()
        guard isOp(",") else {
            if case .starred = first.kind { throw ParseError(message: "can't use starred expression here", pos: first.pos) }
            return first
        }
        var items = [first]
        while acceptOp(",") {
            if endsTestList() { break }
            items.append(try parseTestOrStar())
        }
        return Expr(kind: .tuple(items), pos: first.pos)
    }

    /// An item of a display or target list: an expression or `*expr`.
    mutating func parseTestOrStar(_ itemParser: (inout Parser) throws -> Expr = { try $0.parseTest() }) throws -> Expr {
        if isOp("*") {
            let t = advance()
            try enter()
            defer { depth -= 1 }
            let e = try parseOrExpr()
            return Expr(kind: .starred(e), pos: Pos(line: t.line, column: t.column, endColumn: e.pos.line == t.line ? max(e.pos.endColumn, t.endColumn) : t.endColumn))
        }
        return try itemParser(&self)
    }

    func endsTestList() -> Bool {
        if tok.isNewline || tok.isEOF { return true }
        if case .op(let o) = tok.kind { return [")", "]", "}", "=", ":", ";", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>="].contains(o) }
        if case .keyword(let k) = tok.kind { return k == "in" }
        return false
    }

    mutating func parseTest() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        if isKeyword("lambda") { return try parseLambda() }
        let e = try parseOr()
        if acceptKeyword("if") {
            let c = try parseOr()
            guard acceptKeyword("else") else { throw fail("expected 'else' after 'if' expression") }
            let other = try parseTest()
            return Expr(kind: .ifExp(cond: c, then: e, else: other), pos: e.pos)
        }
        return e
    }

    /// Used where a conditional expression is not allowed (e.g. `del` targets).
    mutating func parseExprNoCond() throws -> Expr { try parseOr() }

    mutating func parseLambda() throws -> Expr {
        let sp = pos(advance())
        let params = try parseParams(closing: ":", annotations: false)
        try expectOp(":", "expected ':'")
        let body = try parseTest()
        return Expr(kind: .lambda(params, body), pos: sp)
    }

    mutating func parseOr() throws -> Expr {
        var e = try parseAnd()
        var chain = 0
        while acceptKeyword("or") {
            chain += 1
            if chain > 1000 { throw fail("expression too long") }
            let r = try parseAnd()
            e = Expr(kind: .or(e, r), pos: e.pos)
        }
        return e
    }

    mutating func parseAnd() throws -> Expr {
        var e = try parseNot()
        var chain = 0
        while acceptKeyword("and") {
            chain += 1
            if chain > 1000 { throw fail("expression too long") }
            let r = try parseNot()
            e = Expr(kind: .and(e, r), pos: e.pos)
        }
        return e
    }

    mutating func parseNot() throws -> Expr {
        if isKeyword("not") {
            let t = advance()
            try enter()
            defer { depth -= 1 }
            let e = try parseNot()
            return Expr(kind: .unary(.not, e), pos: pos(t))
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws -> Expr {
        let first = try parseOrExpr()
        var rest: [(CompareOp, Expr)] = []
        while true {
            var op: CompareOp?
            if case .op(let o) = tok.kind, let c = CompareOp(rawValue: o), o != "in" {
                op = c
                _ = advance()
            } else if isKeyword("in") {
                _ = advance(); op = .isIn
            } else if isKeyword("not"), case .keyword("in") = peekTok(1).kind {
                _ = advance(); _ = advance(); op = .notIn
            } else if isKeyword("is") {
                _ = advance()
                op = acceptKeyword("not") ? .isNot : .isOp
            }
            guard let o = op else { break }
            if rest.count > 1000 { throw fail("expression too long") }
            rest.append((o, try parseOrExpr()))
        }
        if rest.isEmpty { return first }
        return Expr(kind: .compare(first, rest), pos: first.pos)
    }

    /// Bitwise levels, loosest first: `|`, `^`, `&`, then shifts `<<` `>>`.
    mutating func parseOrExpr() throws -> Expr {
        try parseBitwise(0)
    }

    static let bitwiseLevels: [[String]] = [["|"], ["^"], ["&"], ["<<", ">>"]]

    mutating func parseBitwise(_ level: Int) throws -> Expr {
        if level == Parser.bitwiseLevels.count { return try parseArith() }
        var e = try parseBitwise(level + 1)
        var chain = 0
        while case .op(let o) = tok.kind, Parser.bitwiseLevels[level].contains(o), let op = BinaryOp(rawValue: o) {
            _ = advance()
            chain += 1
            if chain + depth > 1000 { throw fail("expression too long") }
            let r = try parseBitwise(level + 1)
            e = Expr(kind: .binary(op, e, r), pos: Pos(line: e.pos.line, column: e.pos.column, endColumn: r.pos.line == e.pos.line ? max(r.pos.endColumn, e.pos.endColumn) : e.pos.endColumn))
        }
        return e
    }

    mutating func parseArith() throws -> Expr {
        var e = try parseTerm()
        var chain = 0
        while case .op(let o) = tok.kind, o == "+" || o == "-" {
            _ = advance()
            chain += 1
            if chain + depth > 1000 { throw fail("expression too long") }
            let r = try parseTerm()
            e = Expr(kind: .binary(o == "+" ? .add : .sub, e, r), pos: Pos(line: e.pos.line, column: e.pos.column, endColumn: r.pos.line == e.pos.line ? max(r.pos.endColumn, e.pos.endColumn) : e.pos.endColumn))
        }
        return e
    }

    mutating func parseTerm() throws -> Expr {
        var e = try parseFactor()
        var chain = 0
        while case .op(let o) = tok.kind, let op = BinaryOp(rawValue: o), [.mul, .div, .floorDiv, .mod, .matmul].contains(op) {
            _ = advance()
            chain += 1
            if chain + depth > 1000 { throw fail("expression too long") }
            let r = try parseFactor()
            e = Expr(kind: .binary(op, e, r), pos: Pos(line: e.pos.line, column: e.pos.column, endColumn: r.pos.line == e.pos.line ? max(r.pos.endColumn, e.pos.endColumn) : e.pos.endColumn))
        }
        return e
    }

    mutating func parseFactor() throws -> Expr {
        if case .op(let o) = tok.kind, o == "-" || o == "+" || o == "~" {
            let t = advance()
            try enter()
            defer { depth -= 1 }
            let e = try parseFactor()
            // Fold negative numeric literals so that -9223372036854775808 style values work.
            if o == "-" {
                if case .int(let v) = e.kind, v != Int.min { return Expr(kind: .int(-v), pos: pos(t)) }
                if case .float(let v) = e.kind { return Expr(kind: .float(-v), pos: pos(t)) }
            }
            return Expr(kind: .unary(o == "-" ? .neg : o == "~" ? .invert : .pos, e), pos: Pos(line: t.line, column: t.column, endColumn: e.pos.endColumn))
        }
        return try parsePower()
    }

    mutating func parsePower() throws -> Expr {
        let base = try parseTrailers()
        if acceptOp("**") {
            try enter()
            defer { depth -= 1 }
            let ex = try parseFactor()
            return Expr(kind: .binary(.pow, base, ex), pos: base.pos)
        }
        return base
    }

    mutating func parseTrailers() throws -> Expr {
        var e = try parseAtom()
        var chain = 0
        while true {
            chain += 1
            if chain + depth > 1000 { throw fail("expression too long") }
            if isOp("(") {
                let t = advance()
                let args = try parseArgs()
                let end = tok
                try expectOp(")", "expected ')' or ',' in call")
                e = Expr(kind: .call(e, args), pos: Pos(line: e.pos.line, column: e.pos.column, endColumn: end.line == e.pos.line ? end.endColumn : t.endColumn))
            } else if isOp("[") {
                _ = advance()
                let idx = try parseSubscript()
                let end = tok
                try expectOp("]", "expected ']'")
                e = Expr(kind: .index(e, idx), pos: Pos(line: e.pos.line, column: e.pos.column, endColumn: end.line == e.pos.line ? end.endColumn : e.pos.endColumn))
            } else if isOp(".") {
                _ = advance()
                let nt = tok
                let n = try expectName("attribute name")
                e = Expr(kind: .attribute(e, n), pos: Pos(line: nt.line, column: nt.column, endColumn: nt.endColumn))
            } else {
                return e
            }
        }
    }

    mutating func parseArgs() throws -> [Arg] {
        var args: [Arg] = []
        var sawKeyword = false
        while !isOp(")") {
            if acceptOp("**") {
                args.append(.doubleStar(try parseTest()))
                sawKeyword = true
            } else if acceptOp("*") {
                args.append(.star(try parseTest()))
            } else if case .name(let n) = tok.kind, case .op("=") = peekTok(1).kind {
                let t = advance()
                _ = advance()
                if args.contains(where: { if case .keyword(let k, _, _) = $0 { return k == n }; return false }) {
                    throw fail("keyword argument repeated: \(n)", at: t)
                }
                args.append(.keyword(n, try parseTest(), pos(t)))
                sawKeyword = true
            } else {
                let t = tok
                let e = try parseTest()
                if isKeyword("for") {
                    // Generator expression as the only argument.
                    let clauses = try parseCompClauses()
                    args.append(.positional(Expr(kind: .genExp(e, clauses), pos: e.pos)))
                } else {
                    if sawKeyword { throw fail("positional argument follows keyword argument", at: t) }
                    args.append(.positional(e))
                }
            }
            if !acceptOp(",") { break }
        }
        return args
    }

    /// What goes between `[` and `]`: an expression, a slice `lo:hi:step`, or several of
    /// them separated by commas (a tuple whose items may be slices, as in `x[:, -1]`).
    mutating func parseSubscript() throws -> Expr {
        var items: [Expr] = []
        var trailingComma = false
        repeat {
            if isOp("]") && !items.isEmpty { break }
            items.append(try parseSubscriptItem())
            trailingComma = isOp(",")
        } while acceptOp(",")
        if items.count == 1 && !trailingComma { return items[0] }
        return Expr(kind: .tuple(items), pos: items[0].pos)
    }

    mutating func parseSubscriptItem() throws -> Expr {
        let start = tok
        func sliceItem(_ p: inout Parser) throws -> Expr? {
            if p.isOp(":") || p.isOp("]") || p.isOp(",") { return nil }
            return try p.parseTest()
        }
        let lo = try sliceItem(&self)
        if acceptOp(":") {
            let hi = try sliceItem(&self)
            var step: Expr?
            if acceptOp(":") { step = try sliceItem(&self) }
            return Expr(kind: .slice(lo, hi, step), pos: pos(start))
        }
        guard let l = lo else { throw fail("invalid syntax") }
        return l
    }

    /// `**mapping` inside a dict display.
    mutating func parseDictUnpacking() throws -> (Expr, Expr) {
        let t = advance()
        try enter()
        defer { depth -= 1 }
        let e = try parseOrExpr()
        return (Expr(kind: .starred(e), pos: pos(t)), e)
    }

    mutating func parseCompClauses() throws -> [CompClause] {
        var clauses: [CompClause] = []
        while acceptKeyword("for") {
            let target = try parseTargetList()
            guard acceptKeyword("in") else { throw fail("expected 'in'") }
            let iter = try parseOr()
            var conds: [Expr] = []
            while acceptKeyword("if") { conds.append(try parseOrNoCond()) }
            clauses.append(CompClause(target: target, iter: iter, conditions: conds))
        }
        return clauses
    }

    mutating func parseOrNoCond() throws -> Expr { try parseOr() }

    mutating func parseAtom() throws -> Expr {
        let t = tok
        let tp = pos(t)
        switch t.kind {
        case .int(let v): _ = advance(); return Expr(kind: .int(v), pos: tp)
        case .bigInt(let v): _ = advance(); return Expr(kind: .bigInt(v), pos: tp)
        case .float(let v): _ = advance(); return Expr(kind: .float(v), pos: tp)
        case .name(let n): _ = advance(); return Expr(kind: .name(n), pos: tp)
        case .keyword("True"): _ = advance(); return Expr(kind: .bool(true), pos: tp)
        case .keyword("False"): _ = advance(); return Expr(kind: .bool(false), pos: tp)
        case .keyword("None"): _ = advance(); return Expr(kind: .none, pos: tp)
        case .string, .fstring:
            return try parseStrings()
        case .bytes:
            var bytes: [UInt8] = []
            while case .bytes(let b) = tok.kind {
                bytes += b
                _ = advance()
            }
            if case .string = tok.kind { throw ParseError(message: "cannot mix bytes and nonbytes literals", pos: tp) }
            return Expr(kind: .bytes(bytes), pos: tp)
        case .op("("):
            _ = advance()
            try enter()
            defer { depth -= 1 }
            if acceptOp(")") { return Expr(kind: .tuple([]), pos: tp) }
            if isKeyword("yield") {
                let y = try parseYield()
                try expectOp(")", "expected ')'")
                return y
            }
            var first = try parseTestOrStar()
            first = try parseWalrus(first)
            if case .starred = first.kind, isOp(")") || isKeyword("for") {
                throw ParseError(message: "cannot use starred expression here", pos: first.pos)
            }
            if isKeyword("for") {
                let clauses = try parseCompClauses()
                try expectOp(")", "expected ')'")
                return Expr(kind: .genExp(first, clauses), pos: tp)
            }
            if acceptOp(")") { return first }
            var items = [first]
            while acceptOp(",") {
                if isOp(")") { break }
                items.append(try parseTestOrStar())
            }
            try expectOp(")", "expected ')' or ','")
            return Expr(kind: .tuple(items), pos: tp)
        case .op("["):
            _ = advance()
            try enter()
            defer { depth -= 1 }
            if acceptOp("]") { return Expr(kind: .list([]), pos: tp) }
            let first = try parseTestOrStar()
            if case .starred = first.kind, isKeyword("for") {
                throw ParseError(message: "iterable unpacking cannot be used in comprehension", pos: first.pos)
            }
            if isKeyword("for") {
                let clauses = try parseCompClauses()
                try expectOp("]", "expected ']'")
                return Expr(kind: .listComp(first, clauses), pos: tp)
            }
            var items = [first]
            while acceptOp(",") {
                if isOp("]") { break }
                items.append(try parseTestOrStar())
            }
            try expectOp("]", "expected ']' or ','")
            return Expr(kind: .list(items), pos: tp)
        case .op("{"):
            _ = advance()
            try enter()
            defer { depth -= 1 }
            if acceptOp("}") { return Expr(kind: .dict([]), pos: tp) }
            var pairs: [(Expr, Expr)] = []
            if isOp("**") {
                pairs.append(try parseDictUnpacking())
            } else {
                let k = try parseTestOrStar()
                if case .starred = k.kind, isKeyword("for") {
                    throw ParseError(message: "iterable unpacking cannot be used in comprehension", pos: k.pos)
                }
                guard case .starred = k.kind else {
                    if acceptOp(":") { return try parseDictRest(k, tp) }
                    if isKeyword("for") {
                        let clauses = try parseCompClauses()
                        try expectOp("}", "expected '}'")
                        return Expr(kind: .setComp(k, clauses), pos: tp)
                    }
                    return try parseSetRest(k, tp)
                }
                return try parseSetRest(k, tp)
            }
            return try parseDictRest(nil, tp, first: pairs)
        case .op("..."):
            // The builtin `Ellipsis` (as a name lookup: the builtin unless a program rebinds it).
            _ = advance()
            return Expr(kind: .name("Ellipsis"), pos: tp)
        default:
            throw unexpected()
        }
    }

    /// The items of a set display after its first one.
    mutating func parseSetRest(_ first: Expr, _ tp: Pos) throws -> Expr {
        var items = [first]
        while acceptOp(",") {
            if isOp("}") { break }
            items.append(try parseTestOrStar())
        }
        try expectOp("}", "expected '}' or ','")
        return Expr(kind: .set(items), pos: tp)
    }

    /// A dict display or comprehension after its first key (and its `:`), or after a leading `**m`.
    mutating func parseDictRest(_ firstKey: Expr?, _ tp: Pos, first: [(Expr, Expr)] = []) throws -> Expr {
        var pairs = first
        if let k = firstKey {
            let v = try parseTest()
            if isKeyword("for") {
                let clauses = try parseCompClauses()
                try expectOp("}", "expected '}'")
                return Expr(kind: .dictComp(k, v, clauses), pos: tp)
            }
            pairs.append((k, v))
        }
        if isKeyword("for") { throw fail("dict unpacking cannot be used in dict comprehension") }
        while acceptOp(",") {
            if isOp("}") { break }
            if isOp("**") { pairs.append(try parseDictUnpacking()); continue }
            let k2 = try parseTest()
            try expectOp(":", "expected ':' in dict literal")
            pairs.append((k2, try parseTest()))
        }
        try expectOp("}", "expected '}' or ','")
        return Expr(kind: .dict(pairs), pos: tp)
    }

    /// `yield`, `yield x`, `yield a, b`, `yield from xs`.
    mutating func parseYield() throws -> Expr {
        let sp = pos(advance())
        if acceptKeyword("from") { return Expr(kind: .yieldFrom(try parseTest()), pos: sp) }
        if tok.isNewline || tok.isEOF || isOp(")") || isOp("=") || isOp(";") { return Expr(kind: .yield(nil), pos: sp) }
        return Expr(kind: .yield(try parseTestList()), pos: sp)
    }

    /// The right-hand side of an assignment: a yield expression or a test list.
    mutating func parseYieldOrTestList() throws -> Expr {
        if isKeyword("yield") { return try parseYield() }
        return try parseTestList()
    }

    /// Adjacent string literals concatenate; f-strings become `.fstring` parts.
    mutating func parseStrings() throws -> Expr {
        let first = tok
        var parts: [FPart] = []
        var anyF = false
        var endCol = first.endColumn
        while true {
            let t = tok
            if case .string(let s) = t.kind {
                parts.append(.text(s))
            } else if case .fstring(let body, let raw, let bl, let bc) = t.kind {
                anyF = true
                parts.append(contentsOf: try FStringParser.parse(body, raw: raw, line: bl, column: bc, depth: depth))
            } else {
                break
            }
            if t.line == first.line { endCol = t.endColumn }
            _ = advance()
        }
        let p = Pos(line: first.line, column: first.column, endColumn: endCol)
        if !anyF {
            var s = ""
            for case .text(let x) in parts { s += x }
            return Expr(kind: .str(s), pos: p)
        }
        return Expr(kind: .fstring(parts), pos: p)
    }
}
