/// An instance of a user class. Its attributes live in slots laid out by the class
/// (`cls.slot(for:)`); the special methods a class defines are dispatched from the
/// `NativeObject` hooks, so operators, `len`, `in`, iteration, `repr` and calls work.
public final class InstanceObject: NativeObject {
    let cls: ClassObject
    @exclusivity(unchecked) var slots: [Value] = []
    /// Arguments of an exception instance (`e.args`).
    var exceptionArgs: [Value] = []
    /// State the library base class keeps for this instance (an `nn.Module`'s registry).
    public var nativeState: AnyObject?

    init(_ cls: ClassObject) {
        self.cls = cls
        super.init()
        isUserInstance = true
    }

    deinit { if !slots.isEmpty { Trashcan.release(&slots) } }

    /// The class name (`Vec`).
    public var className: String { cls.name }
    /// The library class this instance's class derives from, if any.
    public var nativeBase: NativeType? { cls.nativeBase }
    var rt: Runtime { cls.rt }

    public override var typeName: String { cls.name }

    var defaultRepr: String {
        "<__main__.\(cls.qualName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>"
    }

    // MARK: attributes

    /// The value of slot attribute `name`, if set.
    @inline(__always)
    func slotValue(_ name: String) -> Value? {
        guard let k = cls.existingSlot(name), k < slots.count else { return nil }
        let v = slots[k]
        if case .unbound = v { return nil }
        return v
    }

    /// Store into slot `k` (growing the slot array as the class layout grows).
    @inline(__always)
    func setSlot(_ k: Int, _ v: Value) {
        if _slowPath(k >= slots.count) {
            slots.reserveCapacity(max(4, cls.slotNames.count))
            while slots.count <= k { slots.append(.unbound) }
        }
        slots[k] = v
    }

    public override var attributeNames: [String] {
        var names = cls.slotNames.filter { slotValue($0) != nil }
        names += cls.attributeNames
        if let t = cls.nativeBase { names += t.memberNames }
        return Array(Set(names)).sorted()
    }

    /// `obj.name`: a user `__getattribute__` if the class defines one, else
    /// `objectGetAttribute`; an AttributeError from either falls back to `__getattr__`.
    public override func getAttribute(_ name: String) throws -> Value {
        let sp = cls.specials
        guard sp.getattribute != nil || sp.getattr != nil else { return try objectGetAttribute(name) }
        do {
            if let ga = sp.getattribute { return try rt.call(ga, [.object(self), .str(name)]) }
            return try objectGetAttribute(name, suggest: false)
        } catch let e as PyError where e.kind == .attributeError {
            guard let hook = sp.getattr else { throw e }
            return try rt.call(hook, [.object(self), .str(name)])
        }
    }

    /// `object.__getattribute__`: a data descriptor (a property, or a class attribute whose
    /// class defines `__set__` or `__delete__`) first, then the instance's own attribute,
    /// then a non-data descriptor's `__get__` or the plain class attribute.
    func objectGetAttribute(_ name: String, suggest: Bool = true) throws -> Value {
        let classAttr = cls.lookup(name)
        if let a = classAttr {
            if case .object(let p as PropertyObject) = a {
                guard let g = p.fget else { throw PyError.attribute("property '\(name)' of '\(cls.name)' object has no getter") }
                return try rt.call(g, [.object(self)])
            }
            if let d = a.userInstance, d.cls.specials.isDataDescriptor, let get = d.cls.specials.descriptorGet {
                return try rt.call(get, [a, .object(self), .object(cls)])
            }
        }
        if let v = slotValue(name) { return v }
        if let a = classAttr {
            if let d = a.userInstance, let get = d.cls.specials.descriptorGet { return try rt.call(get, [a, .object(self), .object(cls)]) }
            return bind(a)
        }
        switch name {
        case "__class__": return .object(cls)
        case "__dict__" where cls.hasInstanceDict:
            return .object(NamespaceView(InstanceNamespace(self)))
        default: break
        }
        if let v = try baseAttribute(name) { return v }
        throw PyError.attribute("'\(cls.name)' object has no attribute '\(name)'" + (suggest ? Suggestions.hint(name, attributeNames) : ""))
    }

