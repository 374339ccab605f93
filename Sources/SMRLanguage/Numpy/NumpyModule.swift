import Foundation

/// `import numpy as np`: reductions with numpy's own summation order (pairwise), so
/// results match numpy bit for bit, and a small 1-D `ndarray`.
enum NumpyModule {
    nonisolated(unsafe) static var shared = make()

    /// numpy's pairwise summation (`pairwise_sum_DOUBLE`): blocks of 128 summed with
    /// 8 accumulators, larger ranges split in halves (multiples of 8).
    static func pairwiseSum<F: BinaryFloatingPoint>(_ a: UnsafeBufferPointer<F>, _ lo: Int, _ n: Int) -> F {
        if n < 8 {
            var res: F = 0
            for i in 0..<n { res += a[lo + i] }
            return res
        } else if n <= 128 {
            var r0 = a[lo], r1 = a[lo + 1], r2 = a[lo + 2], r3 = a[lo + 3]
            var r4 = a[lo + 4], r5 = a[lo + 5], r6 = a[lo + 6], r7 = a[lo + 7]
            var i = 8
            let end = n - n % 8
            while i < end {
                r0 += a[lo + i]; r1 += a[lo + i + 1]; r2 += a[lo + i + 2]; r3 += a[lo + i + 3]
                r4 += a[lo + i + 4]; r5 += a[lo + i + 5]; r6 += a[lo + i + 6]; r7 += a[lo + i + 7]
                i += 8
            }
            var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n {
                res += a[lo + i]
                i += 1
            }
            return res
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2)
        }
    }

    static func sum(_ xs: [Double]) -> Double {
        // The reduction starts from the identity 0 and adds the pairwise sum of all items.
        0.0 + xs.withUnsafeBufferPointer { pairwiseSum($0, 0, xs.count) }
    }

    /// Numbers of an argument (flattened) and whether they are ints (numpy's int64 dtype).
    static func numbers(_ v: Value, _ fn: String) throws -> ([Double], Bool) {
        if case .object(let o as NDArray) = v { return (o.data, o.isInt) }
        let a = try array(v, dtype: nil)
        return (a.data, a.dtype == .int64 || a.dtype == .bool)
    }

    static func intSum(_ v: Value) throws -> Value? {
        var acc = 0
        var ok = true
        if case .object(let o as NDArray) = v {
            guard o.isInt || o.dtype == .bool else { return nil }
            for d in o.data {
                let (r, of) = acc.addingReportingOverflow(NDArray.int64(d))
                if of { throw PyError.overflow() }
                acc = r
            }
            return .int(acc)
        }
        try Iteration.forEach(v) { x in
            guard let i = x.asInt else { ok = false; return false }
            let (r, of) = acc.addingReportingOverflow(i)
            if of { throw PyError.overflow() }
            acc = r
            return true
        }
        return ok ? .int(acc) : nil
    }

    static func make() -> NativeModule {
        let m = NativeModule("numpy", doc: "Array helpers with numpy's numerics (pairwise summation) on lists and 1-D arrays.")
        let arrayParam = Param("a", .any, doc: "a list, tuple, range or array of numbers")
        let dtypeParam = Param("dtype", .any, default: .none, doc: "float64, float32, int64 or bool (np.float32, 'int64', float, int, bool)")
        m.function("mean", doc: "Arithmetic mean (pairwise summation, as numpy).", params: [arrayParam, Param("axis", .any, default: .none, doc: "None (every element) or the axis to reduce")]) { a in
            if !a["axis"].isNone { return try reduce(a["a"], axis: a["axis"], "mean") }
            let (xs, _) = try numbers(a["a"], "mean")
            if xs.isEmpty { return NumpyScalar.wrap(.float(.nan)) }
            return NumpyScalar.wrap(.float(sum(xs) / Double(xs.count)))
        }
        m.function("std", doc: "Standard deviation (population, ddof=0 by default).", params: [arrayParam, Param("ddof", .int, default: .int(0))]) { a in
            let (xs, _) = try numbers(a["a"], "std")
            let ddof = try a.int("ddof")
            if xs.count - ddof <= 0 { return NumpyScalar.wrap(.float(.nan)) }
            let mean = sum(xs) / Double(xs.count)
            let sq = xs.map { ($0 - mean) * ($0 - mean) }
            return NumpyScalar.wrap(.float((sum(sq) / Double(xs.count - ddof)).squareRoot()))
        }
        m.function("var", doc: "Variance (population, ddof=0 by default).", params: [arrayParam, Param("ddof", .int, default: .int(0))]) { a in
            let (xs, _) = try numbers(a["a"], "var")
            let ddof = try a.int("ddof")
            if xs.count - ddof <= 0 { return NumpyScalar.wrap(.float(.nan)) }
            let mean = sum(xs) / Double(xs.count)
            let sq = xs.map { ($0 - mean) * ($0 - mean) }
            return NumpyScalar.wrap(.float(sum(sq) / Double(xs.count - ddof)))
        }
        m.function("sum", doc: "Sum of the elements (pairwise summation for floats).", params: [arrayParam, Param("axis", .any, default: .none, doc: "None (every element) or the axis to reduce")]) { a in
            if !a["axis"].isNone { return try reduce(a["a"], axis: a["axis"], "sum") }
            if let i = try intSum(a["a"]) { return NumpyScalar.wrap(i) }
            let (xs, _) = try numbers(a["a"], "sum")
            return NumpyScalar.wrap(.float(sum(xs)))
        }
        for (name, wantMax) in [("min", false), ("max", true)] {
            m.function(name, doc: "\(wantMax ? "Largest" : "Smallest") element (NaN propagates).", params: [arrayParam, Param("axis", .any, default: .none, doc: "None (every element) or the axis to reduce")]) { a in
                if !a["axis"].isNone { return try reduce(a["a"], axis: a["axis"], name) }
                let (xs, isInt) = try numbers(a["a"], name)
                guard var best = xs.first else {
                    throw PyError.value("zero-size array to reduction operation \(wantMax ? "maximum" : "minimum") which has no identity")
                }
                for x in xs {
                    if x.isNaN { best = x; break }
                    if wantMax ? x > best : x < best { best = x }
                }
                return NumpyScalar.wrap(isInt ? .int(Int(best)) : .float(best))
            }
        }
        for (name, wantMax) in [("argmin", false), ("argmax", true)] {
            m.function(name, doc: "Index of the \(wantMax ? "largest" : "smallest") element (the first NaN wins), over the flattened array or along axis.", params: [arrayParam, Param("axis", .any, default: .none)]) { a in
                let x: NDArray
                if case .object(let o as NDArray) = a["a"] { x = o } else { x = try array(a["a"], dtype: nil) }
                return try argBest(x, axis: a["axis"], wantMax: wantMax, name: name)
            }
        }
        m.function("array", doc: "An array from (nested) lists of numbers or another array, or a 1-D list of strings.", params: [Param("object", .any), dtypeParam]) { a in
            if a["dtype"].isNone, let strings = StringArray.strings(a["object"]) { return .object(StringArray(strings)) }
            return NDArray.boxArray(try array(a["object"], dtype: try NumpyDType.parse(a["dtype"])))
        }
        m.function("asarray", doc: "Same as array(); an array of the requested dtype is returned as it is.", params: [Param("a", .any), dtypeParam]) { a in
            let dtype = try NumpyDType.parse(a["dtype"])
            if case .object(let o as NDArray) = a["a"], dtype == nil || dtype == o.dtype { return NDArray.boxArray(o) }
            return NDArray.boxArray(try array(a["a"], dtype: dtype))
        }
        let shapeParam = Param("shape", .any, doc: "an int or a tuple of ints")
        for (name, fill) in [("zeros", 0.0), ("ones", 1.0), ("empty", 0.0)] {
            m.function(name, doc: "A new array of the shape, filled with \(name == "ones" ? "ones" : "zeros") (float64 unless dtype= says otherwise).", params: [shapeParam, dtypeParam]) { a in
                let dtype = try NumpyDType.parse(a["dtype"]) ?? .float64
                let shape = try shapeArgument(a["shape"], dtype: dtype)
                return NDArray.make([Double](repeating: fill, count: shape.reduce(1, *)), shape, dtype)
            }
        }
        m.function("full", doc: "A new array of the shape, every element fill_value (dtype from fill_value unless given).", params: [shapeParam, Param("fill_value", .any), dtypeParam]) { a in
            let fill = try array(a["fill_value"], dtype: nil)
            let dtype = try NumpyDType.parse(a["dtype"]) ?? fill.dtype
            let shape = try shapeArgument(a["shape"], dtype: dtype)
            guard fill.data.count == 1 else { return NDArray.boxArray(try broadcastTo(fill, shape, dtype)) }
            return NDArray.make([Double](repeating: dtype.cast(fill.data[0]), count: shape.reduce(1, *)), shape, dtype)
        }
        m.function("concatenate", doc: "Join arrays along an existing axis (axis=None flattens them first).", params: [Param("arrays", .any), Param("axis", .any, default: .int(0))]) { a in
            try concatenate(try arrayList(a["arrays"], "concatenate"), axis: a["axis"])
        }
        m.function("stack", doc: "Join arrays of the same shape along a new axis.", params: [Param("arrays", .any), Param("axis", .int, default: .int(0))]) { a in
            let arrays = try arrayList(a["arrays"], "stack")
            guard let first = arrays.first else { throw PyError.value("need at least one array to stack") }
            guard arrays.allSatisfy({ $0.shape == first.shape }) else { throw PyError.value("all input arrays must have the same shape") }
            let axis = try normalizeAxis(try a.int("axis"), ndim: first.shape.count + 1)
            var expanded = first.shape
            expanded.insert(1, at: axis)
            return try concatenate(arrays.map { NDArray(data: $0.data, shape: expanded, dtype: $0.dtype) }, axis: .int(axis))
        }
        for name in ["round", "around"] {
            m.function(name, doc: "Round to the given number of decimals, halves to even (as numpy).", params: [Param("a", .any), Param("decimals", .any, default: .int(0))]) { a in
                guard case .int(let decimals) = a["decimals"] else { throw PyError.type("'\(a["decimals"].typeName)' object cannot be interpreted as an integer") }
                return try round(a["a"], decimals: decimals)
            }
        }
        m.function("arange", doc: "Evenly spaced values in [start, stop).", params: [
            Param("start", .any), Param("stop", .any, default: .none), Param("step", .any, default: .int(1)), dtypeParam,
        ]) { a in
            var start = a["start"], stop = a["stop"]
            if stop.isNone { stop = start; start = .int(0) }
            let step = a["step"]
            guard let s0 = start.asDouble, let s1 = stop.asDouble, let st = step.asDouble else {
                throw PyError.type("arange() arguments must be numbers")
            }
            if st == 0 { throw PyError(.zeroDivisionError, "division by zero") }
            let allInt = start.asInt != nil && stop.asInt != nil && step.asInt != nil
            let length = ((s1 - s0) / st).rounded(.up)
            guard length.isFinite else { throw PyError.value("Maximum allowed size exceeded") }
            if length > Double(Limits.maxItems) { throw Limits.memoryError() }
            let n = max(0, Int(length))
            let dtype = try NumpyDType.parse(a["dtype"]) ?? (allInt ? .int64 : .float64)
            return NDArray.make((0..<n).map { dtype.cast(s0 + Double($0) * st) }, [n], dtype)
        }
        m.function("clip", doc: "Limit values to [a_min, a_max] (numbers or arrays, broadcast; None: no bound).", params: [arrayParam, Param("a_min", .any), Param("a_max", .any)]) { a in
            try broadcastCheck([a["a"], a["a_min"], a["a_max"]])
            var x = a["a"]
            if !a["a_min"].isNone { x = try pairwise(x, a["a_min"]) { u, v in u.isNaN || v.isNaN ? .nan : Swift.max(u, v) } }
            if !a["a_max"].isNone { x = try pairwise(x, a["a_max"]) { u, v in u.isNaN || v.isNaN ? .nan : Swift.min(u, v) } }
            if case .object(let o as NDArray) = x, case .object(let original) = a["a"], o === original { return NDArray.make(o.data, o.shape, o.dtype) }
            return x
        }
        m.function("abs", doc: "Element-wise absolute value (ints stay ints).", params: [arrayParam]) { a in
            if case .int(let i) = a["a"] {
                if i == Int.min { throw PyError.overflow() }
                return .int(Swift.abs(i))
            }
            return try elementwise(a["a"], name: "absolute", toFloat: false) { Swift.abs($0) }
        }
        let ufuncs: [(String, String, (Double) -> Double)] = [
            ("sqrt", "Element-wise square root.", { $0.squareRoot() }),
            ("exp", "Element-wise e ** x.", { Foundation.exp($0) }),
            ("log", "Element-wise natural logarithm.", { Foundation.log($0) }),
            ("sin", "Element-wise sine.", { Foundation.sin($0) }),
            ("cos", "Element-wise cosine.", { Foundation.cos($0) }),
            ("tan", "Element-wise tangent.", { Foundation.tan($0) }),
            ("tanh", "Element-wise hyperbolic tangent.", { Foundation.tanh($0) }),
            ("floor", "Element-wise floor.", { $0.rounded(.down) }),
            ("ceil", "Element-wise ceiling.", { $0.rounded(.up) }),
            ("square", "Element-wise x * x.", { $0 * $0 }),
            ("sign", "Element-wise sign: -1, 0 or 1 (NaN stays NaN).", { $0.isNaN ? .nan : ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) }),
        ]
        for (name, doc, f) in ufuncs {
            // Ints give float64, except for square and sign, which keep them integral.
            let keepsInts = ["square", "sign"].contains(name)
            m.function(name, doc: doc + " The shape is kept; float32 stays float32.", params: [Param("x", .any)]) { a in
                try elementwise(a["x"], name: name, toFloat: !keepsInts, f)
            }
        }
        for (name, wantMax) in [("maximum", true), ("minimum", false)] {
            m.function(name, doc: "Element-wise \(wantMax ? "larger" : "smaller") of two arrays or numbers (broadcast; NaN propagates).", params: [Param("x1", .any), Param("x2", .any)]) { a in
                try pairwise(a["x1"], a["x2"]) { u, v in u.isNaN || v.isNaN ? .nan : (wantMax ? Swift.max(u, v) : Swift.min(u, v)) }
            }
        }
        m.function("where", doc: "Elements of x where condition holds, of y elsewhere (broadcast).", params: [Param("condition", .any), Param("x", .any), Param("y", .any)]) { a in
            try broadcastCheck([a["condition"], a["x"], a["y"]])
            let c = try array(a["condition"], dtype: nil), x = try array(a["x"], dtype: nil), y = try array(a["y"], dtype: nil)
            let (cx, _) = try ArrayIndexing.broadcast(c.shape, x.shape)
            let (shape, _) = try ArrayIndexing.broadcast(cx, y.shape)
            let cb = try broadcastTo(c, shape, .bool), xb = try broadcastTo(x, shape, x.dtype), yb = try broadcastTo(y, shape, y.dtype)
            let dt = NumpyDType.promote(x.dtype, y.dtype)
            return NDArray.make(cb.data.indices.map { dt.cast(cb.data[$0] != 0 ? xb.data[$0] : yb.data[$0]) }, shape, dt)
        }
        for (name, fill) in [("zeros_like", 0.0), ("ones_like", 1.0)] {
            m.function(name, doc: "An array of the shape and dtype of a, filled with \(fill == 0 ? "zeros" : "ones").", params: [Param("a", .any), dtypeParam]) { a in
                let x = try array(a["a"], dtype: nil)
                let dt = try NumpyDType.parse(a["dtype"]) ?? x.dtype
                return NDArray.make([Double](repeating: fill, count: x.data.count), x.shape, dt)
            }
        }
        m.function("linspace", doc: "num evenly spaced values from start to stop (inclusive unless endpoint=False).", params: [
            Param("start", .float), Param("stop", .float), Param("num", .int, default: .int(50)), Param("endpoint", .bool, default: .bool(true)),
        ]) { a in
            let start = try a.double("start"), stop = try a.double("stop"), num = try a.int("num")
            if num < 0 { throw PyError.value("Number of samples, \(num), must be non-negative.") }
            _ = try shapeArgument(.int(num), dtype: .float64)
            let div = Double(try a.bool("endpoint") ? num - 1 : num)
            let step = (stop - start) / div
            var out = (0..<num).map { div > 0 ? start + Double($0) * step : start }
            if try a.bool("endpoint"), num > 1 { out[num - 1] = stop }
            return NDArray.make(out, [num], .float64)
        }
        m.function("eye", doc: "The N×M identity matrix (M defaults to N).", params: [Param("N", .int), Param("M", .any, default: .none), dtypeParam]) { a in
            let n = try a.int("N"), cols = a["M"].asInt ?? n
            let dt = try NumpyDType.parse(a["dtype"]) ?? .float64
            let shape = try shapeArgument(.tuple(TupleObject([.int(n), .int(cols)])), dtype: dt)
            var out = [Double](repeating: 0, count: n * cols)
            for k in 0..<Swift.min(n, cols) { out[k * cols + k] = 1 }
            return NDArray.make(out, shape, dt)
        }
        for (name, isAny) in [("any", true), ("all", false)] {
            m.function(name, doc: isAny ? "Whether any element is true." : "Whether every element is true.", params: [arrayParam]) { a in
                let x = try array(a["a"], dtype: nil)
                return .object(NumpyScalar(bool: isAny ? x.data.contains { $0 != 0 } : x.data.allSatisfy { $0 != 0 }))
            }
        }
        for name in ["matmul", "dot"] {
            m.function(name, doc: name == "dot" ? "Dot product of two arrays (scalars multiply)." : "Matrix product (a @ b).",
                       params: [Param("a", .any), Param("b", .any)]) { a in
                try NumpyMatmul.product(try NumpyMatmul.operand(a["a"], name), try NumpyMatmul.operand(a["b"], name), name: name)
            }
        }
        m.function("cumsum", doc: "Running totals of the flattened array.", params: [arrayParam]) { a in
            let (xs, isInt) = try numbers(a["a"], "cumsum")
            var acc = 0.0
            return .object(NDArray(xs.map { acc += $0; return acc }, isInt: isInt))
        }
        for dtype in NumpyDType.allCases { m.add(dtype == .bool ? "bool_" : dtype.rawValue, .object(NumpyScalarType.of(dtype))) }
        m.function("isscalar", doc: "Whether x is a scalar: a Python number, bool or string, or a numpy scalar (not an array or a list).",
                   params: [Param("element")]) { a in
            switch a["element"] {
            case .int, .float, .bool, .str: return .bool(true)
            case .object(let o): return .bool(o.typeObject is NumpyScalarType || o is BytesObject)
            default: return .bool(false)
            }
        }
        addFunctions(m)
        m.add("pi", .float(Double.pi))
        m.add("e", .float(M_E))
        m.add("inf", .float(.infinity))
        m.add("nan", .float(.nan))
        let random = NativeModule("numpy.random", doc: "Random numbers; seeding goes through the host's seed hook.")
        m.add("random", .object(random))
        return m
    }
}
