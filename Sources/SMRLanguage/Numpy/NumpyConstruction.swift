import Foundation

/// Building and joining arrays: `np.array`'s dtype discovery, shape arguments with
/// numpy's checks (MemoryError before allocating), concatenate/stack, round, argmax.
extension NumpyModule {
    /// An array from nested lists/tuples/ranges of numbers, arrays or a scalar (0-d).
    /// Without `dtype`, the widest kind present wins: bool < int64 < float64 (arrays keep theirs).
    static func array(_ v: Value, dtype: NumpyDType?) throws -> NDArray {
        var values: [Double] = []
        var found: NumpyDType?
        func note(_ d: NumpyDType) { found = found.map { NumpyDType.promote($0, d) } ?? d }
        func walk(_ x: Value, depth: Int) throws -> [Int] {
            if depth > 64 { throw PyError.value("array nesting is too deep") }
            switch x {
            case .bool(let b): values.append(b ? 1 : 0); note(.bool); return []
            case .int(let i): values.append(Double(i)); note(.int64); return []
            case .float(let d): values.append(d); note(.float64); return []
            case .object(let o as NDArray): values += o.data; note(o.dtype); return o.shape
            case .object(let s as NumpyScalar): values.append(s.value.asDouble ?? 0); note(s.dtype); return []
            case .object(let b as BigIntObject):
                // numpy keeps a float dtype exact enough; an int64 cannot hold the value.
                guard dtype?.isFloat == true else { throw BigIntArith.tooLargeForNumpy }
                values.append(try BigIntArith.toDouble(b.value)); note(.float64); return []
            case .object(let o) where NDArray.unbox(o) != nil:
                guard let a = NDArray.unbox(o) else { return [] }
                values += a.data; note(a.dtype); return a.shape
            case .list, .tuple, .range:
                var items: [Value] = []
                try Iteration.forEach(x) { item in
                    if items.count + values.count >= Limits.maxItems { throw Limits.memoryError() }
                    items.append(item)
                    return true
                }
                var inner: [Int]?
                for item in items {
                    let s = try walk(item, depth: depth + 1)
                    if let known = inner, known != s {
                        throw PyError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth + 1) dimensions. The detected shape was \(NumpyFormat.compactShapeText(Array([items.count]))) + inhomogeneous part.")
                    }
                    inner = s
                }
                if items.isEmpty { note(.float64) }
                return [items.count] + (inner ?? [])
            default:
                if let d = x.asDouble { values.append(d); note(.float64); return [] }
                throw PyError.type("an array holds numbers or booleans, not '\(x.typeName)'")
            }
        }
        let shape = try walk(v, depth: 0)
        let dt = dtype ?? found ?? .float64
        if dt != .float64 || dtype != nil { values = values.map(dt.cast) }
        return NDArray(data: values, shape: shape, dtype: dt)
    }

    /// `shape` as numpy reads it: an int or a sequence of ints, none negative; a size
    /// that could not be allocated is numpy's MemoryError, raised before allocating.
    static func shapeArgument(_ v: Value, dtype: NumpyDType) throws -> [Int] {
        var dims: [Int] = []
        switch v {
        case .int, .bool: dims = [v.asInt ?? 0]
        case .list, .tuple:
            try Iteration.forEach(v) { x in
                guard case .int(let i) = x else { throw PyError.type("'\(x.typeName)' object cannot be interpreted as an integer") }
                dims.append(i)
                return dims.count <= 64
            }
            if dims.count > 64 { throw PyError.value("maximum supported dimension for an ndarray is currently 64, found \(dims.count)") }
        default: throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
        }
        if dims.contains(where: { $0 < 0 }) { throw PyError.value("negative dimensions are not allowed") }
        guard let count = ArrayIndexing.checkedProduct(dims) else {
            throw PyError.value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.")
        }
        if count > Limits.maxItems {
            let itemSize = dtype == .float64 || dtype == .int64 ? 8 : (dtype == .float32 ? 4 : 1)
            let (bytes, overflow) = count.multipliedReportingOverflow(by: itemSize)
            if overflow { throw PyError.value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.") }
            throw PyError(.memoryError, "Unable to allocate \(sizeText(bytes)) for an array with shape \(NumpyFormat.shapeText(dims)) and data type \(dtype.rawValue)")
        }
        return dims
    }

    /// numpy's `_size_to_string`: `7.28 TiB`.
    static func sizeText(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        let bitLength = Int.bitWidth - bytes.leadingZeroBitCount
        var unit = Swift.max(bitLength - 1, 1) / 10
        var n = Double(bytes) / Double(1 << (unit * 10))
        if n.rounded(.toNearestOrEven) == 1024 { unit += 1; n /= 1024 }
        if unit == 0 { return "\(bytes) bytes" }
        return String(format: "%.3g", n) + " " + units[Swift.min(unit, units.count - 1)]
    }

    /// `fill` repeated to `shape` (numpy broadcasting).
    static func broadcastTo(_ fill: NDArray, _ shape: [Int], _ dtype: NumpyDType) throws -> NDArray {
        let mismatch = PyError.value("could not broadcast input array from shape \(NumpyFormat.compactShapeText(fill.shape)) into shape \(NumpyFormat.compactShapeText(shape))")
        guard let (outShape, pairs) = try? ArrayIndexing.broadcast(shape, fill.shape), outShape == shape else { throw mismatch }
        return NDArray(data: pairs.map { dtype.cast(fill.data[$0.1]) }, shape: shape, dtype: dtype)
    }

    /// The arrays of a sequence argument.
    static func arrayList(_ v: Value, _ fn: String) throws -> [NDArray] {
        switch v {
        case .list, .tuple: break
        case .object(let o as NDArray): return try (0..<(o.shape.first ?? 0)).map { k in try array(o.row(k), dtype: nil) }
        case .int, .float, .bool, .none: throw PyError.type("dispatcher for __array_function__ did not return an iterable")
        default: throw PyError.type("\(fn)() argument 'arrays' must be a sequence of arrays, not '\(v.typeName)'")
        }
        var out: [NDArray] = []
        try Iteration.forEach(v) { x in
            if case .object(let o as NDArray) = x { out.append(o) } else { out.append(try array(x, dtype: nil)) }
            return true
        }
        return out
    }

    /// An `axis=` argument in `-ndim..<ndim`, made non-negative (numpy's AxisError is a ValueError).
    static func normalizeAxis(_ axis: Int, ndim: Int) throws -> Int {
        guard axis >= -ndim && axis < ndim else { throw PyError.value("axis \(axis) is out of bounds for array of dimension \(ndim)") }
        return axis < 0 ? axis + ndim : axis
    }

    static func concatenate(_ arrays: [NDArray], axis axisValue: Value) throws -> Value {
        guard let first = arrays.first else { throw PyError.value("need at least one array to concatenate") }
        let dtype = arrays.dropFirst().reduce(first.dtype) { NumpyDType.promote($0, $1.dtype) }
        if axisValue.isNone {
            let data = arrays.flatMap { $0.data }
            return NDArray.make(data.map(dtype.cast), [data.count], dtype)
        }
        guard let axisInt = axisValue.asInt else { throw PyError.type("'\(axisValue.typeName)' object cannot be interpreted as an integer") }
        guard !first.shape.isEmpty else { throw PyError.value("zero-dimensional arrays cannot be concatenated") }
        let ndim = first.shape.count
        let axis = try normalizeAxis(axisInt, ndim: ndim)
        for (k, a) in arrays.enumerated().dropFirst() {
            guard a.shape.count == ndim else {
                throw PyError.value("all the input arrays must have same number of dimensions, but the array at index 0 has \(ndim) dimension(s) and the array at index \(k) has \(a.shape.count) dimension(s)")
            }
            for d in 0..<ndim where d != axis && a.shape[d] != first.shape[d] {
                throw PyError.value("all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at index \(k) has size \(a.shape[d])")
            }
        }
        var shape = first.shape
        shape[axis] = arrays.reduce(0) { $0 + $1.shape[axis] }
        let outer = first.shape[..<axis].reduce(1, *)
        var data: [Double] = []
        data.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for a in arrays {
                let chunk = a.shape[axis...].reduce(1, *)
                data += a.data[o * chunk ..< (o + 1) * chunk].map(dtype.cast)
            }
        }
        return NDArray.make(data, shape, dtype)
    }

    /// `np.round`: halves to even; `decimals` scales by a power of ten first, as numpy does
    /// (in float32 for float32 data). Ints stay ints.
    static func round(_ v: Value, decimals: Int) throws -> Value {
        func roundDouble(_ x: Double) -> Double {
            guard decimals != 0 else { return x.rounded(.toNearestOrEven) }
            let f = Foundation.pow(10.0, Double(Swift.abs(decimals)))
            return decimals > 0 ? (x * f).rounded(.toNearestOrEven) / f : (x / f).rounded(.toNearestOrEven) * f
        }
        func roundFloat(_ x: Float) -> Float {
            guard decimals != 0 else { return x.rounded(.toNearestOrEven) }
            let f = Float(Foundation.pow(10.0, Double(Swift.abs(decimals))))
            return decimals > 0 ? (x * f).rounded(.toNearestOrEven) / f : (x / f).rounded(.toNearestOrEven) * f
        }
        switch v {
        case .int, .bool:
            guard decimals < 0, let i = v.asInt else { return NumpyScalar.wrap(.int(v.asInt ?? 0)) }
            return NumpyScalar.wrap(.int(NDArray.int64(roundDouble(Double(i)))))
        case .float(let d): return NumpyScalar.wrap(.float(roundDouble(d)))
        case .object(let s as NumpyScalar): return try round(s.value, decimals: decimals)
        default: break
        }
        let a: NDArray
        if case .object(let o as NDArray) = v { a = o } else { a = try array(v, dtype: nil) }
        switch a.dtype {
        case .float64: return NDArray.make(a.data.map(roundDouble), a.shape, .float64)
        case .float32: return NDArray.make(a.data.map { Double(roundFloat(Float($0))) }, a.shape, .float32)
        case .int64, .bool:
            let dt: NumpyDType = a.dtype
            return NDArray.make(decimals >= 0 ? a.data : a.data.map { dt.cast(roundDouble($0)) }, a.shape, dt)
        }
    }

    /// argmax/argmin over the flattened array, or along `axis` (an int64 array, or an int for 1-D).
    static func argBest(_ a: NDArray, axis axisValue: Value, wantMax: Bool, name: String) throws -> Value {
        func best(_ count: Int, _ at: (Int) -> Double) -> Int {
            var bi = 0
            for k in 0..<count {
                let x = at(k)
                if x.isNaN { return k }
                if wantMax ? x > at(bi) : x < at(bi) { bi = k }
            }
            return bi
        }
        if axisValue.isNone {
            guard !a.data.isEmpty else { throw PyError.value("attempt to get \(name) of an empty sequence") }
            return .object(NumpyScalar(int: best(a.data.count) { a.data[$0] }))
        }
        guard let axisInt = axisValue.asInt else { throw PyError.type("'\(axisValue.typeName)' object cannot be interpreted as an integer") }
        let axis = try normalizeAxis(axisInt, ndim: Swift.max(a.shape.count, 1))
        guard !a.shape.isEmpty else { return .object(NumpyScalar(int: 0)) }
        let n = a.shape[axis]
        guard n > 0 else { throw PyError.value("attempt to get \(name) of an empty sequence") }
        let outer = a.shape[..<axis].reduce(1, *), inner = a.shape[(axis + 1)...].reduce(1, *)
        var out: [Double] = []
        out.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for i in 0..<inner { out.append(Double(best(n) { a.data[(o * n + $0) * inner + i] })) }
        }
        var shape = a.shape
        shape.remove(at: axis)
        if shape.isEmpty { return .int(Int(out[0])) }
        return NDArray.make(out, shape, .int64)
    }

    /// A float as a Python int, or the error `int()` gives.
    static func checkedInt(_ d: Double) throws -> Int {
        if d.isNaN { throw PyError.value("cannot convert float NaN to integer") }
        if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
        guard Swift.abs(d) < 9.2e18 else { throw PyError.overflow("int too large to convert to a 64-bit int") }
        return Int(d.rounded(.towardZero))
    }

    /// `f` on every element of a number or an array, the shape kept: ints and bools become
    /// float64 when `toFloat` (sqrt, exp…), float32 stays float32; a number gives a number.
    static func elementwise(_ v: Value, name: String, toFloat: Bool, _ f: (Double) -> Double) throws -> Value {
        let x: NDArray
        do {
            if case .object(let o as NDArray) = v { x = o } else { x = try array(v, dtype: nil) }
        } catch let e as PyError where e.kind == .typeError {
            throw PyError.type("ufunc '\(name)' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
        }
        var dt = x.dtype
        if toFloat && !dt.isFloat { dt = .float64 }
        if dt == .bool { dt = .int64 }
        let out = x.data.map { dt.cast(f($0)) }
        if x.shape.isEmpty, let first = out.first { return NDArray(data: out, shape: [], dtype: dt).element(first) }
        return NDArray.make(out, x.shape, dt)
    }

    /// `f` on the elements of two numbers or arrays, broadcast, with numpy's promotion
    /// (a Python number is weak: `np.maximum(float32_array, 0)` stays float32).
    static func pairwise(_ xv: Value, _ yv: Value, _ f: (Double, Double) -> Double) throws -> Value {
        let x: NDArray, y: NDArray
        if case .object(let o as NDArray) = xv { x = o } else { x = try array(xv, dtype: nil) }
        if case .object(let o as NDArray) = yv { y = o } else { y = try array(yv, dtype: nil) }
        let xWeak = isPythonNumber(xv), yWeak = isPythonNumber(yv)
        let dt: NumpyDType
        if yWeak && !xWeak { dt = NumpyDType.promoteWeak(x.dtype, scalar: yv) } else if xWeak && !yWeak { dt = NumpyDType.promoteWeak(y.dtype, scalar: xv) } else { dt = NumpyDType.promote(x.dtype, y.dtype) }
        let (shape, pairs) = try ArrayIndexing.broadcast(x.shape, y.shape)
        let out = pairs.map { dt.cast(f(x.data[$0.0], y.data[$0.1])) }
        if shape.isEmpty, let first = out.first { return NDArray(data: out, shape: [], dtype: dt).element(first) }
        return NDArray.make(out, shape, dt)
    }

    static func isPythonNumber(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .bool: return true
        default: return false
        }
    }

    /// numpy's message when several operands (None: a 0-d one) do not broadcast together.
    static func broadcastCheck(_ operands: [Value]) throws {
        let shapes = try operands.map { v -> [Int] in v.isNone ? [] : try array(v, dtype: nil).shape }
        var shape: [Int] = []
        for s in shapes {
            guard let next = try? ArrayIndexing.broadcastShape(shape, s) else {
                throw PyError.value("operands could not be broadcast together with shapes " + shapes.map(NumpyFormat.compactShapeText).joined(separator: " ") + " ")
            }
            shape = next
        }
    }

    /// sum/mean/min/max along one axis, in numpy's order: lanes along the last axis are
    /// summed pairwise, other axes row by row; float32 sums round to float32.
    static func reduce(_ v: Value, axis axisValue: Value, _ name: String) throws -> Value {
        let a: NDArray
        if case .object(let o as NDArray) = v { a = o } else { a = try array(v, dtype: nil) }
        guard let axisInt = axisValue.asInt else { throw PyError.type("'\(axisValue.typeName)' object cannot be interpreted as an integer") }
        let axis = try normalizeAxis(axisInt, ndim: a.shape.count)
        let n = a.shape[axis]
        let outer = a.shape[..<axis].reduce(1, *), inner = a.shape[(axis + 1)...].reduce(1, *)
        var shape = a.shape
        shape.remove(at: axis)
        if n == 0 && (name == "min" || name == "max") {
            throw PyError.value("zero-size array to reduction operation \(name == "max" ? "maximum" : "minimum") which has no identity")
        }
        let isSum = name == "sum" || name == "mean"
        var dt = a.dtype
        if isSum && dt == .bool { dt = .int64 }
        if name == "mean" && !dt.isFloat { dt = .float64 }
        var out: [Double] = []
        out.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                let lane = (0..<n).map { a.data[(o * n + $0) * inner + i] }
                var r: Double
                if isSum {
                    if a.dtype == .int64 || a.dtype == .bool {
                        r = Double(lane.reduce(0) { $0 &+ NDArray.int64($1) })
                    } else if inner == 1 {
                        r = a.dtype == .float32 ? Double(lane.map { Float($0) }.withUnsafeBufferPointer { pairwiseSum($0, 0, n) }) : lane.withUnsafeBufferPointer { pairwiseSum($0, 0, n) }
                    } else {
                        r = lane.reduce(0.0) { a.dtype.cast($0 + $1) }
                    }
                    if name == "mean" { r = dt.cast(r / Double(n)) }
                } else {
                    r = lane[0]
                    for x in lane {
                        if x.isNaN { r = x; break }
                        if name == "max" ? x > r : x < r { r = x }
                    }
                }
                out.append(r)
            }
        }
        if shape.isEmpty, let first = out.first { return NDArray(data: out, shape: [], dtype: dt).element(first) }
        return NDArray.make(out, shape, dt)
    }
}
