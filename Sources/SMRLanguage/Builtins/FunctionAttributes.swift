/// Attributes of functions defined with `def`/`lambda`: the dunder names CPython gives every
/// function (`__name__`, `__qualname__`, `__doc__`, `__module__`, `__defaults__`,
/// `__kwdefaults__`, `__dict__`) and any attribute a program stores on it
/// (`wrapper.calls = 0`, `functools.wraps`' `__wrapped__`).
enum FunctionAttributes {
    static func get(_ f: FunctionObject, _ name: String) throws -> Value? {
        switch name {
        case "__name__": return .str(f.name)
        case "__qualname__": return .str(f.qualName ?? f.name)
        case "__doc__": return f.doc.map { .str($0) } ?? .none
        case "__module__": return .str(f.module ?? "__main__")
        case "__dict__": return .dict(dict(f))
        case "__defaults__":
            let d = defaults(f, keywordOnly: false)
            return d.isEmpty ? .none : .tuple(d.map { $0.1 })
        case "__kwdefaults__":
            let d = defaults(f, keywordOnly: true)
            if d.isEmpty { return .none }
            let r = DictObject()
            for (n, v) in d { try r.set(.str(n), v) }
            return .dict(r)
        case "__annotations__": return .dict(DictObject())
        default: return try f.attributes?.lookup(.str(name))
        }
    }

    static func set(_ f: FunctionObject, _ name: String, _ value: Value) throws {
        switch name {
        case "__name__", "__qualname__":
            guard case .str(let s) = value else { throw PyError.type("\(name) must be set to a string object") }
            if name == "__name__" { f.name = s } else { f.qualName = s }
        case "__doc__":
            if case .str(let s) = value { f.doc = s } else { f.doc = nil }
        case "__module__":
            if case .str(let s) = value { f.module = s } else { f.module = nil }
        case "__dict__":
            guard case .dict(let d) = value else { throw PyError.type("__dict__ must be set to a dictionary, not a '\(value.typeName)'") }
            f.attributes = d
        case "__defaults__", "__kwdefaults__", "__annotations__":
            throw PyError.attribute("'function' object attribute '\(name)' is read-only")
        default:
            try dict(f).set(.str(name), value)
        }
    }

    static func names(_ f: FunctionObject) -> [String] {
        let own = f.attributes?.keys.compactMap { k -> String? in if case .str(let s) = k { return s }; return nil } ?? []
        return (["__defaults__", "__dict__", "__doc__", "__kwdefaults__", "__module__", "__name__", "__qualname__"] + own).sorted()
    }

    private static func dict(_ f: FunctionObject) -> DictObject {
        if let d = f.attributes { return d }
        let d = DictObject()
        f.attributes = d
        return d
    }

    /// (parameter, default) pairs of the positional or of the keyword-only parameters.
    private static func defaults(_ f: FunctionObject, keywordOnly: Bool) -> [(String, Value)] {
        guard let l = f.layout else {
            if keywordOnly { return [] }
            return Array(zip(f.params.suffix(f.defaults.count), f.defaults))
        }
        var out: [(String, Value)] = []
        for (k, p) in f.params.enumerated() where k < l.kinds.count {
            let isKw = l.kinds[k] == .keywordOnly
            let isPos = l.kinds[k] == .positional
            guard keywordOnly ? isKw : isPos else { continue }
            let d = l.defaultIndex[k]
            if d >= 0 && d < f.defaults.count { out.append((p, f.defaults[d])) }
        }
        return out
    }
}
