/// `import functools`: `reduce`, `partial`, `wraps`/`update_wrapper`, `lru_cache`/`cache`,
/// `cmp_to_key` and `total_ordering`, with CPython's behaviour and messages.
enum FunctoolsModule {
    static func make() -> NativeModule {
        let m = NativeModule("functools", doc: """
            Higher-order functions, as Python's functools.
                functools.reduce(lambda a, b: a * b, [1, 2, 3, 4])   # 24
                add10 = functools.partial(add, 10)
                @functools.lru_cache(maxsize=None)
                def fib(n): ...
            """)
        m.add(BuiltinFunction(raw: "reduce", signature: "reduce(function, iterable[, initial])",
                              doc: "Apply function cumulatively to the items of iterable, from left to right.") { rt, a, kw in
            guard kw.isEmpty else { throw PyError.type("reduce() takes no keyword arguments") }
            guard (2...3).contains(a.count) else {
                throw PyError.type(a.count < 2 ? "reduce expected at least 2 arguments, got \(a.count)" : "reduce expected at most 3 arguments, got \(a.count)")
            }
            let next: () throws -> Value?
            do { next = try Iteration.makeIterator(a[1]) } catch {
                throw PyError.type("reduce() arg 2 must support iteration")
            }
            var acc: Value? = a.count == 3 ? a[2] : nil
            while let x = try next() {
                acc = try acc.map { try rt.call(a[0], [$0, x]) } ?? x
            }
            guard let r = acc else { throw PyError.type("reduce() of empty iterable with no initial value") }
            return r
        })
        m.add(BuiltinFunction(raw: "partial", signature: "partial(func, /, *args, **keywords)",
                              doc: "A new function that calls func with args and keywords before the call's own.") { _, a, kw in
            guard let f = a.first else { throw PyError.type("type 'partial' takes at least one argument") }
            guard Builtins.isCallable(f) else { throw PyError.type("the first argument must be callable") }
            return .object(PartialObject(f, Array(a.dropFirst()), kw))
        })
        m.add(BuiltinFunction(raw: "update_wrapper", signature: "update_wrapper(wrapper, wrapped)",
                              doc: "Copy __module__, __name__, __qualname__, __doc__ and __dict__ of wrapped onto wrapper.") { _, a, kw in
            let all = a + kw.map { $0.1 }
            guard all.count >= 2 else { throw PyError.type("update_wrapper() missing 1 required positional argument: 'wrapped'") }
            return try updateWrapper(all[0], all[1])
        })
        m.add(BuiltinFunction(raw: "wraps", signature: "wraps(wrapped)",
                              doc: "A decorator that makes the decorated wrapper look like wrapped (update_wrapper).") { _, a, _ in
            guard a.count == 1 else { throw PyError.type("wraps() missing 1 required positional argument: 'wrapped'") }
            let wrapped = a[0]
            return .builtin(BuiltinFunction(raw: "update_wrapper", signature: "update_wrapper(wrapper)", doc: "") { _, w, _ in
                guard w.count == 1 else { throw PyError.type("update_wrapper() missing 1 required positional argument: 'wrapper'") }
                return try updateWrapper(w[0], wrapped)
            })
        })
        m.add(BuiltinFunction(raw: "lru_cache", signature: "lru_cache(maxsize=128, typed=False)",
                              doc: "A decorator that remembers the results of the most recent maxsize calls (all, when maxsize is None).") { _, a, kw in
            var maxsize: Value = .int(128)
            var first = a.first
            for (n, v) in kw {
                switch n {
                case "maxsize": maxsize = v
                case "typed": break
                default: throw PyError.type("lru_cache() got an unexpected keyword argument '\(n)'")
                }
            }
            if let f = first, Builtins.isCallable(f), !f.isNone, f.asInt == nil {
                return .object(LRUCacheObject(f, maxsize: 128))
            }
            if let f = first { maxsize = f; first = nil }
            let limit: Int?
            if maxsize.isNone {
                limit = nil
            } else {
                guard let n = maxsize.asInt else { throw PyError.type("Expected first argument to be an integer, a callable, or None") }
                limit = max(0, n)
            }
            return .builtin(BuiltinFunction(raw: "decorating_function", signature: "decorating_function(user_function)", doc: "") { _, f, _ in
                guard f.count == 1 else { throw PyError.type("decorating_function() takes exactly one argument") }
                return .object(LRUCacheObject(f[0], maxsize: limit))
            })
        })
        m.add(BuiltinFunction(raw: "cache", signature: "cache(user_function)",
                              doc: "A decorator that remembers every result (lru_cache(maxsize=None)).") { _, a, _ in
            guard a.count == 1 else { throw PyError.type("cache() takes exactly one argument (\(a.count) given)") }
            return .object(LRUCacheObject(a[0], maxsize: nil))
        })
        m.add(BuiltinFunction(raw: "cmp_to_key", signature: "cmp_to_key(mycmp)",
                              doc: "A key function for sorted() from an old-style comparison function (negative, zero, positive).") { rt, a, _ in
            guard a.count == 1 else { throw PyError.type("cmp_to_key() missing required argument 'mycmp' (pos 1)") }
            let cmp = a[0]
            return .builtin(BuiltinFunction(raw: "K", signature: "K(obj)", doc: "") { _, x, _ in
                guard x.count == 1 else { throw PyError.type("K() takes exactly 1 argument (\(x.count) given)") }
                return .object(ComparisonKey(x[0], cmp, rt))
            })
        })
        m.add(BuiltinFunction(raw: "total_ordering", signature: "total_ordering(cls)",
                              doc: "A class decorator that fills in the missing ordering methods from __eq__ and one of __lt__, __le__, __gt__, __ge__.") { rt, a, _ in
            guard a.count == 1, case .object(let cls as ClassObject) = a[0] else {
                throw PyError.type("total_ordering() expects a class")
            }
            try totalOrdering(cls, rt)
            return a[0]
        })
        return m
    }

