import Foundation

/// The rest of Python's `math` module: integer functions (`factorial`, `gcd`, `lcm`, `comb`,
/// `perm`, `isqrt`, `prod`, `trunc`), float functions (`hypot`, `dist`, `fsum`, `copysign`,
/// `fmod`, `modf`, `frexp`, `ldexp`, inverse and hyperbolic trigonometry, `erf`, `gamma`, …)
/// and `tau`, with CPython's domain and type errors.
extension MathModule {
    static func addFunctions(_ m: NativeModule) {
        m.add("tau", .float(2 * Double.pi))
        func domain(_ ok: Bool) throws { if !ok { throw PyError.value("math domain error") } }
        func unary(_ name: String, _ doc: String, _ f: @escaping (Double) throws -> Double) {
            m.function(name, doc: doc, params: [Param("x", .float)]) { a in .float(try f(try a.double("x"))) }
        }
        unary("asin", "Arc sine.") { x in try domain(x.isNaN || Swift.abs(x) <= 1); return Foundation.asin(x) }
        unary("acos", "Arc cosine.") { x in try domain(x.isNaN || Swift.abs(x) <= 1); return Foundation.acos(x) }
        unary("sinh", "Hyperbolic sine.") { Foundation.sinh($0) }
        unary("cosh", "Hyperbolic cosine.") { Foundation.cosh($0) }
        unary("asinh", "Inverse hyperbolic sine.") { Foundation.asinh($0) }
        unary("acosh", "Inverse hyperbolic cosine.") { x in try domain(x.isNaN || x >= 1); return Foundation.acosh(x) }
        unary("atanh", "Inverse hyperbolic tangent.") { x in try domain(x.isNaN || Swift.abs(x) < 1); return Foundation.atanh(x) }
        unary("degrees", "Radians to degrees.") { $0 * (180 / Double.pi) }
        unary("radians", "Degrees to radians.") { $0 * (Double.pi / 180) }
        unary("expm1", "exp(x) - 1, accurate for small x.") { Foundation.expm1($0) }
        unary("log1p", "log(1 + x), accurate for small x.") { x in try domain(x.isNaN || x > -1); return Foundation.log1p(x) }
        unary("exp2", "2 ** x.") { Foundation.exp2($0) }
        unary("cbrt", "Cube root.") { Foundation.cbrt($0) }
        unary("erf", "Error function.") { Foundation.erf($0) }
        unary("erfc", "Complementary error function.") { Foundation.erfc($0) }
        unary("gamma", "Gamma function.") { x in
            try domain(!(x <= 0 && x == x.rounded()) && x != -.infinity)
            let r = Foundation.tgamma(x)
            if r.isInfinite && x.isFinite { throw PyError(.overflowError, "math range error") }
            return r
        }
        unary("lgamma", "Natural logarithm of |gamma(x)|.") { x in
            try domain(!(x <= 0 && x == x.rounded()))
            return Foundation.lgamma(x)
        }
        m.function("copysign", doc: "x with the sign of y.", params: [Param("x", .float), Param("y", .float)]) { a in
            .float(Foundation.copysign(try a.double("x"), try a.double("y")))
        }
        m.function("fmod", doc: "Remainder of x / y with the sign of x (C's fmod).", params: [Param("x", .float), Param("y", .float)]) { a in
            let x = try a.double("x"), y = try a.double("y")
            try domain(!(y == 0 || x.isInfinite) || x.isNaN || y.isNaN)
            return .float(Foundation.fmod(x, y))
        }
        m.function("remainder", doc: "IEEE 754 remainder of x / y.", params: [Param("x", .float), Param("y", .float)]) { a in
            let x = try a.double("x"), y = try a.double("y")
            try domain(!(y == 0 || x.isInfinite) || x.isNaN || y.isNaN)
            return .float(Foundation.remainder(x, y))
        }
        m.function("modf", doc: "(fractional part, integer part) of x.", params: [Param("x", .float)]) { a in
            let x = try a.double("x")
            if x.isInfinite { return .tuple([.float(Foundation.copysign(0, x)), .float(x)]) }
            let i = x.rounded(.towardZero)
            return .tuple([.float(x - i), .float(i)])
        }
        m.function("frexp", doc: "(m, e) with x == m * 2**e and 0.5 <= abs(m) < 1.", params: [Param("x", .float)]) { a in
            let x = try a.double("x")
            if x == 0 || !x.isFinite { return .tuple([.float(x), .int(0)]) }
            let f = Foundation.frexp(x)
            return .tuple([.float(f.0), .int(f.1)])
        }
        m.function("ldexp", doc: "x * 2**i.", params: [Param("x", .float), Param("i", .int)]) { a in
            let r = Foundation.scalbn(try a.double("x"), try a.int("i"))
            if r.isInfinite, (try a.double("x")).isFinite { throw PyError(.overflowError, "math range error") }
            return .float(r)
        }
        m.add(BuiltinFunction(raw: "hypot", signature: "hypot(*coordinates)", doc: "The Euclidean norm, sqrt(sum(x**2 for x in coordinates)).") { _, a, kw in
            guard kw.isEmpty else { throw PyError.type("hypot() takes no keyword arguments") }
            let xs = try a.map { v -> Double in
                guard let d = v.asDouble else { throw PyError.type("must be real number, not \(v.typeName)") }
                return d
            }
            return .float(norm(xs))
        })
        m.function("dist", doc: "Euclidean distance between points p and q.", params: [Param("p"), Param("q")]) { a in
            let p = try Iteration.toArray(a["p"]), q = try Iteration.toArray(a["q"])
            guard p.count == q.count else { throw PyError.value("both points must have the same number of dimensions") }
            let d = try zip(p, q).map { x, y -> Double in
                guard let u = x.asDouble, let v = y.asDouble else { throw PyError.type("must be real number, not \((x.asDouble == nil ? x : y).typeName)") }
                return u - v
            }
            return .float(norm(d))
        }
        m.function("fsum", doc: "An accurate floating-point sum of the values.", params: [Param("iterable")]) { a in
            var partials: [Double] = []
            try Iteration.forEach(a["iterable"]) { v in
                guard var x = v.asDouble else { throw PyError.type("must be real number, not \(v.typeName)") }
                var i = 0
                for var y in partials {
                    if Swift.abs(x) < Swift.abs(y) { swap(&x, &y) }
                    let hi = x + y
                    let lo = y - (hi - x)
                    if lo != 0 { partials[i] = lo; i += 1 }
                    x = hi
                }
                partials.removeSubrange(i...)
                partials.append(x)
                return true
            }
            return .float(fsumResult(partials))
        }
        m.function("trunc", doc: "x truncated toward 0, as an int.", params: [Param("x")]) { a in
            if case .int = a["x"] { return a["x"] }
            if case .bool(let b) = a["x"] { return .int(b ? 1 : 0) }
            if BigIntObject.isBig(a["x"]) { return a["x"] }
            guard let d = a["x"].asDouble else { throw PyError.type("type \(a["x"].typeName) doesn't define __trunc__ method") }
            return try integral(d.rounded(.towardZero))
        }
        func integer(_ v: Value, _ fname: String) throws -> BigInt {
            if case .float = v { throw PyError.type("'float' object cannot be interpreted as an integer") }
            guard let i = BigIntObject.integer(v) ?? v.asInt.map(BigInt.init) else {
                throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
            }
            return i
        }
        /// An int argument that must fit in 64 bits for the loop computing the result.
        func small(_ b: BigInt, _ what: String) throws -> Int {
            guard let i = b.asInt else { throw PyError.overflow("\(what) must not exceed \(Int.max)") }
            return i
        }
        m.function("factorial", doc: "n! for an integer n >= 0.", params: [Param("n")]) { a in
            let nb = try integer(a["n"], "factorial")
            guard !nb.negative else { throw PyError.value("factorial() not defined for negative values") }
            guard let n = nb.asInt else { throw PyError.overflow("factorial() argument should not exceed \(Int.max)") }
            if n > 1_000_000 { throw Limits.memoryError() }
            return BigIntObject.value(try product(of: stride(from: 2, through: n, by: 1).map { $0 }))
        }
        m.add(BuiltinFunction(raw: "gcd", signature: "gcd(*integers)", doc: "Greatest common divisor.") { _, a, _ in
            var g = BigInt()
            for v in a { g = BigInt.gcd(g, try integer(v, "gcd")) }
            return BigIntObject.value(g)
        })
        m.add(BuiltinFunction(raw: "lcm", signature: "lcm(*integers)", doc: "Least common multiple.") { _, a, _ in
            var l = BigInt(1)
            for v in a {
                let x = try integer(v, "lcm").magnitude
                if l.isZero || x.isZero { l = BigInt(); continue }
                let g = BigInt.gcd(l, x)
                l = try BigIntArith.product(BigInt.truncatingDivMod(l, g)?.0 ?? l, x)
            }
            return BigIntObject.value(l)
        })
        m.function("comb", doc: "Ways to choose k items from n, without order.", params: [Param("n"), Param("k")]) { a in
            let nb = try integer(a["n"], "comb"), kb = try integer(a["k"], "comb")
            guard !nb.negative else { throw PyError.value("n must be a non-negative integer") }
            guard !kb.negative else { throw PyError.value("k must be a non-negative integer") }
            if BigInt.compare(kb, nb) > 0 { return .int(0) }
            let n = try small(nb, "n"), k = Swift.min(try small(kb, "k"), n - (kb.asInt ?? 0))
            // n·(n−1)·…·(n−k+1) / k!, each partial quotient exact.
            var r = BigInt(1)
            for i in 0..<k {
                r = try BigIntArith.product(r, BigInt(n - i))
                r = BigInt.truncatingDivMod(r, BigInt(i + 1))?.0 ?? r
            }
            return BigIntObject.value(r)
        }
        m.function("perm", doc: "Ways to choose k items from n, with order.", params: [Param("n"), Param("k", .any, default: .none)]) { a in
            let nb = try integer(a["n"], "perm")
            let kb = a["k"].isNone ? nb : try integer(a["k"], "perm")
            guard !nb.negative else { throw PyError.value("n must be a non-negative integer") }
            guard !kb.negative else { throw PyError.value("k must be a non-negative integer") }
            if BigInt.compare(kb, nb) > 0 { return .int(0) }
            let n = try small(nb, "n"), k = try small(kb, "k")
            return BigIntObject.value(try product(of: stride(from: n, to: n - k, by: -1).map { $0 }))
        }
        m.function("isqrt", doc: "The integer square root of n >= 0.", params: [Param("n")]) { a in
            let n = try integer(a["n"], "isqrt")
            guard !n.negative else { throw PyError.value("isqrt() argument must be nonnegative") }
            return BigIntObject.value(n.squareRoot())
        }
        m.function("prod", doc: "The product of the values, times start (default 1).", params: [Param("iterable"), Param("start", .any, default: .int(1))]) { a in
            var r = a["start"]
            try Iteration.forEach(a["iterable"]) { v in
                r = try Arith.mul(r, v)
                return true
            }
            return r
        }
    }

