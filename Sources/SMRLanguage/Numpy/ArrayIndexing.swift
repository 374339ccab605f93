/// Shape helpers shared by numpy arrays and tensors: slices, broadcasting, nested lists.
public enum ArrayIndexing {
    /// The indices `lo:hi:step` selects from `count` items, with Python's clamping rules.
    public static func sliceIndices(count: Int, _ lo: Int?, _ hi: Int?, _ step: Int?) throws -> [Int] {
        let st = step ?? 1
        guard st != 0 else { throw PyError(.valueError, "slice step cannot be zero") }
        func clamp(_ v: Int?, _ dflt: Int, _ low: Int, _ high: Int) -> Int {
            guard var x = v else { return dflt }
            if x < 0 { x += count }
            return Swift.min(Swift.max(x, low), high)
        }
        var out: [Int] = []
        if st > 0 {
            var i = clamp(lo, 0, 0, count)
            let end = clamp(hi, count, 0, count)
            while i < end { out.append(i); i += st }
        } else {
            var i = clamp(lo, count - 1, -1, count - 1)
            let end = clamp(hi, -1, -1, count - 1)
            while i > end { out.append(i); i += st }
        }
        return out
    }

    /// `a[i, lo:hi, …]` on row-major data: an integer removes its axis, a slice keeps it
    /// (any step), missing trailing axes are taken whole. Returns the items and shape.
    public static func select<T>(_ data: [T], shape: [Int], _ parts: [Value]) throws -> ([T], [Int]) {
        let (flat, newShape) = try selectFlat(shape: shape, parts)
        return (flat.map { data[$0] }, newShape)
    }

    /// The flat row-major indices `a[i, lo:hi, …]` selects and the result's shape.
    public static func selectFlat(shape: [Int], _ parts: [Value]) throws -> ([Int], [Int]) {
        if parts.count > shape.count {
            throw PyError(.indexError, "too many indices for array: array is \(shape.count)-dimensional, but \(parts.count) were indexed")
        }
        var picks: [[Int]] = []
        var newShape: [Int] = []
        for (axis, n) in shape.enumerated() {
            guard axis < parts.count else {
                picks.append(Array(0..<n))
                newShape.append(n)
                continue
            }
            let part = parts[axis]
            if case .object(let sl as SliceObject) = part {
                let (a, b, st) = try sl.intBounds()
                let idx = try sliceIndices(count: n, a, b, st)
                picks.append(idx)
                newShape.append(idx.count)
            } else if let i = part.asInt {
                let j = i < 0 ? i + n : i
                guard j >= 0 && j < n else { throw PyError(.indexError, "index \(i) is out of bounds for axis \(axis) with size \(n)") }
                picks.append([j])
            } else {
                throw PyError(.indexError, invalidIndex)
            }
        }
        var strides = [Int](repeating: 1, count: shape.count)
        for k in stride(from: shape.count - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] }
        var out: [Int] = []
        out.reserveCapacity(picks.reduce(1) { $0 * $1.count })
        func walk(_ axis: Int, _ offset: Int) {
            if axis == picks.count { out.append(offset); return }
            for i in picks[axis] { walk(axis + 1, offset + i * strides[axis]) }
        }
        walk(0, 0)
        return (out, newShape)
    }

    public static let invalidIndex = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"

    /// Nested Python lists of `shape` from row-major items.
    public static func nestedList(_ items: [Value], shape: [Int]) -> Value {
        guard let first = shape.first else { return items.first ?? .none }
        if shape.count == 1 { return .list(items) }
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        return .list((0..<first).map { r in nestedList(Array(items[r * size ..< (r + 1) * size]), shape: inner) })
    }

    /// The number of elements of a shape, nil when it overflows an Int.
    public static func checkedProduct(_ dims: [Int]) -> Int? {
        var n = 1
        for d in dims {
            let (r, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            n = r
        }
        return n
    }

    /// A requested shape with at most one unknown (negative) size, checked against the element count.
    public static func resolveShape(_ dims: [Int], count: Int) throws -> [Int] {
        var shape = dims
        // numpy 2 takes any negative size as the unknown one.
        let unknown = shape.indices.filter { shape[$0] < 0 }
        guard unknown.count <= 1 else { throw PyError(.valueError, "can only specify one unknown dimension") }
        // The message is built only when it is thrown (reshapes are per-step work in trainings).
        func mismatch() -> PyError {
            PyError(.valueError, "cannot reshape array of size \(count) into shape \(NumpyFormat.compactShapeText(dims))")
        }
        guard let known = checkedProduct(shape.filter { $0 >= 0 }) else { throw mismatch() }
        if let u = unknown.first {
            guard known > 0, count % known == 0 else { throw mismatch() }
            shape[u] = count / known
        }
        guard checkedProduct(shape) == count else { throw mismatch() }
        return shape
    }

    /// The shape two shapes broadcast to.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = Swift.max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        return try (0..<rank).map { k in
            if pa[k] == pb[k] || pb[k] == 1 { return pa[k] }
            if pa[k] == 1 { return pb[k] }
            throw PyError(.valueError, "operands could not be broadcast together with shapes \(NumpyFormat.compactShapeText(a)) \(NumpyFormat.compactShapeText(b)) ")
        }
    }

    /// numpy broadcasting of two shapes: the result shape and, per result element, the
    /// flat indices into each operand.
    public static func broadcast(_ a: [Int], _ b: [Int]) throws -> ([Int], [(Int, Int)]) {
        // Equal shapes and a scalar side (most arithmetic) without the padded shapes and strides.
        if a == b || a.isEmpty || b.isEmpty, let n = checkedProduct(a.isEmpty ? b : a) {
            guard n <= Limits.maxItems else { throw Limits.memoryError() }
            if a == b { return (a, (0..<n).map { ($0, $0) }) }
            return a.isEmpty ? (b, (0..<n).map { (0, $0) }) : (a, (0..<n).map { ($0, 0) })
        }
        let rank = Swift.max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        let out = try broadcastShape(a, b)
        // Broadcasting can multiply sizes ((1, n) with (n, 1)): refuse what could not be allocated.
        guard let total = checkedProduct(out), total <= Limits.maxItems else { throw Limits.memoryError() }
        func strides(_ s: [Int]) -> [Int] {
            var st = [Int](repeating: 0, count: rank)
            var acc = 1
            for k in stride(from: rank - 1, through: 0, by: -1) {
                st[k] = s[k] == 1 ? 0 : acc
                acc *= s[k]
            }
            return st
        }
        let sa = strides(pa), sb = strides(pb)
        var pairs: [(Int, Int)] = []
        pairs.reserveCapacity(total)
        var index = [Int](repeating: 0, count: rank)
        for _ in 0..<total {
            var i = 0, j = 0
            for k in 0..<rank { i += index[k] * sa[k]; j += index[k] * sb[k] }
            pairs.append((i, j))
            var k = rank - 1
            while k >= 0 {
                index[k] += 1
                if index[k] < out[k] { break }
                index[k] = 0
                k -= 1
            }
        }
        return (out, pairs)
    }
}
