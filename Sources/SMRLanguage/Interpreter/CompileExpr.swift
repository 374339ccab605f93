/// Expressions → closures.
extension Compiler {
    /// A local slot read if `e` is a plain local variable.
    func localSlotOf(_ e: Expr) -> Int? {
        if case .name(let n) = e.kind, case .local(let k) = resolve(n) { return k }
        return nil
    }

    func constantOf(_ e: Expr) -> Value? {
        switch e.kind {
        case .int(let i): return .int(i)
        case .bigInt(let b): return BigIntObject.value(b)
        case .float(let d): return .float(d)
        case .str(let s): return .str(s)
        case .bool(let b): return .bool(b)
        case .none: return Value.none
        default: return nil
        }
    }

    func compileExpr(_ e: Expr) throws -> Eval {
        switch e.kind {
        case .int(let i): let v = Value.int(i); return { _ in v }
        case .bigInt(let b): let v = BigIntObject.value(b); return { _ in v }
        case .float(let d): let v = Value.float(d); return { _ in v }
        case .str(let s): let v = Value.str(s); return { _ in v }
        case .bytes(let b): let v = Value.object(BytesObject(b)); return { _ in v }
        case .bool(let b): let v = Value.bool(b); return { _ in v }
        case .none: return { _ in .none }
        case .name(let n): return compileLoad(n, e.pos)
        case .namedExpr(let n, let v):
            let store = try compileStore(Expr(kind: .name(n), pos: e.pos))
            let value = try compileExpr(v)
            return { fp in
                let x = try value(fp)
                try store(fp, x)
                return x
            }
        case .fstring(let parts): return try compileFString(parts)
        case .list(let xs) where xs.contains(where: Compiler.isStarred):
            let build = try compileUnpackingItems(xs)
            return { fp in .list(ListObject(try build(fp))) }
        case .tuple(let xs) where xs.contains(where: Compiler.isStarred):
            let build = try compileUnpackingItems(xs)
            return { fp in .tuple(TupleObject(try build(fp))) }
        case .dict(let pairs) where pairs.contains(where: { Compiler.isStarred($0.0) }):
            return try compileUnpackingDict(pairs, e.pos)
        case .starred:
            throw syntaxError("can't use starred expression here", e.pos)
        case .list(let xs):
            let es = try compileExprs(xs)
            return { fp in
                var items: [Value] = []
                items.reserveCapacity(es.count)
                for x in es { items.append(try x.run(fp)) }
                return .list(ListObject(items))
            }
        case .tuple(let xs):
            if xs.allSatisfy({ constantOf($0) != nil }) {
                let t = Value.tuple(TupleObject(xs.compactMap { constantOf($0) }))
                return { _ in t }
            }
            let es = try compileExprs(xs)
            if es.count == 2 {
                let a = es[0].run, b = es[1].run
                return { fp in .tuple(TupleObject([try a(fp), try b(fp)])) }
            }
            return { fp in
                var items: [Value] = []
                items.reserveCapacity(es.count)
                for x in es { items.append(try x.run(fp)) }
                return .tuple(TupleObject(items))
            }
        case .dict(let pairs):
            let ks = try compileExprs(pairs.map { $0.0 })
            let vs = try compileExprs(pairs.map { $0.1 })
            let s = site(e.pos)
            return { fp in
                let d = DictObject()
                for k in 0..<ks.count {
                    let key = try ks[k].run(fp)
                    let v = try vs[k].run(fp)
                    do { try d.set(key, v) } catch { throw s.attach(error) }
                }
                return .dict(d)
            }
        case .unary(let op, let x):
            let xe = try compileExpr(x)
            let s = site(e.pos)
            let mark = operationSite(s)
            switch op {
            case .not: return { fp in .bool(!(try xe(fp).truth())) }
            case .neg:
                return { fp in
                    let v = try xe(fp)
                    if case .int(let i) = v, i != Int.min { return .int(-i) }
                    if case .float(let d) = v { return .float(-d) }
                    OperationSite.note(mark)
                    do { return try Arith.negate(v) } catch { throw s.attach(error) }
                }
            case .pos:
                return { fp in
                    do {
                        let v = try xe(fp)
                        OperationSite.note(mark)
                        return try Arith.plus(v)
                    } catch { throw s.attach(error) }
                }
            case .invert:
                return { fp in
                    do {
                        let v = try xe(fp)
                        OperationSite.note(mark)
                        return try Arith.invert(v)
                    } catch { throw s.attach(error) }
                }
            }
        case .binary(let op, let l, let r):
            switch op {
            case .add: return try binary(AddK.self, l, r, e.pos)
            case .sub: return try binary(SubK.self, l, r, e.pos)
            case .mul: return try binary(MulK.self, l, r, e.pos)
            case .div: return try binary(DivK.self, l, r, e.pos)
            case .floorDiv: return try binary(FloorDivK.self, l, r, e.pos)
            case .mod: return try binary(ModK.self, l, r, e.pos)
            case .pow: return try binary(PowK.self, l, r, e.pos)
            case .bitOr, .bitXor, .bitAnd, .lshift, .rshift, .matmul:
                let le = try compileExpr(l), re = try compileExpr(r)
                let s = site(e.pos)
                return { fp in
                    let a = try le(fp), b = try re(fp)
                    do { return try Arith.binary(op, a, b) } catch { throw s.attach(error) }
                }
            }
        case .compare(let first, let rest):
            if rest.count == 1, [.lt, .le, .gt, .ge, .eq, .ne].contains(rest[0].0) {
                return try elementwiseCompare(first, rest[0].0, rest[0].1, e.pos)
            }
            if rest.count == 1, let c = try compareCond(first, rest[0].0, rest[0].1, e.pos) {
                return { fp in .bool(try c(fp)) }
            }
            let c = try compileChain(first, rest, e.pos)
            return { fp in .bool(try c(fp)) }
        case .and(let l, let r):
            let le = try compileExpr(l), re = try compileExpr(r)
            return { fp in
                let a = try le(fp)
                return try a.truth() ? try re(fp) : a
            }
        case .or(let l, let r):
            let le = try compileExpr(l), re = try compileExpr(r)
            return { fp in
                let a = try le(fp)
                return try a.truth() ? a : try re(fp)
            }
        case .ifExp(let c, let a, let b):
            let ce = try compileCond(c), ae = try compileExpr(a), be = try compileExpr(b)
            return { fp in try ce(fp) ? try ae(fp) : try be(fp) }
        case .call(let callee, let args):
            return try compileCall(callee, args, e.pos)
        case .attribute(let o, let name):
            let oe = try compileExpr(o)
            let s = site(e.pos)
            let cache = AttributeCache()
            return { fp in
                let v = try oe(fp)
                do {
                    if let i = v.userInstance { return try cache.load(i, name) }
                    return try Attributes.get(v, name)
                } catch { throw s.attach(error) }
            }
        case .index(let o, let i):
            let oe = try compileExpr(o)
            let s = site(e.pos)
            let mark = operationSite(s)
            if case .slice(let lo, let hi, let st) = i.kind {
                let l = try lo.map(compileExpr), h = try hi.map(compileExpr), sp = try st.map(compileExpr)
                return { fp in
                    let c = try oe(fp)
                    do {
                        let a = try l.map { try Subscript.sliceBound(try $0(fp)) } ?? nil
                        let b = try h.map { try Subscript.sliceBound(try $0(fp)) } ?? nil
                        let stp = try sp.map { try Subscript.sliceBound(try $0(fp)) } ?? nil
                        OperationSite.note(mark)
                        return try Subscript.getSlice(c, a, b, stp)
                    } catch { throw s.attach(error) }
                }
            }
            let ie = try compileExpr(i)
            return { fp in
                let c = try oe(fp)
                let idx = try ie(fp)
                if case .list(let l) = c, case .int(let k) = idx {
                    let n = l.items.count
                    let j = k < 0 ? k + n : k
                    if j >= 0 && j < n { return l.items[j] }
                }
                OperationSite.note(mark)
                do { return try Subscript.getItem(c, idx) } catch { throw s.attach(error) }
            }
        case .slice(let lo, let hi, let st):
            // Only the parser's subscripts make these: a slice inside `x[a:b, c]`.
            let parts = try [lo, hi, st].map { try $0.map(compileExpr) }
            return { fp in
                let v = try parts.map { try $0?(fp) ?? .none }
                return .object(SliceObject(v[0], v[1], v[2]))
            }
        case .listComp(let elt, let clauses):
            return try compileListComp(elt, clauses, e.pos)
        case .dictComp(let k, let v, let clauses):
            return try compileDictComp(k, v, clauses, e.pos)
        case .lambda(let params, let body):
            let ret = Stmt(kind: .returnStmt(body), pos: body.pos)
            return try compileFunction(name: "<lambda>", params: params, body: [ret], doc: nil, isLambda: true, pos: e.pos)
        case .genExp(let elt, let clauses):
            return try compileGeneratorExpression(elt, clauses, e.pos)
        case .set(let xs):
            let list = try compileExpr(Expr(kind: .list(xs), pos: e.pos))
            let s = site(e.pos)
            return { fp in
                guard case .list(let l) = try list(fp) else { return .none }
                do { return .object(try SetObject(l.items)) } catch { throw s.attach(error) }
            }
        case .setComp(let elt, let clauses):
            let list = try compileListComp(elt, clauses, e.pos)
            let s = site(e.pos)
            return { fp in
                guard case .list(let l) = try list(fp) else { return .none }
                do { return .object(try SetObject(l.items)) } catch { throw s.attach(error) }
            }
        case .yield, .yieldFrom:
            if !scope.isFunction { throw syntaxError("'yield' outside function", e.pos) }
            throw unsupportedYield(e.pos)
        }
    }

