/// Statements → closures returning a `Flow`.
extension Compiler {
    /// A block runs its statements in order; an error without a location gets the
    /// location of the statement it came from.
    func compileBlock(_ stmts: [Stmt]) throws -> Exec {
        if let fused = try compileReturnTail(stmts) { return fused }
        var execs: [ExecBox] = []
        for st in stmts { execs.append(ExecBox(run: try compileStmt(st), site: site(st.pos))) }
        switch execs.count {
        case 0: return { _ in .normal }
        case 1:
            // Statements locate their own errors; the wrapper is only a fallback.
            if Compiler.selfLocating(stmts[0]) { return execs[0].run }
            let a = execs[0].run, sa = execs[0].site
            return { fp in
                do { return try a(fp) } catch { throw sa.attach(error) }
            }
        case 2:
            let a = execs[0].run, b = execs[1].run
            let sa = execs[0].site, sb = execs[1].site
            return { fp in
                let f: Flow
                do { f = try a(fp) } catch { throw sa.attach(error) }
                if f != .normal { return f }
                do { return try b(fp) } catch { throw sb.attach(error) }
            }
        case 3:
            let a = execs[0].run, b = execs[1].run, c = execs[2].run
            let sa = execs[0].site, sb = execs[1].site, sc = execs[2].site
            return { fp in
                var f: Flow
                do { f = try a(fp) } catch { throw sa.attach(error) }
                if f != .normal { return f }
                do { f = try b(fp) } catch { throw sb.attach(error) }
                if f != .normal { return f }
                do { return try c(fp) } catch { throw sc.attach(error) }
            }
        default:
            return { fp in
                for e in execs {
                    let f: Flow
                    do { f = try e.run(fp) } catch { throw e.site.attach(error) }
                    if f != .normal { return f }
                }
                return .normal
            }
        }
    }

    /// Statements whose every failing node attaches its own location.
    static func selfLocating(_ st: Stmt) -> Bool {
        switch st.kind {
        case .returnStmt, .ifStmt, .pass, .breakStmt, .continueStmt, .whileStmt, .forStmt: return true
        case .assign(let ts, _):
            return ts.allSatisfy { if case .name = $0.kind { return true }; return false }
        default: return false
        }
    }

    /// Wrap a statement so that errors without a location get the statement's.
    func located(_ p: Pos, _ exec: @escaping Exec) -> Exec {
        let s = site(p)
        return { fp in
            do { return try exec(fp) } catch { throw s.attach(error) }
        }
    }

