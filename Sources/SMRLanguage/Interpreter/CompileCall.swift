/// Calls: interpreted functions get a fast path that evaluates arguments straight into
/// the callee's frame; builtins, library functions and methods go through `Runtime.call`.
extension Compiler {
    /// Add call-site information to an error leaving a call.
    func traced(_ error: Error, _ s: Site) -> Error {
        Compiler.traced(error, s, "<module>")
    }

    static func traced(_ error: Error, _ s: Site, _ function: String) -> Error {
        guard var e = error as? PyError else { return s.attach(error) }
        if e.location == nil {
            e.location = s.location
        } else if e.kind != .syntaxError {
            e.traceback.insert(TraceEntry(function: function, location: s.location), at: 0)
        }
        return e
    }

    struct CompiledArgs {
        var positional: [EvalBox]
        var keywords: [(String, EvalBox)]
        var stars: [(Int, EvalBox)]          // *seq inserted after that many positionals
        var doubleStars: [EvalBox]
        var simple: Bool { keywords.isEmpty && stars.isEmpty && doubleStars.isEmpty }
    }

    func compileArgs(_ args: [Arg]) throws -> CompiledArgs {
        var c = CompiledArgs(positional: [], keywords: [], stars: [], doubleStars: [])
        for a in args {
            switch a {
            case .positional(let e): c.positional.append(EvalBox(try compileExpr(e)))
            case .keyword(let n, let e, _): c.keywords.append((n, EvalBox(try compileExpr(e))))
            case .star(let e): c.stars.append((c.positional.count, EvalBox(try compileExpr(e))))
            case .doubleStar(let e): c.doubleStars.append(EvalBox(try compileExpr(e)))
            }
        }
        return c
    }

    /// Evaluate arguments into arrays (general path).
    static func evalArgs(_ c: CompiledArgs, _ fp: Fp, callee: Value? = nil) throws -> ([Value], [(String, Value)]) {
        var pos: [Value] = []
        pos.reserveCapacity(c.positional.count)
        var starIdx = 0
        for (k, e) in c.positional.enumerated() {
            while starIdx < c.stars.count && c.stars[starIdx].0 == k {
                pos.append(contentsOf: try CallArguments.starred(try c.stars[starIdx].1.run(fp), callee))
                starIdx += 1
            }
            pos.append(try e.run(fp))
        }
        while starIdx < c.stars.count {
            pos.append(contentsOf: try CallArguments.starred(try c.stars[starIdx].1.run(fp), callee))
            starIdx += 1
        }
        var kw: [(String, Value)] = []
        for (n, e) in c.keywords { kw.append((n, try e.run(fp))) }
        for e in c.doubleStars {
            var m = try e.run(fp)
            if case .object(let o as MappingSnapshot) = m { m = .dict(o.snapshot()) }
            guard case .dict(let d) = m else {
                throw PyError.type("\(CallArguments.describe(callee))argument after ** must be a mapping, not \(m.typeName)")
            }
            for (k, v) in zip(d.keys, d.values) {
                guard case .str(let ks) = k else { throw PyError.type("keywords must be strings") }
                if kw.contains(where: { $0.0 == ks }) { throw PyError.type("\(CallArguments.describe(callee))got multiple values for keyword argument '\(ks)'") }
                kw.append((ks, v))
            }
        }
        return (pos, kw)
    }

