import Foundation

/// numpy's scalar types `np.float64`, `np.float32`, `np.int64` and `np.bool_`: accepted
/// wherever a dtype is (`dtype=np.float32`, `a.dtype == np.float32`), printed as classes
/// (`<class 'numpy.float32'>`), and callable: `np.float32(1.5)` is a float32 scalar,
/// `np.int64("7")` truncates or parses as numpy does, `np.float32(array)` casts an array.
public final class NumpyScalarType: DTypeObject {
    public let dtype: NumpyDType

    init(_ dtype: NumpyDType) {
        self.dtype = dtype
        super.init(name: dtype.rawValue, repr: "<class 'numpy.\(dtype.rawValue)'>")
    }

    public static let float64Type = NumpyScalarType(.float64)
    public static let float32Type = NumpyScalarType(.float32)
    public static let int64Type = NumpyScalarType(.int64)
    public static let boolType = NumpyScalarType(.bool)

    public static func of(_ dtype: NumpyDType) -> NumpyScalarType {
        switch dtype {
        case .float64: return float64Type
        case .float32: return float32Type
        case .int64: return int64Type
        case .bool: return boolType
        }
    }

    public override var typeName: String { "type" }
    public override var str: String { repr }
    public override var helpText: String { "numpy.\(dtype.rawValue): a scalar type; call it to convert a number, string or array." }

    public override var attributeNames: [String] { ["__name__", "__module__", "__qualname__"] }
    public override func getAttribute(_ attr: String) throws -> Value {
        switch attr {
        case "__name__", "__qualname__": return .str(dtype.rawValue)
        case "__module__": return .str("numpy")
        default: throw PyError(.attributeError, "type object 'numpy.\(dtype.rawValue)' has no attribute '\(attr)'")
        }
    }

    public override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        guard keywords.isEmpty else { throw PyError.type("\(dtype.rawValue)() takes no keyword arguments") }
        guard args.count <= 1 else { throw PyError.type("\(dtype.rawValue)() takes at most 1 argument (\(args.count) given)") }
        let x = args.first ?? .int(0)
        switch x {
        case .list, .tuple, .range:
            let a = try NumpyModule.array(x, dtype: dtype)
            return NDArray.make(a.data, a.shape, dtype)
        case .object(let o):
            if let a = (o as? NDArray) ?? NDArray.unbox(o) {
                if a.shape.isEmpty, let v = a.data.first { return try scalar(a.dtype == .int64 ? .int(NDArray.int64(v)) : .float(v)) }
                return NDArray.make(a.data.map(dtype.cast), a.shape, dtype)
            }
        default: break
        }
        return try scalar(x)
    }

    /// One scalar of this type from a Python number, bool, string or numpy scalar.
    func scalar(_ x: Value) throws -> Value {
        if dtype == .int64, case .int(let i) = x { return .object(NumpyScalar(int: i)) }
        if dtype == .int64, case .object(let s as NumpyScalar) = x, case .int(let i) = s.value { return .object(NumpyScalar(int: i)) }
        if dtype == .bool { return .object(NumpyScalar(bool: try x.truth())) }
        let d: Double
        switch x {
        case .bool(let b): d = b ? 1 : 0
        case .int(let i): d = Double(i)
        case .float(let f): d = f
        case .str(let s):
            let t = s.trimmingCharacters(in: .whitespaces)
            if dtype == .int64 {
                guard let i = Int(t) else { throw Builtins.invalidIntLiteral(s, base: 10) }
                return .object(NumpyScalar(int: i))
            }
            guard let f = Double(t.lowercased() == "inf" || t.lowercased() == "-inf" || t.lowercased() == "nan" ? t.lowercased() : t) else {
                throw PyError.value("could not convert string to float: \(Repr.repr(x))")
            }
            d = f
        default:
            guard let v = x.asDouble ?? { if case .object(let o) = x { return NDArray.unbox(o)?.data.first }; return nil }() else {
                throw PyError.type("\(dtype.rawValue)() argument must be a string or a real number, not '\(x.typeName)'")
            }
            d = v
        }
        switch dtype {
        case .float64: return .object(NumpyScalar(float: d))
        case .float32: return NDArray.boxFloat32(Double(Float(d)))
        case .int64:
            guard d.isFinite else { throw PyError(d.isNaN ? .valueError : .overflowError, d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer") }
            return .object(NumpyScalar(int: NDArray.int64(d)))
        case .bool: return .object(NumpyScalar(bool: d != 0))
        }
    }
}
