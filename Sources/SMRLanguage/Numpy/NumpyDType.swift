import Foundation

/// The element types an `NDArray` holds, with numpy's promotion rules (NEP 50).
public enum NumpyDType: String, CaseIterable, Sendable {
    case bool, int64, float32, float64

    var rank: Int {
        switch self {
        case .bool: return 0
        case .int64: return 1
        case .float32: return 2
        case .float64: return 3
        }
    }

    public var isFloat: Bool { self == .float32 || self == .float64 }

    /// `np.result_type` of two array dtypes: int64 with float32 needs float64.
    static func promote(_ a: NumpyDType, _ b: NumpyDType) -> NumpyDType {
        if (a == .int64 && b == .float32) || (a == .float32 && b == .int64) { return .float64 }
        return a.rank >= b.rank ? a : b
    }

    /// An array dtype combined with a "weak" Python scalar (NEP 50): the array's kind wins
    /// unless the scalar's kind is higher (a float with an int array gives float64).
    static func promoteWeak(_ a: NumpyDType, scalar: Value) -> NumpyDType {
        switch scalar {
        case .bool: return a
        case .int: return a == .bool ? .int64 : a
        default: return a.isFloat ? a : .float64
        }
    }

    /// The value stored for `d` in an array of this dtype: float32 rounding, int64
    /// truncation with numpy's wrap-around, bool as 0/1.
    func cast(_ d: Double) -> Double {
        switch self {
        case .float64: return d
        case .float32: return Double(Float(d))
        case .int64: return Double(NDArray.int64(d))
        case .bool: return d != 0 ? 1 : 0
        }
    }

    public var object: DTypeObject {
        switch self {
        case .bool: return .bool
        case .int64: return .int64
        case .float32: return .float32
        case .float64: return .float64
        }
    }

    /// A `dtype=` argument: `np.float32`, `'int64'`, `float`, `int`, `bool`, `a.dtype`.
    static func parse(_ v: Value) throws -> NumpyDType? {
        let name: String
        switch v {
        case .none: return nil
        case .str(let s): name = s
        case .builtin(let b): name = b.name
        case .object(let o as DTypeObject): name = o.name
        case .object(let o as NativeType): name = o.name
        default: name = Repr.str(v)
        }
        switch name {
        case "float64", "float", "double", "f8", "float_": return .float64
        case "float32", "single", "f4": return .float32
        case "int64", "int", "i8", "int_", "long": return .int64
        case "bool", "bool_", "?": return .bool
        case "int32", "int16", "int8", "uint8", "uint16", "uint32", "uint64", "float16", "complex64", "complex128", "complex":
            throw PyError(.typeError, "data type '\(name)' is not supported here (float64, float32, int64 and bool are)")
        default:
            throw PyError(.typeError, "data type '\(name)' not understood")
        }
    }
}