    /// `l op r` with operand-shape specialisations (local/constant/any).
    func binary<K: BinKernel>(_ k: K.Type, _ l: Expr, _ r: Expr, _ p: Pos) throws -> Eval {
        let s = site(p)
        let op = operationSite(s)
        if let a = localSlotOf(l) {
            let name: String = { if case .name(let n) = l.kind { return n }; return "" }()
            if let c = constantOf(r) {
                return { fp in
                    let x = fp[a]
                    if let v = K.fast(x, c) { return v }
                    if case .unbound = x { throw s.attach(Compiler.unboundLocal(name)) }
                    OperationSite.note(op)
                    do { return try K.slow(x, c) } catch { throw s.attach(error) }
                }
            }
            if let b = localSlotOf(r) {
                let rname: String = { if case .name(let n) = r.kind { return n }; return "" }()
                return { fp in
                    let x = fp[a], y = fp[b]
                    if let v = K.fast(x, y) { return v }
                    if case .unbound = x { throw s.attach(Compiler.unboundLocal(name)) }
                    if case .unbound = y { throw s.attach(Compiler.unboundLocal(rname)) }
                    OperationSite.note(op)
                    do { return try K.slow(x, y) } catch { throw s.attach(error) }
                }
            }
        }
        let le = try compileExpr(l)
        if let c = constantOf(r) {
            return { fp in
                let x = try le(fp)
                if let v = K.fast(x, c) { return v }
                OperationSite.note(op)
                do { return try K.slow(x, c) } catch { throw s.attach(error) }
            }
        }
        let re = try compileExpr(r)
        return { fp in
            let x = try le(fp)
            let y = try re(fp)
            if let v = K.fast(x, y) { return v }
            OperationSite.note(op)
            do { return try K.slow(x, y) } catch { throw s.attach(error) }
        }
    }