    func compileStmt(_ st: Stmt) throws -> Exec {
        let rt = self.rt
        switch st.kind {
        case .expr(let e):
            let ee = try compileExpr(e)
            return { fp in
                _ = try ee(fp)
                return .normal
            }
        case .assign(let targets, let value):
            return try compileAssign(targets, value, st.pos)
        case .augAssign(let target, let op, let value):
            return try compileAugAssign(target, op, value, st.pos)
        case .ifStmt(let branches, let orelse):
            // `if cond: return local` (the base case of a recursion) in one closure.
            if branches.count == 1, orelse == nil, branches[0].1.count == 1, scope.isFunction,
               case .returnStmt(let r?) = branches[0].1[0].kind, let k = localSlotOf(r) {
                let c = try compileCond(branches[0].0)
                let n: String = { if case .name(let n) = r.kind { return n }; return "" }()
                let rs = site(r.pos)
                // `local < int` tested inline.
                var inlineSlot = -1, inlineConst = 0, inlineOp = CompareOp.lt
                if case .compare(let l, let rest) = branches[0].0.kind, rest.count == 1, let ls = localSlotOf(l),
                   case .int(let kc) = rest[0].1.kind, [.lt, .le, .gt, .ge, .eq, .ne].contains(rest[0].0) {
                    inlineSlot = ls
                    inlineConst = kc
                    inlineOp = rest[0].0
                }
                return { fp in
                    let hit: Bool
                    if inlineSlot >= 0, case .int(let x) = fp[inlineSlot] {
                        switch inlineOp {
                        case .lt: hit = x < inlineConst
                        case .le: hit = x <= inlineConst
                        case .gt: hit = x > inlineConst
                        case .ge: hit = x >= inlineConst
                        case .eq: hit = x == inlineConst
                        default: hit = x != inlineConst
                        }
                    } else {
                        hit = try c(fp)
                    }
                    guard hit else { return .normal }
                    let v = fp[k]
                    if case .unbound = v { throw rs.attach(Compiler.unboundLocal(n)) }
                    fp[0] = v
                    return .returned
                }
            }
            var conds: [CondBox] = []
            var bodies: [ExecBox] = []
            for (c, b) in branches {
                conds.append(CondBox(try compileCond(c)))
                bodies.append(ExecBox(run: try compileBlock(b), site: site(st.pos)))
            }
            let hasElse = orelse != nil
            let elseBody = try compileBlock(orelse ?? [])
            if conds.count == 1 {
                let c = conds[0].run, b = bodies[0].run
                if hasElse {
                    return { fp in try c(fp) ? try b(fp) : try elseBody(fp) }
                }
                return { fp in try c(fp) ? try b(fp) : .normal }
            }
            return { fp in
                for k in 0..<conds.count where try conds[k].run(fp) { return try bodies[k].run(fp) }
                return try elseBody(fp)
            }
        case .whileStmt(let c, let body):
            return try compileWhile(c, body, st.pos, orelse: nil)
        case .forStmt(let target, let iter, let body):
            return try compileFor(target, iter, body, st.pos)
        case .loopElse(let loop, let orelse):
            switch loop.kind {
            case .forStmt(let target, let iter, let body): return try compileFor(target, iter, body, loop.pos, orelse: orelse)
            case .whileStmt(let c, let body): return try compileWhile(c, body, loop.pos, orelse: orelse)
            default: throw syntaxError("invalid syntax", st.pos)
            }
        case .breakStmt:
            if scope.loopDepth == 0 { throw syntaxError("'break' outside loop", st.pos) }
            return { _ in .breakLoop }
        case .continueStmt:
            if scope.loopDepth == 0 { throw syntaxError("'continue' not properly in loop", st.pos) }
            return { _ in .continueLoop }
        case .pass:
            return { _ in .normal }
        case .returnStmt(let e):
            if !scope.isFunction { throw syntaxError("'return' outside function", st.pos) }
            guard let e else {
                return { fp in
                    fp[0] = .none
                    return .returned
                }
            }
            if let k = localSlotOf(e), case .name(let n) = e.kind {
                let s = site(e.pos)
                return { fp in
                    let v = fp[k]
                    if case .unbound = v { throw s.attach(Compiler.unboundLocal(n)) }
                    fp[0] = v
                    return .returned
                }
            }
            if let c = constantOf(e) {
                return { fp in
                    fp[0] = c
                    return .returned
                }
            }
            let ee = try compileExpr(e)
            return { fp in
                fp[0] = try ee(fp)
                return .returned
            }
        case .def(let name, let params, let body, let doc):
            let savedLoop = scope.loopDepth
            scope.loopDepth = 0
            let make: Eval
            do {
                defer { scope.loopDepth = savedLoop }
                let outerLoop = savedLoop
                _ = outerLoop
                make = try compileFunction(name: name, params: params, body: body, doc: doc, isLambda: false, pos: st.pos)
            }
            let store = try compileStore(Expr(kind: .name(name), pos: st.pos))
            return located(st.pos) { fp in
                try store(fp, try make(fp))
                return .normal
            }
        case .importStmt(let names):
            var steps: [(String, Store, String)] = []
            for (m, alias) in names {
                let bind = alias ?? String(m.split(separator: ".").first ?? Substring(m))
                let lookup = alias == nil ? bind : m
                steps.append((lookup, try compileStore(Expr(kind: .name(bind), pos: st.pos)), m))
            }
            return located(st.pos) { fp in
                for (lookup, store, full) in steps {
                    let mod = try rt.module(named: lookup, requested: full)
                    try store(fp, .object(mod))
                }
                return .normal
            }
        case .fromImport(let m, let names):
            var steps: [(String, Store)] = []
            for (n, alias) in names {
                steps.append((n, try compileStore(Expr(kind: .name(alias ?? n), pos: st.pos))))
            }
            return located(st.pos) { fp in
                let mod = try rt.module(named: m, requested: m)
                for (n, store) in steps {
                    guard let v = mod.member(n) else {
                        throw PyError(.importError, "cannot import name '\(n)' from '\(m)'" + Suggestions.hint(n, mod.attributeNames))
                    }
                    try store(fp, v)
                }
                return .normal
            }
        case .nonlocal where !scope.isFunction:
            throw syntaxError("nonlocal declaration not allowed at module level", st.pos)
        case .global, .nonlocal:
            return { _ in .normal }
        case .decorated(let decorators, let inner):
            return try compileDecorated(decorators, inner, st.pos)
        case .classDef(let name, let bases, let body, let doc):
            let make = try compileClass(name: name, bases: bases, body: body, doc: doc, pos: st.pos)
            let store = try compileStore(Expr(kind: .name(name), pos: st.pos))
            return located(st.pos) { fp in
                try store(fp, try make(fp))
                return .normal
            }
        case .tryStmt(let body, let handlers, let orelse, let fin):
            return try compileTry(body, handlers, orelse, fin)
        case .with(let items, let body):
            return try compileWith(items, body)
        case .match(let subject, let cases):
            return located(st.pos, try compileMatch(subject, cases))
        case .raise(let e, let cause):
            return try compileRaise(e, cause, st.pos)
        case .assert(let c, let msg):
            let ce = try compileCond(c)
            let me = try msg.map(compileExpr)
            return located(st.pos) { fp in
                if try !ce(fp) {
                    throw PyError(.assertionError, try me.map { Repr.str(try $0(fp)) } ?? "")
                }
                return .normal
            }
        case .del(let targets):
            var steps: [Exec] = []
            for t in targets {
                switch t.kind {
                case .name(let n):
                    let load = compileLoad(n, t.pos)
                    let store = try compileStore(t)
                    steps.append { fp in
                        _ = try load(fp)
                        try store(fp, .unbound)
                        return .normal
                    }
                case .index(let o, let i):
                    let oe = try compileExpr(o), ie = try compileExpr(i)
                    steps.append { fp in
                        try Subscript.delItem(try oe(fp), try ie(fp))
                        return .normal
                    }
                case .attribute(let o, let name):
                    let oe = try compileExpr(o)
                    steps.append { fp in
                        try Attributes.delete(try oe(fp), name)
                        return .normal
                    }
                default:
                    throw syntaxError("cannot delete this expression", t.pos)
                }
            }
            return located(st.pos) { fp in
                for s in steps { _ = try s(fp) }
                return .normal
            }
        }
    }

