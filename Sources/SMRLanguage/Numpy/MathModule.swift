import Foundation

/// The `math` module: the functions notebooks commonly use.
enum MathModule {
    static func make() -> NativeModule {
        let m = NativeModule("math", doc: "Mathematical functions on floats.")
        m.add("pi", .float(Double.pi))
        m.add("e", .float(M_E))
        m.add("inf", .float(.infinity))
        m.add("nan", .float(.nan))
        func unary(_ name: String, _ doc: String, _ f: @escaping (Double) throws -> Double) {
            m.function(name, doc: doc, params: [Param("x", .float)]) { a in .float(try f(try a.double("x"))) }
        }
        func domain(_ ok: Bool) throws { if !ok { throw PyError.value("math domain error") } }
        unary("sqrt", "Square root.") { x in try domain(x >= 0 || x.isNaN); return sqrt(x) }
        unary("exp", "e ** x.") { x in
            let r = Foundation.exp(x)
            if r.isInfinite && x.isFinite { throw PyError(.overflowError, "math range error") }
            return r
        }
        m.function("log10", doc: "Base-10 logarithm.", params: [Param("x")]) { a in .float(try logarithm(a["x"], Foundation.log10)) }
        m.function("log2", doc: "Base-2 logarithm.", params: [Param("x")]) { a in .float(try logarithm(a["x"], Foundation.log2)) }
        unary("sin", "Sine.") { Foundation.sin($0) }
        unary("cos", "Cosine.") { Foundation.cos($0) }
        unary("tan", "Tangent.") { Foundation.tan($0) }
        unary("tanh", "Hyperbolic tangent.") { Foundation.tanh($0) }
        unary("atan", "Arc tangent.") { Foundation.atan($0) }
        unary("fabs", "Absolute value.") { Swift.abs($0) }
        m.function("log", doc: "Natural logarithm, or logarithm to `base`.", params: [Param("x"), Param("base", .any, default: .none)]) { a in
            let lx = try logarithm(a["x"], Foundation.log)
            if a["base"].isNone { return .float(lx) }
            let lb = try logarithm(a["base"], Foundation.log)
            if lb == 0 { throw PyError.zeroDiv("float division by zero") }
            return .float(lx / lb)
        }
        m.function("atan2", doc: "atan(y / x) with the quadrant.", params: [Param("y", .float), Param("x", .float)]) { a in
            .float(Foundation.atan2(try a.double("y"), try a.double("x")))
        }
        m.function("pow", doc: "x ** y as floats.", params: [Param("x", .float), Param("y", .float)]) { a in
            .float(Foundation.pow(try a.double("x"), try a.double("y")))
        }
        func toInt(_ d: Double) throws -> Value { try BigIntArith.integer(truncating: d) }
        m.function("floor", doc: "Largest integer ≤ x.", params: [Param("x")]) { a in
            if case .int = a["x"] { return a["x"] }
            if BigIntObject.isBig(a["x"]) { return a["x"] }
            return try toInt(Foundation.floor(try a.double("x")))
        }
        m.function("ceil", doc: "Smallest integer ≥ x.", params: [Param("x")]) { a in
            if case .int = a["x"] { return a["x"] }
            if BigIntObject.isBig(a["x"]) { return a["x"] }
            return try toInt(Foundation.ceil(try a.double("x")))
        }
        m.function("isnan", doc: "Whether x is NaN.", params: [Param("x", .float)]) { a in .bool(try a.double("x").isNaN) }
        m.function("isinf", doc: "Whether x is infinite.", params: [Param("x", .float)]) { a in .bool(try a.double("x").isInfinite) }
        m.function("isfinite", doc: "Whether x is finite.", params: [Param("x", .float)]) { a in .bool(try a.double("x").isFinite) }
        m.function("isclose", doc: "Approximate equality.", params: [Param("a", .float), Param("b", .float), Param("rel_tol", .float, default: .float(1e-9)), Param("abs_tol", .float, default: .float(0))]) { a in
            let x = try a.double("a"), y = try a.double("b")
            if x == y { return .bool(true) }
            let d = Swift.abs(x - y)
            return .bool(d <= Swift.max(try a.double("rel_tol") * Swift.max(Swift.abs(x), Swift.abs(y)), try a.double("abs_tol")))
        }
        addFunctions(m)
        return m
    }
}

extension MathModule {
    /// `f(x)` for `math.log`, `log2`, `log10`: an int too large for a float is taken as
    /// m·2**e first and gives f(m) + f(2)·e, as CPython's `loghelper` does.
    static func logarithm(_ v: Value, _ f: (Double) -> Double) throws -> Double {
        if case .object(let o as BigIntObject) = v, o.value.toDouble() == nil {
            if o.value.negative { throw PyError.value("math domain error") }
            let e = o.value.bitLength
            let top = o.value.shiftedRight(e - 55)
            var bits = top.lowWord
            if !Magnitude.lowBitsAreZero(o.value.limbs, e - 55) { bits |= 1 }
            var m = Foundation.scalbn(Double(bits), -55)
            var exponent = e
            if m == 1.0 { m = 0.5; exponent += 1 }
            return f(m) + f(2.0) * Double(exponent)
        }
        guard let x = v.asDouble else { throw PyError.type("must be real number, not \(v.typeName)") }
        if !(x > 0 || x.isNaN) { throw PyError.value("math domain error") }
        return f(x)
    }
}