    static func updateWrapper(_ wrapper: Value, _ wrapped: Value) throws -> Value {
        for name in ["__module__", "__name__", "__qualname__", "__doc__"] {
            if let v = try? Attributes.get(wrapped, name) { try? Attributes.set(wrapper, name, v) }
        }
        if case .dict(let src)? = try? Attributes.get(wrapped, "__dict__"), case .dict(let dst)? = try? Attributes.get(wrapper, "__dict__") {
            for (k, v) in zip(src.keys, src.values) { try dst.set(k, v) }
        }
        try Attributes.set(wrapper, "__wrapped__", wrapped)
        return wrapper
    }

    /// The methods `total_ordering` derives from a root comparison, as functools defines them.
    static func totalOrdering(_ cls: ClassObject, _ rt: Runtime) throws {
        let roots = ["__lt__", "__le__", "__gt__", "__ge__"].filter { n in
            guard let v = cls.lookup(n) else { return false }
            if case .builtin(let b) = v, b.name == "object.\(n)" { return false }
            return true
        }
        guard let root = roots.first else { throw PyError.value("must define at least one ordering operation: < > <= >=") }
        func call(_ name: String, _ a: Value, _ b: Value) throws -> Value {
            try rt.call(try Attributes.get(a, name), [b])
        }
        func not(_ v: Value) throws -> Value {
            if case .object(let o) = v, o === NotImplementedObject.shared { return v }
            return .bool(!(try v.truth()))
        }
        func isNI(_ v: Value) -> Bool { if case .object(let o) = v { return o === NotImplementedObject.shared }; return false }
        typealias Derived = (Value, Value) throws -> Value
        // (name, derivation from the root) for each root, as functools' _convert table.
        let table: [String: [(String, Derived)]] = [
            "__lt__": [("__gt__", { a, b in let r = try call("__lt__", a, b); if isNI(r) { return r }; return .bool(!(try r.truth()) && !Compare.equal(a, b)) }),
                       ("__le__", { a, b in let r = try call("__lt__", a, b); if isNI(r) { return r }; return .bool(try r.truth() || Compare.equal(a, b)) }),
                       ("__ge__", { a, b in try not(try call("__lt__", a, b)) })],
            "__le__": [("__ge__", { a, b in let r = try call("__le__", a, b); if isNI(r) { return r }; return .bool(!(try r.truth()) || Compare.equal(a, b)) }),
                       ("__lt__", { a, b in let r = try call("__le__", a, b); if isNI(r) { return r }; return .bool(try r.truth() && !Compare.equal(a, b)) }),
                       ("__gt__", { a, b in try not(try call("__le__", a, b)) })],
            "__gt__": [("__lt__", { a, b in let r = try call("__gt__", a, b); if isNI(r) { return r }; return .bool(!(try r.truth()) && !Compare.equal(a, b)) }),
                       ("__ge__", { a, b in let r = try call("__gt__", a, b); if isNI(r) { return r }; return .bool(try r.truth() || Compare.equal(a, b)) }),
                       ("__le__", { a, b in try not(try call("__gt__", a, b)) })],
            "__ge__": [("__le__", { a, b in let r = try call("__ge__", a, b); if isNI(r) { return r }; return .bool(!(try r.truth()) || Compare.equal(a, b)) }),
                       ("__gt__", { a, b in let r = try call("__ge__", a, b); if isNI(r) { return r }; return .bool(try r.truth() && !Compare.equal(a, b)) }),
                       ("__lt__", { a, b in try not(try call("__ge__", a, b)) })],
        ]
        for (name, derive) in table[root] ?? [] where !roots.contains(name) {
            let f = BuiltinFunction(raw: name, signature: "\(cls.name).\(name)(self, other)", doc: "") { _, a, _ in
                guard a.count == 2 else { throw PyError.type("\(name)() takes exactly one argument (\(max(0, a.count - 1)) given)") }
                return try derive(a[0], a[1])
            }
            try cls.setAttribute(name, .object(MethodFunction(f)))
        }
    }
}

