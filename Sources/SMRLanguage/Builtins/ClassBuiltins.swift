import Foundation

/// Builtins for classes: `object`, `property`, `staticmethod`, `classmethod`, `super`,
/// `issubclass`, `NotImplemented`, `hash`, `id`, `vars`, `delattr`, and the class-aware
/// parts of `isinstance`, `type`, `callable`, `next`, `repr` and `str`.
enum ClassBuiltins {
    static func all() -> [String: Value] {
        var b: [String: Value] = [:]
        b["object"] = Builtins.raw("object", "object()", "The base of every class.", isType: true) { _, a, kw in
            if !a.isEmpty || !kw.isEmpty { throw PyError.type("object() takes no arguments") }
            return .object(PlainObject())
        }
        b["property"] = Builtins.raw("property", "property(fget=None, fset=None, fdel=None)", "A managed attribute.", isType: true) { _, a, kw in
            try Builtins.count("property", a, 0, 3)
            var parts: [Value?] = a.map { $0.isNone ? nil : $0 } + Array(repeating: nil, count: 3 - a.count)
            for (k, v) in kw {
                guard let i = ["fget", "fset", "fdel"].firstIndex(of: k) else {
                    throw PyError.type("property() got an unexpected keyword argument '\(k)'")
                }
                parts[i] = v.isNone ? nil : v
            }
            return .object(PropertyObject(fget: parts[0], fset: parts[1], fdel: parts[2]))
        }
        b["staticmethod"] = Builtins.raw("staticmethod", "staticmethod(function)", "A function called without a receiver.", isType: true) { _, a, kw in
            try Builtins.noKeywords("staticmethod", kw)
            try Builtins.count("staticmethod", a, 1, 1)
            return .object(StaticMethodObject(a[0]))
        }
        b["classmethod"] = Builtins.raw("classmethod", "classmethod(function)", "A function receiving the class.", isType: true) { _, a, kw in
            try Builtins.noKeywords("classmethod", kw)
            try Builtins.count("classmethod", a, 1, 1)
            return .object(ClassMethodObject(a[0]))
        }
        b["super"] = Builtins.raw("super", "super() / super(type, obj)", "Attribute lookup in the classes after type.", isType: true) { _, a, kw in
            try Builtins.noKeywords("super", kw)
            if a.isEmpty { throw PyError(.runtimeError, "super(): no arguments") }
            try Builtins.count("super", a, 2, 2)
            guard case .object(let c as ClassObject) = a[0] else { throw PyError.type("super() argument 1 must be a type, not \(a[0].typeName)") }
            let ok: Bool
            switch a[1] {
            case .object(let k as ClassObject): ok = k.isSubclass(of: c)
            default: ok = Instances.isInstance(a[1], of: c)
            }
            guard ok else { throw PyError.type("super(type, obj): obj must be an instance or subtype of type") }
            return .object(SuperObject(start: c, receiver: a[1]))
        }
        b["issubclass"] = Builtins.raw("issubclass", "issubclass(cls, class_or_tuple)", "Whether cls derives from the class(es).") { _, a, kw in
            try Builtins.noKeywords("issubclass", kw)
            try Builtins.count("issubclass", a, 2, 2)
            let specs: [Value]
            if case .tuple(let t) = a[1] { specs = t.items } else { specs = [a[1]] }
            for s in specs where try isSubclass(a[0], s) { return .bool(true) }
            return .bool(false)
        }
        b["NotImplemented"] = .object(NotImplementedObject.shared)
        b["Ellipsis"] = .object(EllipsisObject.shared)
        b.merge(SetMethods.builtins()) { old, _ in old }
        b["hash"] = Builtins.raw("hash", "hash(obj)", "The hash value of an object.") { _, a, kw in
            try Builtins.noKeywords("hash", kw)
            try Builtins.count("hash", a, 1, 1)
            return .int(try hash(a[0]))
        }
        b["id"] = Builtins.raw("id", "id(obj)", "An integer unique to the object while it lives.") { _, a, kw in
            try Builtins.noKeywords("id", kw)
            try Builtins.count("id", a, 1, 1)
            switch HashKey.identity(a[0]) {
            case let id?: return .int(id.hashValue & Int.max)
            case nil: return .int(try hash(a[0]) & Int.max)
            }
        }
        b["vars"] = Builtins.raw("vars", "vars([obj])", "The attributes of an object, as a dict (no argument: locals()).") { rt, a, kw in
            try Builtins.noKeywords("vars", kw)
            try Builtins.count("vars", a, 0, 1)
            guard let obj = a.first else { return .object(NamespaceView(rt.globals)) }
            do { return try Attributes.get(obj, "__dict__") } catch let e as PyError where e.kind == .attributeError {
                throw PyError.type("vars() argument must have __dict__ attribute")
            }
        }
        b["delattr"] = Builtins.raw("delattr", "delattr(obj, name)", "Delete an attribute.") { _, a, kw in
            try Builtins.noKeywords("delattr", kw)
            try Builtins.count("delattr", a, 2, 2)
            try Attributes.delete(a[0], try Methods.strArg(a[1], "delattr"))
            return .none
        }
        return b
    }

