/// Binary operator kernels: an inlined int/float fast path and the general slow path.
/// Generic specialisation turns `Compiler.binary(AddK.self, …)` into tight closures.
protocol BinKernel {
    static func fast(_ a: Value, _ b: Value) -> Value?
    static func slow(_ a: Value, _ b: Value) throws -> Value
}

enum AddK: BinKernel {
    @inline(__always) static func fast(_ a: Value, _ b: Value) -> Value? {
        if case .int(let x) = a {
            if case .int(let y) = b {
                let (r, o) = x.addingReportingOverflow(y)
                return o ? nil : .int(r)
            }
            if case .float(let y) = b { return .float(Double(x) + y) }
        } else if case .float(let x) = a {
            if case .float(let y) = b { return .float(x + y) }
            if case .int(let y) = b { return .float(x + Double(y)) }
        }
        return nil
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Arith.add(a, b) }
}

enum SubK: BinKernel {
    @inline(__always) static func fast(_ a: Value, _ b: Value) -> Value? {
        if case .int(let x) = a {
            if case .int(let y) = b {
                let (r, o) = x.subtractingReportingOverflow(y)
                return o ? nil : .int(r)
            }
            if case .float(let y) = b { return .float(Double(x) - y) }
        } else if case .float(let x) = a {
            if case .float(let y) = b { return .float(x - y) }
            if case .int(let y) = b { return .float(x - Double(y)) }
        }
        return nil
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Arith.sub(a, b) }
}

enum MulK: BinKernel {
    @inline(__always) static func fast(_ a: Value, _ b: Value) -> Value? {
        if case .int(let x) = a {
            if case .int(let y) = b {
                let (r, o) = x.multipliedReportingOverflow(by: y)
                return o ? nil : .int(r)
            }
            if case .float(let y) = b { return .float(Double(x) * y) }
        } else if case .float(let x) = a {
            if case .float(let y) = b { return .float(x * y) }
            if case .int(let y) = b { return .float(x * Double(y)) }
        }
        return nil
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Arith.mul(a, b) }
}

enum DivK: BinKernel {
    @inline(__always) static func fast(_ a: Value, _ b: Value) -> Value? {
        if case .float(let x) = a, case .float(let y) = b, y != 0 { return .float(x / y) }
        if case .int(let x) = a, case .int(let y) = b, y != 0,
           x.magnitude < (1 << 53), y.magnitude < (1 << 53) { return .float(Double(x) / Double(y)) }
        return nil
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Arith.div(a, b) }
}

enum FloorDivK: BinKernel {
    @inline(__always) static func fast(_ a: Value, _ b: Value) -> Value? {
        if case .int(let x) = a, case .int(let y) = b, y > 0 {
            let q = x / y
            return .int((x % y != 0 && x < 0) ? q - 1 : q)
        }
        return nil
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Arith.floorDiv(a, b) }
}

enum ModK: BinKernel {
    @inline(__always) static func fast(_ a: Value, _ b: Value) -> Value? {
        if case .int(let x) = a, case .int(let y) = b, y > 0 {
            let r = x % y
            return .int(r < 0 ? r + y : r)
        }
        return nil
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Arith.mod(a, b) }
}

enum PowK: BinKernel {
    @inline(__always) static func fast(_ a: Value, _ b: Value) -> Value? {
        if case .float(let x) = a, case .int(2) = b { return .float(x * x) }
        return nil
    }
    static func slow(_ a: Value, _ b: Value) throws -> Value { try Arith.pow(a, b) }
}

/// Comparison kernels returning Bool directly (for conditions).
protocol CmpKernel {
    static var op: CompareOp { get }
    static func ints(_ x: Int, _ y: Int) -> Bool
    static func doubles(_ x: Double, _ y: Double) -> Bool
}

extension CmpKernel {
    @inline(__always) static func fast(_ a: Value, _ b: Value) -> Bool? {
        if case .int(let x) = a {
            if case .int(let y) = b { return ints(x, y) }
            if case .float(let y) = b, x.magnitude < (1 << 53) { return doubles(Double(x), y) }
        } else if case .float(let x) = a {
            if case .float(let y) = b { return doubles(x, y) }
            if case .int(let y) = b, y.magnitude < (1 << 53) { return doubles(x, Double(y)) }
        }
        return nil
    }
}

enum LtK: CmpKernel {
    static var op: CompareOp { .lt }
    @inline(__always) static func ints(_ x: Int, _ y: Int) -> Bool { x < y }
    @inline(__always) static func doubles(_ x: Double, _ y: Double) -> Bool { x < y }
}
enum LeK: CmpKernel {
    static var op: CompareOp { .le }
    @inline(__always) static func ints(_ x: Int, _ y: Int) -> Bool { x <= y }
    @inline(__always) static func doubles(_ x: Double, _ y: Double) -> Bool { x <= y }
}
enum GtK: CmpKernel {
    static var op: CompareOp { .gt }
    @inline(__always) static func ints(_ x: Int, _ y: Int) -> Bool { x > y }
    @inline(__always) static func doubles(_ x: Double, _ y: Double) -> Bool { x > y }
}
enum GeK: CmpKernel {
    static var op: CompareOp { .ge }
    @inline(__always) static func ints(_ x: Int, _ y: Int) -> Bool { x >= y }
    @inline(__always) static func doubles(_ x: Double, _ y: Double) -> Bool { x >= y }
}
enum EqK: CmpKernel {
    static var op: CompareOp { .eq }
    @inline(__always) static func ints(_ x: Int, _ y: Int) -> Bool { x == y }
    @inline(__always) static func doubles(_ x: Double, _ y: Double) -> Bool { x == y }
}
enum NeK: CmpKernel {
    static var op: CompareOp { .ne }
    @inline(__always) static func ints(_ x: Int, _ y: Int) -> Bool { x != y }
    @inline(__always) static func doubles(_ x: Double, _ y: Double) -> Bool { x != y }
}
