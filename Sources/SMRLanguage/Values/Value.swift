/// A value of the language. Small scalars are stored inline; containers and
/// functions are reference types shared by all holders, as in Python.
public enum Value {
    /// Internal marker for a variable that has no value yet (never visible to programs).
    case unbound
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case list(ListObject)
    case tuple(TupleObject)
    case dict(DictObject)
    case range(RangeObject)
    case function(FunctionObject)
    case builtin(BuiltinFunction)
    case iterator(IteratorObject)
    /// Library objects: modules, classes, instances, bound methods.
    case object(NativeObject)

    /// Python's type name of the value (`int`, `list`, `MemoryTaskEnv`, …).
    public var typeName: String {
        switch self {
        case .unbound: return "unbound"
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .str: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict(let d): return d.flavor?.kind.rawValue ?? "dict"
        case .range: return "range"
        case .function: return "function"
        case .builtin(let b): return b.isType ? "type" : "builtin_function_or_method"
        case .iterator(let it): return it.kind
        case .object(let o): return o.typeName
        }
    }

    /// Python truthiness.
    @inline(__always)
    public var isTruthy: Bool {
        switch self {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .none, .unbound: return false
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.items.isEmpty
        case .dict(let d): return d.count != 0
        case .range(let r): return r.count != 0
        case .object(let o): return o.isTruthy
        default: return true
        }
    }

    /// Python truthiness where it may raise: `if`, `while`, `not`, `and`/`or`, `bool()`
    /// (a numpy array of several elements raises ValueError, a user `__bool__` its errors).
    @inline(__always)
    public func truth() throws -> Bool {
        if case .object(let o) = self { return try o.truthValue() }
        return isTruthy
    }

    /// Convenience constructors for hosts and bindings.
    public static func list(_ items: [Value]) -> Value { .list(ListObject(items)) }
    public static func tuple(_ items: [Value]) -> Value { .tuple(TupleObject(items)) }
    public static func dict(_ pairs: [(String, Value)]) -> Value {
        let d = DictObject()
        for (k, v) in pairs { d.set(.str(k), v, hash: HashKey.text(k)) }
        return .dict(d)
    }

    /// The int payload, accepting bool as Python does.
    public var asInt: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .object(let o): if case .int(let i)? = o.numericValue { return i }; return nil
        default: return nil
        }
    }

    /// A float view of int, bool or float values.
    public var asDouble: Double? {
        switch self {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .object(let o):
            if let b = o as? BigIntObject { return b.value.toDouble() }
            return o.numericValue?.asDouble
        default: return nil
        }
    }

    public var asString: String? { if case .str(let s) = self { return s }; return nil }

    public var isNone: Bool { if case .none = self { return true }; return false }
}

extension Value: CustomStringConvertible {
    /// `str(value)` as Python prints it.
    public var description: String { Repr.str(self) }
    /// `repr(value)` as Python prints it.
    public var repr: String { Repr.repr(self) }
}