    func compileAssign(_ targets: [Expr], _ value: Expr, _ p: Pos) throws -> Exec {
        let ve = try compileExpr(value)
        if targets.count == 1, case .name(let n) = targets[0].kind {
            switch resolve(n) {
            case .local(let k):
                return { fp in
                    fp[k] = try ve(fp)
                    return .normal
                }
            case .global(let cell):
                return { fp in
                    cell.store(try ve(fp))
                    return .normal
                }
            case .cell: break
            }
        }
        let stores = try targets.map(compileStore)
        return located(p) { fp in
            let v = try ve(fp)
            for s in stores { try s(fp, v) }
            return .normal
        }
    }

    func compileAugAssign(_ target: Expr, _ op: BinaryOp, _ value: Expr, _ p: Pos) throws -> Exec {
        let s = site(p)
        // Compute `old op new`, with lists extended in place for `+=` as Python does.
        func combine(_ op: BinaryOp) -> (Value, Value) throws -> Value {
            switch op {
            case .add:
                return { a, b in
                    if let v = AddK.fast(a, b) { return v }
                    if case .list(let l) = a {
                        l.items.append(contentsOf: try Iteration.toArray(b))
                        return a
                    }
                    return try Arith.add(a, b)
                }
            case .sub: return { a, b in try SubK.fast(a, b) ?? Arith.sub(a, b) }
            case .mul: return { a, b in try MulK.fast(a, b) ?? Arith.mul(a, b) }
            case .bitOr:
                // `d |= other` updates the dict in place, as Python does.
                return { a, b in
                    if case .dict(let d) = a, case .dict(let o) = b {
                        for (k, v) in zip(o.keys, o.values) { try d.set(k, v) }
                        return a
                    }
                    return try Arith.binary(.bitOr, a, b)
                }
            default: return { a, b in try Arith.binary(op, a, b) }
            }
        }
        let plain = combine(op)
        let mark = operationSite(s)
        let f: (Value, Value) throws -> Value = { a, b in
            if let inst = a.userInstance, let r = try inst.inPlace(op, b) { return r }
            OperationSite.note(mark)
            return try plain(a, b)
        }
        let ve = try compileExpr(value)
        switch target.kind {
        case .name(let n):
            let load = compileLoad(n, target.pos)
            switch resolve(n) {
            case .local(let k):
                if op == .add {
                    return { fp in
                        let b = try ve(fp)
                        if case .int(let x) = fp[k], case .int(let y) = b {
                            let (r, o) = x.addingReportingOverflow(y)
                            if !o {
                                fp[k] = .int(r)
                                return .normal
                            }
                        }
                        let a = try load(fp)
                        do { fp[k] = try f(a, b) } catch { throw s.attach(error) }
                        return .normal
                    }
                }
                return { fp in
                    let a = try load(fp)
                    let b = try ve(fp)
                    do { fp[k] = try f(a, b) } catch { throw s.attach(error) }
                    return .normal
                }
            case .cell:
                let store = try compileStore(target)
                return { fp in
                    let a = try load(fp)
                    let b = try ve(fp)
                    do { try store(fp, try f(a, b)) } catch { throw s.attach(error) }
                    return .normal
                }
            case .global(let cell):
                return { fp in
                    let a = cell.ptr.pointee
                    if case .unbound = a { _ = try load(fp) }
                    let b = try ve(fp)
                    if op == .add, let v = AddK.fast(a, b) {
                        cell.store(v)
                        return .normal
                    }
                    do { cell.store(try f(a, b)) } catch { throw s.attach(error) }
                    return .normal
                }
            }
        case .index(let o, let i):
            let oe = try compileExpr(o), ie = try compileExpr(i)
            return { fp in
                let c = try oe(fp), idx = try ie(fp)
                do {
                    let a = try Subscript.getItem(c, idx)
                    let b = try ve(fp)
                    try Subscript.setItem(c, idx, try f(a, b))
                } catch { throw s.attach(error) }
                return .normal
            }
        case .attribute(let o, let name):
            let oe = try compileExpr(o)
            let loads = AttributeCache(), stores = AttributeCache(), updates = AttributeCache()
            return { fp in
                let obj = try oe(fp)
                do {
                    if let i = obj.userInstance {
                        let k = updates.updatableSlot(i, name)
                        if k >= 0 {
                            // The set instance attribute is read and rewritten in place.
                            let version = i.cls.version
                            let a = i.slots[k]
                            let b = try ve(fp)
                            let r: Value
                            if op == .add, let v = AddK.fast(a, b) { r = v } else { r = try f(a, b) }
                            if i.cls.version == version { i.setSlot(k, r) } else { try stores.store(i, name, r) }
                            return .normal
                        }
                        let a = try loads.load(i, name)
                        let b = try ve(fp)
                        try stores.store(i, name, try f(a, b))
                    } else {
                        let a = try Attributes.get(obj, name)
                        let b = try ve(fp)
                        try Attributes.set(obj, name, try f(a, b))
                    }
                } catch { throw s.attach(error) }
                return .normal
            }
        default:
            throw syntaxError("'\(target.kind)' is an illegal expression for augmented assignment", p)
        }
    }

