/// Resumable code for generator bodies. Statements without `yield` compile as usual;
/// those with one (blocks, `if`, `while`, `for`, `try`, `with`, and `yield` itself as a
/// statement or on the right of an assignment) return `.yielded` when paused and keep
/// where they were in a hidden frame slot, so running the body again resumes there.
/// A slot is bound only while its statement is paused inside.
extension Compiler {
    func compileGenBlock(_ stmts: [Stmt], sentSlot: Int) throws -> Exec {
        let execs = try stmts.map { ExecBox(run: try compileGenStmt($0, sentSlot), site: site($0.pos)) }
        // One and two statements (most loop bodies) get closures without the statement array:
        // calling a closure held in an array costs a retain and release per statement per resume.
        switch execs.count {
        case 0: return { _ in .normal }
        case 1: return Compiler.genBlock1(execs[0])
        case 2: return Compiler.genBlock2(execs[0], execs[1], pc: scope.newSlot())
        default: break
        }
        let pc = scope.newSlot()
        return { fp in
            var k = 0
            if case .int(let r) = fp[pc] {
                k = r
                fp[pc] = .unbound
            }
            while k < execs.count {
                let f: Flow
                do { f = try execs[k].run(fp) } catch { throw execs[k].site.attach(error) }
                if f == .yielded {
                    fp[pc] = .int(k)
                    return .yielded
                }
                if f != .normal { return f }
                k += 1
            }
            return .normal
        }
    }

    /// A one-statement resumable block: the statement keeps its own progress, so resuming
    /// the block is running the statement again.
    static func genBlock1(_ a: ExecBox) -> Exec {
        let run = a.run, site = a.site
        return { fp in
            do { return try run(fp) } catch { throw site.attach(error) }
        }
    }

    /// A two-statement resumable block. Paused in the first statement, resuming re-runs it
    /// (it resumes itself); paused in the second, slot `pc` holds 1 so the first is skipped.
    static func genBlock2(_ a: ExecBox, _ b: ExecBox, pc: Int) -> Exec {
        let runA = a.run, siteA = a.site, runB = b.run, siteB = b.site
        return { fp in
            if case .int = fp[pc] {
                fp[pc] = .unbound
            } else {
                let f: Flow
                do { f = try runA(fp) } catch { throw siteA.attach(error) }
                if f != .normal { return f }
            }
            let f: Flow
            do { f = try runB(fp) } catch { throw siteB.attach(error) }
            if f == .yielded { fp[pc] = .int(1) }
            return f
        }
    }

    static func stmtYields(_ st: Stmt) -> Bool { ScopeAnalysis.declarations([st]).yields }

