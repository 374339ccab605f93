import Foundation

/// More of numpy's module functions, as environment and statistics code uses them:
/// comparisons of whole arrays (`array_equal`, `allclose`, `isclose`, `isnan`, …), products,
/// sorting (`sort`, `argsort`, `unique`), joining and reshaping (`hstack`, `vstack`,
/// `expand_dims`, `squeeze`, `reshape`, `ravel`, `flip`, `repeat`, `tile`), `diff`,
/// `count_nonzero`, `nonzero`, `median`, `percentile`, more ufuncs and `newaxis`.
extension NumpyModule {
    static func addFunctions(_ m: NativeModule) {
        func arr(_ v: Value) throws -> NDArray {
            if case .object(let o as NDArray) = v { return o }
            return try array(v, dtype: nil)
        }
        func bools(_ data: [Bool], _ shape: [Int]) -> Value {
            if shape.isEmpty, let b = data.first { return .object(NumpyScalar(bool: b)) }
            return NDArray.make(data.map { $0 ? 1 : 0 }, shape, .bool)
        }
        m.add("newaxis", .none)
        m.function("array_equal", doc: "Whether the two arrays have the same shape and elements.", params: [Param("a1"), Param("a2")]) { a in
            let x = try arr(a["a1"]), y = try arr(a["a2"])
            return .bool(x.shape == y.shape && x.data == y.data)
        }
        func close(_ u: Double, _ v: Double, _ rtol: Double, _ atol: Double, _ nanEqual: Bool) -> Bool {
            if u.isNaN || v.isNaN { return nanEqual && u.isNaN && v.isNaN }
            if u == v { return true }
            if u.isInfinite || v.isInfinite { return false }
            return Swift.abs(u - v) <= atol + rtol * Swift.abs(v)
        }
        let tolerances = [Param("rtol", .float, default: .float(1e-05)), Param("atol", .float, default: .float(1e-08)), Param("equal_nan", .bool, default: .bool(false))]
        m.function("isclose", doc: "Element-wise |a - b| <= atol + rtol * |b|.", params: [Param("a"), Param("b")] + tolerances) { a in
            let x = try arr(a["a"]), y = try arr(a["b"])
            let rtol = try a.double("rtol"), atol = try a.double("atol"), nan = try a.bool("equal_nan")
            let (shape, pairs) = try ArrayIndexing.broadcast(x.shape, y.shape)
            return bools(pairs.map { close(x.data[$0.0], y.data[$0.1], rtol, atol, nan) }, shape)
        }
        m.function("allclose", doc: "Whether every element pair is close (isclose).", params: [Param("a"), Param("b")] + tolerances) { a in
            let x = try arr(a["a"]), y = try arr(a["b"])
            let rtol = try a.double("rtol"), atol = try a.double("atol"), nan = try a.bool("equal_nan")
            let (_, pairs) = try ArrayIndexing.broadcast(x.shape, y.shape)
            return .bool(pairs.allSatisfy { close(x.data[$0.0], y.data[$0.1], rtol, atol, nan) })
        }
        for (name, test) in [("isnan", { (d: Double) in d.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite })] {
            m.function(name, doc: "Element-wise \(name).", params: [Param("x")]) { a in
                let x = try arr(a["x"])
                return bools(x.data.map(test), x.shape)
            }
        }
        m.function("logical_not", doc: "Element-wise not.", params: [Param("x")]) { a in
            let x = try arr(a["x"])
            return bools(x.data.map { $0 == 0 }, x.shape)
        }
        let logical: [(String, (Bool, Bool) -> Bool)] = [("logical_and", { $0 && $1 }), ("logical_or", { $0 || $1 }), ("logical_xor", { $0 != $1 })]
        for (name, f) in logical {
            m.function(name, doc: "Element-wise \(name.dropFirst(8)).", params: [Param("x1"), Param("x2")]) { a in
                let x = try arr(a["x1"]), y = try arr(a["x2"])
                let (shape, pairs) = try ArrayIndexing.broadcast(x.shape, y.shape)
                return bools(pairs.map { f(x.data[$0.0] != 0, y.data[$0.1] != 0) }, shape)
            }
        }
        let arithmetic: [(String, String)] = [("add", "+"), ("subtract", "-"), ("multiply", "*"), ("divide", "/"), ("true_divide", "/"),
                                              ("power", "**"), ("floor_divide", "//"), ("mod", "%"), ("remainder", "%")]
        for (name, op) in arithmetic {
            m.function(name, doc: "Element-wise x1 \(op) x2 (broadcast).", params: [Param("x1"), Param("x2")]) { a in
                var x = a["x1"]
                if !(x.asDouble != nil || { if case .object(is NDArray) = x { return true }; return false }()) { x = .object(try arr(x)) }
                if case .object(let o as NDArray) = x, let r = try o.binaryOp(op, a["x2"], reflected: false) { return r }
                if case .object(let o as NDArray) = a["x2"], let r = try o.binaryOp(op, x, reflected: true) { return r }
                let y = NDArray.boxArray(try arr(a["x2"]))
                if case .object(let o as NDArray) = y, let r = try o.binaryOp(op, x, reflected: true) { return r }
                throw PyError.type("unsupported operand types for \(name)")
            }
        }
        let comparisons: [(String, String)] = [("equal", "=="), ("not_equal", "!="), ("greater", ">"), ("greater_equal", ">="), ("less", "<"), ("less_equal", "<=")]
        for (name, op) in comparisons {
            m.function(name, doc: "Element-wise x1 \(op) x2 (broadcast).", params: [Param("x1"), Param("x2")]) { a in
                let x = try arr(a["x1"])
                guard let r = try x.elementwiseCompare(op, a["x2"], reflected: false) else { throw PyError.type("unsupported operand types for \(name)") }
                return r
            }
        }
        let ufuncs: [(String, Bool, (Double) -> Double)] = [
            ("log10", true, { Foundation.log10($0) }), ("log2", true, { Foundation.log2($0) }), ("log1p", true, { Foundation.log1p($0) }),
            ("expm1", true, { Foundation.expm1($0) }), ("exp2", true, { Foundation.exp2($0) }), ("cbrt", true, { Foundation.cbrt($0) }),
            ("arcsin", true, { Foundation.asin($0) }), ("arccos", true, { Foundation.acos($0) }), ("arctan", true, { Foundation.atan($0) }),
            ("sinh", true, { Foundation.sinh($0) }), ("cosh", true, { Foundation.cosh($0) }),
            ("deg2rad", true, { $0 * Double.pi / 180 }), ("rad2deg", true, { $0 * 180 / Double.pi }),
            ("radians", true, { $0 * Double.pi / 180 }), ("degrees", true, { $0 * 180 / Double.pi }),
            ("fabs", true, { Swift.abs($0) }), ("trunc", true, { $0.rounded(.towardZero) }), ("rint", true, { $0.rounded(.toNearestOrEven) }),
            ("absolute", false, { Swift.abs($0) }), ("negative", false, { -$0 }),
        ]
        for (name, toFloat, f) in ufuncs {
            m.function(name, doc: "Element-wise \(name).", params: [Param("x")]) { a in try elementwise(a["x"], name: name, toFloat: toFloat, f) }
        }
        m.function("arctan2", doc: "Element-wise arctan(x1 / x2) with the quadrant.", params: [Param("x1"), Param("x2")]) { a in
            try pairwise(try floatOperand(a["x1"]), try floatOperand(a["x2"])) { Foundation.atan2($0, $1) }
        }
        m.function("hypot", doc: "Element-wise sqrt(x1**2 + x2**2).", params: [Param("x1"), Param("x2")]) { a in
            try pairwise(try floatOperand(a["x1"]), try floatOperand(a["x2"])) { Foundation.hypot($0, $1) }
        }
        m.function("prod", doc: "Product of the elements (ints stay ints).", params: [Param("a")]) { a in
            let x = try arr(a["a"])
            if !x.dtype.isFloat {
                var acc = 1
                for d in x.data { acc = acc &* NDArray.int64(d) }
                return NumpyScalar.wrap(.int(acc))
            }
            return NumpyScalar.wrap(.float(x.data.reduce(1, *)))
        }
        m.function("cumprod", doc: "Running products of the flattened array.", params: [Param("a")]) { a in
            let x = try arr(a["a"])
            var acc = 1.0
            let dt: NumpyDType = x.dtype == .bool ? .int64 : x.dtype
            return NDArray.make(x.data.map { acc = dt.cast(acc * $0); return acc }, [x.data.count], dt)
        }
        func lastAxisRows(_ x: NDArray) -> (rows: Int, n: Int) {
            let n = x.shape.last ?? 1
            return (n == 0 ? 0 : x.data.count / n, n)
        }
        func order(_ xs: ArraySlice<Double>) -> [Int] {
            // numpy's default sort is not stable, but for distinct keys and a stable tie rule it
            // agrees; NaN sorts last, as numpy does.
            xs.indices.sorted { i, j in
                let u = xs[i], v = xs[j]
                if u.isNaN { return false }
                if v.isNaN { return true }
                return u < v || (u == v && i < j)
            }.map { $0 - xs.startIndex }
        }
        m.function("sort", doc: "A sorted copy (along the last axis).", params: [Param("a"), Param("axis", .any, default: .int(-1))]) { a in
            var x = try arr(a["a"])
            if a["axis"].isNone { x = NDArray(data: x.data, shape: [x.data.count], dtype: x.dtype) }
            if x.shape.isEmpty { throw PyError(.valueError, "axis -1 is out of bounds for array of dimension 0") }
            let (rows, n) = lastAxisRows(x)
            var out: [Double] = []
            out.reserveCapacity(x.data.count)
            for r in 0..<rows {
                let row = x.data[(r * n)..<((r + 1) * n)]
                out += order(row).map { row[row.startIndex + $0] }
            }
            return NDArray.make(out, x.shape, x.dtype)
        }
        m.function("argsort", doc: "Indices that sort the array (along the last axis).", params: [Param("a"), Param("axis", .any, default: .int(-1))]) { a in
            var x = try arr(a["a"])
            if a["axis"].isNone { x = NDArray(data: x.data, shape: [x.data.count], dtype: x.dtype) }
            if x.shape.isEmpty { throw PyError(.valueError, "axis -1 is out of bounds for array of dimension 0") }
            let (rows, n) = lastAxisRows(x)
            var out: [Double] = []
            for r in 0..<rows { out += order(x.data[(r * n)..<((r + 1) * n)]).map(Double.init) }
            return NDArray.make(out, x.shape, .int64)
        }
        m.function("unique", doc: "The sorted distinct elements (return_counts=True also gives their counts).",
                   params: [Param("ar"), Param("return_counts", .bool, default: .bool(false))]) { a in
            let x = try arr(a["ar"])
            var values: [Double] = []
            var counts: [Double] = []
            for d in x.data.sorted(by: { $0 < $1 || (!$0.isNaN && $1.isNaN) }) {
                if let last = values.last, last == d { counts[counts.count - 1] += 1 } else { values.append(d); counts.append(1) }
            }
            let u = NDArray.make(values, [values.count], x.dtype)
            if try a.bool("return_counts") { return .tuple([u, NDArray.make(counts, [counts.count], .int64)]) }
            return u
        }
        m.function("hstack", doc: "Join arrays column-wise (1-D arrays end to end).", params: [Param("tup")]) { a in
            let arrays = try arrayList(a["tup"], "hstack")
            let axis = (arrays.first?.shape.count ?? 1) <= 1 ? 0 : 1
            return try concatenate(arrays.map { $0.shape.isEmpty ? NDArray(data: $0.data, shape: [1], dtype: $0.dtype) : $0 }, axis: .int(axis))
        }
        m.function("vstack", doc: "Join arrays row-wise (1-D arrays become rows).", params: [Param("tup")]) { a in
            let arrays = try arrayList(a["tup"], "vstack").map { x -> NDArray in
                x.shape.count >= 2 ? x : NDArray(data: x.data, shape: [1, x.data.count], dtype: x.dtype)
            }
            return try concatenate(arrays, axis: .int(0))
        }
        m.function("expand_dims", doc: "The array with a new axis of length 1 at position axis.", params: [Param("a"), Param("axis", .int)]) { a in
            let x = try arr(a["a"])
            let axis = try normalizeAxis(try a.int("axis"), ndim: x.shape.count + 1)
            var shape = x.shape
            shape.insert(1, at: axis)
            return NDArray.make(x.data, shape, x.dtype)
        }
        m.function("squeeze", doc: "The array without its axes of length 1.", params: [Param("a"), Param("axis", .any, default: .none)]) { a in
            let x = try arr(a["a"])
            if let k = a["axis"].asInt {
                let axis = try normalizeAxis(k, ndim: x.shape.count)
                guard x.shape[axis] == 1 else { throw PyError.value("cannot select an axis to squeeze out which has size not equal to one") }
                var shape = x.shape
                shape.remove(at: axis)
                return NDArray.make(x.data, shape, x.dtype)
            }
            return NDArray.make(x.data, x.shape.filter { $0 != 1 }, x.dtype)
        }
        for name in ["reshape", "transpose", "ravel", "copy"] {
            m.add(BuiltinFunction(raw: name, signature: "\(name)(a, ...)", doc: "np.\(name)(a, …) is a.\(name)(…).") { rt, args, kw in
                guard let first = args.first else { throw PyError.type("\(name)() missing required argument 'a' (pos 1)") }
                let x = try arr(first)
                switch name {
                case "ravel": return try x.callMethod("flatten", [], [], runtime: rt)
                case "transpose": return x.transposed()
                default: return try x.callMethod(name, Array(args.dropFirst()), kw, runtime: rt)
                }
            })
        }
        m.function("flip", doc: "The elements in reverse order (every axis, or one).", params: [Param("m"), Param("axis", .any, default: .none)]) { a in
            let x = try arr(a["m"])
            if x.shape.count <= 1 || a["axis"].isNone { return NDArray.make(x.data.reversed(), x.shape, x.dtype) }
            let axis = try normalizeAxis(a["axis"].asInt ?? 0, ndim: x.shape.count)
            let inner = x.shape[(axis + 1)...].reduce(1, *), n = x.shape[axis], outer = x.data.count / Swift.max(1, n * inner)
            var out = x.data
            for o in 0..<outer { for k in 0..<n { for i in 0..<inner { out[(o * n + k) * inner + i] = x.data[(o * n + (n - 1 - k)) * inner + i] } } }
            return NDArray.make(out, x.shape, x.dtype)
        }
        m.function("repeat", doc: "Each element repeated `repeats` times (flattened).", params: [Param("a"), Param("repeats", .int)]) { a in
            let x = try arr(a["a"]), r = try a.int("repeats")
            guard r >= 0 else { throw PyError.value("negative dimensions are not allowed") }
            let out = x.data.flatMap { [Double](repeating: $0, count: r) }
            return NDArray.make(out, [out.count], x.dtype)
        }
        m.function("tile", doc: "The array repeated `reps` times (1-D).", params: [Param("A"), Param("reps", .int)]) { a in
            let x = try arr(a["A"]), r = try a.int("reps")
            let out = Array([[Double]](repeating: x.data, count: Swift.max(0, r)).joined())
            return NDArray.make(out, x.shape.count <= 1 ? [out.count] : Array(x.shape.dropLast()) + [(x.shape.last ?? 0) * Swift.max(0, r)], x.dtype)
        }
        m.function("diff", doc: "Differences of consecutive elements (1-D).", params: [Param("a")]) { a in
            let x = try arr(a["a"])
            let out = x.data.count < 2 ? [] : (1..<x.data.count).map { x.data[$0] - x.data[$0 - 1] }
            return NDArray.make(out, [out.count], x.dtype == .bool ? .int64 : x.dtype)
        }
        m.function("count_nonzero", doc: "How many elements are not zero.", params: [Param("a")]) { a in
            .int(try arr(a["a"]).data.filter { $0 != 0 }.count)
        }
        m.function("flatnonzero", doc: "Indices of the non-zero elements of the flattened array.", params: [Param("a")]) { a in
            let x = try arr(a["a"])
            let idx = x.data.indices.filter { x.data[$0] != 0 }
            return NDArray.make(idx.map(Double.init), [idx.count], .int64)
        }
        m.function("nonzero", doc: "A tuple of index arrays, one per axis, of the non-zero elements.", params: [Param("a")]) { a in
            let x = try arr(a["a"])
            let shape = x.shape.isEmpty ? [1] : x.shape
            var per = [[Double]](repeating: [], count: shape.count)
            for (k, d) in x.data.enumerated() where d != 0 {
                var rest = k
                for ax in stride(from: shape.count - 1, through: 0, by: -1) {
                    per[ax].append(Double(rest % shape[ax]))
                    rest /= shape[ax]
                }
            }
            return .tuple(per.map { NDArray.make($0, [$0.count], .int64) })
        }
        func percentile(_ sorted: [Double], _ q: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let pos = q / 100 * Double(sorted.count - 1)
            let lo = Int(pos.rounded(.down)), hi = Swift.min(lo + 1, sorted.count - 1)
            let frac = pos - Double(lo)
            return sorted[lo] + (sorted[hi] - sorted[lo]) * frac
        }
        m.function("median", doc: "The median of the flattened array.", params: [Param("a")]) { a in
            let xs = try arr(a["a"]).data.sorted()
            if xs.contains(where: { $0.isNaN }) { return NumpyScalar.wrap(.float(.nan)) }
            let n = xs.count
            guard n > 0 else { return NumpyScalar.wrap(.float(.nan)) }
            return NumpyScalar.wrap(.float(n % 2 == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2))
        }
        m.function("percentile", doc: "The q-th percentile (linear interpolation) of the flattened array.", params: [Param("a"), Param("q")]) { a in
            let xs = try arr(a["a"]).data.sorted()
            if let q = a["q"].asDouble {
                guard (0...100).contains(q) else { throw PyError.value("Percentiles must be in the range [0, 100]") }
                return NumpyScalar.wrap(.float(percentile(xs, q)))
            }
            let qs = try arr(a["q"])
            return NDArray.make(qs.data.map { percentile(xs, $0) }, qs.shape, .float64)
        }
        m.function("full_like", doc: "An array of a's shape and dtype, every element fill_value.", params: [Param("a"), Param("fill_value"), Param("dtype", .any, default: .none)]) { a in
            let x = try arr(a["a"])
            let dt = try NumpyDType.parse(a["dtype"]) ?? x.dtype
            guard let fill = a["fill_value"].asDouble else { throw PyError.type("fill_value must be a number") }
            return NDArray.make([Double](repeating: dt.cast(fill), count: x.data.count), x.shape, dt)
        }
        m.function("bincount", doc: "How often each non-negative int occurs.", params: [Param("x"), Param("minlength", .int, default: .int(0))]) { a in
            let x = try arr(a["x"])
            guard !x.dtype.isFloat else { throw PyError.type("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'") }
            var counts = [Double](repeating: 0, count: Swift.max(try a.int("minlength"), (x.data.map { Int($0) }.max() ?? -1) + 1))
            for d in x.data {
                guard d >= 0 else { throw PyError.value("'list' argument must have no negative elements") }
                counts[Int(d)] += 1
            }
            return NDArray.make(counts, [counts.count], .int64)
        }
    }

    /// An operand of a float-only ufunc: ints become floats.
    static func floatOperand(_ v: Value) throws -> Value {
        if case .int(let i) = v { return .float(Double(i)) }
        if case .object(let o as NDArray) = v, !o.dtype.isFloat { return .object(NDArray(data: o.data, shape: o.shape, dtype: .float64)) }
        if case .list = v { let x = try array(v, dtype: nil); return .object(x.dtype.isFloat ? x : NDArray(data: x.data, shape: x.shape, dtype: .float64)) }
        return v
    }
}

