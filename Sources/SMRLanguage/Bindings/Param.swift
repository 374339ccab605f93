/// The declared type of a parameter: used for argument checking and for `help()`.
public enum ParamType: Sendable, Equatable {
    case any
    case int
    /// A float; ints are accepted and converted.
    case float
    case bool
    case str
    case list
    case dict
    case callable
    /// A library object of the named type (checked by type name).
    case object(String)

    public var name: String {
        switch self {
        case .any: return "object"
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .str: return "str"
        case .list: return "list"
        case .dict: return "dict"
        case .callable: return "callable"
        case .object(let n): return n
        }
    }

    /// Whether `accept(v)` would return `v` itself (no conversion): then a call's argument
    /// array can serve as the bound values unchanged.
    func acceptsUnchanged(_ v: Value) -> Bool {
        switch self {
        case .any: return true
        case .int: if case .int = v { return true }; return false
        case .float: if case .float = v { return true }; return false
        case .bool: if case .bool = v { return true }; return false
        case .str: if case .str = v { return true }; return false
        case .dict: if case .dict = v { return true }; return false
        case .list, .callable, .object: return accept(v) != nil
        }
    }

    /// Check (and convert) an argument; nil means the value does not fit.
    func accept(_ v: Value) -> Value? {
        switch self {
        case .any: return v
        case .int:
            if case .int = v { return v }
            if case .bool(let b) = v { return .int(b ? 1 : 0) }
            if case .object = v, let i = v.asInt { return .int(i) }
            return nil
        case .float:
            if case .float = v { return v }
            if let d = v.asDouble { return .float(d) }
            return nil
        case .bool:
            if case .bool = v { return v }
            if case .int(let i) = v { return .bool(i != 0) }
            return nil
        case .str: if case .str = v { return v }; return nil
        case .list:
            switch v {
            case .list, .tuple, .range: return v
            case .object(let o) where o.typeName == "ndarray": return v
            default: return nil
            }
        case .dict: if case .dict = v { return v }; return nil
        case .callable:
            switch v {
            case .function, .builtin, .object: return v
            default: return nil
            }
        case .object(let n): if case .object(let o) = v, o.typeName == n { return v }; return nil
        }
    }
}

/// A declared keyword parameter of a library function, method or constructor.
public struct Param: Sendable {
    public var name: String
    public var type: ParamType
    /// nil means required. `.none` as default also lets `None` through the type check.
    public var defaultValue: SendableValue?
    public var doc: String

    /// A required parameter.
    public init(_ name: String, _ type: ParamType = .any, doc: String = "") {
        self.name = name
        self.type = type
        self.defaultValue = nil
        self.doc = doc
    }

    /// An optional parameter with a default value.
    public init(_ name: String, _ type: ParamType = .any, default value: Value, doc: String = "") {
        self.name = name
        self.type = type
        self.defaultValue = SendableValue(value)
        self.doc = doc
    }

    /// `name=default` or `name` for signatures.
    public var signatureText: String {
        if let d = defaultValue { return "\(name)=\(Repr.repr(d.value))" }
        return name
    }
}

/// A wrapper that lets declarations holding default values be `Sendable`.
/// Defaults are immutable scalars or fresh containers in practice.
public struct SendableValue: @unchecked Sendable {
    public let value: Value
    public init(_ v: Value) { value = v }
}

/// The `name(a, b=1)` text of a parameter list.
func signature(_ name: String, _ params: [Param]) -> String {
    "\(name)(" + params.map { $0.signatureText }.joined(separator: ", ") + ")"
}