    func compileGenStmt(_ st: Stmt, _ sent: Int) throws -> Exec {
        guard Compiler.stmtYields(st) else { return try compileStmt(st) }
        switch st.kind {
        case .expr(let e):
            return try compileYieldPoint(e, target: nil, sent, st.pos)
        case .assign(let targets, let v) where targets.count == 1:
            return try compileYieldPoint(v, target: targets[0], sent, st.pos)
        case .ifStmt(let branches, let orelse):
            var conds: [CondBox] = []
            var bodies: [ExecBox] = []
            for (c, b) in branches {
                if NameWalker.containsYield(c) { throw unsupportedYield(c.pos) }
                conds.append(CondBox(try compileCond(c)))
                bodies.append(ExecBox(run: try compileGenBlock(b, sentSlot: sent), site: site(st.pos)))
            }
            if let orelse { bodies.append(ExecBox(run: try compileGenBlock(orelse, sentSlot: sent), site: site(st.pos))) }
            let hasElse = orelse != nil
            let state = scope.newSlot()
            return { fp in
                var branch = -1
                if case .int(let b) = fp[state] {
                    branch = b
                    fp[state] = .unbound
                } else {
                    for k in 0..<conds.count where try conds[k].run(fp) { branch = k; break }
                    if branch < 0 {
                        guard hasElse else { return .normal }
                        branch = conds.count
                    }
                }
                let f = try bodies[branch].run(fp)
                if f == .yielded { fp[state] = .int(branch) }
                return f
            }
        case .whileStmt(let c, let body):
            return try compileGenWhile(c, body, nil, sent)
        case .forStmt(let t, let it, let body):
            return try compileGenFor(t, it, body, nil, sent)
        case .loopElse(let loop, let orelse):
            if orelse.contains(where: Compiler.stmtYields) { throw unsupportedYield(st.pos) }
            switch loop.kind {
            case .whileStmt(let c, let body): return try compileGenWhile(c, body, orelse, sent)
            case .forStmt(let t, let it, let body): return try compileGenFor(t, it, body, orelse, sent)
            default: throw syntaxError("invalid syntax", st.pos)
            }
        case .tryStmt(let body, let handlers, let orelse, let fin):
            if (fin ?? []).contains(where: Compiler.stmtYields) { throw unsupportedYield(st.pos) }
            return try compileGenTry(body, handlers, orelse, fin, sent)
        case .match(let subject, let cases):
            return try compileGenMatch(subject, cases, sent)
        case .with(let items, let body):
            var exec = try compileGenBlock(body, sentSlot: sent)
            for (m, t) in items.reversed() {
                if NameWalker.containsYield(m) { throw unsupportedYield(m.pos) }
                exec = try compileGenWithItem(m, t, exec)
            }
            return exec
        default:
            throw unsupportedYield(st.pos)
        }
    }

    func unsupportedYield(_ p: Pos) -> PyError {
        syntaxError("'yield' is supported as a statement, on the right of an assignment, and inside if/while/for/try/with blocks, not inside this expression", p)
    }

    /// `yield v`, `x = yield v`, `yield from it`, `x = yield from it`.
    func compileYieldPoint(_ e: Expr, target: Expr?, _ sent: Int, _ p: Pos) throws -> Exec {
        let store = try target.map(compileStore)
        let state = scope.newSlot()
        switch e.kind {
        case .yield(let v):
            if let v, NameWalker.containsYield(v) { throw unsupportedYield(v.pos) }
            let ve = try v.map(compileExpr)
            return { fp in
                if case .bool(true) = fp[state] {
                    (fp + state).initialize(to: .unbound)  // the flag is trivial: no destroy
                    if case .object(let o) = fp[sent], let t = o as? ThrownIntoGenerator {
                        fp[sent] = .none
                        throw t.error  // generator.throw()/close() raise at the paused yield
                    }
                    if let store {
                        let got = (fp + sent).move()
                        (fp + sent).initialize(to: .none)
                        try store(fp, got)
                    }
                    return .normal
                }
                let v = try ve?(fp) ?? .none
                Runtime.setResult(fp, v)
                (fp + state).initialize(to: .bool(true))
                return .yielded
            }
        case .yieldFrom(let src):
            if NameWalker.containsYield(src) { throw unsupportedYield(src.pos) }
            let se = try compileExpr(src)
            return { fp in
                let sub: Value
                if case .unbound = fp[state] {
                    let v = try se(fp)
                    if case .object(let g) = v, g is GeneratorObject { sub = v }
                    else { sub = .iterator(IteratorObject(kind: "iterator", next: try Iteration.makeIterator(v))) }
                } else {
                    sub = fp[state]
                    fp[state] = .unbound
                }
                let item: Value?
                let result: Value
                if case .object(let g as GeneratorObject) = sub {
                    let got = fp[sent]
                    fp[sent] = .none
                    item = try g.resume(got)
                    result = g.returnValue
                } else if case .iterator(let it) = sub {
                    if case .object(let o) = fp[sent], let t = o as? ThrownIntoGenerator {
                        fp[sent] = .none
                        throw t.error
                    }
                    item = try it.nextValue()
                    result = .none
                } else {
                    item = nil
                    result = .none
                }
                if let item {
                    fp[state] = sub
                    fp[0] = item
                    return .yielded
                }
                try store?(fp, result)
                return .normal
            }
        default:
            throw unsupportedYield(e.pos)
        }
    }

