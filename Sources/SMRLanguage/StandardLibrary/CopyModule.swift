/// `import copy`: `copy(x)` and `deepcopy(x)` with Python's rules: numbers, strings,
/// tuples of immutables, functions and classes are returned as they are; lists, dicts
/// (with their Counter/defaultdict/OrderedDict flavour), sets, deques and instances of
/// user classes are copied (`__copy__` / `__deepcopy__` are honoured); library objects
/// copy themselves through `NativeObject.copied` (a tensor becomes a clone); a deep copy
/// keeps shared and cyclic references shared, as its memo does in Python.
enum CopyModule {
    static func make() -> NativeModule {
        let m = NativeModule("copy", doc: """
            Shallow and deep copies.
                b = copy.copy(a)        # a new container holding the same items
                c = copy.deepcopy(a)    # a new container holding copies of the items, recursively
            """)
        m.function("copy", doc: "A shallow copy of x.", params: [Param("x")]) { a in
            try shallow(a["x"], a.runtime)
        }
        m.function("deepcopy", doc: "A deep copy of x (shared references stay shared).",
                   params: [Param("x"), Param("memo", .any, default: .none)]) { a in
            var copier = DeepCopier(rt: a.runtime)
            return try DeepCopyScope.during { try copier.copy(a["x"]) }
        }
        return m
    }

    static func uncopyable(_ v: Value) -> PyError {
        PyError.type("cannot pickle '\(v.typeName)' object")
    }

    static func shallow(_ v: Value, _ rt: Runtime) throws -> Value {
        switch v {
        case .unbound, .none, .bool, .int, .float, .str, .tuple, .range, .function, .builtin: return v
        case .list(let l): return .list(ListObject(l.items))
        case .dict(let d):
            let c = d.copy()
            c.flavor = d.flavor?.copy()
            return .dict(c)
        case .iterator: throw uncopyable(v)
        case .object(let m as NamespaceView): return .dict(m.snapshot())
        case .object(let o):
            if o.isUserInstance {
                let inst = unsafeDowncast(o, to: InstanceObject.self)
                if inst.cls.lookup("__copy__") != nil { return try rt.call(try Attributes.get(v, "__copy__"), []) }
                let c = InstanceObject(inst.cls)
                c.slots = inst.slots
                c.exceptionArgs = inst.exceptionArgs
                c.nativeState = inst.nativeState
                return .object(c)
            }
            if let s = o as? SetObject {
                if s.frozen { return v }
                let c = SetObject()
                for x in s.items { try c.add(x) }
                return .object(c)
            }
            if let r = try o.copied(deep: false, { $0 }) { return r }
            if o is NativeModule { throw uncopyable(v) }
            if o is NativeType || o is ClassObject || o is ExceptionObject { return v }
            throw PyError.type("copy.copy() of '\(o.typeName)' objects is not supported")
        }
    }

    struct DeepCopier {
        let rt: Runtime
        var memo: [ObjectIdentifier: Value] = [:]
        var depth = 0

        init(rt: Runtime) { self.rt = rt }

        mutating func copy(_ v: Value) throws -> Value {
            guard let id = HashKey.identity(v) else { return v }
            if let done = memo[id] { return done }
            depth += 1
            defer { depth -= 1 }
            if depth > 900 { throw PyError(.recursionError, "maximum recursion depth exceeded while calling a Python object") }
            switch v {
            case .function, .builtin, .range: return v
            case .list(let l):
                let c = ListObject()
                memo[id] = .list(c)
                c.items = try l.items.map { try copy($0) }
                return .list(c)
            case .tuple(let t):
                let items = try t.items.map { try copy($0) }
                if let done = memo[id] { return done }
                let same = zip(items, t.items).allSatisfy { Compare.identical($0, $1) }
                let r: Value = same ? v : .tuple(items)
                memo[id] = r
                return r
            case .dict(let d):
                let c = DictObject()
                c.flavor = d.flavor?.copy()
                memo[id] = .dict(c)
                for (k, x) in zip(d.keys, d.values) { try c.set(try copy(k), try copy(x)) }
                return .dict(c)
            case .iterator: throw uncopyable(v)
            case .object(let o):
                if o.isUserInstance { return try instance(unsafeDowncast(o, to: InstanceObject.self), id) }
                if let s = o as? SetObject {
                    let c = SetObject(frozen: s.frozen)
                    memo[id] = .object(c)
                    for x in s.items { try c.add(try copy(x)) }
                    return .object(c)
                }
                var inner = self
                let r = try o.copied(deep: true) { try inner.copy($0) }
                self = inner
                if let r {
                    memo[id] = r
                    return r
                }
                if o is NativeModule { throw uncopyable(v) }
                if o is NativeType || o is ClassObject || o is ExceptionObject { return v }
                throw PyError.type("copy.deepcopy() of '\(o.typeName)' objects is not supported")
            default: return v
            }
        }

        mutating func instance(_ inst: InstanceObject, _ id: ObjectIdentifier) throws -> Value {
            let v = Value.object(inst)
            if inst.cls.lookup("__deepcopy__") != nil {
                let r = try rt.call(try Attributes.get(v, "__deepcopy__"), [.dict(DictObject())])
                memo[id] = r
                return r
            }
            let c = InstanceObject(inst.cls)
            memo[id] = .object(c)
            if let state = inst.nativeState {
                guard let s = state as? DeepCopyableState else {
                    throw PyError.type("copy.deepcopy() of '\(inst.className)' objects (derived from a library class) is not supported")
                }
                var inner = self
                c.nativeState = try s.deepCopy { try inner.copy($0) }
                self = inner
            }
            c.exceptionArgs = inst.exceptionArgs
            c.slots = try inst.slots.map { try copy($0) }
            return .object(c)
        }
    }
}

/// State a library base class keeps for a user instance (`InstanceObject.nativeState`) that
/// can be deep-copied; `copyValue` deep-copies the language values it holds, with the memo.
public protocol DeepCopyableState: AnyObject {
    func deepCopy(_ copyValue: (Value) throws -> Value) throws -> AnyObject
}

/// State that library objects share for the length of one top-level `copy.deepcopy` call,
/// as Python's memo is shared: e.g. which tensors were copied already, so that a model and
/// its optimizer copied together (`deepcopy((model, opt))`, or an agent object holding both)
/// give an optimizer over the copied model's parameters.
public enum DeepCopyScope {
    nonisolated(unsafe) private static var depth = 0
    nonisolated(unsafe) private static var shared: [String: AnyObject] = [:]

    /// The scope's object under `key`, made on first use. Outside a deep copy each call
    /// gets a fresh object.
    public static func value<T: AnyObject>(_ key: String, make: () -> T) -> T {
        if let v = shared[key] as? T { return v }
        let v = make()
        if depth > 0 { shared[key] = v }
        return v
    }

    static func during<R>(_ body: () throws -> R) rethrows -> R {
        depth += 1
        defer {
            depth -= 1
            if depth == 0 { shared.removeAll() }
        }
        return try body()
    }
}
