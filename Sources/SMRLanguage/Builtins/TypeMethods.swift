/// Methods reached through their type, as `key=str.lower` or `dict.fromkeys(keys, 0)`
/// write them: the instance comes as the first argument.
enum TypeMethods {
    static func table(_ type: String) -> [String: Methods.Impl]? {
        switch type {
        case "str": return Methods.str
        case "list": return Methods.list
        case "dict": return Methods.dict
        case "tuple": return Methods.tuple
        default: return nil
        }
    }

    static func unbound(_ type: String, _ name: String) -> Value? {
        if type == "dict" && name == "fromkeys" { return fromkeys }
        if type == "str" && name == "maketrans" { return Methods.maketrans }
        guard let m = table(type)?[name] else { return nil }
        return .builtin(BuiltinFunction(raw: name, signature: "\(type).\(name)(self, ...)", doc: "") { rt, a, kw in
            guard let me = a.first else { throw PyError.type("unbound method \(type).\(name)() needs an argument") }
            guard me.typeName == type else {
                throw PyError.type("descriptor '\(name)' for '\(type)' objects doesn't apply to a '\(me.typeName)' object")
            }
            return try m(rt, me, Array(a.dropFirst()), kw)
        })
    }

    static let fromkeys: Value = .builtin(BuiltinFunction(raw: "fromkeys", signature: "dict.fromkeys(iterable, value=None)", doc: "A dict with keys from iterable, each mapped to value.") { _, a, kw in
        try Builtins.noKeywords("fromkeys", kw)
        try Builtins.count("fromkeys", a, 1, 2)
        let d = DictObject()
        let v = a.count > 1 ? a[1] : .none
        try Iteration.forEach(a[0]) { k in
            try d.set(k, v)
            return true
        }
        return .dict(d)
    })
}
