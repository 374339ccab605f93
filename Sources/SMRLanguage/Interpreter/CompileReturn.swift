/// Returns at the end of a function body, fused with what precedes them: every closure
/// call saved here is saved once per function call.
extension Compiler {
    /// A block of two or more statements ending in `return expr` (most function bodies):
    /// the returned expression is evaluated inline after the preceding statements.
    /// `if cond: return a` followed by `return b` (a recursion's base case) is one closure.
    func compileReturnTail(_ stmts: [Stmt]) throws -> Exec? {
        guard scope.isFunction, stmts.count >= 2, let last = stmts.last, case .returnStmt(let e?) = last.kind else { return nil }
        if stmts.count == 2, let fused = try compileGuardedReturn(stmts[0], e, last.pos) { return fused }
        let prefix = try compileBlock(Array(stmts.dropLast()))
        let value = try compileExpr(e)
        let s = site(last.pos)
        return { fp in
            let flow = try prefix(fp)
            if flow != .normal { return flow }
            do { Runtime.setResult(fp, try value(fp)) } catch { throw s.attach(error) }
            return .returned
        }
    }

    /// `if cond: return early` then `return value`, with `local <op> int` conditions and a
    /// local `early` read inline.
    private func compileGuardedReturn(_ first: Stmt, _ value: Expr, _ valuePos: Pos) throws -> Exec? {
        guard case .ifStmt(let branches, nil) = first.kind, branches.count == 1, branches[0].1.count == 1,
              case .returnStmt(let early?) = branches[0].1[0].kind else { return nil }
        let condExpr = branches[0].0
        let node = GuardedReturn(test: IntTest(condExpr, self), cond: try compileCond(condExpr), ifSite: site(first.pos),
                                 earlySlot: localSlotOf(early) ?? -1, early: try compileExpr(early),
                                 value: try compileExpr(value), valueSite: site(valuePos))
        return { fp in try node.run(fp) }
    }
}

/// `if cond: return early` + `return value` as one node. An object rather than a closure
/// with many captures: its closure wrapper then passes a single word per call.
private final class GuardedReturn {
    let test: IntTest
    let cond: Cond
    let ifSite: Site
    let earlySlot: Int
    let early: Eval
    let value: Eval
    let valueSite: Site

    init(test: IntTest, cond: @escaping Cond, ifSite: Site, earlySlot: Int, early: @escaping Eval,
         value: @escaping Eval, valueSite: Site) {
        self.test = test
        self.cond = cond
        self.ifSite = ifSite
        self.earlySlot = earlySlot
        self.early = early
        self.value = value
        self.valueSite = valueSite
    }

    @inline(__always)
    func run(_ fp: Fp) throws -> Flow {
        let hit: Bool
        if let h = test.evaluate(fp) {
            hit = h
        } else {
            do { hit = try cond(fp) } catch { throw ifSite.attach(error) }
        }
        if hit {
            if earlySlot >= 0, fp[earlySlot].isBound {
                Runtime.setResult(fp, Runtime.load(fp + earlySlot))
            } else {
                // As unfused: an error without a location gets the `if` statement's.
                do { Runtime.setResult(fp, try early(fp)) } catch { throw ifSite.attach(error) }
            }
            return .returned
        }
        do { Runtime.setResult(fp, try value(fp)) } catch { throw valueSite.attach(error) }
        return .returned
    }
}

/// `local <op> int` tested without a closure call when the local holds an int.
private struct IntTest {
    var slot = -1
    var constant = 0
    var op = CompareOp.lt

    init(_ e: Expr, _ c: Compiler) {
        if case .compare(let l, let rest) = e.kind, rest.count == 1, let s = c.localSlotOf(l), case .int(let k) = rest[0].1.kind,
           [.lt, .le, .gt, .ge, .eq, .ne].contains(rest[0].0) {
            slot = s
            constant = k
            op = rest[0].0
        }
    }

    /// The comparison's result, or nil when it needs the general path.
    @inline(__always)
    func evaluate(_ fp: Fp) -> Bool? {
        guard slot >= 0, case .int(let x) = fp[slot] else { return nil }
        switch op {
        case .lt: return x < constant
        case .le: return x <= constant
        case .gt: return x > constant
        case .ge: return x >= constant
        case .eq: return x == constant
        default: return x != constant
        }
    }
}

extension Value {
    /// False only for the internal marker of a variable without a value.
    @inline(__always)
    var isBound: Bool {
        if case .unbound = self { return false }
        return true
    }
}
