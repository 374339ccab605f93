/// Generator expressions, `(elt for x in it if c …)`, are lazy as in Python: the first
/// iterable is evaluated (and `iter()` taken) where the expression stands; everything else
/// runs in a nested generator function, one item per `next()`. CPython compiles them the
/// same way: a function `<genexpr>` whose one parameter `.0` is that iterator.
extension Compiler {
    /// The parameter of the nested function (not a valid identifier, so user code cannot clash).
    static let generatorSourceParam = ".0"

    /// The body of the nested function: the clauses as nested `for` and `if` statements
    /// around `yield elt`, the first loop reading the parameter.
    static func generatorExpressionBody(_ elt: Expr, _ clauses: [CompClause]) -> [Stmt] {
        var body = [Stmt(kind: .expr(Expr(kind: .yield(elt), pos: elt.pos)), pos: elt.pos)]
        for (k, c) in clauses.enumerated().reversed() {
            for cond in c.conditions.reversed() {
                body = [Stmt(kind: .ifStmt([(cond, body)], nil), pos: cond.pos)]
            }
            let source = k == 0 ? Expr(kind: .name(generatorSourceParam), pos: c.iter.pos) : c.iter
            body = [Stmt(kind: .forStmt(c.target, source, body), pos: c.target.pos)]
        }
        return body
    }

    static func generatorExpressionParams(_ p: Pos) -> [ParamDecl] {
        [ParamDecl(name: generatorSourceParam, defaultValue: nil, pos: p)]
    }

    func compileGeneratorExpression(_ elt: Expr, _ clauses: [CompClause], _ p: Pos) throws -> Eval {
        guard let first = clauses.first else { throw syntaxError("invalid comprehension", p) }
        let source = try compileExpr(first.iter)
        let make = try compileFunction(name: "<genexpr>", params: Compiler.generatorExpressionParams(p),
                                       body: Compiler.generatorExpressionBody(elt, clauses),
                                       doc: nil, isLambda: false, pos: p)
        let s = site(first.iter.pos)
        let rt = self.rt
        return { fp in
            guard case .function(let f) = try make(fp) else { return .none }
            let v = try source(fp)
            let it: Value
            switch v {
            // A range or list is handed over as it is: the loop inside indexes it live,
            // exactly what iterating `iter(v)` does.
            case .iterator, .range, .list: it = v
            case .object(let g) where g is GeneratorObject: it = v
            default:
                do { it = .iterator(IteratorObject(kind: "iterator", next: try Iteration.makeIterator(v))) } catch { throw s.attach(error) }
            }
            return try rt.makeGenerator(f, [it], [])
        }
    }
}