    func compileGenWhile(_ c: Expr, _ body: [Stmt], _ orelse: [Stmt]?, _ sent: Int) throws -> Exec {
        if NameWalker.containsYield(c) { throw unsupportedYield(c.pos) }
        let cond = try compileCond(c)
        let elseExec = try orelse.map(compileBlock)
        scope.loopDepth += 1
        let b: Exec
        do {
            defer { scope.loopDepth -= 1 }
            b = try compileGenBlock(body, sentSlot: sent)
        }
        let state = scope.newSlot()
        let rt = self.rt
        return { fp in
            var resuming = false
            if case .bool(true) = fp[state] {
                resuming = true
                fp[state] = .unbound
            }
            while true {
                if !resuming, try !cond(fp) { break }
                resuming = false
                try rt.checkInterrupt()
                let f = try b(fp)
                switch f {
                case .yielded:
                    fp[state] = .bool(true)
                    return .yielded
                case .breakLoop: return .normal
                case .returned: return f
                default: continue
                }
            }
            return try elseExec?(fp) ?? .normal
        }
    }

    func compileGenFor(_ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt]?, _ sent: Int) throws -> Exec {
        if NameWalker.containsYield(iter) { throw unsupportedYield(iter.pos) }
        let ie = try compileExpr(iter)
        let store = try compileStore(target)
        let elseExec = try orelse.map(compileBlock)
        scope.loopDepth += 1
        let b: Exec
        do {
            defer { scope.loopDepth -= 1 }
            b = try compileGenBlock(body, sentSlot: sent)
        }
        // While paused inside the body, `state` holds what the loop reads from (a range or
        // list, read by the index kept in `cursor`; a generator, resumed directly; or an
        // iterator), so resuming continues where it was.
        let state = scope.newSlot()
        let cursor = scope.newSlot()
        let rt = self.rt
        let s = site(iter.pos)
        return { fp in
            var resuming = false
            var src: Value
            var k = 0
            if case .unbound = fp[state] {
                let v = try ie(fp)
                switch v {
                case .range, .list, .iterator: src = v
                case .object(let o) where o is GeneratorObject: src = v
                default:
                    do { src = .iterator(IteratorObject(kind: "iterator", next: try Iteration.makeIterator(v))) } catch { throw s.attach(error) }
                }
            } else {
                src = (fp + state).move()
                (fp + state).initialize(to: .unbound)
                if case .int(let c) = fp[cursor] { k = c }
                resuming = true
            }
            while true {
                if !resuming {
                    let next: Value?
                    do {
                        switch src {
                        case .range(let r):
                            if k < r.count { next = .int(r.at(k)); k += 1 } else { next = nil }
                        case .list(let l):
                            if k < l.items.count { next = l.items[k]; k += 1 } else { next = nil }
                        case .object(let o):
                            next = try (o as? GeneratorObject)?.resume(.none, rt)
                        case .iterator(let it):
                            next = try it.nextValue()
                        default:
                            next = nil
                        }
                    } catch { throw s.attach(error) }
                    guard let x = next else { break }
                    try store(fp, x)
                }
                resuming = false
                try rt.checkInterrupt()
                let f = try b(fp)
                switch f {
                case .yielded:
                    // Both slots hold trivial values here (.unbound / an int): no destroy needed.
                    (fp + state).initialize(to: src)
                    (fp + cursor).initialize(to: .int(k))
                    return .yielded
                case .breakLoop: return .normal
                case .returned: return f
                default: continue
                }
            }
            return try elseExec?(fp) ?? .normal
        }
    }

    /// `try` with yields in its body, handlers or else block (not in `finally`).
    func compileGenTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]?, _ fin: [Stmt]?, _ sent: Int) throws -> Exec {
        struct Handler {
            let spec: Eval?
            let store: Store?
            let slot: Int
            let body: Exec
            let site: Site
        }
        let tryBody = try compileGenBlock(body, sentSlot: sent)
        var hs: [Handler] = []
        for h in handlers {
            let spec = try h.type.map(compileExpr)
            let store = try h.name.map { try compileStore(Expr(kind: .name($0), pos: h.pos)) }
            let slot = scope.newSlot()
            exceptSlots.append((scope, slot))
            defer { exceptSlots.removeLast() }
            hs.append(Handler(spec: spec, store: store, slot: slot, body: try compileGenBlock(h.body, sentSlot: sent), site: site(h.type?.pos ?? h.pos)))
        }
        let elseBody = try orelse.map { try compileGenBlock($0, sentSlot: sent) }
        let finBody = try fin.map(compileBlock)
        // Phase while paused: 0 in the body, k + 1 in handler k, -1 in the else block.
        let state = scope.newSlot()
        return { fp in
            var phase = 0
            if case .int(let p) = fp[state] {
                phase = p
                fp[state] = .unbound
            }
            var flow = Flow.normal
            do {
                if phase == 0 {
                    do {
                        flow = try tryBody(fp)
                        if flow == .yielded {
                            fp[state] = .int(0)
                            return .yielded
                        }
                        if flow == .normal, elseBody != nil { phase = -1 }
                    } catch {
                        let err = Exceptions.pyError(error)
                        guard let (h, exc) = try Compiler.handler(for: err, in: hs.map { ($0.spec, $0.site) }, fp) else { throw err }
                        fp[hs[h].slot] = .object(exc)
                        if let st = hs[h].store { try st(fp, .object(exc)) }
                        phase = h + 1
                    }
                }
                if phase > 0 {
                    let handler = hs[phase - 1]
                    flow = try handler.body(fp)
                    if flow == .yielded {
                        fp[state] = .int(phase)
                        return .yielded
                    }
                    fp[handler.slot] = .unbound
                    if let st = handler.store { try? st(fp, .unbound) }
                } else if phase == -1, let e = elseBody {
                    flow = try e(fp)
                    if flow == .yielded {
                        fp[state] = .int(-1)
                        return .yielded
                    }
                }
            } catch {
                if phase > 0 {
                    fp[hs[phase - 1].slot] = .unbound
                }
                if let f = finBody {
                    let ff = try f(fp)
                    if ff != .normal { return ff }
                }
                throw error
            }
            if let f = finBody {
                let ff = try f(fp)
                if ff != .normal { return ff }
            }
            return flow
        }
    }

    /// `with m as t:` around a resumable body; the manager is kept while paused inside.
    func compileGenWithItem(_ manager: Expr, _ target: Expr?, _ inner: @escaping Exec) throws -> Exec {
        let me = try compileExpr(manager)
        let store = try target.map(compileStore)
        let s = site(manager.pos)
        let rt = self.rt
        let state = scope.newSlot()
        return { fp in
            let mgr: Value
            if case .unbound = fp[state] {
                mgr = try me(fp)
                let entered: Value
                do { entered = try ContextManager.enter(rt, mgr) } catch { throw s.attach(error) }
                if let st = store { try st(fp, entered) }
            } else {
                mgr = fp[state]
                fp[state] = .unbound
            }
            let flow: Flow
            do {
                flow = try inner(fp)
            } catch {
                let err = Exceptions.pyError(error)
                let suppress: Bool
                do { suppress = try ContextManager.exit(rt, mgr, err) } catch { throw s.attach(error) }
                if suppress { return .normal }
                throw err
            }
            if flow == .yielded {
                fp[state] = mgr
                return .yielded
            }
            do { _ = try ContextManager.exit(rt, mgr, nil) } catch { throw s.attach(error) }
            return flow
        }
    }
}
