/// A library object that is its own iterator (a file, a csv reader): `next(obj)` works on it.
public protocol NativeIterator: NativeObject {
    /// The next item, nil when exhausted.
    func nextItem() throws -> Value?
}

/// Base class of library values (modules, classes, instances). Subclasses override what
/// they support; the defaults raise the TypeError/AttributeError Python would.
open class NativeObject {
    /// Set only for instances of user classes (`InstanceObject`), so hot paths recognise
    /// them without a dynamic cast.
    public internal(set) final var isUserInstance = false

    public init() {}

    /// Python type name (`MemoryTaskEnv`, `module`, `ndarray`).
    open var typeName: String { "object" }
    /// `repr()` text.
    open var repr: String { "<\(typeName) object>" }
    /// `str()` text.
    open var str: String { repr }
    open var isTruthy: Bool { true }
    /// `bool(obj)` where it may raise (numpy arrays of several elements); `isTruthy` by default.
    open func truthValue() throws -> Bool { isTruthy }
    /// What `type(obj)` answers for objects that are not instances of a `NativeType`
    /// (numpy scalars answer their scalar type); nil for a type named after `typeName`.
    open var typeObject: NativeObject? { nil }
    /// The Python number a numpy scalar stands for (`.float` or `.int`), so that it is
    /// accepted where a number is (`asDouble`, `asInt`, float and int parameters); nil otherwise.
    open var numericValue: Value? { nil }
    /// A plain-number result (`round(x, 2)`) as this object's kind (a numpy scalar stays one).
    open func sameKind(_ v: Value) -> Value { v }
    /// Text shown by `help(obj)`.
    open var helpText: String { "\(typeName) object" }
    /// Names listed by `dir(obj)` and offered by completion.
    open var attributeNames: [String] { [] }

    open func getAttribute(_ name: String) throws -> Value {
        throw PyError.attribute("'\(typeName)' object has no attribute '\(name)'" + Suggestions.hint(name, attributeNames))
    }

    open func setAttribute(_ name: String, _ value: Value) throws {
        if attributeNames.contains(name) {
            throw PyError.attribute("attribute '\(name)' of '\(typeName)' object is not settable")
        }
        throw PyError.attribute("'\(typeName)' object has no attribute '\(name)'" + Suggestions.hint(name, attributeNames))
    }

    /// Library callables other than types (`functools.partial`): `callable(obj)` is True.
    open var isCallableObject: Bool { false }
    /// Stored on a user class, the object binds to the instance as a `def` method does
    /// (`obj.m(x)` calls it with `obj` first).
    open var bindsAsMethod: Bool { false }

    /// Calling the object itself (classes construct instances).
    open func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        throw PyError.type("'\(typeName)' object is not callable")
    }

    /// `obj.name(args)`; the default looks the attribute up and calls it.
    open func callMethod(_ name: String, _ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        let f = try getAttribute(name)
        return try runtime.call(f, args, keywords: keywords)
    }

    open func getItem(_ index: Value) throws -> Value {
        throw PyError.type("'\(typeName)' object is not subscriptable")
    }

    open func setItem(_ index: Value, _ value: Value) throws {
        throw PyError.type("'\(typeName)' object does not support item assignment")
    }

    open func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        throw PyError.type("'\(typeName)' object is not subscriptable")
    }

    /// nil if the object has no length.
    open func length() throws -> Int? { nil }

    open func makeIterator() throws -> () throws -> Value? {
        throw PyError.type("'\(typeName)' object is not iterable")
    }

    open func contains(_ item: Value) throws -> Bool {
        var found = false
        let next = try makeIterator()
        while !found, let x = try next() { found = Compare.equal(x, item) }
        return found
    }

    /// `copy.copy` (deep false) or `copy.deepcopy` (deep true) of this object, nil when it
    /// cannot be copied; `copyValue` deep-copies values it holds (sharing the memo).
    open func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? { nil }

    /// Arithmetic with this object on the left (or right if `reflected`); nil if unsupported.
    open func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? { nil }
    open func unaryOp(_ op: String) throws -> Value? { nil }
    /// Ordering against another value (-1/0/1); nil if unsupported.
    open func compare(_ other: Value) throws -> Int? { nil }
    /// `a < b`, `a == b`… as a value rather than a truth (numpy arrays compare element-wise);
    /// nil for an ordinary comparison. `reflected` when the object is the right operand.
    open func elementwiseCompare(_ op: String, _ other: Value, reflected: Bool) throws -> Value? { nil }
    open func equals(_ other: Value) -> Bool {
        if case .object(let o) = other { return o === self }
        return false
    }
}