    // MARK: conditions

    /// Compile an expression used for its truth value.
    func compileCond(_ e: Expr) throws -> Cond {
        switch e.kind {
        case .compare(let first, let rest):
            if rest.count == 1, let c = try compareCond(first, rest[0].0, rest[0].1, e.pos) { return c }
            return try compileChain(first, rest, e.pos)
        case .unary(.not, let x):
            let c = try compileCond(x)
            return { fp in !(try c(fp)) }
        case .and(let l, let r):
            let a = try compileCond(l), b = try compileCond(r)
            return { fp in try a(fp) && b(fp) }
        case .or(let l, let r):
            let a = try compileCond(l), b = try compileCond(r)
            return { fp in try a(fp) || b(fp) }
        case .bool(let b): return { _ in b }
        default:
            let x = try compileExpr(e)
            return { fp in try x(fp).truth() }
        }
    }

    func compareCond(_ l: Expr, _ op: CompareOp, _ r: Expr, _ p: Pos) throws -> Cond? {
        switch op {
        case .lt: return try cmp(LtK.self, l, r, p)
        case .le: return try cmp(LeK.self, l, r, p)
        case .gt: return try cmp(GtK.self, l, r, p)
        case .ge: return try cmp(GeK.self, l, r, p)
        case .eq: return try cmp(EqK.self, l, r, p)
        case .ne: return try cmp(NeK.self, l, r, p)
        default:
            let le = try compileExpr(l), re = try compileExpr(r)
            let s = site(p)
            return { fp in
                let a = try le(fp), b = try re(fp)
                do { return try Compare.compare(op, a, b) } catch { throw s.attach(error) }
            }
        }
    }