    /// A class attribute as seen through this instance (functions become bound methods).
    func bind(_ v: Value) -> Value {
        switch v {
        case .function: return .object(BoundMethod(receiver: .object(self), function: v))
        case .object(let sm as StaticMethodObject): return sm.function
        case .object(let cm as ClassMethodObject): return .object(BoundMethod(receiver: .object(cls), function: cm.function))
        case .object(let o) where o.bindsAsMethod: return .object(BoundMethod(receiver: .object(self), function: v))
        default: return v
        }
    }

    /// Attributes the builtin or library base class provides (`args`, `parameters`, …).
    func baseAttribute(_ name: String) throws -> Value? {
        if let hooks = cls.nativeBase?.subclassHooks, let v = try hooks.getAttribute(self, name, rt) { return v }
        if cls.exceptionBase != nil {
            if name == "args" { return .tuple(exceptionArgs) }
            if name == "__cause__" || name == "__context__" || name == "__traceback__" { return .none }
            if name == "__init__" {
                return .builtin(BuiltinFunction(raw: "__init__", signature: "BaseException.__init__(*args)", doc: "") { [self] _, a, _ in
                    exceptionArgs = a
                    return .none
                })
            }
            if name == "with_traceback" { return .builtin(BuiltinFunction(raw: name, signature: "with_traceback(tb)", doc: "") { [self] _, _, _ in .object(self) }) }
        }
        return nil
    }

    public override func setAttribute(_ name: String, _ value: Value) throws {
        try storeAttribute(name, value, bypassHook: false)
    }

    /// `obj.name = value`: a user `__setattr__` (unless bypassed, as `object.__setattr__`
    /// is), a property's setter or a data descriptor's `__set__`, the library base's
    /// registration, then the slot (if `__slots__` allows the name).
    func storeAttribute(_ name: String, _ value: Value, bypassHook: Bool) throws {
        if !bypassHook, let sa = cls.specials.setattr {
            _ = try rt.call(sa, [.object(self), .str(name), value])
            return
        }
        let classAttr = cls.lookup(name)
        if let a = classAttr {
            if case .object(let p as PropertyObject) = a {
                guard let s = p.fset else { throw PyError.attribute("property '\(name)' of '\(cls.name)' object has no setter") }
                _ = try rt.call(s, [.object(self), value])
                return
            }
            if let d = a.userInstance, d.cls.specials.isDataDescriptor {
                guard let set = d.cls.specials.descriptorSet else { throw PyError.attribute("__set__") }
                _ = try rt.call(set, [a, .object(self), value])
                return
            }
        }
        if name == "__class__" { throw PyError.type("__class__ assignment is not supported") }
        if !cls.allowsAttribute(name) {
            if classAttr != nil { throw PyError.attribute("'\(cls.name)' object attribute '\(name)' is read-only") }
            throw PyError.attribute("'\(cls.name)' object has no attribute '\(name)'")
        }
        if let hooks = cls.nativeBase?.subclassHooks { try hooks.willSetAttribute(self, name, value, rt) }
        setSlot(cls.slot(for: name), value)
    }

    /// `del obj.name`: a user `__delattr__` (unless bypassed), a property's deleter or a data
    /// descriptor's `__delete__`, then the instance's own attribute.
    func deleteAttribute(_ name: String, bypassHook: Bool = false) throws {
        if !bypassHook, let da = cls.specials.delattr {
            _ = try rt.call(da, [.object(self), .str(name)])
            return
        }
        if let a = cls.lookup(name) {
            if case .object(let p as PropertyObject) = a {
                guard let d = p.fdel else { throw PyError.attribute("property '\(name)' of '\(cls.name)' object has no deleter") }
                _ = try rt.call(d, [.object(self)])
                return
            }
            if let d = a.userInstance, d.cls.specials.isDataDescriptor {
                guard let delete = d.cls.specials.descriptorDelete else { throw PyError.attribute("__delete__") }
                _ = try rt.call(delete, [a, .object(self)])
                return
            }
        }
        guard let k = cls.existingSlot(name), k < slots.count, !slots[k].isUnboundMarker else {
            // An unset `__slots__` member reports just its name, as CPython's member descriptor does.
            if cls.slotMembers.contains(name) { throw PyError.attribute(name) }
            throw PyError.attribute("'\(cls.name)' object has no attribute '\(name)'")
        }
        slots[k] = .unbound
    }