/// A library function stored on a user class that binds to the instance as a `def` method
/// does (`functools.total_ordering`'s comparisons, the methods `dataclass` writes).
final class MethodFunction: NativeObject {
    let function: BuiltinFunction
    init(_ f: BuiltinFunction) { function = f }
    override var typeName: String { "method_descriptor" }
    override var repr: String { "<method '\(function.name)'>" }
    override var bindsAsMethod: Bool { true }
    override var isCallableObject: Bool { true }
    override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        try function.call(runtime, args, keywords)
    }
    override func getAttribute(_ name: String) throws -> Value {
        if name == "__name__" { return .str(function.name) }
        return try super.getAttribute(name)
    }
}

/// `functools.partial(func, *args, **keywords)`.
final class PartialObject: NativeObject {
    let function: Value
    let args: [Value]
    let keywords: [(String, Value)]
    var attributes = DictObject()

    init(_ f: Value, _ args: [Value], _ keywords: [(String, Value)]) {
        // A partial of a partial flattens, as CPython's does.
        if case .object(let p as PartialObject) = f {
            function = p.function
            self.args = p.args + args
            var kw = p.keywords
            for (n, v) in keywords {
                if let k = kw.firstIndex(where: { $0.0 == n }) { kw[k].1 = v } else { kw.append((n, v)) }
            }
            self.keywords = kw
        } else {
            function = f
            self.args = args
            self.keywords = keywords
        }
    }

    override var typeName: String { "functools.partial" }
    override var isCallableObject: Bool { true }
    override var repr: String {
        let parts = [Repr.repr(function)] + args.map { Repr.repr($0) } + keywords.map { "\($0.0)=\(Repr.repr($0.1))" }
        return "functools.partial(" + parts.joined(separator: ", ") + ")"
    }
    override var attributeNames: [String] { ["args", "func", "keywords"] }

    override func call(_ a: [Value], _ kw: [(String, Value)], runtime: Runtime) throws -> Value {
        var merged = keywords
        for (n, v) in kw {
            if let k = merged.firstIndex(where: { $0.0 == n }) { merged[k].1 = v } else { merged.append((n, v)) }
        }
        return try runtime.call(function, args + a, keywords: merged)
    }

    override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "func": return function
        case "args": return .tuple(args)
        case "keywords":
            let d = DictObject()
            for (n, v) in keywords { try d.set(.str(n), v) }
            return .dict(d)
        case "__dict__": return .dict(attributes)
        default:
            if let v = try attributes.lookup(.str(name)) { return v }
            return try super.getAttribute(name)
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws {
        if attributeNames.contains(name) { throw PyError.attribute("readonly attribute") }
        try attributes.set(.str(name), value)
    }
}