    /// A comparison used as a value: numbers take the kernels' fast path; objects that
    /// compare element-wise (numpy arrays) and user ordering methods give their own value;
    /// anything else a bool.
    func elementwiseCompare(_ l: Expr, _ op: CompareOp, _ r: Expr, _ p: Pos) throws -> Eval {
        switch op {
        case .lt: return try valueCmp(LtK.self, l, r, p)
        case .le: return try valueCmp(LeK.self, l, r, p)
        case .gt: return try valueCmp(GtK.self, l, r, p)
        case .ge: return try valueCmp(GeK.self, l, r, p)
        case .eq: return try valueCmp(EqK.self, l, r, p)
        default: return try valueCmp(NeK.self, l, r, p)
        }
    }

    func valueCmp<K: CmpKernel>(_ k: K.Type, _ l: Expr, _ r: Expr, _ p: Pos) throws -> Eval {
        let le = try compileExpr(l), re = try compileExpr(r)
        let s = site(p)
        let op = K.op
        return { fp in
            let x = try le(fp), y = try re(fp)
            if let v = K.fast(x, y) { return .bool(v) }
            do {
                if case .object(let o) = x, let v = try o.elementwiseCompare(op.rawValue, y, reflected: false) { return v }
                if case .object(let q) = y, let v = try q.elementwiseCompare(op.rawValue, x, reflected: true) { return v }
                // A user class's ordering method gives its own value (`__lt__` may return anything).
                if op != .eq && op != .ne, InstanceObject.ordersByMethods(x, y) {
                    return try InstanceObject.richOrder(op, x, y)
                }
                return .bool(try Compare.compare(op, x, y))
            } catch { throw s.attach(error) }
        }
    }

