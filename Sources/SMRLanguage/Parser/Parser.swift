/// A syntax error found by the parser (before it is given a file location).
struct ParseError: Error {
    var message: String
    var pos: Pos
    var kind: ErrorKind = .syntaxError
}

/// Recursive-descent parser: statements here, expressions in `Parser+Expressions.swift`
/// (one method per precedence level). Collects every statement-level error and
/// resynchronises at the next line so `check` can report all of them.
struct Parser {
    var tokens: [Token]
    var p = 0
    var errors: [ParseError] = []
    var depth = 0
    static let maxDepth = 200
    /// Variable annotations (`name: T`) of the class bodies being parsed, innermost last;
    /// nil entries stand for function bodies (whose annotations are not recorded).
    var annotationScopes: [[(String, Expr)]?] = []
    /// `from __future__ import annotations` was seen: class annotations are kept as strings.
    var postponedAnnotations = false

    init(tokens: [Token]) {
        self.tokens = tokens.isEmpty ? [Token(kind: .eof, line: 1, column: 1, endColumn: 2)] : tokens
    }

    // MARK: token helpers

    var tok: Token { tokens[min(p, tokens.count - 1)] }
    func peekTok(_ k: Int) -> Token { tokens[min(p + k, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = tok
        if p < tokens.count - 1 { p += 1 }
        return t
    }

    func isOp(_ s: String) -> Bool { if case .op(let o) = tok.kind { return o == s }; return false }
    func isKeyword(_ s: String) -> Bool { if case .keyword(let k) = tok.kind { return k == s }; return false }

    mutating func acceptOp(_ s: String) -> Bool {
        if isOp(s) { _ = advance(); return true }
        return false
    }

    mutating func acceptKeyword(_ s: String) -> Bool {
        if isKeyword(s) { _ = advance(); return true }
        return false
    }

    func pos(_ t: Token) -> Pos { Pos(line: t.line, column: t.column, endColumn: t.endColumn) }

    func fail(_ message: String, at t: Token? = nil) -> ParseError {
        let t = t ?? tok
        return ParseError(message: message, pos: pos(t))
    }

    func unexpected() -> ParseError {
        let t = tok
        switch t.kind {
        case .indent: return ParseError(message: "unexpected indent", pos: pos(t), kind: .indentationError)
        case .dedent: return ParseError(message: "unindent does not match any outer indentation level", pos: pos(t), kind: .indentationError)
        case .eof: return fail("unexpected end of input")
        case .newline: return fail("invalid syntax")
        default: return fail("invalid syntax")
        }
    }

    mutating func expectOp(_ s: String, _ message: String? = nil) throws {
        if !acceptOp(s) { throw fail(message ?? "expected '\(s)'") }
    }

    mutating func expectName(_ what: String = "name") throws -> String {
        if case .name(let n) = tok.kind { _ = advance(); return n }
        if case .keyword(let k) = tok.kind { throw fail("invalid syntax: '\(k)' is a keyword and cannot be used as a \(what)") }
        throw fail("expected \(what)")
    }

    mutating func expectNewline() throws {
        if tok.isNewline { _ = advance(); return }
        if tok.isEOF { return }
        throw fail("invalid syntax")
    }

    // MARK: program

    /// Parse a whole file; errors are collected in `errors`.
    mutating func parseProgram() -> [Stmt] {
        var stmts: [Stmt] = []
        while !tok.isEOF {
            if tok.isNewline { _ = advance(); continue }
            do {
                if case .indent = tok.kind { throw unexpected() }
                if case .dedent = tok.kind { _ = advance(); continue }
                stmts.append(contentsOf: try parseStatement())
            } catch let e as ParseError {
                errors.append(e)
                synchronize()
            } catch {
                synchronize()
            }
        }
        return stmts
    }

    /// Skip to the start of the next statement at the outermost level we can find.
    mutating func synchronize() {
        depth = 0
        while !tok.isEOF && !tok.isNewline { _ = advance() }
        if tok.isNewline { _ = advance() }
        // Skip a block that belonged to the broken statement.
        if case .indent = tok.kind {
            var level = 0
            while !tok.isEOF {
                if case .indent = tok.kind { level += 1 }
                if case .dedent = tok.kind {
                    level -= 1
                    if level == 0 { _ = advance(); break }
                }
                _ = advance()
            }
        }
    }

    mutating func parseStatement() throws -> [Stmt] {
        let t = tok
        if case .op("@") = t.kind { return [try parseDecorated()] }
        if case .name("match") = t.kind, let m = try parseMatchIfPresent() { return [m] }
        if case .keyword(let k) = t.kind {
            switch k {
            case "if": return [try parseIf()]
            case "while": return [try parseWhile()]
            case "for": return [try parseFor()]
            case "def": return [try parseDef()]
            case "class": return [try parseClass()]
            case "try": return [try parseTry()]
            case "with": return [try parseWith()]
            case "except", "finally": throw fail("invalid syntax: '\(k)' without a matching 'try'")
            case "else", "elif": throw fail("invalid syntax: '\(k)' without a matching 'if'")
            default: break
            }
        }
        return try parseSimpleStatements()
    }

    mutating func parseSimpleStatements() throws -> [Stmt] {
        var out = [try parseSmall()]
        while acceptOp(";") {
            if tok.isNewline || tok.isEOF { break }
            out.append(try parseSmall())
        }
        try expectNewline()
        return out
    }

    mutating func parseSmall() throws -> Stmt {
        let t = tok
        let sp = pos(t)
        if case .keyword(let k) = t.kind {
            switch k {
            case "pass": _ = advance(); return Stmt(kind: .pass, pos: sp)
            case "break": _ = advance(); return Stmt(kind: .breakStmt, pos: sp)
            case "continue": _ = advance(); return Stmt(kind: .continueStmt, pos: sp)
            case "return":
                _ = advance()
                if tok.isNewline || tok.isEOF || isOp(";") { return Stmt(kind: .returnStmt(nil), pos: sp) }
                return Stmt(kind: .returnStmt(try parseTestList()), pos: sp)
            case "import":
                _ = advance()
                var names: [(String, String?)] = []
                repeat {
                    let m = try parseDotted()
                    var alias: String?
                    if acceptKeyword("as") { alias = try expectName() }
                    names.append((m, alias))
                } while acceptOp(",")
                return Stmt(kind: .importStmt(names), pos: sp)
            case "from":
                _ = advance()
                let m = try parseDotted()
                guard acceptKeyword("import") else { throw fail("expected 'import'") }
                var names: [(String, String?)] = []
                let paren = acceptOp("(")
                if isOp("*") { throw fail("'from … import *' is not supported; import the names you use") }
                repeat {
                    if paren && isOp(")") { break }
                    let n = try expectName()
                    var alias: String?
                    if acceptKeyword("as") { alias = try expectName() }
                    names.append((n, alias))
                } while acceptOp(",")
                if paren { try expectOp(")") }
                if m == "__future__" && names.contains(where: { $0.0 == "annotations" }) { postponedAnnotations = true }
                return Stmt(kind: .fromImport(m, names), pos: sp)
            case "global", "nonlocal":
                _ = advance()
                var names = [try expectName()]
                while acceptOp(",") { names.append(try expectName()) }
                return Stmt(kind: k == "global" ? .global(names) : .nonlocal(names), pos: sp)
            case "assert":
                _ = advance()
                let c = try parseTest()
                var m: Expr?
                if acceptOp(",") { m = try parseTest() }
                return Stmt(kind: .assert(c, m), pos: sp)
            case "raise":
                _ = advance()
                if tok.isNewline || tok.isEOF || isOp(";") { return Stmt(kind: .raise(nil, cause: nil), pos: sp) }
                let e = try parseTest()
                let cause = acceptKeyword("from") ? try parseTest() : nil
                return Stmt(kind: .raise(e, cause: cause), pos: sp)
            case "del":
                _ = advance()
                var targets = [try parseExprNoCond()]
                while acceptOp(",") { targets.append(try parseExprNoCond()) }
                return Stmt(kind: .del(targets), pos: sp)
            default: break
            }
        }
        let first = try parseYieldOrTestList()
        if case .op(let o) = tok.kind {
            switch o {
            case "=":
                var targets = [first]
                var value = first
                while acceptOp("=") {
                    value = try parseYieldOrTestList()
                    targets.append(value)
                }
                targets.removeLast()
                for tg in targets { try checkTarget(tg) }
                return Stmt(kind: .assign(targets, value), pos: sp)
            case "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>=", "@=":
                let opTok = advance()
                try checkTarget(first, augmented: true)
                guard let op = BinaryOp(rawValue: String(o.dropLast())) else { throw fail("invalid syntax") }
                _ = opTok
                let value = try parseYieldOrTestList()
                return Stmt(kind: .augAssign(first, op, value), pos: sp)
            case ":=": throw fail("the walrus operator ':=' is not supported")
            case ":":
                return try parseAnnotated(first, sp)
            default: break
            }
        }
        return Stmt(kind: .expr(first), pos: sp)
    }

    mutating func parseDotted() throws -> String {
        var m = try expectName("module name")
        while acceptOp(".") { m += "." + (try expectName("module name")) }
        return m
    }

    /// Check that an expression can be assigned to.
    func checkTarget(_ e: Expr, augmented: Bool = false) throws {
        switch e.kind {
        case .name, .attribute, .index: return
        case .tuple(let xs), .list(let xs):
            if augmented { throw ParseError(message: "'tuple' is an illegal expression for augmented assignment", pos: e.pos) }
            let stars = xs.filter { if case .starred = $0.kind { return true }; return false }
            if stars.count > 1 { throw ParseError(message: "multiple starred expressions in assignment", pos: stars[1].pos) }
            for x in xs {
                if case .starred(let inner) = x.kind { try checkTarget(inner) } else { try checkTarget(x) }
            }
        case .starred:
            throw ParseError(message: "starred assignment target must be in a list or tuple", pos: e.pos)
        case .call: throw ParseError(message: "cannot assign to function call here. Maybe you meant '==' instead of '='?", pos: e.pos)
        case .int, .float, .str, .fstring, .bool, .none:
            throw ParseError(message: "cannot assign to literal here. Maybe you meant '==' instead of '='?", pos: e.pos)
        default:
            throw ParseError(message: "cannot assign to expression here. Maybe you meant '==' instead of '='?", pos: e.pos)
        }
    }

    // MARK: compound statements

    mutating func parseBlock() throws -> [Stmt] {
        try expectOp(":", "expected ':'")
        if !tok.isNewline {
            return try parseSimpleStatements()
        }
        _ = advance()
        guard case .indent = tok.kind else {
            throw ParseError(message: "expected an indented block", pos: pos(tok), kind: .indentationError)
        }
        _ = advance()
        var body: [Stmt] = []
        while true {
            if case .dedent = tok.kind { _ = advance(); break }
            if tok.isEOF { break }
            if tok.isNewline { _ = advance(); continue }
            do {
                if case .indent = tok.kind { throw unexpected() }
                body.append(contentsOf: try parseStatement())
            } catch let e as ParseError {
                errors.append(e)
                synchronize()
            }
        }
        return body
    }

    mutating func parseIf() throws -> Stmt {
        let sp = pos(advance())
        var branches: [(Expr, [Stmt])] = []
        let c = try parseNamedTest()
        branches.append((c, try parseBlock()))
        var orelse: [Stmt]?
        while true {
            if acceptKeyword("elif") {
                let c2 = try parseNamedTest()
                branches.append((c2, try parseBlock()))
            } else if acceptKeyword("else") {
                orelse = try parseBlock()
                break
            } else {
                break
            }
        }
        return Stmt(kind: .ifStmt(branches, orelse), pos: sp)
    }

    /// `name := value` after an already parsed `name` (in parentheses, conditions).
    mutating func parseWalrus(_ target: Expr) throws -> Expr {
        guard isOp(":=") else { return target }
        guard case .name(let n) = target.kind else {
            throw ParseError(message: "cannot use assignment expressions with this expression", pos: target.pos)
        }
        _ = advance()
        let value = try parseTest()
        return Expr(kind: .namedExpr(n, value), pos: target.pos)
    }

    mutating func parseNamedTest() throws -> Expr {
        let e = try parseWalrus(try parseTest())
        if isOp("=") { throw fail("invalid syntax. Maybe you meant '==' instead of '='?") }
        return e
    }

    mutating func parseWhile() throws -> Stmt {
        let sp = pos(advance())
        let c = try parseNamedTest()
        let body = try parseBlock()
        let loop = Stmt(kind: .whileStmt(c, body), pos: sp)
        if acceptKeyword("else") { return Stmt(kind: .loopElse(loop, try parseBlock()), pos: sp) }
        return loop
    }

    mutating func parseFor() throws -> Stmt {
        let sp = pos(advance())
        let target = try parseTargetList()
        guard acceptKeyword("in") else { throw fail("expected 'in'") }
        let iter = try parseTestList()
        let body = try parseBlock()
        let loop = Stmt(kind: .forStmt(target, iter, body), pos: sp)
        if acceptKeyword("else") { return Stmt(kind: .loopElse(loop, try parseBlock()), pos: sp) }
        return loop
    }

    /// Targets of `for` and comprehensions: `a`, `a, b`, `i, (a, b)`.
    mutating func parseTargetList() throws -> Expr {
        let first = try parseTestOrStar { try $0.parseOrExpr() }
        var items = [first]
        var trailing = false
        while isOp(",") {
            _ = advance()
            if isKeyword("in") { trailing = true; break }
            items.append(try parseTestOrStar { try $0.parseOrExpr() })
        }
        if items.count == 1 && !trailing, case .starred = first.kind {
            throw ParseError(message: "starred assignment target must be in a list or tuple", pos: first.pos)
        }
        let e = items.count == 1 && !trailing ? first : Expr(kind: .tuple(items), pos: first.pos)
        try checkTarget(e)
        return e
    }

    mutating func parseDef() throws -> Stmt {
        let sp = pos(advance())
        let name = try expectName("function name")
        try expectOp("(", "expected '('")
        let params = try parseParams(closing: ")", annotations: true)
        try expectOp(")", "expected ')'")
        if acceptOp("->") { _ = try parseTest() }
        annotationScopes.append(nil)
        defer { annotationScopes.removeLast() }
        let body = try parseBlock()
        var doc: String?
        if let first = body.first, case .expr(let e) = first.kind, case .str(let s) = e.kind { doc = s }
        return Stmt(kind: .def(name: name, params: params, body: body, doc: doc), pos: sp)
    }

    /// `target: annotation` or `target: annotation = value`: an assignment (or nothing) whose
    /// annotation a class body records in `__annotations__`, as CPython does.
    mutating func parseAnnotated(_ target: Expr, _ sp: Pos) throws -> Stmt {
        _ = advance()
        switch target.kind {
        case .name, .attribute, .index: break
        case .tuple: throw ParseError(message: "only single target (not tuple) can be annotated", pos: target.pos)
        case .list: throw ParseError(message: "only single target (not list) can be annotated", pos: target.pos)
        default: throw ParseError(message: "illegal target for annotation", pos: target.pos)
        }
        let annotationStart = p
        let annotation = try parseTest()
        let annotationEnd = p
        var value: Expr?
        if acceptOp("=") { value = try parseYieldOrTestList() }
        if case .name(let n) = target.kind, let scope = annotationScopes.last, scope != nil {
            let kept = postponedAnnotations ? Expr(kind: .str(sourceText(annotationStart..<annotationEnd)), pos: annotation.pos) : annotation
            annotationScopes[annotationScopes.count - 1]?.append((n, kept))
        }
        guard let value else { return Stmt(kind: .pass, pos: sp) }
        return Stmt(kind: .assign([target], value), pos: sp)
    }

    /// The tokens in `range` as source text (for postponed annotations).
    func sourceText(_ range: Range<Int>) -> String {
        var out = ""
        var prevEnd: (line: Int, col: Int)?
        for k in range where k < tokens.count {
            let t = tokens[k]
            if let pe = prevEnd, pe.line == t.line, pe.col < t.column { out += " " }
            switch t.kind {
            case .string(let v): out += Repr.stringRepr(v)
            case .int, .float, .name, .op, .keyword: out += t.text
            default: break
            }
            prevEnd = (t.line, t.endColumn)
        }
        return out
    }

    /// `class Name:` or `class Name(Base, …):` and its body.
    mutating func parseClass() throws -> Stmt {
        let sp = pos(advance())
        let name = try expectName("class name")
        var bases: [Arg] = []
        if acceptOp("(") {
            bases = try parseArgs()
            try expectOp(")", "expected ')'")
        }
        annotationScopes.append([])
        var body: [Stmt]
        do { body = try parseBlock() } catch { annotationScopes.removeLast(); throw error }
        if let annotations = annotationScopes.removeLast(), !annotations.isEmpty {
            let dict = Expr(kind: .dict(annotations.map { (Expr(kind: .str($0.0), pos: $0.1.pos), $0.1) }), pos: sp)
            body.append(Stmt(kind: .assign([Expr(kind: .name("__annotations__"), pos: sp)], dict), pos: sp))
        }
        var doc: String?
        if let first = body.first, case .expr(let e) = first.kind, case .str(let s) = e.kind { doc = s }
        return Stmt(kind: .classDef(name: name, bases: bases, body: body, doc: doc), pos: sp)
    }

    /// `@decorator` lines followed by a `def` or `class`.
    mutating func parseDecorated() throws -> Stmt {
        let sp = pos(tok)
        var decorators: [Expr] = []
        while acceptOp("@") {
            decorators.append(try parseNamedTest())
            try expectNewline()
            while tok.isNewline { _ = advance() }
        }
        if isKeyword("def") { return Stmt(kind: .decorated(decorators, try parseDef()), pos: sp) }
        if isKeyword("class") { return Stmt(kind: .decorated(decorators, try parseClass()), pos: sp) }
        throw fail("invalid syntax: a decorator must be followed by 'def' or 'class'")
    }
}
