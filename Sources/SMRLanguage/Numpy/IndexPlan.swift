/// NumPy's (and PyTorch's) indexing rules, as flat positions: `a[i, lo:hi, None, idx, mask]`
/// selects the elements at `positions` (row-major offsets into `a`), forming `shape`.
///
/// Integer and boolean arrays are advanced indices: a mask stands for the coordinates of its
/// true elements; the advanced indices broadcast together, and their dimensions replace
/// them where they stand when they are adjacent, else go first (NumPy's rule). An integer
/// next to an advanced index counts as one (a 0-d array).
public struct IndexPlan {
    public enum Item {
        case int(Int)
        case slice(SliceObject)
        case newAxis
        /// Integer indices with their shape.
        case array([Int], shape: [Int])
        /// A boolean mask with its shape (it covers that many axes).
        case mask([Bool], shape: [Int])
        /// `...`: as many whole axes as the other items leave.
        case ellipsis
    }

    /// `...` replaced by the whole axes it stands for (at most one may appear).
    static func expandingEllipsis(_ items: [Item], rank: Int) throws -> [Item] {
        var consumed = 0, ellipses = 0
        for item in items {
            switch item {
            case .int, .slice, .array: consumed += 1
            case .mask(_, let ms): consumed += ms.count
            case .newAxis: break
            case .ellipsis: ellipses += 1
            }
        }
        if ellipses == 0 { return items }
        guard ellipses == 1 else { throw PyError(.indexError, "an index can only have a single ellipsis ('...')") }
        var out: [Item] = []
        for item in items {
            if case .ellipsis = item {
                for _ in 0..<max(0, rank - consumed) { out.append(.slice(SliceObject(.none, .none, .none))) }
            } else {
                out.append(item)
            }
        }
        return out
    }

    public let shape: [Int]
    public let positions: [Int]
    /// Whether an array or mask took part (PyTorch names such a result's node IndexBackward0).
    public let isAdvanced: Bool

