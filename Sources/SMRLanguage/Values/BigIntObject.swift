/// A Python int beyond 64 bits, carried by `Value.object`. Programs cannot tell it from a
/// small int: its type is `int`, it compares, hashes and prints as CPython's int, and every
/// result that fits in 64 bits comes back as a plain `.int` (see `BigIntObject.value(_:)`).
public final class BigIntObject: NativeObject, FormattableObject {
    /// The value; never within the 64-bit range.
    public let value: BigInt

    private init(_ value: BigInt) { self.value = value }

    /// The language value of an integer: `.int` when it fits in 64 bits, a big int otherwise.
    public static func value(_ b: BigInt) -> Value {
        if let i = b.asInt { return .int(i) }
        return .object(BigIntObject(b))
    }

    /// The integer an int, bool or big int value holds (nil for other values).
    @inline(__always)
    public static func integer(_ v: Value) -> BigInt? {
        switch v {
        case .int(let i): return BigInt(i)
        case .bool(let b): return BigInt(b ? 1 : 0)
        case .object(let o as BigIntObject): return o.value
        default: return nil
        }
    }

    /// Whether the value is a big int.
    @inline(__always)
    static func isBig(_ v: Value) -> Bool {
        if case .object(let o) = v { return o is BigIntObject }
        return false
    }

    /// Largest int result in bits; beyond it the language raises MemoryError.
    public static var maxBits: Int { BigIntArith.maxBits }

    public override var typeName: String { "int" }
    public override var repr: String { (value.negative ? "-" : "") + value.digits() }
    public override var isTruthy: Bool { true }
    public override var helpText: String { "int: an integer of any size." }
    public override var attributeNames: [String] { ["bit_length", "imag", "real"] }

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "real": return .object(self)
        case "imag": return .int(0)
        case "bit_length":
            return .builtin(BuiltinFunction(raw: name, signature: "int.bit_length()", doc: "") { [value] _, _, _ in .int(value.bitLength) })
        default: return try super.getAttribute(name)
        }
    }

    public func format(_ spec: String) throws -> String { try Format.format(.object(self), spec) }

    public override func equals(_ other: Value) -> Bool {
        switch other {
        case .object(let o as BigIntObject): return value == o.value
        case .float(let d): return BigIntArith.compare(value, d) == 0
        default: return false  // small ints and bools never equal a big int
        }
    }

    public override func compare(_ other: Value) throws -> Int? {
        if let b = BigIntObject.integer(other) { return BigInt.compare(value, b) }
        if case .float(let d) = other { return BigIntArith.compare(value, d) }
        if case .object(let s as NumpyScalar) = other { return try compare(s.value) }
        return nil
    }

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        let operand: Value
        switch other {
        case .object(let s as NumpyScalar):
            // numpy cannot hold the big int in an int64 or mix it with one.
            if s.dtype != .float64 { throw BigIntArith.tooLargeForNumpy }
            operand = s.value
        case .object(let o) where o.isUserInstance:
            return try o.binaryOp(op, .object(self), reflected: !reflected)
        case .object(let array as NDArray):
            // A float array takes the int as a float; numpy cannot store it as an int64.
            guard array.dtype.isFloat else { throw BigIntArith.tooLargeForNumpy }
            return try array.binaryOp(op, .float(try BigIntArith.toDouble(value)), reflected: !reflected)
        default: operand = other
        }
        let (a, b) = reflected ? (operand, Value.object(self)) : (Value.object(self), operand)
        return try BigIntArith.binary(op, a, b)
    }

    public override func unaryOp(_ op: String) throws -> Value? {
        switch op {
        case "-": return BigIntObject.value(-value)
        case "+", "int", "round": return .object(self)
        case "abs": return BigIntObject.value(value.magnitude)
        case "~": return BigIntObject.value(-value - BigInt(1))
        case "float": return .float(try BigIntArith.toDouble(value))
        default: return nil
        }
    }

    public override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? { .object(self) }
}