/// The callable `lru_cache`/`cache` return: results by argument tuple, least recently used
/// first out when `maxsize` is reached; `cache_info()`, `cache_clear()`, `__wrapped__`.
final class LRUCacheObject: NativeObject {
    let function: Value
    let maxsize: Int?
    private var cache = DictObject()
    private var hits = 0, misses = 0
    var attributes = DictObject()
    private static let infoType = try? NamedTupleObject.makeClass("CacheInfo", .str("hits misses maxsize currsize"), defaults: .none)

    init(_ f: Value, maxsize: Int?) {
        function = f
        self.maxsize = maxsize
        super.init()
        _ = try? FunctoolsModule.updateWrapper(.object(self), f)
    }

    override var typeName: String { "functools._lru_cache_wrapper" }
    override var repr: String { "<functools._lru_cache_wrapper object>" }
    override var bindsAsMethod: Bool { true }
    override var isCallableObject: Bool { true }
    override var attributeNames: [String] { ["cache_clear", "cache_info", "cache_parameters"] }

    override func call(_ a: [Value], _ kw: [(String, Value)], runtime: Runtime) throws -> Value {
        if maxsize == 0 {
            misses += 1
            return try runtime.call(function, a, keywords: kw)
        }
        var keyItems = a
        if !kw.isEmpty {
            keyItems.append(.object(KwMark.shared))
            for (n, v) in kw { keyItems.append(.str(n)); keyItems.append(v) }
        }
        let key: Value = keyItems.count == 1 && { if case .int = keyItems[0] { return true }; if case .str = keyItems[0] { return true }; return false }()
            ? keyItems[0] : .tuple(keyItems)
        if let v = try cache.lookup(key) {
            hits += 1
            if maxsize != nil {
                _ = try cache.remove(key)
                try cache.set(key, v)
            }
            return v
        }
        misses += 1
        let r = try runtime.call(function, a, keywords: kw)
        if let limit = maxsize, cache.count >= limit, let oldest = cache.keys.first {
            _ = try cache.remove(oldest)
        }
        try cache.set(key, r)
        return r
    }

    override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "cache_info":
            return .builtin(BuiltinFunction(raw: name, signature: "cache_info()", doc: "") { [self] _, _, _ in
                guard let t = LRUCacheObject.infoType else { throw PyError(.runtimeError, "CacheInfo is unavailable") }
                let items: [Value] = [.int(hits), .int(misses), maxsize.map { .int($0) } ?? .none, .int(cache.count)]
                return .object(NamedTupleObject(t, fields: ["hits", "misses", "maxsize", "currsize"], items: items))
            })
        case "cache_clear":
            return .builtin(BuiltinFunction(raw: name, signature: "cache_clear()", doc: "") { [self] _, _, _ in
                cache = DictObject()
                hits = 0
                misses = 0
                return .none
            })
        case "cache_parameters":
            return .builtin(BuiltinFunction(raw: name, signature: "cache_parameters()", doc: "") { [self] _, _, _ in
                let d = DictObject()
                try d.set(.str("maxsize"), maxsize.map { .int($0) } ?? .none)
                try d.set(.str("typed"), .bool(false))
                return .dict(d)
            })
        case "__dict__": return .dict(attributes)
        default:
            if let v = try attributes.lookup(.str(name)) { return v }
            return try super.getAttribute(name)
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws {
        try attributes.set(.str(name), value)
    }

    /// Separates positional from keyword arguments in a cache key, as CPython's `kwd_mark`.
    final class KwMark: NativeObject {
        static let shared = KwMark()
    }
}

/// The key objects `cmp_to_key` makes: ordered by the comparison function's sign.
final class ComparisonKey: NativeObject {
    let obj: Value
    let cmp: Value
    unowned let rt: Runtime

    init(_ obj: Value, _ cmp: Value, _ rt: Runtime) {
        self.obj = obj
        self.cmp = cmp
        self.rt = rt
    }

    override var typeName: String { "functools.KeyWrapper" }

    override func compare(_ other: Value) throws -> Int? {
        guard case .object(let o as ComparisonKey) = other else { return nil }
        let r = try rt.call(cmp, [obj, o.obj])
        guard let d = r.asDouble else { throw PyError.type("'<' not supported between instances of '\(r.typeName)' and 'int'") }
        return d < 0 ? -1 : (d > 0 ? 1 : 0)
    }

    override func equals(_ other: Value) -> Bool {
        (try? compare(other)) == 0
    }
}
