/// Compiled closures wrapped in concrete structs before going into arrays or optionals:
/// a bare closure stored in a generic container is reabstracted through thunks, which
/// costs an extra indirect call on every execution.
struct EvalBox {
    let run: Eval
    init(_ run: @escaping Eval) { self.run = run }
}

struct ExecBox {
    let run: Exec
    let site: Site
}

struct CondBox {
    let run: Cond
    init(_ run: @escaping Cond) { self.run = run }
}

extension Compiler {
    func compileExprs(_ xs: [Expr]) throws -> [EvalBox] {
        var out: [EvalBox] = []
        out.reserveCapacity(xs.count)
        for x in xs { out.append(EvalBox(try compileExpr(x))) }
        return out
    }
}