    public init(_ given: [Item], shape source: [Int]) throws {
        let items = try IndexPlan.expandingEllipsis(given, rank: source.count)
        // Masks become one integer array per axis they cover (the true coordinates).
        var expanded: [Item] = []
        var axis = 0
        for item in items {
            switch item {
            case .mask(let bits, let ms):
                for (d, n) in ms.enumerated() {
                    let at = axis + d
                    guard at < source.count else {
                        throw PyError(.indexError, "too many indices for tensor of dimension \(source.count)")
                    }
                    guard source[at] == n else {
                        throw PyError(.indexError, "The shape of the mask \(IndexPlan.describe(ms)) at index \(d) does not match the shape of the indexed tensor \(IndexPlan.describe(source)) at index \(at)")
                    }
                }
                var coordinates = [[Int]](repeating: [], count: ms.count)
                let strides = IndexPlan.strides(ms)
                for (flat, bit) in bits.enumerated() where bit {
                    var rest = flat
                    for d in 0..<ms.count {
                        coordinates[d].append(rest / strides[d])
                        rest %= strides[d]
                    }
                }
                if ms.isEmpty {
                    throw PyError(.indexError, "a 0-d boolean index is not supported")
                }
                for c in coordinates { expanded.append(.array(c, shape: [c.count])) }
                axis += ms.count
            case .int, .slice, .array:
                expanded.append(item)
                axis += 1
            case .newAxis:
                expanded.append(item)
            case .ellipsis:
                break  // replaced above
            }
        }
        guard axis <= source.count else {
            throw PyError(.indexError, "too many indices for tensor of dimension \(source.count)")
        }
        let strides = IndexPlan.strides(source)
        let hasArray = expanded.contains { if case .array = $0 { return true }; return false }

        // Each output block: the offsets it contributes per position, and its dimensions.
        var blocks: [(offsets: [Int], shape: [Int])] = []
        var base = 0
        var advanced: [(values: [Int], shape: [Int], stride: Int)] = []
        var advancedSlots: [Int] = []  // indices in `expanded` of the advanced items
        axis = 0
        for (k, item) in expanded.enumerated() {
            switch item {
            case .newAxis:
                blocks.append(([0], [1]))
            case .slice(let sl):
                let n = source[axis]
                let (a, b, st) = try sl.intBounds()
                let idx = try ArrayIndexing.sliceIndices(count: n, a, b, st)
                blocks.append((idx.map { $0 * strides[axis] }, [idx.count]))
                axis += 1
            case .int(let i):
                let n = source[axis]
                let j = i < 0 ? i + n : i
                guard j >= 0 && j < n else { throw PyError(.indexError, "index \(i) is out of bounds for dimension \(axis) with size \(n)") }
                if hasArray {
                    advanced.append(([j], [], strides[axis]))
                    advancedSlots.append(k)
                } else {
                    base += j * strides[axis]
                }
                axis += 1
            case .array(let values, let s):
                let n = source[axis]
                var normalized = values
                for (e, v) in values.enumerated() {
                    let j = v < 0 ? v + n : v
                    guard j >= 0 && j < n else { throw PyError(.indexError, "index \(v) is out of bounds for dimension \(axis) with size \(n)") }
                    normalized[e] = j
                }
                advanced.append((normalized, s, strides[axis]))
                advancedSlots.append(k)
                axis += 1
            case .mask, .ellipsis:
                break  // expanded above
            }
        }
        // The axes no index named are taken whole.
        while axis < source.count {
            blocks.append(((0..<source[axis]).map { $0 * strides[axis] }, [source[axis]]))
            axis += 1
        }
        if !advanced.isEmpty {
            var b: [Int] = []
            for a in advanced { b = try IndexPlan.broadcast(b, a.shape) }
            let count = b.reduce(1, *)
            var offsets = [Int](repeating: 0, count: count)
            let bStrides = IndexPlan.strides(b)
            for a in advanced {
                // Right-align this index's shape with the broadcast shape.
                let pad = b.count - a.shape.count
                let own = IndexPlan.strides(a.shape)
                for flat in 0..<count {
                    var rest = flat, at = 0
                    for d in 0..<b.count {
                        let coordinate = rest / bStrides[d]
                        rest %= bStrides[d]
                        if d >= pad, a.shape[d - pad] != 1 { at += coordinate * own[d - pad] }
                    }
                    offsets[flat] += a.values[at] * a.stride
                }
            }
            let adjacent = zip(advancedSlots, advancedSlots.dropFirst()).allSatisfy { $1 == $0 + 1 }
            // Where the block goes: among the output blocks made by items before the first advanced one.
            var position = 0
            if adjacent, let first = advancedSlots.first {
                for item in expanded[..<first] {
                    switch item {
                    case .slice, .newAxis: position += 1
                    default: break
                    }
                }
            }
            blocks.insert((offsets, b), at: position)
        }
        var outShape: [Int] = []
        for block in blocks { outShape += block.shape }
        var positions: [Int] = []
        positions.reserveCapacity(outShape.reduce(1, *))
        func walk(_ k: Int, _ offset: Int) {
            if k == blocks.count { positions.append(offset); return }
            for o in blocks[k].offsets { walk(k + 1, offset + o) }
        }
        walk(0, base)
        shape = outShape
        self.positions = positions
        isAdvanced = hasArray
    }

    static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        for k in stride(from: shape.count - 2, through: 0, by: -1) { s[k] = s[k + 1] * shape[k + 1] }
        return s
    }

    static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for k in 0..<n {
            let x = k < n - a.count ? 1 : a[k - (n - a.count)], y = k < n - b.count ? 1 : b[k - (n - b.count)]
            guard x == y || x == 1 || y == 1 else {
                throw PyError(.indexError, "shape mismatch: indexing tensors could not be broadcast together with shapes \(describe(a)), \(describe(b))")
            }
            out[k] = x == 1 ? y : x
        }
        return out
    }

    public static func describe(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }
}

extension Value {
    /// Whether this is `...` (the `Ellipsis` singleton), for indexing.
    public var isEllipsis: Bool {
        if case .object(let o) = self { return o is EllipsisObject }
        return false
    }
}
