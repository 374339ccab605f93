/// How user classes that derive from a library class (`nn.Module`, `gym.Env`) behave:
/// the library keeps its own state per instance and takes part in attribute access.
/// Every requirement has a default that does nothing.
public protocol SubclassHooks: AnyObject {
    /// State created with each instance, before `__init__` runs (kept in `nativeState`).
    func makeState(_ instance: InstanceObject, _ rt: Runtime) throws -> AnyObject?
    /// An attribute the instance and its user classes do not have (library methods, …).
    func getAttribute(_ instance: InstanceObject, _ name: String, _ rt: Runtime) throws -> Value?
    /// Called before `instance.name = value` is stored (registration of parameters, …).
    func willSetAttribute(_ instance: InstanceObject, _ name: String, _ value: Value, _ rt: Runtime) throws
    /// Calling the instance when its classes define no `__call__`.
    func call(_ instance: InstanceObject, _ args: [Value], _ keywords: [(String, Value)], _ rt: Runtime) throws -> Value?
    func makeIterator(_ instance: InstanceObject, _ rt: Runtime) throws -> (() throws -> Value?)?
    /// `repr()` when the user classes define no `__repr__`.
    func repr(_ instance: InstanceObject, _ rt: Runtime) -> String?
    /// Whether `willSetAttribute` must see every store (compiled stores then skip their fast path).
    var interceptsStores: Bool { get }
}

public extension SubclassHooks {
    func makeState(_ instance: InstanceObject, _ rt: Runtime) throws -> AnyObject? { nil }
    func getAttribute(_ instance: InstanceObject, _ name: String, _ rt: Runtime) throws -> Value? { nil }
    func willSetAttribute(_ instance: InstanceObject, _ name: String, _ value: Value, _ rt: Runtime) throws {}
    func call(_ instance: InstanceObject, _ args: [Value], _ keywords: [(String, Value)], _ rt: Runtime) throws -> Value? { nil }
    func makeIterator(_ instance: InstanceObject, _ rt: Runtime) throws -> (() throws -> Value?)? { nil }
    func repr(_ instance: InstanceObject, _ rt: Runtime) -> String? { nil }
    var interceptsStores: Bool { false }
}

public extension InstanceObject {
    /// Read an attribute as the language does (`obj.name`).
    func attribute(_ name: String) throws -> Value { try getAttribute(name) }
    /// Set attributes without the library hook (for the library's own bookkeeping).
    func setPlainAttribute(_ name: String, _ value: Value) { setSlot(cls.slot(for: name), value) }
    /// Whether the user classes define `name` (e.g. `forward`).
    func classDefines(_ name: String) -> Bool { cls.lookup(name) != nil }
    /// The instance attributes in the order they were first set.
    var attributeOrder: [(String, Value)] { cls.slotNames.compactMap { n in slotValue(n).map { (n, $0) } } }
}

/// Creating instances and iterating over what `__iter__` returns.
enum Instances {
    static func construct(_ cls: ClassObject, _ args: [Value], _ kw: [(String, Value)], _ rt: Runtime) throws -> Value {
        if _slowPath(cls.abstractMethods != nil || cls.enumMembers != nil) {
            if let abstract = cls.abstractMethods { throw AbcModule.cannotInstantiate(cls, abstract) }
            return try EnumModule.member(cls, withValue: args, kw)
        }
        let inst = InstanceObject(cls)
        if cls.exceptionBase != nil { inst.exceptionArgs = args }
        if let hooks = cls.nativeBase?.subclassHooks { inst.nativeState = try hooks.makeState(inst, rt) }
        if let initF = cls.specials.initializer {
            let r: Value
            if case .function(let f) = initF, kw.isEmpty, f.nparams == args.count + 1, f.layout == nil, !f.isGenerator {
                // What Runtime.callFunction does for this shape, without the [self] + args array.
                let base = try rt.enter(f)
                base[1] = .object(inst)
                for (k, v) in args.enumerated() { base[2 + k] = v }
                r = try rt.runFrame(f, base)
            } else {
                r = try rt.call(initF, [.object(inst)] + args, keywords: kw)
            }
            if !r.isNone { throw PyError.type("__init__() should return None, not '\(r.typeName)'") }
        } else if cls.exceptionBase == nil, cls.nativeBase == nil, !args.isEmpty || !kw.isEmpty {
            throw PyError.type("\(cls.name)() takes no arguments")
        }
        return .object(inst)
    }

    /// The items of the iterator `__iter__` returned: an instance with `__next__`, a
    /// generator, or any iterable.
    static func iterator(over it: Value, _ rt: Runtime) throws -> () throws -> Value? {
        if let inst = it.userInstance {
            guard inst.cls.specials.next != nil else {
                throw PyError.type("iter() returned non-iterator of type '\(inst.cls.name)'")
            }
            return { try inst.nextItem() }
        }
        return try Iteration.makeIterator(it)
    }

    /// `isinstance(value, cls)` for a user class.
    static func isInstance(_ v: Value, of cls: ClassObject) -> Bool {
        if let i = v.userInstance { return i.cls.isSubclass(of: cls) }
        return false
    }
}

extension Value {
    /// Iterators and generators: `iter()` returns them unchanged.
    var isIteratorLike: Bool {
        if case .iterator = self { return true }
        if case .object(let o) = self, o is GeneratorObject { return true }
        return false
    }
}