    private static func norm(_ xs: [Double]) -> Double {
        if xs.contains(where: { $0.isInfinite }) { return .infinity }
        if xs.contains(where: { $0.isNaN }) { return .nan }
        let scale = xs.map { Swift.abs($0) }.max() ?? 0
        if scale == 0 { return 0 }
        if xs.count == 2 { return Foundation.hypot(xs[0], xs[1]) }
        return scale * xs.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
    }

    /// The correctly rounded sum of non-overlapping partials (CPython's msum ending).
    private static func fsumResult(_ partials: [Double]) -> Double {
        var n = partials.count
        guard n > 0 else { return 0 }
        n -= 1
        var hi = partials[n]
        var lo = 0.0
        while n > 0 {
            let x = hi
            n -= 1
            let y = partials[n]
            hi = x + y
            let yr = hi - x
            lo = y - yr
            if lo != 0 { break }
        }
        if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
            let y = lo * 2
            let x = hi + y
            if y == x - hi { hi = x }
        }
        return hi
    }

    private static func integral(_ d: Double) throws -> Value { try BigIntArith.integer(truncating: d) }

    /// The product of the factors, multiplied pairwise so the operands stay balanced.
    private static func product(of factors: [Int]) throws -> BigInt {
        var level = factors.map(BigInt.init)
        if level.isEmpty { return BigInt(1) }
        while level.count > 1 {
            var next: [BigInt] = []
            next.reserveCapacity(level.count / 2 + 1)
            var k = 0
            while k + 1 < level.count {
                next.append(try BigIntArith.product(level[k], level[k + 1]))
                k += 2
            }
            if k < level.count { next.append(level[k]) }
            level = next
        }
        return level[0]
    }


}