    /// Call special method `name` if the class defines it.
    @inline(__always)
    func callSpecial(_ f: Value?, _ args: [Value]) throws -> Value? {
        guard let f else { return nil }
        return try rt.call(f, [.object(self)] + args)
    }

    func special(_ name: String) -> Value? { cls.lookup(name) }

    // MARK: protocols

    public override var repr: String {
        if let f = cls.specials.repr, case .str(let s)? = try? rt.call(f, [.object(self)]) { return s }
        if cls.exceptionBase != nil { return exceptionRepr }
        if let hooks = cls.nativeBase?.subclassHooks, let r = hooks.repr(self, rt) { return r }
        return defaultRepr
    }

    public override var str: String {
        if let f = cls.specials.str, case .str(let s)? = try? rt.call(f, [.object(self)]) { return s }
        if cls.exceptionBase != nil, cls.specials.repr == nil || cls.specials.str == nil { return exceptionMessage }
        return repr
    }

    /// `str(e)` of an exception instance, built from its arguments as Python does.
    var exceptionMessage: String {
        switch exceptionArgs.count {
        case 0: return ""
        case 1: return cls.exceptionBase == "KeyError" ? Repr.repr(exceptionArgs[0]) : Repr.str(exceptionArgs[0])
        default: return Repr.repr(.tuple(exceptionArgs))
        }
    }

    var exceptionRepr: String {
        cls.name + (exceptionArgs.count == 1 ? "(\(Repr.repr(exceptionArgs[0])))" : Repr.repr(.tuple(exceptionArgs)))
    }

    /// `repr()` that reports an error raised by `__repr__` (or a non-string result).
    func checkedRepr() throws -> String {
        guard let f = cls.specials.repr else { return repr }
        let r = try rt.call(f, [.object(self)])
        guard case .str(let s) = r else { throw PyError.type("__repr__ returned non-string (type \(r.typeName))") }
        return s
    }

    func checkedStr() throws -> String {
        guard let f = cls.specials.str else { return try cls.specials.repr == nil ? str : checkedRepr() }
        let r = try rt.call(f, [.object(self)])
        guard case .str(let s) = r else { throw PyError.type("__str__ returned non-string (type \(r.typeName))") }
        return s
    }

    public override var isTruthy: Bool { (try? truth()) ?? true }
    public override func truthValue() throws -> Bool { try truth() }

    /// `bool(obj)`: `__bool__`, else `__len__` != 0, else true.
    func truth() throws -> Bool {
        if let f = cls.specials.bool {
            let r = try rt.call(f, [.object(self)])
            guard case .bool(let b) = r else { throw PyError.type("__bool__ should return bool, returned \(r.typeName)") }
            return b
        }
        if cls.specials.len != nil { return try (length() ?? 1) != 0 }
        return true
    }