    func cmp<K: CmpKernel>(_ k: K.Type, _ l: Expr, _ r: Expr, _ p: Pos) throws -> Cond {
        let s = site(p)
        if let a = localSlotOf(l), let c = constantOf(r) {
            let name: String = { if case .name(let n) = l.kind { return n }; return "" }()
            return { fp in
                let x = fp[a]
                if let v = K.fast(x, c) { return v }
                if case .unbound = x { throw s.attach(Compiler.unboundLocal(name)) }
                do { return try Compare.compare(K.op, x, c) } catch { throw s.attach(error) }
            }
        }
        let le = try compileExpr(l)
        if let c = constantOf(r) {
            return { fp in
                let x = try le(fp)
                if let v = K.fast(x, c) { return v }
                do { return try Compare.compare(K.op, x, c) } catch { throw s.attach(error) }
            }
        }
        let re = try compileExpr(r)
        return { fp in
            let x = try le(fp), y = try re(fp)
            if let v = K.fast(x, y) { return v }
            do { return try Compare.compare(K.op, x, y) } catch { throw s.attach(error) }
        }
    }

    /// `a < b < c`: each middle operand evaluated once, stop at the first False.
    func compileChain(_ first: Expr, _ rest: [(CompareOp, Expr)], _ p: Pos) throws -> Cond {
        let fe = try compileExpr(first)
        let ops = rest.map { $0.0 }
        let es = try compileExprs(rest.map { $0.1 })
        let s = site(p)
        return { fp in
            var a = try fe(fp)
            for k in 0..<ops.count {
                let b = try es[k].run(fp)
                let ok: Bool
                do { ok = try Compare.compare(ops[k], a, b) } catch { throw s.attach(error) }
                if !ok { return false }
                a = b
            }
            return true
        }
    }

    // MARK: f-strings

    func compileFString(_ parts: [FPart]) throws -> Eval {
        enum Piece { case text(String), value(Eval, Character?, Eval?, String?, Site) }
        var pieces: [Piece] = []
        for part in parts {
            switch part {
            case .text(let t): pieces.append(.text(t))
            case .expr(let e, let conv, let spec, let selfDoc):
                let specEval = try spec.map { try compileFString($0) }
                pieces.append(.value(try compileExpr(e), conv, specEval, selfDoc, site(e.pos)))
            }
        }
        return { fp in
            var out = ""
            for piece in pieces {
                switch piece {
                case .text(let t): out += t
                case .value(let ev, let conv, let specEval, let selfDoc, let s):
                    let v = try ev(fp)
                    if let d = selfDoc { out += d }
                    do {
                        var x = v
                        if conv != nil || specEval == nil { try BigIntArith.checkStrLimit(v) }
                        if let c = conv { x = .str(c == "s" ? Repr.str(v) : Repr.repr(v)) }
                        if let se = specEval {
                            guard case .str(let spec) = try se(fp) else { throw PyError.type("format spec must be a str") }
                            if case .object(let o) = x, let f = o as? FormattableObject { out += try f.format(spec) }
                            else { out += try Format.format(x, spec) }
                        } else {
                            out += Repr.str(x)
                        }
                    } catch { throw s.attach(error) }
                }
            }
            return .str(out)
        }
    }

    // MARK: comprehensions

    /// Bind comprehension targets to fresh slots (they do not leak), compile, restore.
    /// Compile a comprehension's loops with its target variables in fresh slots. A target
    /// that a lambda in the comprehension captures lives in one cell for the whole
    /// comprehension, so `[lambda: i for i in range(3)]` all see the last `i`, as in Python.
    func withComprehensionScope(_ clauses: [CompClause], _ elements: [Expr], _ body: () throws -> CompBody) throws -> CompBody {
        var saved: [(String, Int?)] = []
        var parts = elements
        for c in clauses { parts.append(c.iter); parts.append(contentsOf: c.conditions) }
        let captured = NameWalker.nestedFree(in: parts)
        var cells: [Int] = []
        func bind(_ t: Expr) {
            switch t.kind {
            case .name(let n):
                saved.append((n, scope.slots[n]))
                let k = scope.newSlot()
                scope.slots[n] = k
                if captured.contains(n) {
                    scope.cellSlots.insert(k)
                    cells.append(k)
                }
            case .tuple(let xs), .list(let xs): xs.forEach(bind)
            case .starred(let x): bind(x)
            default: break
            }
        }
        clauses.forEach { bind($0.target) }
        defer {
            for (n, old) in saved.reversed() { scope.slots[n] = old }
        }
        let loop = try body()
        if cells.isEmpty { return loop }
        return { fp in
            for k in cells { fp[k] = .object(Cell(.unbound)) }
            try loop(fp)
        }
    }

