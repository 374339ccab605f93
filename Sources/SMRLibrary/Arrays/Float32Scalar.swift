import Foundation
import SMRLanguage

/// `np.float32`: what indexing a float32 observation gives. Prints with float32's
/// shortest digits (`0.6520163`); `float(x)` widens it exactly (`0.652016282081604`).
public final class Float32Scalar: NativeObject, FormattableObject {
    public let value: Float

    public init(_ value: Float) { self.value = value }

    public override var typeName: String { "float32" }
    public override var typeObject: NativeObject? { NumpyScalarType.float32Type }
    public override var numericValue: Value? { .float(Double(value)) }
    public override func sameKind(_ v: Value) -> Value {
        if case .float(let d) = v { return .object(Float32Scalar(Float(d))) }
        return v
    }
    public override var repr: String { "np.float32(\(NumpyFormat.scalar(value)))" }
    public override var str: String { NumpyFormat.scalar(value) }
    public override var isTruthy: Bool { value != 0 }
    public override var helpText: String { "numpy.float32: a 32-bit float scalar.\n\nfloat(x) gives its exact value as a Python float." }
    public override var attributeNames: [String] { ["dtype", "item", "shape", "ndim", "tolist"] }

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "dtype": return .object(DTypeObject.float32)
        case "shape": return .tuple([])
        case "ndim": return .int(0)
        case "item", "tolist":
            return .builtin(BuiltinFunction(name, params: []) { [value] _ in .float(Double(value)) })
        default: return try super.getAttribute(name)
        }
    }

    public func format(_ spec: String) throws -> String {
        if spec.isEmpty { return str }
        return try LibraryFormatting.format(.float(Double(value)), spec)
    }

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        if case .object(let array as Float32Array) = other {
            return try array.binaryOp(op, .object(self), reflected: !reflected)
        }
        if case .object(let array as NDArray) = other {
            return try NDArray(data: [Double(value)], shape: [], dtype: .float32).binaryOp(op, .object(array), reflected: reflected)
        }
        guard let b = Float32Math.weakScalar(other) else { return nil }
        let (x, y) = reflected ? (b, value) : (value, b)
        guard let r = Float32Math.apply(op, x, y) else { return nil }
        return .object(Float32Scalar(r))
    }

    public override func unaryOp(_ op: String) throws -> Value? {
        switch op {
        case "-": return .object(Float32Scalar(-value))
        case "abs": return .object(Float32Scalar(abs(value)))
        case "float": return .float(Double(value))
        case "int":
            guard value.isFinite else {
                throw PyError(value.isNaN ? .valueError : .overflowError,
                              value.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
            }
            guard abs(value) < 9.2e18 else { throw PyError(.overflowError, "int too large to convert to a 64-bit int") }
            return .int(try ValueConversion.int(Double(value)))
        case "round":
            guard value.isFinite else { throw PyError(.valueError, "cannot convert float NaN or infinity to integer") }
            guard abs(value) < 9.2e18 else { throw PyError(.overflowError, "int too large to convert to a 64-bit int") }
            return .int(try ValueConversion.int(Double(value.rounded(.toNearestOrEven))))
        default: return nil
        }
    }

    public override func compare(_ other: Value) throws -> Int? {
        let b: Double
        if let x = other.asDouble { b = x } else if let s = Float32Math.weakScalar(other) { b = Double(s) } else { return nil }
        let a = Double(value)
        if a.isNaN || b.isNaN { return nil }
        return a < b ? -1 : (a > b ? 1 : 0)
    }

    public override func equals(_ other: Value) -> Bool {
        if let x = other.asDouble { return Double(value) == x }
        if case .object(let o as Float32Scalar) = other { return o.value == value }
        return false
    }
}
