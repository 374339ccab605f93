/// An object that stands for a dict without being one (`globals()`): `dict(m)`, `{**m}` and
/// `f(**m)` take its current items.
protocol MappingSnapshot: AnyObject {
    /// The current items, as a new dict.
    func snapshot() -> DictObject
}

/// `globals()`: the module namespace as a live dict. Reads, `in`, `len` and iteration see the
/// current bindings; `g["x"] = v`, `del g["x"]`, `update`, `pop` and `setdefault` rebind the
/// module variables themselves, so compiled code sees the change at once. Its type reads as
/// `dict`; methods that only read act on a snapshot.
final class GlobalsView: NativeObject, MappingSnapshot {
    let globals: Globals

    init(_ globals: Globals) { self.globals = globals }

    override var typeName: String { "dict" }

    func snapshot() -> DictObject {
        let d = DictObject()
        for n in globals.boundNames {
            if let v = globals.value(n) { d.set(.str(n), v, hash: .text(n)) }
        }
        return d
    }

    override var repr: String { Repr.repr(.object(self)) }
    override var isTruthy: Bool { !globals.boundNames.isEmpty }
    override var attributeNames: [String] { ["copy", "get", "items", "keys", "pop", "setdefault", "update", "values"] }

    private func name(_ key: Value) throws -> String {
        guard case .str(let s) = key else { throw PyError.type("globals() keys must be strings, not '\(key.typeName)'") }
        return s
    }

    override func getItem(_ index: Value) throws -> Value {
        guard case .str(let n) = index, let v = globals.value(n) else { throw PyError(.keyError, Repr.repr(index)) }
        return v
    }

    override func setItem(_ index: Value, _ value: Value) throws {
        globals.cell(try name(index)).store(value)
    }

    func delItem(_ index: Value) throws {
        guard case .str(let n) = index, globals.value(n) != nil else { throw PyError(.keyError, Repr.repr(index)) }
        globals.cell(n).store(.unbound)
    }

    override func contains(_ item: Value) throws -> Bool {
        if case .str(let n) = item { return globals.value(n) != nil }
        _ = try HashKey.of(item)  // unhashable keys are a TypeError, as for a dict
        return false
    }

    override func length() throws -> Int? { globals.boundNames.count }

    override func makeIterator() throws -> () throws -> Value? {
        try Iteration.makeIterator(.list(ListObject(globals.boundNames.map { .str($0) })))
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
                for (k, v) in kw { globals.cell(k).store(v) }
                return .none
            }
        case "pop":
            return method("dict.pop(key[, default])") { [self] a, _ in
                try Builtins.count("pop", a, 1, 2)
                guard case .str(let n) = a[0], let v = globals.value(n) else {
                    if a.count > 1 { return a[1] }
                    throw PyError(.keyError, Repr.repr(a[0]))
                }
                globals.cell(n).store(.unbound)
                return v
            }
        case "setdefault":
            return method("dict.setdefault(key, default=None)") { [self] a, _ in
                try Builtins.count("setdefault", a, 1, 2)
                let n = try name(a[0])
                if let v = globals.value(n) { return v }
                let v = a.count > 1 ? a[1] : .none
                globals.cell(n).store(v)
                return v
            }
        default:
            return try super.getAttribute(attr)
        }
    }
}
