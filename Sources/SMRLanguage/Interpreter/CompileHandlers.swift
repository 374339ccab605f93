/// `try`/`except`/`else`/`finally`, `raise` and `with` statements.
extension Compiler {
    func compileTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]?, _ fin: [Stmt]?) throws -> Exec {
        struct Handler {
            let spec: Eval?
            let store: Store?
            let slot: Int
            let body: Exec
            let site: Site
        }
        let tryBody = try compileBlock(body)
        var hs: [Handler] = []
        for h in handlers {
            let spec = try h.type.map(compileExpr)
            let store = try h.name.map { try compileStore(Expr(kind: .name($0), pos: h.pos)) }
            let slot = scope.newSlot()
            exceptSlots.append((scope, slot))
            defer { exceptSlots.removeLast() }
            hs.append(Handler(spec: spec, store: store, slot: slot, body: try compileBlock(h.body), site: site(h.type?.pos ?? h.pos)))
        }
        let elseBody = try orelse.map(compileBlock)
        let finBody = try fin.map(compileBlock)
        let rt = self.rt
        return { fp in
            var flow = Flow.normal
            do {
                var failed = false
                do {
                    flow = try tryBody(fp)
                } catch {
                    failed = true
                    let err = Exceptions.pyError(error)
                    guard let (h, exc) = try Compiler.handler(for: err, in: hs.map { ($0.spec, $0.site) }, fp) else { throw err }
                    let handler = hs[h]
                    fp[handler.slot] = .object(exc)
                    defer {
                        fp[handler.slot] = .unbound
                        if let st = handler.store { try? st(fp, .unbound) }
                    }
                    if let st = handler.store { try st(fp, .object(exc)) }
                    flow = try handler.body(fp)
                }
                if !failed, flow == .normal, let e = elseBody { flow = try e(fp) }
            } catch {
                // `finally` runs; a return/break/continue in it discards the error, as in Python.
                if let f = finBody {
                    let ff = try f(fp)
                    if ff != .normal { return ff }
                }
                throw error
            }
            _ = rt
            if let f = finBody {
                let ff = try f(fp)
                if ff != .normal { return ff }
            }
            return flow
        }
    }

    /// The first handler whose class matches, with the exception object to bind.
    static func handler(for err: PyError, in specs: [(Eval?, Site)], _ fp: Fp) throws -> (Int, NativeObject)? {
        for (k, (spec, s)) in specs.enumerated() {
            if let spec {
                let cls = try spec(fp)
                let hit: Bool
                do { hit = try Exceptions.matches(err, cls) } catch { throw s.attach(error) }
                if !hit { continue }
            }
            return (k, Exceptions.object(for: err))
        }
        return nil
    }

    func compileRaise(_ e: Expr?, _ cause: Expr?, _ p: Pos) throws -> Exec {
        let s = site(p)
        let rt = self.rt
        guard let e else {
            // Bare `raise`: the exception of the innermost enclosing `except` block.
            guard let slot = exceptSlots.last(where: { $0.scope === scope })?.slot else {
                return { _ in throw s.attach(PyError.runtime("No active exception to reraise")) }
            }
            return { fp in
                guard case .object(let o) = fp[slot] else {
                    throw s.attach(PyError.runtime("No active exception to reraise"))
                }
                var err = try (o as? ExceptionObject)?.error ?? Exceptions.toRaise(fp[slot], rt)
                err.location = nil
                throw s.attach(err)
            }
        }
        let ee = try compileExpr(e)
        let ce = try cause.map(compileExpr)
        return { fp in
            let v = try ee(fp)
            let c = try ce?(fp)
            let err: PyError
            do {
                err = try Exceptions.toRaise(v, rt)
                if let c { try Exceptions.setCause(err, c, rt) }
            } catch { throw s.attach(error) }
            throw s.attach(err)
        }
    }

    /// `with a as x, b: body` runs as `with a as x: with b: body`.
    func compileWith(_ items: [(Expr, Expr?)], _ body: [Stmt]) throws -> Exec {
        var exec = try compileBlock(body)
        for (manager, target) in items.reversed() {
            exec = try compileWithItem(manager, target, exec)
        }
        return exec
    }

    private func compileWithItem(_ manager: Expr, _ target: Expr?, _ inner: @escaping Exec) throws -> Exec {
        let me = try compileExpr(manager)
        let store = try target.map(compileStore)
        let s = site(manager.pos)
        let rt = self.rt
        return { fp in
            let mgr = try me(fp)
            let entered: Value
            do { entered = try ContextManager.enter(rt, mgr) } catch { throw s.attach(error) }
            let flow: Flow
            do {
                if let st = store { try st(fp, entered) }
                flow = try inner(fp)
            } catch {
                let err = Exceptions.pyError(error)
                let suppress: Bool
                do { suppress = try ContextManager.exit(rt, mgr, err) } catch { throw s.attach(error) }
                if suppress { return .normal }
                throw err
            }
            do { _ = try ContextManager.exit(rt, mgr, nil) } catch { throw s.attach(error) }
            return flow
        }
    }
}

/// The context manager protocol: `__enter__()` on entry, `__exit__(type, value, tb)`
/// on the way out; a true result from `__exit__` suppresses the exception.
enum ContextManager {
    static func method(_ mgr: Value, _ name: String) throws -> Value {
        guard case .object(let o) = mgr else {
            throw PyError.type("'\(mgr.typeName)' object does not support the context manager protocol")
        }
        do { return try o.getAttribute(name) } catch let e as PyError where e.kind == .attributeError {
            throw PyError.type("'\(mgr.typeName)' object does not support the context manager protocol")
        }
    }

    static func enter(_ rt: Runtime, _ mgr: Value) throws -> Value {
        let enter = try method(mgr, "__enter__")
        _ = try method(mgr, "__exit__")
        return try rt.call(enter, [])
    }

    static func exit(_ rt: Runtime, _ mgr: Value, _ error: PyError?) throws -> Bool {
        let exit = try method(mgr, "__exit__")
        guard let error else { return try rt.call(exit, [.none, .none, .none]).isTruthy }
        var cls = rt.builtins[error.kind.name] ?? .none
        if let inst = error.raised?.object as? InstanceObject { cls = .object(inst.cls) }
        return try rt.call(exit, [cls, .object(Exceptions.object(for: error)), .none]).isTruthy
    }
}
