/// `& | ^ << >> ~` on ints and bools (a left shift that overflows 64 bits gives a big int),
/// and `dict | dict` (a merged copy, Python 3.9+).
extension Arith {
    static func bitwise(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        if case .bool(let x) = a, case .bool(let y) = b {
            switch op {
            case .bitAnd: return .bool(x && y)
            case .bitOr: return .bool(x || y)
            case .bitXor: return .bool(x != y)
            default: break
            }
        }
        if let x = intOf(a), let y = intOf(b) {
            switch op {
            case .bitAnd: return .int(x & y)
            case .bitOr: return .int(x | y)
            case .bitXor: return .int(x ^ y)
            case .lshift:
                if y < 0 { throw PyError.value("negative shift count") }
                if x == 0 { return .int(0) }
                if y < 63 {
                    let r = x << y
                    if r >> y == x { return .int(r) }
                }
                return try BigIntArith.integers("<<", BigInt(x), BigInt(y)) ?? .int(0)
            case .rshift:
                if y < 0 { throw PyError.value("negative shift count") }
                return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
            default: break
            }
        }
        if case .dict(let x) = a, case .dict(let y) = b, let r = try CollectionsModule.counterOp(op, x, y) { return r }
        if op == .bitOr, case .dict(let x) = a, case .dict(let y) = b {
            let d = x.copy()
            for (k, v) in zip(y.keys, y.values) { try d.set(k, v) }
            return .dict(d)
        }
        if case .object(let o) = a, let r = try o.binaryOp(op.rawValue, b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOp(op.rawValue, a, reflected: true) { return r }
        throw unsupported(op.rawValue, a, b)
    }

    static func invert(_ a: Value) throws -> Value {
        if let x = intOf(a) { return .int(~x) }
        if case .object(let o) = a, let r = try o.unaryOp("~") { return r }
        throw PyError.type("bad operand type for unary ~: '\(a.typeName)'")
    }
}