    public override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        if let f = cls.specials.call { return try runtime.call(f, [.object(self)] + args, keywords: keywords) }
        if let hooks = cls.nativeBase?.subclassHooks, let r = try hooks.call(self, args, keywords, runtime) { return r }
        throw PyError.type("'\(cls.name)' object is not callable")
    }

    public override func callMethod(_ name: String, _ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        if cls.specials.getattribute == nil, slotValue(name) == nil, case .function(let f)? = cls.lookup(name) {
            return try runtime.callFunction(f, [.object(self)] + args, keywords)
        }
        return try runtime.call(try getAttribute(name), args, keywords: keywords)
    }

    public override func getItem(_ index: Value) throws -> Value {
        if let r = try callSpecial(cls.specials.getitem, [index]) { return r }
        throw PyError.type("'\(cls.name)' object is not subscriptable")
    }

    public override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        let sl = SliceObject(lo.map { .int($0) } ?? .none, hi.map { .int($0) } ?? .none, step.map { .int($0) } ?? .none)
        return try getItem(.object(sl))
    }

    public override func setItem(_ index: Value, _ value: Value) throws {
        if try callSpecial(cls.specials.setitem, [index, value]) != nil { return }
        throw PyError.type("'\(cls.name)' object does not support item assignment")
    }

    func delItem(_ index: Value) throws {
        if try callSpecial(cls.specials.delitem, [index]) != nil { return }
        throw PyError.type("'\(cls.name)' object doesn't support item deletion")
    }

    public override func length() throws -> Int? {
        guard let r = try callSpecial(cls.specials.len, []) else { return nil }
        guard let n = r.asInt else { throw PyError.type("'\(r.typeName)' object cannot be interpreted as an integer") }
        if n < 0 { throw PyError.value("__len__() should return >= 0") }
        return n
    }

    public override func makeIterator() throws -> () throws -> Value? {
        if let it = try callSpecial(cls.specials.iter, []) {
            return try Instances.iterator(over: it, rt)
        }
        if cls.specials.getitem != nil {
            var k = 0
            return { [self] in
                do {
                    let v = try getItem(.int(k))
                    k += 1
                    return v
                } catch let e as PyError where e.kind == .indexError || e.kind == .stopIteration {
                    return nil
                }
            }
        }
        if let hooks = cls.nativeBase?.subclassHooks, let it = try hooks.makeIterator(self, rt) { return it }
        throw PyError.type("'\(cls.name)' object is not iterable")
    }

    /// `next(obj)` for an instance whose class defines `__next__`; nil when exhausted.
    func nextItem() throws -> Value? {
        guard let f = cls.specials.next else { throw PyError.type("'\(cls.name)' object is not an iterator") }
        do { return try rt.call(f, [.object(self)]) } catch let e as PyError where e.kind == .stopIteration {
            return nil
        }
    }

    public override func contains(_ item: Value) throws -> Bool {
        if let r = try callSpecial(cls.specials.contains, [item]) { return r.isTruthy }
        return try super.contains(item)
    }

    // MARK: operators

    static let binaryNames: [String: String] = [
        "+": "add", "-": "sub", "*": "mul", "/": "truediv", "//": "floordiv", "%": "mod", "**": "pow",
        "@": "matmul", "&": "and", "|": "or", "^": "xor", "<<": "lshift", ">>": "rshift",
    ]

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        guard let base = InstanceObject.binaryNames[op] else { return nil }
        guard let f = special(reflected ? "__r\(base)__" : "__\(base)__") else { return nil }
        let r = try rt.call(f, [.object(self), other])
        if case .object(let o) = r, o === NotImplementedObject.shared { return nil }
        return r
    }

    /// `self op= other` through `__iop__`; nil when the class does not define it.
    func inPlace(_ op: BinaryOp, _ other: Value) throws -> Value? {
        guard let base = InstanceObject.binaryNames[op.rawValue], let f = special("__i\(base)__") else { return nil }
        let r = try rt.call(f, [.object(self), other])
        if case .object(let o) = r, o === NotImplementedObject.shared { return nil }
        return r
    }

    public override func unaryOp(_ op: String) throws -> Value? {
        let name: String
        switch op {
        case "-": name = "__neg__"
        case "+": name = "__pos__"
        case "~": name = "__invert__"
        case "abs": name = "__abs__"
        default: return nil
        }
        return try callSpecial(special(name), [])
    }

    static let compareNames: [CompareOp: (String, String)] = [
        .lt: ("__lt__", "__gt__"), .le: ("__le__", "__ge__"), .gt: ("__gt__", "__lt__"),
        .ge: ("__ge__", "__le__"), .eq: ("__eq__", "__eq__"), .ne: ("__ne__", "__ne__"),
    ]

    /// The result of `self op other` from `__op__`, or nil (not defined / NotImplemented).
    func richCompare(_ op: CompareOp, _ other: Value, reflected: Bool) throws -> Value? {
        guard let (fwd, refl) = InstanceObject.compareNames[op], let f = special(reflected ? refl : fwd) else { return nil }
        let r = try rt.call(f, [.object(self), other])
        if case .object(let o) = r, o === NotImplementedObject.shared { return nil }
        return r
    }

    /// Whether the class defines any of `__lt__`, `__le__`, `__gt__`, `__ge__`.
    var definesOrdering: Bool {
        special("__lt__") != nil || special("__le__") != nil || special("__gt__") != nil || special("__ge__") != nil
    }

    /// Whether `a op b` (an ordering operator) goes by `richOrder`: an operand's class defines ordering methods.
    static func ordersByMethods(_ a: Value, _ b: Value) -> Bool {
        a.userInstance?.definesOrdering == true || b.userInstance?.definesOrdering == true
    }

    /// `a op b` for an ordering operator when a user class defines ordering methods, by
    /// Python's protocol: `a.__op__(b)`, then `b.__reflected__(a)` (first when b's class
    /// derives from a's), else TypeError. Nothing is derived: `__lt__` alone gives no `<=`.
    static func richOrder(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Value {
        let ai = a.userInstance, bi = b.userInstance
        if let ai, let bi, bi.cls !== ai.cls, bi.cls.isSubclass(of: ai.cls),
           let r = try bi.richCompare(op, a, reflected: true) { return r }
        if let ai, let r = try ai.richCompare(op, b, reflected: false) { return r }
        if let bi, let r = try bi.richCompare(op, a, reflected: true) { return r }
        throw PyError.type("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    public override func compare(_ other: Value) throws -> Int? {
        if let lt = try richCompare(.lt, other, reflected: false), lt.isTruthy { return -1 }
        if let gt = try richCompare(.gt, other, reflected: false), gt.isTruthy { return 1 }
        if let o = other.userInstance, let lt = try o.richCompare(.lt, .object(self), reflected: false), lt.isTruthy { return 1 }
        if special("__lt__") == nil && special("__gt__") == nil && other.userInstance?.special("__lt__") == nil { return nil }
        return 0
    }

    public override func equals(_ other: Value) -> Bool {
        if let f = cls.specials.eq, let r = try? rt.call(f, [.object(self), other]) {
            if case .object(let o) = r, o === NotImplementedObject.shared {
                if let oi = other.userInstance, oi !== self, oi.cls.specials.eq != nil, let r2 = try? oi.rt.call(oi.cls.specials.eq!, [other, .object(self)]) {
                    if case .object(let o2) = r2, o2 === NotImplementedObject.shared { return false }
                    return r2.isTruthy
                }
                if case .object(let o) = other { return o === self }
                return false
            }
            return r.isTruthy
        }
        if case .object(let o) = other { return o === self }
        return false
    }

    /// `hash(obj)`: `__hash__`, identity, or TypeError for a class with `__eq__` only.
    func userHash() throws -> Int? {
        let sp = cls.specials
        if sp.hashDisabled { throw PyError.type("unhashable type: '\(cls.name)'") }
        guard let f = sp.hash else { return nil }
        let r = try rt.call(f, [.object(self)])
        guard let h = r.asInt else { throw PyError.type("__hash__ method should return an integer") }
        return h
    }
}

extension Value {
    /// The user-class instance this value holds, if any (no dynamic cast: a stored flag).
    @inline(__always)
    var userInstance: InstanceObject? {
        if case .object(let o) = self, o.isUserInstance { return unsafeDowncast(o, to: InstanceObject.self) }
        return nil
    }
}
