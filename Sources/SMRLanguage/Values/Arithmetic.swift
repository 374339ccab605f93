import Foundation

/// Python arithmetic on values: int fast paths whose overflow promotes to a big int
/// (`BigIntArith`), int/float mixing, floor division and modulo toward −∞, `**` with
/// negative exponents giving floats.
enum Arith {
    static func unsupported(_ op: String, _ a: Value, _ b: Value) -> PyError {
        PyError.type("unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
    }

    /// Int view (int or bool) for arithmetic.
    @inline(__always) static func intOf(_ v: Value) -> Int? {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    @inline(__always) static func floatOf(_ v: Value) -> Double? {
        switch v {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    static func binary(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .add: return try add(a, b)
        case .sub: return try sub(a, b)
        case .mul: return try mul(a, b)
        case .div: return try div(a, b)
        case .floorDiv: return try floorDiv(a, b)
        case .mod: return try mod(a, b)
        case .pow: return try pow(a, b)
        case .bitOr, .bitXor, .bitAnd, .lshift, .rshift: return try bitwise(op, a, b)
        case .matmul: return try matmul(a, b)
        }
    }

    /// `a @ b`: only objects define it (arrays, tensors, user classes with `__matmul__`).
    static func matmul(_ a: Value, _ b: Value) throws -> Value {
        if case .object(let o) = a, let r = try o.binaryOp("@", b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp("@", a, reflected: true) { return r }
        throw unsupported("@", a, b)
    }

    static func add(_ a: Value, _ b: Value) throws -> Value {
        // Strings first: compiled `+` sites have already tried ints and floats inline.
        if case .str(let x) = a, case .str(let y) = b { return .str(x + y) }
        if let x = intOf(a), let y = intOf(b) {
            let (r, o) = x.addingReportingOverflow(y)
            if o { return BigIntObject.value(BigInt(x) + BigInt(y)) }
            return .int(r)
        }
        if let x = floatOf(a), let y = floatOf(b) { return .float(x + y) }
        switch (a, b) {
        case (.str(let x), .str(let y)): return .str(x + y)
        case (.list(let x), .list(let y)): return .list(ListObject(x.items + y.items))
        case (.tuple(let x), .tuple(let y)): return .tuple(TupleObject(x.items + y.items))
        case (.dict(let x), .dict(let y)): if let r = try CollectionsModule.counterOp(.add, x, y) { return r }
        case (.object(let o), _): if let r = try o.binaryOp("+", b, reflected: false) { return r }
        case (_, .object(let o)): if let r = try o.binaryOp("+", a, reflected: true) { return r }
        default: break
        }
        if case .str = a { throw PyError.type("can only concatenate str (not \"\(b.typeName)\") to str") }
        if case .list = a { throw PyError.type("can only concatenate list (not \"\(b.typeName)\") to list") }
        if case .tuple = a { throw PyError.type("can only concatenate tuple (not \"\(b.typeName)\") to tuple") }
        throw unsupported("+", a, b)
    }

    static func sub(_ a: Value, _ b: Value) throws -> Value {
        if case .dict(let x) = a, case .dict(let y) = b, let r = try CollectionsModule.counterOp(.sub, x, y) { return r }
        if let x = intOf(a), let y = intOf(b) {
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { return BigIntObject.value(BigInt(x) - BigInt(y)) }
            return .int(r)
        }
        if let x = floatOf(a), let y = floatOf(b) { return .float(x - y) }
        if case .object(let o) = a, let r = try o.binaryOp("-", b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp("-", a, reflected: true) { return r }
        throw unsupported("-", a, b)
    }

    static func repeatSeq(_ items: [Value], _ n: Int) throws -> [Value] {
        if n <= 0 || items.isEmpty { return [] }
        let (total, o) = items.count.multipliedReportingOverflow(by: n)
        if o || total > Limits.maxItems { throw Limits.memoryError() }
        var out: [Value] = []
        out.reserveCapacity(total)
        for _ in 0..<n { out.append(contentsOf: items) }
        return out
    }

    static func mul(_ a: Value, _ b: Value) throws -> Value {
        if let x = intOf(a), let y = intOf(b) {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { return BigIntObject.value(BigInt(x) * BigInt(y)) }
            return .int(r)
        }
        if let x = floatOf(a), let y = floatOf(b) { return .float(x * y) }
        switch (a, b) {
        case (.str(let s), _) where intOf(b) != nil, (_, .str(let s)) where intOf(a) != nil:
            let n = intOf(b) ?? intOf(a) ?? 0
            if n <= 0 { return .str("") }
            if s.utf8.count.multipliedReportingOverflow(by: n).overflow || s.utf8.count * n > Limits.maxStringBytes {
                throw Limits.memoryError()
            }
            return .str(String(repeating: s, count: n))
        case (.list(let l), _) where intOf(b) != nil: return .list(ListObject(try repeatSeq(l.items, intOf(b) ?? 0)))
        case (_, .list(let l)) where intOf(a) != nil: return .list(ListObject(try repeatSeq(l.items, intOf(a) ?? 0)))
        case (.tuple(let t), _) where intOf(b) != nil: return .tuple(TupleObject(try repeatSeq(t.items, intOf(b) ?? 0)))
        case (_, .tuple(let t)) where intOf(a) != nil: return .tuple(TupleObject(try repeatSeq(t.items, intOf(a) ?? 0)))
        case (.object(let o), _): if let r = try o.binaryOp("*", b, reflected: false) { return r }
        case (_, .object(let o)): if let r = try o.binaryOp("*", a, reflected: true) { return r }
        default: break
        }
        if case .str = a { throw PyError.type("can't multiply sequence by non-int of type '\(b.typeName)'") }
        if case .list = a { throw PyError.type("can't multiply sequence by non-int of type '\(b.typeName)'") }
        throw unsupported("*", a, b)
    }

    static func div(_ a: Value, _ b: Value) throws -> Value {
        if let x = intOf(a), let y = intOf(b) {
            if y == 0 { throw PyError.zeroDiv("division by zero") }
            if x.magnitude > (1 << 53) || y.magnitude > (1 << 53) {
                // Beyond 2**53 the operands are not exact doubles; CPython rounds the true quotient.
                return .float(try BigIntArith.trueDivide(BigInt(x), BigInt(y)))
            }
            return .float(Double(x) / Double(y))
        }
        if let x = floatOf(a), let y = floatOf(b) {
            if y == 0 { throw PyError.zeroDiv("float division by zero") }
            return .float(x / y)
        }
        if case .object(let o) = a, let r = try o.binaryOp("/", b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp("/", a, reflected: true) { return r }
        throw unsupported("/", a, b)
    }

    @inline(__always) static func intFloorDiv(_ x: Int, _ y: Int) throws -> Int {
        if y == 0 { throw PyError.zeroDiv("integer division or modulo by zero") }
        if x == Int.min && y == -1 { throw PyError.overflow() }
        let q = x / y
        return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q
    }

    @inline(__always) static func intMod(_ x: Int, _ y: Int) throws -> Int {
        if y == 0 { throw PyError.zeroDiv("integer modulo by zero") }
        if y == -1 { return 0 }
        let r = x % y
        return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r
    }

    static func floatDivmod(_ vx: Double, _ wx: Double) -> (Double, Double) {
        var mod = fmod(vx, wx)
        var div = (vx - mod) / wx
        if mod != 0 {
            if (wx < 0) != (mod < 0) {
                mod += wx
                div -= 1
            }
        } else {
            mod = copysign(0, wx)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = floor(div)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = copysign(0, vx / wx)
        }
        return (floordiv, mod)
    }

    static func floorDiv(_ a: Value, _ b: Value) throws -> Value {
        if let x = intOf(a), let y = intOf(b) {
            if x == Int.min && y == -1 { return BigIntObject.value(-BigInt(x)) }
            return .int(try intFloorDiv(x, y))
        }
        if let x = floatOf(a), let y = floatOf(b) {
            if y == 0 { throw PyError.zeroDiv("float floor division by zero") }
            return .float(floatDivmod(x, y).0)
        }
        if case .object(let o) = a, let r = try o.binaryOp("//", b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp("//", a, reflected: true) { return r }
        throw unsupported("//", a, b)
    }

    static func mod(_ a: Value, _ b: Value) throws -> Value {
        if let x = intOf(a), let y = intOf(b) { return .int(try intMod(x, y)) }
        if let x = floatOf(a), let y = floatOf(b) {
            if y == 0 { throw PyError.zeroDiv("float modulo") }
            return .float(floatDivmod(x, y).1)
        }
        if case .str(let s) = a { return .str(try PercentFormat.format(s, b)) }
        if case .object(let o) = a, let r = try o.binaryOp("%", b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp("%", a, reflected: true) { return r }
        throw unsupported("%", a, b)
    }

    /// `base ** exp` for exp ≥ 0 when it fits in 64 bits; nil when it overflows.
    static func intPow(_ base: Int, _ exp: Int) -> Int? {
        var result = 1
        var b = base
        var e = exp
        while e > 0 {
            if e & 1 == 1 {
                let (r, o) = result.multipliedReportingOverflow(by: b)
                if o { return nil }
                result = r
            }
            e >>= 1
            if e > 0 {
                let (sq, o) = b.multipliedReportingOverflow(by: b)
                // Overflow matters only if the square is still needed.
                if o { return nil }
                b = sq
            }
        }
        return result
    }

    static func pow(_ a: Value, _ b: Value) throws -> Value {
        if let x = intOf(a), let y = intOf(b) {
            if y >= 0 {
                if x == 0 || x == 1 { return .int(y == 0 ? 1 : x) }
                if x == -1 { return .int(y % 2 == 0 ? 1 : -1) }
                if let r = intPow(x, y) { return .int(r) }
                return try BigIntArith.power(BigInt(x), BigInt(y))
            }
            if x == 0 { throw PyError.zeroDiv("0.0 cannot be raised to a negative power") }
            return .float(Foundation.pow(Double(x), Double(y)))
        }
        if let x = floatOf(a), let y = floatOf(b) {
            if x == 0 && y < 0 { throw PyError.zeroDiv("0.0 cannot be raised to a negative power") }
            if x < 0 && y != y.rounded() && y.isFinite {
                throw PyError.value("negative number cannot be raised to a fractional power (complex results are not supported)")
            }
            let r = Foundation.pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw PyError(.overflowError, "(34, 'Numerical result out of range')") }
            return .float(r)
        }
        if case .object(let o) = a, let r = try o.binaryOp("**", b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp("**", a, reflected: true) { return r }
        throw unsupported("** or pow()", a, b)
    }

    static func negate(_ a: Value) throws -> Value {
        switch a {
        case .int(let i):
            if i == Int.min { return BigIntObject.value(-BigInt(i)) }
            return .int(-i)
        case .bool(let b): return .int(b ? -1 : 0)
        case .float(let d): return .float(-d)
        case .object(let o): if let r = try o.unaryOp("-") { return r }
        default: break
        }
        throw PyError.type("bad operand type for unary -: '\(a.typeName)'")
    }

    static func plus(_ a: Value) throws -> Value {
        switch a {
        case .int, .float: return a
        case .bool(let b): return .int(b ? 1 : 0)
        case .object(let o): if let r = try o.unaryOp("+") { return r }
            throw PyError.type("bad operand type for unary +: '\(a.typeName)'")
        default: throw PyError.type("bad operand type for unary +: '\(a.typeName)'")
        }
    }
}
