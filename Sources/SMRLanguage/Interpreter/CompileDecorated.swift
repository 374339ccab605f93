extension Compiler {
    /// `@d1 @d2 def f(): …` is `f = d1(d2(f))`: the decorator expressions are evaluated
    /// top to bottom before the function is made, then applied bottom to top.
    func compileDecorated(_ decorators: [Expr], _ inner: Stmt, _ p: Pos) throws -> Exec {
        let decoratorEvals = try compileExprs(decorators)
        let make: Eval
        let name: String
        switch inner.kind {
        case .def(let n, let params, let body, let doc):
            name = n
            let savedLoop = scope.loopDepth
            scope.loopDepth = 0
            defer { scope.loopDepth = savedLoop }
            make = try compileFunction(name: n, params: params, body: body, doc: doc, isLambda: false, pos: inner.pos)
        case .classDef(let n, let bases, let body, let doc):
            name = n
            make = try compileClass(name: n, bases: bases, body: body, doc: doc, pos: inner.pos)
        default:
            throw syntaxError("invalid syntax", inner.pos)
        }
        let store = try compileStore(Expr(kind: .name(name), pos: inner.pos))
        let rt = self.rt
        let sites = decorators.map { site($0.pos) }
        return located(p) { fp in
            var ds: [Value] = []
            ds.reserveCapacity(decoratorEvals.count)
            for d in decoratorEvals { ds.append(try d.run(fp)) }
            var v = try make(fp)
            for k in ds.indices.reversed() {
                do { v = try rt.call(ds[k], [v]) } catch { throw sites[k].attach(error) }
            }
            try store(fp, v)
            return .normal
        }
    }
}
