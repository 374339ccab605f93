/// The methods of `set` and `frozenset`.
enum SetMethods {
    static let names = ["add", "clear", "copy", "difference", "difference_update", "discard", "intersection",
                        "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove",
                        "symmetric_difference", "union", "update"]
    static let mutating: Set<String> = ["add", "clear", "difference_update", "discard", "intersection_update", "pop", "remove", "update"]

    static func method(_ s: SetObject, _ name: String) -> Value? {
        guard names.contains(name), !(s.frozen && mutating.contains(name)) else { return nil }
        return .builtin(BuiltinFunction(raw: name, signature: "\(s.typeName).\(name)(...)", doc: "") { _, a, kw in
            try Builtins.noKeywords(name, kw)
            return try call(s, name, a)
        })
    }

    static func call(_ s: SetObject, _ name: String, _ a: [Value]) throws -> Value {
        func one() throws -> Value {
            try Builtins.count("\(s.typeName).\(name)", a, 1, 1)
            return a[0]
        }
        switch name {
        case "add": try s.add(try one()); return .none
        case "discard": try s.discard(try one()); return .none
        case "remove":
            let v = try one()
            if try !s.discard(v) { throw PyError(.keyError, Repr.repr(v)) }
            return .none
        case "pop": try Builtins.count("set.pop", a, 0, 0); return try s.pop()
        case "clear": s.clear(); return .none
        case "copy": return .object(s.copy())
        case "update":
            for o in a { try s.update(o) }
            return .none
        case "union":
            var r = s.copy()
            for o in a { r = try r.union(try SetObject.of(o)) }
            return .object(r)
        case "intersection":
            var r = s.copy()
            for o in a { r = try r.intersection(try SetObject.of(o)) }
            return .object(r)
        case "difference":
            var r = s.copy()
            for o in a { r = try r.difference(try SetObject.of(o)) }
            return .object(r)
        case "symmetric_difference": return .object(try s.symmetricDifference(try SetObject.of(try one())))
        case "intersection_update", "difference_update":
            var r = s.copy()
            for o in a { r = name == "intersection_update" ? try r.intersection(try SetObject.of(o)) : try r.difference(try SetObject.of(o)) }
            s.clear()
            for v in r.items { try s.add(v) }
            return .none
        case "issubset": return .bool(try s.isSubset(of: try SetObject.of(try one())))
        case "issuperset": return .bool(try SetObject.of(try one()).isSubset(of: s))
        case "isdisjoint": return .bool(try s.intersection(try SetObject.of(try one())).used == 0)
        default: throw PyError.attribute("'\(s.typeName)' object has no attribute '\(name)'")
        }
    }

    static func builtins() -> [String: Value] {
        var b: [String: Value] = [:]
        for frozen in [false, true] {
            let name = frozen ? "frozenset" : "set"
            b[name] = Builtins.raw(name, "\(name)(iterable=())", "An unordered collection of distinct items.", isType: true) { _, a, kw in
                try Builtins.noKeywords(name, kw)
                try Builtins.count(name, a, 0, 1)
                let s = SetObject(frozen: frozen)
                if let src = a.first { try s.update(src) }
                return .object(s)
            }
        }
        return b
    }
}
