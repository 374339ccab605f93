/// Compiles the AST into Swift closures. Variables are resolved to frame slots (locals)
/// or to global cells at compile time, so running code never looks names up by string.
final class Compiler {
    let rt: Runtime
    let info: SourceInfo
    var scope: Scope
    /// Frame slots holding the exception of each enclosing `except` block (for bare `raise`).
    var exceptSlots: [(scope: Scope, slot: Int)] = []

    init(runtime: Runtime, info: SourceInfo, scope: Scope) {
        rt = runtime
        self.info = info
        self.scope = scope
    }

    func site(_ p: Pos) -> Site { Site(info: info, pos: p) }

    /// The site of an operation that may reach library code, for `OperationSite.note`.
    func operationSite(_ s: Site) -> OperationSite {
        OperationSite(s, function: scope.isFunction ? scope.name : "<module>")
    }

    func syntaxError(_ message: String, _ p: Pos) -> PyError {
        PyError(.syntaxError, message, location: info.location(p))
    }

    enum VarRef {
        case local(Int)
        /// A slot holding the variable's `Cell` (captured, or used by nested functions).
        case cell(Int)
        case global(GlobalCell)
    }

    func resolve(_ name: String) -> VarRef {
        if let s = scope.localSlot(name) { return scope.cellSlots.contains(s) ? .cell(s) : .local(s) }
        return .global(rt.globals.cell(name))
    }

    static func freeVariableError(_ name: String) -> PyError {
        PyError(.nameError, "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope")
    }

    // MARK: names

    static func unboundLocal(_ name: String) -> PyError {
        PyError(.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
    }

    static func nameError(_ rt: Runtime, _ name: String, _ locals: [String]) -> PyError {
        let candidates = locals + rt.globals.boundNames + (Array(rt.builtins.keys) + ["True", "False", "None"]).sorted()
        return PyError(.nameError, "name '\(name)' is not defined" + Suggestions.hint(name, candidates))
    }

    func compileLoad(_ name: String, _ p: Pos) -> Eval {
        let s = site(p)
        switch resolve(name) {
        case .local(let k):
            return { fp in
                switch fp[k] {
                case .int(let i): return .int(i)  // numbers are copied inline, not through the generic copy
                case .float(let d): return .float(d)
                case .unbound: throw s.attach(Compiler.unboundLocal(name))
                default: return fp[k]
                }
            }
        case .cell(let k):
            let isFree = scope.captures.contains { $0.slot == k }
            return { fp in
                let v = Cell.at(fp + k)?.value ?? .unbound
                if case .unbound = v {
                    throw s.attach(isFree ? Compiler.freeVariableError(name) : Compiler.unboundLocal(name))
                }
                return v
            }
        case .global(let cell):
            let builtin = rt.builtins[name]
            let rt = self.rt
            let locals = Array(scope.slots.keys)
            return { _ in
                switch cell.ptr.pointee {
                case .int(let i): return .int(i)
                case .float(let d): return .float(d)
                case .unbound:
                    if let b = builtin { return b }
                    throw s.attach(Compiler.nameError(rt, name, locals))
                default: return cell.ptr.pointee
                }
            }
        }
    }

    // MARK: assignment targets

    static func unpack(_ v: Value, _ n: Int) throws -> [Value] {
        let items: [Value]
        switch v {
        case .tuple(let t): items = t.items
        case .list(let l): items = l.items
        default:
            switch v {
            case .str, .dict, .range, .iterator, .object: items = try Iteration.toArray(v)
            default: throw PyError.type("cannot unpack non-iterable \(v.typeName) object")
            }
        }
        if items.count != n {
            if items.count > n { throw PyError.value("too many values to unpack (expected \(n))") }
            throw PyError.value("not enough values to unpack (expected \(n), got \(items.count))")
        }
        return items
    }

    func compileStore(_ t: Expr) throws -> Store {
        let s = site(t.pos)
        switch t.kind {
        case .name(let n):
            switch resolve(n) {
            case .local(let k): return { fp, v in fp[k] = v }
            case .cell(let k): return { fp, v in Cell.at(fp + k)?.value = v }
            case .global(let cell): return { _, v in cell.store(v) }
            }
        case .attribute(let o, let name):
            let oe = try compileExpr(o)
            let cache = AttributeCache()
            return { fp, v in
                let obj = try oe(fp)
                do {
                    if let i = obj.userInstance { return try cache.store(i, name, v) }
                    try Attributes.set(obj, name, v)
                } catch { throw s.attach(error) }
            }
        case .index(let o, let i):
            let oe = try compileExpr(o)
            if case .slice(let lo, let hi, let st) = i.kind {
                let l = try lo.map(compileExpr), h = try hi.map(compileExpr), sp = try st.map(compileExpr)
                return { fp, v in
                    let c = try oe(fp)
                    do {
                        let a = try l.map { try Subscript.sliceBound(try $0(fp)) } ?? nil
                        let b = try h.map { try Subscript.sliceBound(try $0(fp)) } ?? nil
                        let stp = try sp.map { try Subscript.sliceBound(try $0(fp)) } ?? nil
                        if case .object(let o) = c, !o.isUserInstance {
                            // numpy arrays and other objects take the slice as an index.
                            let bound: (Int?) -> Value = { $0.map(Value.int) ?? .none }
                            return try o.setItem(.object(SliceObject(bound(a), bound(b), bound(stp))), v)
                        }
                        guard case .list(let list) = c else { throw PyError.type("'\(c.typeName)' object does not support slice assignment") }
                        try Subscript.setSlice(list, a, b, stp, try Iteration.toArray(v))
                    } catch { throw s.attach(error) }
                }
            }
            let ie = try compileExpr(i)
            return { fp, v in
                let c = try oe(fp)
                let idx = try ie(fp)
                do { try Subscript.setItem(c, idx, v) } catch { throw s.attach(error) }
            }
        case .tuple(let xs), .list(let xs):
            if let star = xs.firstIndex(where: Compiler.isStarred) { return try compileStarredStore(xs, star, s) }
            let stores = try xs.map(compileStore)
            let n = stores.count
            return { fp, v in
                let items: [Value]
                do { items = try Compiler.unpack(v, n) } catch { throw s.attach(error) }
                for k in 0..<n { try stores[k](fp, items[k]) }
            }
        default:
            throw syntaxError("cannot assign to expression", t.pos)
        }
    }
}