    /// `while c: body [else: orelse]` (the else block runs when the condition fails, not after a break).
    func compileWhile(_ c: Expr, _ body: [Stmt], _ p: Pos, orelse: [Stmt]?) throws -> Exec {
        let rt = self.rt
        let cond = try compileCond(c)
        let elseExec = try orelse.map(compileBlock)
        scope.loopDepth += 1
        defer { scope.loopDepth -= 1 }
        let b = try compileBlock(body)
        let ws = site(p)
        return { fp in
            while try cond(fp) {
                do { try rt.checkInterrupt() } catch { throw ws.attach(error) }
                let f = try b(fp)
                if f == .normal || f == .continueLoop { continue }
                if f == .breakLoop { return .normal }
                return f
            }
            return try elseExec?(fp) ?? .normal
        }
    }

    func compileFor(_ target: Expr, _ iter: Expr, _ body: [Stmt], _ p: Pos, orelse: [Stmt]? = nil) throws -> Exec {
        let elseExec = try orelse.map(compileBlock)
        let ie = try compileExpr(iter)
        let store = try compileStore(target)
        var localSlot: Int?
        var globalCell: GlobalCell?
        if case .name(let n) = target.kind {
            switch resolve(n) {
            case .local(let k): localSlot = k
            case .global(let c): globalCell = c
            case .cell: break
            }
        }
        scope.loopDepth += 1
        defer { scope.loopDepth -= 1 }
        let b = try compileBlock(body)
        let rt = self.rt
        let s = site(iter.pos)
        return { fp in
            let it = try ie(fp)
            if case .range(let r) = it {
                var i = r.start
                let stop = r.stop, step = r.step
                while step > 0 ? i < stop : i > stop {
                    do { try rt.checkInterrupt() } catch { throw s.attach(error) }
                    if let k = localSlot { fp[k] = .int(i) }
                    else if let c = globalCell { c.store(.int(i)) }
                    else { try store(fp, .int(i)) }
                    let f = try b(fp)
                    if f == .breakLoop { return .normal }
                    if f == .returned { return f }
                    let (n, o) = i.addingReportingOverflow(step)
                    if o { break }
                    i = n
                }
                return try elseExec?(fp) ?? .normal
            }
            if case .list(let l) = it {
                var k = 0
                while k < l.items.count {
                    do { try rt.checkInterrupt() } catch { throw s.attach(error) }
                    if let slot = localSlot { fp[slot] = l.items[k] }
                    else if let c = globalCell { c.store(l.items[k]) }
                    else { try store(fp, l.items[k]) }
                    let f = try b(fp)
                    if f == .breakLoop { return .normal }
                    if f == .returned { return f }
                    k += 1
                }
                return try elseExec?(fp) ?? .normal
            }
            var result = Flow.normal
            var broke = false
            do {
                try Iteration.forEach(it) { v in
                    try rt.checkInterrupt()
                    try store(fp, v)
                    let f = try b(fp)
                    if f == .breakLoop { broke = true; return false }
                    if f == .returned { result = .returned; return false }
                    return true
                }
            } catch {
                throw s.attach(error)
            }
            if result == .normal && !broke, let e = elseExec { return try e(fp) }
            return result
        }
    }
}
