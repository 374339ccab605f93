/// A function bound to its receiver: `obj.method` (or `Cls.classmethod`).
final class BoundMethod: NativeObject {
    let receiver: Value
    let function: Value

    init(receiver: Value, function: Value) {
        self.receiver = receiver
        self.function = function
    }

    override var typeName: String { "method" }
    override var repr: String {
        let fname: String
        if case .function(let f) = function { fname = f.qualName ?? f.name } else { fname = "?" }
        return "<bound method \(fname) of \(Repr.repr(receiver))>"
    }

    override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        try runtime.call(function, [receiver] + args, keywords: keywords)
    }

    override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "__self__": return receiver
        case "__func__": return function
        default: return try Attributes.get(function, name)
        }
    }

    override func equals(_ other: Value) -> Bool {
        guard case .object(let o as BoundMethod) = other else { return false }
        return Compare.identical(o.receiver, receiver) && Compare.identical(o.function, function)
    }
}

/// `@property`: a getter with optional setter and deleter.
final class PropertyObject: NativeObject {
    let fget: Value?
    let fset: Value?
    let fdel: Value?
    /// The attribute name it was defined under (for error messages), set by the class.
    var name: String?

    init(fget: Value?, fset: Value? = nil, fdel: Value? = nil) {
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        if case .function(let f)? = fget { name = f.name }
    }

    override var typeName: String { "property" }
    override var repr: String { "<property object>" }
    override var attributeNames: [String] { ["deleter", "fget", "fset", "getter", "setter"] }

    override func getAttribute(_ attr: String) throws -> Value {
        func maker(_ make: @escaping (Value) -> PropertyObject) -> Value {
            .builtin(BuiltinFunction(raw: attr, signature: "property.\(attr)(function)", doc: "") { _, a, _ in
                try Builtins.count("property.\(attr)", a, 1, 1)
                return .object(make(a[0]))
            })
        }
        switch attr {
        case "setter": return maker { PropertyObject(fget: self.fget, fset: $0, fdel: self.fdel) }
        case "getter": return maker { PropertyObject(fget: $0, fset: self.fset, fdel: self.fdel) }
        case "deleter": return maker { PropertyObject(fget: self.fget, fset: self.fset, fdel: $0) }
        case "fget": return fget ?? .none
        case "fset": return fset ?? .none
        case "__doc__":
            if case .function(let f)? = fget { return f.doc.map { .str($0) } ?? .none }
            return .none
        default: return try super.getAttribute(attr)
        }
    }
}

/// `@staticmethod`: the function, called without a receiver.
final class StaticMethodObject: NativeObject {
    let function: Value
    init(_ f: Value) { function = f }
    override var typeName: String { "staticmethod" }
    override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        try runtime.call(function, args, keywords: keywords)
    }
}

/// `@classmethod`: the function, called with the class as receiver.
final class ClassMethodObject: NativeObject {
    let function: Value
    init(_ f: Value) { function = f }
    override var typeName: String { "classmethod" }
}

/// `super()` / `super(Cls, obj)`: attribute lookup starting after `start` in the MRO of `obj`'s class.
final class SuperObject: NativeObject {
    let start: ClassObject
    /// The instance (or, in a classmethod, the class) the found methods bind to.
    let receiver: Value

    init(start: ClassObject, receiver: Value) {
        self.start = start
        self.receiver = receiver
    }

    override var typeName: String { "super" }
    override var repr: String { "<super: <class '\(start.name)'>, <\(Repr.repr(receiver))>>" }

    var receiverClass: ClassObject? {
        switch receiver {
        case .object(let c as ClassObject): return c
        case .object(let i as InstanceObject): return i.cls
        default: return nil
        }
    }

    /// The attribute `name` of the first class after `start` in `cls`'s MRO that defines it.
    private func found(_ name: String, _ cls: ClassObject) -> Value? {
        let mro = cls.mro
        let startIndex = (mro.firstIndex { $0 === start } ?? mro.count - 1) + 1
        for c in mro[startIndex...] {
            if let v = c.ownAttribute(name) { return v }
        }
        return nil
    }

    /// `super().name(...)`: a plain method is called with the receiver directly, without
    /// making a bound method first.
    override func callMethod(_ name: String, _ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        if let cls = receiverClass, case .function(let f)? = found(name, cls) {
            return try runtime.callFunction(f, [receiver] + args, keywords)
        }
        return try runtime.call(try getAttribute(name), args, keywords: keywords)
    }

    override func getAttribute(_ name: String) throws -> Value {
        guard let cls = receiverClass else { throw PyError.type("super(type, obj): obj must be an instance or subtype of type") }
        if let v = found(name, cls) {
            switch v {
            case .function: return .object(BoundMethod(receiver: receiver, function: v))
            case .object(let sm as StaticMethodObject): return sm.function
            case .object(let cm as ClassMethodObject): return .object(BoundMethod(receiver: .object(cls), function: cm.function))
            case .object(let p as PropertyObject):
                guard let g = p.fget else { throw PyError.attribute("property '\(name)' has no getter") }
                return try cls.rt.call(g, [receiver])
            case .object(let o) where o.bindsAsMethod: return .object(BoundMethod(receiver: receiver, function: v))
            case .object(let d as InstanceObject) where d.cls.specials.descriptorGet != nil:
                let get = d.cls.specials.descriptorGet ?? .none
                let instance: Value = receiver.userInstance == nil ? .none : receiver
                return try cls.rt.call(get, [v, instance, .object(cls)])
            default: return v
            }
        }
        // Past the user classes: the library base, the exception base, or object.
        if case .object(let inst as InstanceObject) = receiver {
            if let v = try inst.baseAttribute(name) { return v }
        }
        if name == "__init__" {
            return .builtin(BuiltinFunction(raw: "__init__", signature: "object.__init__()", doc: "") { _, a, kw in
                if !a.isEmpty || !kw.isEmpty { throw PyError.type("object.__init__() takes exactly one argument (the instance to initialize)") }
                return .none
            })
        }
        if name == "__init_subclass__" {
            return .builtin(BuiltinFunction(raw: name, signature: "object.__init_subclass__()", doc: "") { _, a, kw in
                if !a.isEmpty || !kw.isEmpty { throw PyError.type("\(self.start.name).__init_subclass__() takes no keyword arguments") }
                return .none
            })
        }
        if name == "__repr__" || name == "__str__" {
            return .builtin(BuiltinFunction(raw: name, signature: "object.\(name)()", doc: "") { [receiver] _, _, _ in
                if case .object(let i as InstanceObject) = receiver { return .str(i.defaultRepr) }
                return .str(Repr.repr(receiver))
            })
        }
        if let m = ObjectMethods.bound(name, receiver) { return m }
        throw PyError.attribute("'super' object has no attribute '\(name)'")
    }
}

/// The `NotImplemented` singleton special methods return to decline an operation.
final class NotImplementedObject: NativeObject {
    static let shared = NotImplementedObject()
    override var typeName: String { "NotImplementedType" }
    override var repr: String { "NotImplemented" }
}

/// What a class's `__slots__` entry reads as on the class (`P.x`): `<member 'x' of 'P' objects>`.
final class MemberDescriptor: NativeObject {
    let name: String
    let owner: String

    init(_ name: String, owner: String) {
        self.name = name
        self.owner = owner
    }

    override var typeName: String { "member_descriptor" }
    override var repr: String { "<member '\(name)' of '\(owner)' objects>" }
}