    func compileCall(_ callee: Expr, _ args: [Arg], _ p: Pos) throws -> Eval {
        let s = site(p)
        let fname = scope.isFunction ? scope.name : "<module>"
        if case .attribute(let obj, let name) = callee.kind {
            return try compileMethodCall(obj, name, args, s)
        }
        if args.isEmpty, case .name("super") = callee.kind, let sup = try compileZeroArgSuper(p) { return sup }
        if args.isEmpty, case .name(let n) = callee.kind, let introspection = compileScopeIntrospection(n, s) { return introspection }
        let ca = try compileArgs(args)
        let rt = self.rt
        if ca.simple, case .name(let n) = callee.kind, case .global(let cell) = resolve(n) {
            // `f(local ± constant)`: the argument arithmetic is done inline.
            var localPlus: (slot: Int, delta: Int)?
            if args.count == 1, case .positional(let argExpr) = args[0], case .binary(let op, let l, let r) = argExpr.kind,
               op == .add || op == .sub, let slot = localSlotOf(l), case .int(let delta) = r.kind {
                localPlus = (slot, op == .add ? delta : -delta)
            }
            let call = GlobalCallSite(rt: rt, cell: cell, args: ca.positional, localPlus: localPlus, builtin: rt.builtins[n],
                                      calleeSite: site(callee.pos), site: s, operation: operationSite(s), caller: fname,
                                      locals: Array(scope.slots.keys))
            return call.compiled()
        }
        let ce = try compileExpr(callee)
        let op = operationSite(s)
        if ca.simple {
            let es = ca.positional
            switch es.count {
            case 0:
                return { fp in
                    let c = try ce(fp)
                    do {
                        if case .function(let f) = c, f.nparams == 0 {
                            return try rt.runFrame(f, try rt.enter(f))
                        }
                        OperationSite.note(op)
                        return try rt.call(c, [])
                    } catch { throw Compiler.traced(error, s, fname) }
                }
            case 1:
                let e0 = es[0].run
                return { fp in
                    let c = try ce(fp)
                    let a0 = try e0(fp)
                    do {
                        if case .function(let f) = c, f.nparams == 1 {
                            return try rt.runFrame(f, try rt.enter(f, a0))
                        }
                        OperationSite.note(op)
                        return try rt.call(c, [a0])
                    } catch { throw Compiler.traced(error, s, fname) }
                }
            case 2:
                let e0 = es[0].run, e1 = es[1].run
                return { fp in
                    let c = try ce(fp)
                    let a0 = try e0(fp)
                    let a1 = try e1(fp)
                    do {
                        if case .function(let f) = c, f.nparams == 2 {
                            let base = try rt.enter(f)
                            base[1] = a0
                            base[2] = a1
                            return try rt.runFrame(f, base)
                        }
                        OperationSite.note(op)
                        return try rt.call(c, [a0, a1])
                    } catch { throw Compiler.traced(error, s, fname) }
                }
            default:
                return { fp in
                    let c = try ce(fp)
                    var vals: [Value] = []
                    vals.reserveCapacity(es.count)
                    for e in es { vals.append(try e.run(fp)) }
                    OperationSite.note(op)
                    do { return try rt.call(c, vals) } catch { throw Compiler.traced(error, s, fname) }
                }
            }
        }
        return { fp in
            let c = try ce(fp)
            do {
                let (pos, kw) = try Compiler.evalArgs(ca, fp, callee: c)
                OperationSite.note(op)
                return try rt.call(c, pos, keywords: kw)
            } catch { throw Compiler.traced(error, s, fname) }
        }
    }

