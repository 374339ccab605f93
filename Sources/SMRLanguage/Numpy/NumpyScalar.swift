import Foundation

/// A numpy float64, int64 or bool scalar — what indexing a float64/int64/bool array and
/// reducing one (`a.sum()`, `np.mean(a)`, `np.argmax(a)`) give: printed `1.5` by `print` and
/// `np.float64(1.5)` by `repr` (`np.True_` for a bool), `type()` `<class 'numpy.float64'>`. It behaves as the Python
/// number it holds (arithmetic, comparison, formatting, `int()`, `float()`, indexing with an
/// int64), and arithmetic keeps numpy's scalar type: `np.float64(1) + 1` is `np.float64(2.0)`.
public final class NumpyScalar: NativeObject, FormattableObject {
    /// `.float` for float64, `.int` for int64, `.bool` for bool.
    public let value: Value

    public init(float d: Double) { value = .float(d) }
    public init(int i: Int) { value = .int(i) }
    public init(bool b: Bool) { value = .bool(b) }

    /// A Python float or int result as a numpy scalar (other values pass through).
    public static func wrap(_ v: Value) -> Value {
        switch v {
        case .float(let d): return .object(NumpyScalar(float: d))
        case .int(let i): return .object(NumpyScalar(int: i))
        default: return v
        }
    }

    public var dtype: NumpyDType {
        switch value {
        case .int: return .int64
        case .bool: return .bool
        default: return .float64
        }
    }

    public override var typeName: String { dtype.rawValue }
    public override var typeObject: NativeObject? { NumpyScalarType.of(dtype) }
    public override var numericValue: Value? { value }
    public override var repr: String {
        if case .bool(let b) = value { return b ? "np.True_" : "np.False_" }
        return "np.\(dtype.rawValue)(\(Repr.repr(value)))"
    }
    public override var str: String { Repr.str(value) }
    public override var isTruthy: Bool { value.isTruthy }
    public override var helpText: String { "numpy.\(dtype.rawValue): a scalar; it behaves as the Python number it holds." }
    public override var attributeNames: [String] { ["dtype", "item", "shape", "ndim", "tolist", "real", "imag"] }

    /// A result of this scalar's arithmetic as numpy types it: floats become float64
    /// scalars; ints stay int64 scalars; a bool's logic stays a numpy bool.
    public override func sameKind(_ v: Value) -> Value {
        if case .bool(let b) = v { return .object(NumpyScalar(bool: b)) }
        return NumpyScalar.wrap(v)
    }

    /// A Python or numpy bool operand.
    static func boolOperand(_ v: Value) -> Bool? {
        switch v {
        case .bool(let b): return b
        case .object(let s as NumpyScalar): if case .bool(let b) = s.value { return b }; return nil
        default: return nil
        }
    }

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "dtype": return .object(dtype.object)
        case "shape": return .tuple([])
        case "ndim": return .int(0)
        case "real": return .object(self)
        case "imag": return sameKind(dtype == .int64 ? .int(0) : .float(0))
        case "item", "tolist":
            return .builtin(BuiltinFunction(name, params: []) { [value] _ in value })
        default: return try super.getAttribute(name)
        }
    }

    public func format(_ spec: String) throws -> String { try Format.format(value, spec) }

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        if case .object(let big as BigIntObject) = other {
            // As numpy: float64 takes a Python int past 64 bits as a float; int64 and bool cannot hold it.
            guard dtype == .float64 else { throw BigIntArith.tooLargeForNumpy }
            return try binaryOp(op, .float(try BigIntArith.toDouble(big.value)), reflected: reflected)
        }
        // With an array, as a 0-d array of this dtype (not weak: a float32 array gives float64).
        if case .object(let o) = other, o.numericValue == nil, let array = (o as? NDArray) ?? NDArray.unbox(o) {
            return try NDArray(data: [value.asDouble ?? 0], shape: [], dtype: dtype).binaryOp(op, .object(array), reflected: reflected)
        }
        // Two bools: numpy's logic (`+` is or, `*` is and; `-` is refused).
        if case .bool(let x) = value, let y = NumpyScalar.boolOperand(other) {
            switch op {
            case "+", "|": return sameKind(.bool(x || y))
            case "*", "&": return sameKind(.bool(x && y))
            case "^": return sameKind(.bool(x != y))
            case "-": throw PyError.type("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
            default: break
            }
        }
        let b: Value
        switch other {
        case .int, .float, .bool: b = other
        case .object(let o): guard let n = o.numericValue else { return nil }; b = n
        default: return nil
        }
        guard let bop = NumpyScalar.binaryOps[op] else { return nil }
        let (x, y) = reflected ? (b, value) : (value, b)
        let r = try Arith.binary(bop, x, y)
        // A float32 scalar with an int64 gives float64, as does anything with a float64.
        if case .object(let o) = other, !(o is NumpyScalar), case .float = r { return .object(NumpyScalar(float: r.asDouble ?? 0)) }
        if case .bool = r, dtype != .bool { return r }
        return sameKind(r)
    }

    static let binaryOps: [String: BinaryOp] = ["+": .add, "-": .sub, "*": .mul, "/": .div, "//": .floorDiv, "%": .mod, "**": .pow,
                                                "&": .bitAnd, "|": .bitOr, "^": .bitXor, "<<": .lshift, ">>": .rshift]

    public override func unaryOp(_ op: String) throws -> Value? {
        if case .bool(let b) = value {
            switch op {
            case "-": throw PyError.type("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
            case "~": return sameKind(.bool(!b))
            case "+", "abs": return .object(self)
            default: break
            }
        }
        switch op {
        case "-": return sameKind(try Arith.negate(value))
        case "+": return .object(self)
        case "abs":
            switch value {
            case .int(let i): return sameKind(.int(i == Int.min ? i : Swift.abs(i)))
            case .float(let d): return sameKind(.float(Swift.abs(d)))
            default: return nil
            }
        case "float": return .float(value.asDouble ?? 0)
        case "int": return try Builtins.toInt(value, base: nil)
        case "round": return try Builtins.round(value, .none)
        default: return nil
        }
    }

    public override func compare(_ other: Value) throws -> Int? {
        let b: Value
        switch other {
        case .int, .float, .bool: b = other
        case .object(let o): guard let n = o.numericValue, !(o is NDArray) else { return nil }; b = n
        default: return nil
        }
        if try Compare.compare(.lt, value, b) { return -1 }
        if try Compare.compare(.gt, value, b) { return 1 }
        if try Compare.compare(.eq, value, b) { return 0 }
        return nil
    }

    public override func equals(_ other: Value) -> Bool {
        switch other {
        case .int, .float, .bool: return Compare.equal(value, other)
        case .object(let o): return o === self || (!(o is NDArray) && o.numericValue.map { Compare.equal(value, $0) } ?? false)
        default: return false
        }
    }

    public override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? { .object(self) }
}
