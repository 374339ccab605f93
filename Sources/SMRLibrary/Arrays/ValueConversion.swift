import SMRLanguage

/// Reading numbers out of language values: scalars, (nested) lists and tuples, numpy
/// arrays (float64 and float32), numpy scalars and tensors.
enum ValueConversion {
    /// Row-major numbers and the shape of a value (`[]` for a scalar).
    static func numbers(_ v: Value, what: String = "value") throws -> (values: [Double], shape: [Int]) {
        switch v {
        case .int, .bool, .float: return ([v.asDouble ?? 0], [])
        case .object(let o as Float32Scalar): return ([Double(o.value)], [])
        case .object(let o as NumpyScalar): return ([o.value.asDouble ?? 0], [])
        case .object(let o as Float32Array): return (o.data.map(Double.init), o.shape)
        case .object(let o as NDArray): return (o.data, o.shape)
        case .object(let o as TensorObject): return (o.tensor.data.map(Double.init), o.tensor.shape)
        case .list(let l): return try nested(l.items, what: what)
        case .tuple(let t): return try nested(t.items, what: what)
        case .range(let r):
            var out: [Double] = []
            var i = r.start
            while r.step > 0 ? i < r.stop : i > r.stop { out.append(Double(i)); i += r.step }
            return (out, [out.count])
        default:
            throw PyError(.typeError, "\(what) must be a number or a sequence of numbers, not '\(v.typeName)'")
        }
    }

    static func nested(_ items: [Value], what: String) throws -> ([Double], [Int]) {
        var out: [Double] = []
        var inner: [Int]?
        for item in items {
            let (values, shape) = try numbers(item, what: what)
            if let s = inner, s != shape {
                throw PyError(.valueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions.")
            }
            inner = shape
            out += values
        }
        return (out, [items.count] + (inner ?? []))
    }

    /// True when the value holds only integers (Python ints/bools, possibly nested).
    /// Whether `v` is a bool or a non-empty (nested) list or tuple of bools only: PyTorch
    /// makes a bool tensor of it (`torch.tensor([True, False])`).
    static func isBoolean(_ v: Value) -> Bool {
        switch v {
        case .bool: return true
        case .list(let l): return !l.items.isEmpty && l.items.allSatisfy(isBoolean)
        case .tuple(let t): return !t.items.isEmpty && t.items.allSatisfy(isBoolean)
        default: return false
        }
    }

    static func isIntegral(_ v: Value) -> Bool {
        switch v {
        case .int, .bool: return true
        case .list(let l): return !l.items.isEmpty && l.items.allSatisfy(isIntegral)
        case .tuple(let t): return !t.items.isEmpty && t.items.allSatisfy(isIntegral)
        case .range: return true
        default: return false
        }
    }
}

extension ValueConversion {
    /// A whole number as Int without trapping: NaN, infinities and out-of-range values
    /// are a ValueError / OverflowError, fractions are truncated as `int()` does.
    static func int(_ d: Double, _ what: String = "value") throws -> Int {
        guard !d.isNaN else { throw PyError(.valueError, "cannot convert float NaN to integer (\(what))") }
        guard d.isFinite, abs(d) < 9.2e18 else { throw PyError(.overflowError, "\(what) is too large for a 64-bit int") }
        return Int(d.rounded(.towardZero))
    }

    static func ints(_ ds: [Double], _ what: String) throws -> [Int] { try ds.map { try int($0, what) } }

    /// An int that never traps (for printing int-valued float data).
    static func clampedInt(_ f: Float) -> Int {
        guard f.isFinite else { return f.isNaN ? 0 : (f < 0 ? Int.min : Int.max) }
        return abs(f) < 9.2e18 ? Int(f.rounded(.towardZero)) : (f < 0 ? Int.min : Int.max)
    }
}