    typealias CompBody = (Fp) throws -> Void

    func compileClauses(_ clauses: [CompClause], firstIter: @escaping Eval, inner: @escaping CompBody) throws -> CompBody {
        var body = inner
        for (idx, c) in clauses.enumerated().reversed() {
            let iter = idx == 0 ? firstIter : try compileExpr(c.iter)
            let store = try compileStore(c.target)
            let conds = try c.conditions.map { CondBox(try compileCond($0)) }
            let next = body
            let rt = self.rt
            let s = site(c.iter.pos)
            // No condition or one (the usual cases) is called without the array: calling a
            // closure loaded from an array retains and releases its context each time.
            if conds.count <= 1 {
                let cond = conds.first?.run
                body = { fp in
                    let it = try iter(fp)
                    do {
                        try Iteration.forEach(it) { v in
                            try rt.checkInterrupt()
                            try store(fp, v)
                            if let cond, !(try cond(fp)) { return true }
                            try next(fp)
                            return true
                        }
                    } catch { throw s.attach(error) }
                }
                continue
            }
            body = { fp in
                let it = try iter(fp)
                do {
                    try Iteration.forEach(it) { v in
                        try rt.checkInterrupt()
                        try store(fp, v)
                        for cond in conds where !(try cond.run(fp)) { return true }
                        try next(fp)
                        return true
                    }
                } catch { throw s.attach(error) }
            }
        }
        return body
    }

    func compileListComp(_ elt: Expr, _ clauses: [CompClause], _ p: Pos) throws -> Eval {
        guard let first = clauses.first else { throw syntaxError("invalid comprehension", p) }
        let firstIter = try compileExpr(first.iter)
        let resultSlot = scope.newSlot()
        let loop: CompBody = try withComprehensionScope(clauses, [elt]) {
            let ee = try compileExpr(elt)
            return try compileClauses(clauses, firstIter: firstIter) { fp in
                let v = try ee(fp)
                if case .list(let l) = fp[resultSlot] {
                    if l.items.count >= Limits.maxItems { throw Limits.memoryError() }
                    l.items.append(v)
                }
            }
        }
        return { fp in
            let l = ListObject()
            fp[resultSlot] = .list(l)
            try loop(fp)
            fp[resultSlot] = .unbound
            return .list(l)
        }
    }

    func compileDictComp(_ k: Expr, _ v: Expr, _ clauses: [CompClause], _ p: Pos) throws -> Eval {
        guard let first = clauses.first else { throw syntaxError("invalid comprehension", p) }
        let firstIter = try compileExpr(first.iter)
        let resultSlot = scope.newSlot()
        let s = site(p)
        let loop: CompBody = try withComprehensionScope(clauses, [k, v]) {
            let ke = try compileExpr(k), ve = try compileExpr(v)
            return try compileClauses(clauses, firstIter: firstIter) { fp in
                let key = try ke(fp)
                let val = try ve(fp)
                if case .dict(let d) = fp[resultSlot] {
                    do { try d.set(key, val) } catch { throw s.attach(error) }
                }
            }
        }
        return { fp in
            let d = DictObject()
            fp[resultSlot] = .dict(d)
            try loop(fp)
            fp[resultSlot] = .unbound
            return .dict(d)
        }
    }
}

/// Library objects that understand format specs in f-strings (e.g. numpy scalars).
public protocol FormattableObject {
    func format(_ spec: String) throws -> String
}
