/// `super().name(a, b)` inside a method: the common case (an instance receiver, a plain
/// function found after `__class__` in the receiver's MRO) calls the function directly in a
/// frame filled from the arguments, without making a `super` object or argument arrays.
/// Anything else takes the general path (a `SuperObject` and its `callMethod`).
extension Compiler {
    /// The fast `super().name(...)` call, or nil when the site does not qualify (then the
    /// caller compiles the general method call).
    func compileSuperMethodCall(_ obj: Expr, _ name: String, _ args: [Arg], _ s: Site) throws -> Eval? {
        guard case .call(let callee, let superArgs) = obj.kind, superArgs.isEmpty, case .name("super") = callee.kind,
              args.count <= 2, args.allSatisfy({ if case .positional = $0 { return true }; return false }),
              scope.isFunction, scope.paramCount > 0, case .global = resolve("super"),
              let cellSlot = scope.localSlot("__class__"), scope.cellSlots.contains(cellSlot),
              let general = try compileZeroArgSuper(obj.pos) else { return nil }
        let ca = try compileArgs(args)
        let fname = scope.name
        let rt = self.rt
        let op = operationSite(s)
        let es = ca.positional.map(\.run)
        let argc = es.count
        let cache = SuperMethodCache()
        return { fp in
            // The receiver and class exactly as compileZeroArgSuper reads them; anything
            // unusual (a deleted self, a cell without a class) goes through it for its errors.
            var receiver = fp[1]
            if case .object(let c as Cell) = receiver { receiver = c.value }
            if case .object(let c as Cell) = fp[cellSlot], case .object(let start as ClassObject) = c.value,
               let inst = receiver.userInstance, let f = cache.function(inst.cls, start, name) {
                let a0 = argc > 0 ? try es[0](fp) : .none
                let a1 = argc > 1 ? try es[1](fp) : .none
                do {
                    if let v = try rt.callMethodDirect(f, receiver, argc: argc, a0, a1) { return v }
                    let pos = argc == 0 ? [receiver] : argc == 1 ? [receiver, a0] : [receiver, a0, a1]
                    return try rt.callFunction(f, pos, [])
                } catch { throw Compiler.traced(error, s, fname) }
            }
            let sup = try general(fp)
            var pos: [Value] = []
            for e in es { pos.append(try e(fp)) }
            OperationSite.note(op)
            do { return try Compiler.dispatchMethod(rt, sup, name, pos, [], nil, nil, nil) } catch {
                throw Compiler.traced(error, s, fname)
            }
        }
    }
}

/// What `super().name` finds for one site: the plain function defined by the first class
/// after `start` in the receiver class's MRO, remembered for the last receiver class at its
/// current version (a class's version changes with its own or any base's attributes, and an
/// MRO never changes, so a current entry is what a fresh search would find).
final class SuperMethodCache {
    private var cls: ClassObject?
    private var start: ClassObject?
    private var version = -1
    private var found: FunctionObject?

    @inline(__always)
    func function(_ c: ClassObject, _ s: ClassObject, _ name: String) -> FunctionObject? {
        if c === cls && s === start && c.version == version { return found }
        found = Self.search(c, s, name)
        cls = c
        start = s
        version = c.version
        return found
    }

    /// `SuperObject.found` restricted to plain functions: nil when the name is not found or
    /// is something else (a property, a static method, …), which the general path handles.
    private static func search(_ c: ClassObject, _ s: ClassObject, _ name: String) -> FunctionObject? {
        let mro = c.mro
        let startIndex = (mro.firstIndex { $0 === s } ?? mro.count - 1) + 1
        for k in mro[startIndex...] {
            if let v = k.ownAttribute(name) {
                if case .function(let f) = v { return f }
                return nil
            }
        }
        return nil
    }
}