    func compileMethodCall(_ obj: Expr, _ name: String, _ args: [Arg], _ s: Site) throws -> Eval {
        if let superCall = try compileSuperMethodCall(obj, name, args, s) { return superCall }
        let fname = scope.isFunction ? scope.name : "<module>"
        let oe = try compileExpr(obj)
        let ca = try compileArgs(args)
        let rt = self.rt
        let op = operationSite(s)
        let listM = Methods.list[name], dictM = Methods.dict[name], strM = Methods.str[name]
        if name == "append" && ca.simple && ca.positional.count == 1 {
            let e0 = ca.positional[0].run
            return { fp in
                let r = try oe(fp)
                let a0 = try e0(fp)
                if case .list(let l) = r {
                    l.items.append(a0)
                    return .none
                }
                OperationSite.note(op)
                do { return try Compiler.dispatchMethod(rt, r, name, [a0], [], nil, dictM, strM) } catch { throw Compiler.traced(error, s, fname) }
            }
        }
        let cache = AttributeCache()
        let native = NativeMethodCache()
        if ca.simple && ca.positional.count <= 2 {
            // obj.m(), obj.m(a), obj.m(a, b): a user method found by the site's cache runs in a
            // frame filled directly, without the argument arrays.
            let es = ca.positional.map(\.run)
            let argc = es.count
            // `d.get(k)` / `d.get(k, default)` on a plain dict, without the argument array.
            let isDictGet = name == "get" && argc >= 1
            return { fp in
                let r = try oe(fp)
                let a0 = argc > 0 ? try es[0](fp) : .none
                let a1 = argc > 1 ? try es[1](fp) : .none
                do {
                    if isDictGet, case .dict(let d) = r, d.flavor == nil {
                        OperationSite.note(op)
                        return try d.lookup(a0) ?? a1
                    }
                    if let i = r.userInstance {
                        if let f = cache.method(i, name), let v = try rt.callMethodDirect(f, r, argc: argc, a0, a1) {
                            return v
                        }
                        // Not a plain method (a sub-module or callable held by the instance, a
                        // library base's method): getattr through the site's cache, then call.
                        OperationSite.note(op)
                        return try rt.call(try cache.load(i, name), argc == 0 ? [] : argc == 1 ? [a0] : [a0, a1], keywords: [])
                    }
                    let pos = argc == 0 ? [] : argc == 1 ? [a0] : [a0, a1]
                    OperationSite.note(op)
                    if case .object(let o) = r, let v = try Compiler.callNative(native, rt, o, name, pos, []) { return v }
                    return try Compiler.dispatchMethod(rt, r, name, pos, [], listM, dictM, strM)
                } catch { throw Compiler.traced(error, s, fname) }
            }
        }
        return { fp in
            let r = try oe(fp)
            do {
                let (pos, kw) = try Compiler.evalArgs(ca, fp)
                if let i = r.userInstance {
                    if let f = cache.method(i, name) { return try rt.callFunction(f, [r] + pos, kw) }
                    OperationSite.note(op)
                    return try rt.call(try cache.load(i, name), pos, keywords: kw)
                }
                OperationSite.note(op)
                if case .object(let o) = r, let v = try Compiler.callNative(native, rt, o, name, pos, kw) { return v }
                return try Compiler.dispatchMethod(rt, r, name, pos, kw, listM, dictM, strM)
            } catch { throw Compiler.traced(error, s, fname) }
        }
    }

    /// `o.name(pos, kw)` through the site's cache of library methods and module members;
    /// nil when the cache does not apply (the general dispatch then runs).
    @inline(__always)
    static func callNative(_ native: NativeMethodCache, _ rt: Runtime, _ o: NativeObject, _ name: String,
                           _ pos: [Value], _ kw: [(String, Value)]) throws -> Value? {
        if let (inst, m) = native.method(o, name) {
            return try m.body(inst, try Arguments.bind(name, m.params, pos, kw, acceptsExtra: false, runtime: rt))
        }
        if let f = native.moduleMember(o, name) { return try rt.call(f, pos, keywords: kw) }
        return nil
    }

    static func dispatchMethod(_ rt: Runtime, _ r: Value, _ name: String, _ pos: [Value], _ kw: [(String, Value)],
                               _ listM: Methods.Impl?, _ dictM: Methods.Impl?, _ strM: Methods.Impl?) throws -> Value {
        switch r {
        case .object(let o): return try o.callMethod(name, pos, kw, runtime: rt)
        case .list: if let m = listM { return try m(rt, r, pos, kw) }
        case .dict(let d):
            if let f = d.flavor, let m = CollectionsModule.methods(f.kind)[name] { return try m(rt, r, pos, kw) }
            if let m = dictM { return try m(rt, r, pos, kw) }
        case .str: if let m = strM { return try m(rt, r, pos, kw) }
        default: break
        }
        let f = try Attributes.get(r, name)
        return try rt.call(f, pos, keywords: kw)
    }

    // MARK: function definitions

