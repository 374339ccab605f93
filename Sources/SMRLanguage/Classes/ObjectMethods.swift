/// `object.__getattribute__`, `object.__setattr__` and `object.__delattr__`: the default
/// attribute protocol, which a class's own hooks call to do the actual work (also reached as
/// `super().__setattr__(…)` and friends).
enum ObjectMethods {
    static let names: Set<String> = ["__getattribute__", "__setattr__", "__delattr__"]

    /// `object.name` as a function taking the instance first, or nil for other names.
    static func unbound(_ name: String) -> Value? {
        guard names.contains(name) else { return nil }
        return .builtin(BuiltinFunction(raw: name, signature: "object.\(name)(self, ...)", doc: "") { _, a, kw in
            try Builtins.noKeywords(name, kw)
            guard let me = a.first else {
                throw PyError.type("descriptor '\(name)' of 'object' object needs an argument")
            }
            return try call(name, me, Array(a.dropFirst()))
        })
    }

    /// `receiver.name` bound, for `super()`; nil for other names or receivers.
    static func bound(_ name: String, _ receiver: Value) -> Value? {
        guard names.contains(name), receiver.userInstance != nil else { return nil }
        return .builtin(BuiltinFunction(raw: name, signature: "object.\(name)(...)", doc: "") { _, a, kw in
            try Builtins.noKeywords(name, kw)
            return try call(name, receiver, a)
        })
    }

    static func call(_ name: String, _ me: Value, _ args: [Value]) throws -> Value {
        let arity = name == "__setattr__" ? 2 : 1
        if args.count != arity {
            throw PyError.type("expected \(arity) argument\(arity == 1 ? "" : "s"), got \(args.count)")
        }
        guard case .str(let attr) = args[0] else {
            throw PyError.type("attribute name must be string, not '\(args[0].typeName)'")
        }
        guard let inst = me.userInstance else {
            switch name {
            case "__getattribute__": return try Attributes.get(me, attr)
            case "__setattr__": try Attributes.set(me, attr, args[1]); return .none
            default: try Attributes.delete(me, attr); return .none
            }
        }
        switch name {
        case "__getattribute__": return try inst.objectGetAttribute(attr)
        case "__setattr__": try inst.storeAttribute(attr, args[1], bypassHook: true)
        default: try inst.deleteAttribute(attr, bypassHook: true)
        }
        return .none
    }
}
