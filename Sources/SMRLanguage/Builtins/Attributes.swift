/// Attribute access on every kind of value.
enum Attributes {
    /// Names `dir()` lists for a value.
    static func names(_ v: Value) -> [String] {
        switch v {
        case .list: return Methods.list.keys.sorted()
        case .dict(let d):
            let own = d.flavor.map { Array(CollectionsModule.methods($0.kind).keys) + ($0.kind == .defaultdict ? ["default_factory"] : []) } ?? []
            return Set(Methods.dict.keys).union(own).sorted()
        case .str: return Methods.str.keys.sorted()
        case .tuple: return Methods.tuple.keys.sorted()
        case .float: return ["is_integer", "real", "imag"]
        case .int, .bool: return ["bit_length", "real", "imag"]
        case .function(let f): return FunctionAttributes.names(f)
        case .builtin: return ["__doc__", "__name__"]
        case .object(let o): return o.attributeNames
        default: return []
        }
    }

    static func boundMethod(_ v: Value, _ name: String, _ m: @escaping Methods.Impl) -> Value {
        .builtin(BuiltinFunction(raw: name, signature: "\(v.typeName).\(name)(...)", doc: "") { rt, pos, kw in
            try m(rt, v, pos, kw)
        })
    }

    static func get(_ v: Value, _ name: String) throws -> Value {
        switch v {
        case .object(let o): return try o.getAttribute(name)
        case .list: if let m = Methods.list[name] { return boundMethod(v, name, m) }
        case .dict(let d):
            if let f = d.flavor {
                if let m = CollectionsModule.methods(f.kind)[name] { return boundMethod(v, name, m) }
                if f.kind == .defaultdict && name == "default_factory" { return f.defaultFactory }
            }
            if let m = Methods.dict[name] { return boundMethod(v, name, m) }
        case .str: if let m = Methods.str[name] { return boundMethod(v, name, m) }
        case .tuple: if let m = Methods.tuple[name] { return boundMethod(v, name, m) }
        case .float(let d):
            switch name {
            case "real": return v
            case "imag": return .float(0)
            case "is_integer": return .builtin(BuiltinFunction(raw: name, signature: "float.is_integer()", doc: "") { _, _, _ in .bool(d.isFinite && d == d.rounded()) })
            default: break
            }
        case .int, .bool:
            let i = v.asInt ?? 0
            switch name {
            case "real": return .int(i)
            case "imag": return .int(0)
            case "bit_length": return .builtin(BuiltinFunction(raw: name, signature: "int.bit_length()", doc: "") { _, _, _ in .int(Int.bitWidth - i.magnitude.leadingZeroBitCount) })
            default: break
            }
        case .function(let f):
            if let v = try FunctionAttributes.get(f, name) { return v }
        case .builtin(let b):
            if name == "__name__" { return .str(b.name) }
            if name == "__doc__" { return .str(b.doc) }
            if b.isType, let m = TypeMethods.unbound(b.name, name) { return m }
            if b.isType, b.name == "object", let m = ObjectMethods.unbound(name) { return m }
        case .range(let r):
            if name == "start" { return .int(r.start) }
            if name == "stop" { return .int(r.stop) }
            if name == "step" { return .int(r.step) }
        default: break
        }
        throw PyError.attribute("'\(v.typeName)' object has no attribute '\(name)'" + Suggestions.hint(name, names(v)))
    }

    static func set(_ v: Value, _ name: String, _ x: Value) throws {
        if case .object(let o) = v { return try o.setAttribute(name, x) }
        if case .function(let f) = v { return try FunctionAttributes.set(f, name, x) }
        if case .dict(let d) = v, let f = d.flavor, f.kind == .defaultdict, name == "default_factory" {
            f.defaultFactory = x
            return
        }
        if names(v).contains(name) {
            throw PyError.attribute("'\(v.typeName)' object attribute '\(name)' is read-only")
        }
        throw PyError.attribute("'\(v.typeName)' object has no attribute '\(name)'")
    }

    /// `del obj.name`.
    static func delete(_ v: Value, _ name: String) throws {
        if let i = v.userInstance { return try i.deleteAttribute(name) }
        if case .object(let c as ClassObject) = v { return try c.deleteAttribute(name) }
        if case .function(let f) = v, let d = f.attributes, try d.remove(.str(name)) != nil { return }
        throw PyError.attribute("'\(v.typeName)' object has no attribute '\(name)'")
    }
}