    /// Compile a `def` or `lambda` body; returns an Eval that creates the function object
    /// (evaluating defaults and capturing the cells of enclosing variables at definition time).
    func compileFunction(name: String, params: [ParamDecl], body: [Stmt], doc: String?, isLambda: Bool, pos: Pos) throws -> Eval {
        let defaultEvals = try params.compactMap { p in try p.defaultValue.map { EvalBox(try compileExpr($0)) } }
        let outer = scope
        let fscope = Scope(function: true, name: name, parent: outer)
        if !isLambda { fscope.selfName = name }
        for p in params { fscope.slots[p.name] = fscope.newSlot() }
        fscope.paramCount = params.count
        let decl = ScopeAnalysis.declarations(body)
        fscope.declaredGlobal = decl.globals
        fscope.declaredNonlocal = decl.nonlocals
        fscope.isGenerator = decl.yields
        if decl.yields && isLambda { throw syntaxError("'yield' inside a lambda is not supported", pos) }
        let sentSlot = decl.yields ? fscope.newSlot() : 0
        for n in decl.assigned where fscope.slots[n] == nil { fscope.slots[n] = fscope.newSlot() }
        let cellNames = NameWalker.cellNames(params: params, body: body)
        var ownCells: [Int] = []
        for n in cellNames.sorted() {
            if let k = fscope.slots[n] {
                fscope.cellSlots.insert(k)
                ownCells.append(k)
            }
        }
        for n in decl.nonlocals.sorted() {
            if decl.globals.contains(n) { throw syntaxError("name '\(n)' is nonlocal and global", pos) }
            if params.contains(where: { $0.name == n }) { throw syntaxError("name '\(n)' is parameter and nonlocal", pos) }
            guard outer.isFunction || outer.isClass, outer.resolvesForNested(n) || (outer.isClass && outer.parent?.resolvesForNested(n) == true),
                  fscope.localSlot(n) != nil else {
                throw syntaxError("no binding for nonlocal '\(n)' found", pos)
            }
        }
        let qualName = Compiler.qualifiedName(name, in: outer, isLambda: isLambda)
        scope = fscope
        var bodyExec: Exec
        do {
            defer { scope = outer }
            bodyExec = decl.yields ? try compileGenBlock(body, sentSlot: sentSlot) : try compileBlock(body)
        }
        if !ownCells.isEmpty && !decl.yields {
            let inner = bodyExec, cells = ownCells
            bodyExec = { fp in
                Cell.makeCells(fp, cells)
                return try inner(fp)
            }
        }
        // A nested function that calls itself gets itself in its own slot; the other
        // captured variables are the cells of the defining scope.
        let selfSlot = fscope.captures.first { $0.name == name && !isLambda }?.slot ?? -1
        let captures = fscope.captures.filter { $0.slot != selfSlot }
        let captureSlots = captures.map { $0.slot }
        var sources: [(slot: Int, isCell: Bool)] = []
        for c in captures {
            guard let k = outer.captureSource(c.name) else { throw syntaxError("no binding for '\(c.name)' found", pos) }
            sources.append((k, outer.cellSlots.contains(k)))
        }
        let paramNames = params.map { $0.name }
        let layout = ParamLayout(params)
        let frameSize = fscope.size
        let s = site(pos)
        let isGenerator = fscope.isGenerator
        return { fp in
            var defaults: [Value] = []
            for d in defaultEvals { defaults.append(try d.run(fp)) }
            var captured: [Value] = []
            for src in sources { captured.append(src.isCell ? fp[src.slot] : .object(Cell(fp[src.slot]))) }
            let f = FunctionObject(name: name, params: paramNames, defaults: defaults, frameSize: frameSize, doc: doc,
                                   isLambda: isLambda, site: s, captured: captured, capturedSlots: captureSlots,
                                   selfSlot: selfSlot, layout: layout, isGenerator: isGenerator, body: bodyExec)
            f.qualName = qualName
            if isGenerator {
                f.sentSlot = sentSlot
                f.cellSlotsOnEntry = ownCells
            }
            return .function(f)
        }
    }

    /// CPython's `__qualname__`: `C.method`, `outer.<locals>.inner`, `f`.
    static func qualifiedName(_ name: String, in outer: Scope, isLambda: Bool) -> String {
        var parts: [String] = [isLambda ? "<lambda>" : name]
        var s: Scope? = outer
        while let sc = s, sc.isFunction || sc.isClass {
            parts.insert(sc.isClass ? sc.name : sc.name + ".<locals>", at: 0)
            s = sc.parent
        }
        return parts.joined(separator: ".")
    }
}
