/// An object that stands for a dict without being one (`globals()`, `obj.__dict__`): `dict(m)`, `{**m}` and
/// `f(**m)` take its current items.
protocol MappingSnapshot: AnyObject {
    /// The current items, as a new dict.
    func snapshot() -> DictObject
}

/// Named variables a `NamespaceView` reads and rebinds.
protocol Namespace: AnyObject {
    /// The bound names, in definition order.
    var boundNames: [String] { get }
    func value(_ name: String) -> Value?
    /// Bind `name` (`.unbound` deletes it).
    func bind(_ name: String, _ v: Value)
    /// The object whose variables these are (a repr that meets it again prints `{...}`).
    var identity: ObjectIdentifier { get }
}

extension Globals: Namespace {
    func bind(_ name: String, _ v: Value) { cell(name).store(v) }
    var identity: ObjectIdentifier { ObjectIdentifier(self) }
}

/// An instance's own attributes (not its `__slots__` members), written without the class's
/// hooks, as writes through CPython's `obj.__dict__` are.
final class InstanceNamespace: Namespace {
    let instance: InstanceObject

    init(_ instance: InstanceObject) { self.instance = instance }

    var boundNames: [String] {
        let c = instance.cls
        return c.slotNames.filter { !c.slotMembers.contains($0) && instance.slotValue($0) != nil }
    }

    func value(_ name: String) -> Value? {
        instance.cls.slotMembers.contains(name) ? nil : instance.slotValue(name)
    }

    func bind(_ name: String, _ v: Value) {
        if case .unbound = v {
            if let k = instance.cls.existingSlot(name), k < instance.slots.count { instance.slots[k] = .unbound }
            return
        }
        instance.setSlot(instance.cls.slot(for: name), v)
    }

    var identity: ObjectIdentifier { ObjectIdentifier(instance) }
}

/// A namespace as a live dict: `globals()` (the module's variables) and `obj.__dict__` (an
/// instance's attributes). Reads, `in`, `len` and iteration see the current bindings;
/// `m["x"] = v`, `del m["x"]`, `update`, `pop` and `setdefault` rebind the variables
/// themselves, so compiled code sees the change at once. Its type reads as `dict`; methods
/// that only read act on a snapshot.
final class NamespaceView: NativeObject, MappingSnapshot {
    let namespace: Namespace

    init(_ namespace: Namespace) { self.namespace = namespace }

    override var typeName: String { "dict" }

    func snapshot() -> DictObject {
        let d = DictObject()
        for n in namespace.boundNames {
            if let v = namespace.value(n) { d.set(.str(n), v, hash: .text(n)) }
        }
        return d
    }

    override var repr: String { Repr.repr(.object(self)) }
    override var isTruthy: Bool { !namespace.boundNames.isEmpty }
    override var attributeNames: [String] { ["copy", "get", "items", "keys", "pop", "setdefault", "update", "values"] }

    private func name(_ key: Value) throws -> String {
        guard case .str(let s) = key else { throw PyError.type("attribute name must be string, not '\(key.typeName)'") }
        return s
    }

    override func getItem(_ index: Value) throws -> Value {
        guard case .str(let n) = index, let v = namespace.value(n) else { throw PyError(.keyError, Repr.repr(index)) }
        return v
    }

    override func setItem(_ index: Value, _ value: Value) throws {
        namespace.bind(try name(index), value)
    }

    func delItem(_ index: Value) throws {
        guard case .str(let n) = index, namespace.value(n) != nil else { throw PyError(.keyError, Repr.repr(index)) }
        namespace.bind(n, .unbound)
    }

    override func contains(_ item: Value) throws -> Bool {
        if case .str(let n) = item { return namespace.value(n) != nil }
        _ = try HashKey.of(item)  // unhashable keys are a TypeError, as for a dict
        return false
    }

    override func length() throws -> Int? { namespace.boundNames.count }

    override func makeIterator() throws -> () throws -> Value? {
        try Iteration.makeIterator(.list(ListObject(namespace.boundNames.map { .str($0) })))
    }

    override func equals(_ other: Value) -> Bool {
        if case .object(let o) = other, o === self { return true }
        return Compare.equal(.dict(snapshot()), other)
    }

    override func getAttribute(_ attr: String) throws -> Value {
        func method(_ signature: String, _ body: @escaping ([Value], [(String, Value)]) throws -> Value) -> Value {
            .builtin(BuiltinFunction(raw: attr, signature: signature, doc: "") { _, a, kw in try body(a, kw) })
        }
        switch attr {
        case "keys", "values", "items", "get", "copy":
            return try Attributes.get(.dict(snapshot()), attr)
        case "update":
            return method("dict.update([other], **kwargs)") { [self] a, kw in
                try Builtins.count("update", a, 0, 1)
                let d = DictObject()
                try Builtins.fillDict(d, a.first)
                for (k, v) in zip(d.keys, d.values) { try setItem(k, v) }
                for (k, v) in kw { namespace.bind(k, v) }
                return .none
            }
        case "pop":
            return method("dict.pop(key[, default])") { [self] a, _ in
                try Builtins.count("pop", a, 1, 2)
                guard case .str(let n) = a[0], let v = namespace.value(n) else {
                    if a.count > 1 { return a[1] }
                    throw PyError(.keyError, Repr.repr(a[0]))
                }
                namespace.bind(n, .unbound)
                return v
            }
        case "setdefault":
            return method("dict.setdefault(key, default=None)") { [self] a, _ in
                try Builtins.count("setdefault", a, 1, 2)
                let n = try name(a[0])
                if let v = namespace.value(n) { return v }
                let v = a.count > 1 ? a[1] : .none
                namespace.bind(n, v)
                return v
            }
        default:
            return try super.getAttribute(attr)
        }
    }
}