    /// `issubclass(c, spec)`.
    static func isSubclass(_ c: Value, _ spec: Value) throws -> Bool {
        switch (c, spec) {
        case (.object(let x as ClassObject), .object(let y as ClassObject)): return x.isSubclass(of: y)
        case (.object(let x as ClassObject), .builtin(let bt)) where bt.isType:
            if bt.name == "object" { return true }
            if let e = x.exceptionBase { return Exceptions.isSubclass(e, of: bt.name) }
            return false
        case (.object(let x as ClassObject), .object(let t as NativeType)): return x.nativeBase === t
        case (.builtin(let x), .builtin(let y)) where x.isType && y.isType:
            return y.name == "object" || x.name == y.name || Exceptions.isSubclass(x.name, of: y.name) || (x.name == "bool" && y.name == "int")
        case (.object(let x as NativeType), .object(let y as NativeType)): return x === y
        case (.object(is ClassObject), _), (.builtin, _), (.object(is NativeType), _):
            throw PyError.type("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        default:
            throw PyError.type("issubclass() arg 1 must be a class")
        }
    }

    /// `isinstance(actual, spec)`: spec is a class or a tuple of classes.
    static func instanceCheck(_ actual: Value, _ spec: Value) throws -> Bool {
        let classes: [Value]
        if case .tuple(let t) = spec { classes = t.items } else { classes = [spec] }
        for c in classes {
            if let r = isInstance(actual, c) {
                if r { return true }
                continue
            }
            switch c {
            case .builtin(let bt) where bt.isType:
                if bt.name == actual.typeName { return true }
                if bt.name == "dict", case .dict = actual { return true }
                if bt.name == "tuple", case .object(_ as NamedTupleObject) = actual { return true }
                if case .object(let e as ExceptionObject) = actual, Exceptions.isSubclass(e.kind.name, of: bt.name) { return true }
                if bt.name == "int", case .bool = actual { return true }
                // numpy's float64 is a subclass of float (its int64 is not one of int).
                if bt.name == "float", case .object(let s as NumpyScalar) = actual, s.dtype == .float64 { return true }
            case .object(let t as NativeType):
                if case .object(let o as NativeInstance) = actual, o.nativeType === t { return true }
            case .object(let t as NumpyScalarType):
                if case .object(let o) = actual, o.typeObject === t { return true }
            default:
                throw PyError.type("isinstance() arg 2 must be a type, a tuple of types, or a union")
            }
        }
        return false
    }

    /// `isinstance(v, spec)` for what involves user classes; nil when the builtin rules decide.
    static func isInstance(_ v: Value, _ spec: Value) -> Bool? {
        if case .object(let c as ClassObject) = spec { return Instances.isInstance(v, of: c) }
        guard let inst = v.userInstance else { return nil }
        switch spec {
        case .builtin(let bt) where bt.isType:
            if bt.name == "object" { return true }
            if let e = inst.cls.exceptionBase { return Exceptions.isSubclass(e, of: bt.name) }
            return false
        case .object(let t as NativeType): return inst.cls.nativeBase === t
        default: return nil
        }
    }

    /// `hash(v)` as dict keys see it.
    /// CPython's numeric hashes work modulo the Mersenne prime 2**61 - 1, so that equal
    /// ints and floats hash alike.
    static let hashModulus: UInt = (1 << 61) - 1

    static func intHash(_ i: Int) -> Int {
        let h = Int(i.magnitude % hashModulus)
        let r = i < 0 ? -h : h
        return r == -1 ? -2 : r
    }

    /// `hash(float)` as CPython's `_Py_HashDouble` computes it.
    static func floatHash(_ d: Double, _ v: Value) throws -> Int {
        if d.isInfinite { return d > 0 ? 314159 : -314159 }
        if d.isNaN { return try HashKey.of(v).hashValue }
        var (m, e) = frexp(Swift.abs(d))
        let bits = 61
        var x: UInt = 0
        while m != 0 {
            x = ((x << 28) & hashModulus) | x >> (bits - 28)
            m *= 268435456.0
            e -= 28
            let y = UInt(m)
            m -= Double(y)
            x += y
            if x >= hashModulus { x -= hashModulus }
        }
        let shift = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits)
        x = ((x << UInt(shift)) & hashModulus) | x >> UInt(bits - shift)
        let r = d < 0 ? -Int(x) : Int(x)
        return r == -1 ? -2 : r
    }

    static func hash(_ v: Value) throws -> Int {
        if let inst = v.userInstance, let h = try inst.userHash() { return h }
        switch v {
        case .int(let i): return intHash(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return try floatHash(d, v)
        case .object(let s as NumpyScalar): return try hash(s.value)  // hash(np.True_) == hash(True), as numpy's
        case .object(let b as BigIntObject): return b.value.pythonHash
        default: return try HashKey.of(v).hashValue
        }
    }
}

/// `...`, the `Ellipsis` singleton.
final class EllipsisObject: NativeObject {
    static let shared = EllipsisObject()
    override var typeName: String { "ellipsis" }
    override var repr: String { "Ellipsis" }
}

/// What `object()` makes: a bare object with identity only.
final class PlainObject: NativeObject {
    override var repr: String { "<object object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>" }
}
