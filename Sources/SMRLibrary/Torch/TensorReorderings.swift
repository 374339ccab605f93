import SMRLanguage
import SMRTensor

/// Tensor methods that reorder, split or test elements, and the product reduction:
/// `prod`, `flip`, `sort`, `chunk`, `split`, `isnan`, `isinf`, and `clip` (PyTorch's alias
/// of `clamp`). Each is differentiable where PyTorch's is (through gather, index-select,
/// slicing or the product's own backward).
enum TensorReorderings {
    static func register(tensorType t: NativeType) {
        let dim0 = Param("dim", .int, default: .int(0))
        t.method("prod", doc: "Product of all elements, or along `dim`.",
                 params: [Param("dim", .int, default: .none), Param("keepdim", .bool, default: .bool(false))]) { o, a in
            let x = try TensorType.t(o)
            return .object(TensorObject(try wrap { try x.tensor.prod(axis: try a.optionalInt("dim"), keepDim: try a.bool("keepdim")) }, isInt: x.isInt && !x.isBool))
        }
        if let clamp = t.methods["clamp"] {
            t.method("clip", doc: "Alias of clamp: " + clamp.doc, params: clamp.params, clamp.body)
        }
        t.method("flip", doc: "The elements in reverse order along each of `dims`.", params: [Param("dims")]) { o, a in
            let x = try TensorType.t(o)
            let dims = try TensorType.dims([a["dims"]])
            var r = x.tensor
            for d in dims {
                let axis = try wrap { try Shape.normalize(axis: d, rank: x.tensor.rank, op: "flip") }
                let n = x.tensor.rank == 0 ? 1 : x.tensor.shape[axis]
                r = try wrap { try r.indexSelect(axis: axis, indices: Array((0..<n).reversed())) }
            }
            return .object(TensorObject(r.named("FlipBackward0", from: x.tensor), isInt: x.isInt, isBool: x.isBool))
        }
        t.method("sort", doc: "Sorted values along `dim` and their original indices (ties keep their order; NaN sorts last).",
                 params: [Param("dim", .int, default: .int(-1)), Param("descending", .bool, default: .bool(false)),
                          Param("stable", .bool, default: .bool(false))]) { o, a in
            let x = try TensorType.t(o)
            let (values, indices) = try sort(x.tensor, dim: try a.int("dim"), descending: try a.bool("descending"))
            return .object(TorchReturnType("sort", values: .object(TensorObject(values, isInt: x.isInt, isBool: x.isBool)),
                                           indices: .object(TensorObject(indices, isInt: true))))
        }
        t.method("chunk", doc: "Up to `chunks` pieces along `dim`, each ceil(size / chunks) long (the last may be shorter).",
                 params: [Param("chunks", .int), dim0]) { o, a in
            let x = try TensorType.t(o)
            let chunks = try a.int("chunks")
            guard chunks > 0 else { throw PyError(.runtimeError, "chunk expects `chunks` to be greater than 0, got: \(chunks)") }
            let (axis, n) = try extent(x.tensor, try a.int("dim"), "chunk")
            let size = max((n + chunks - 1) / chunks, 1)
            return try pieces(x, axis: axis, sizes: stride(from: 0, to: max(n, 1), by: size).map { min(size, n - $0) }, gradFn: "SplitBackward0")
        }
        t.method("split", doc: "Pieces along `dim`: of `split_size_or_sections` each (the last may be shorter), or of the listed sizes.",
                 params: [Param("split_size_or_sections"), dim0]) { o, a in
            let x = try TensorType.t(o)
            let (axis, n) = try extent(x.tensor, try a.int("dim"), "split")
            let spec = a["split_size_or_sections"]
            if let size = spec.asInt, case .int = spec {
                guard size > 0 || (size == 0 && n == 0) else {
                    throw PyError(.runtimeError, "split_size can only be 0 if dimension size is 0, but got dimension size of \(n)")
                }
                if n == 0 { return .tuple(TupleObject([.object(x)])) }
                return try pieces(x, axis: axis, sizes: stride(from: 0, to: n, by: size).map { min(size, n - $0) }, gradFn: "SplitBackward0")
            }
            let (values, _) = try ValueConversion.numbers(spec, what: "split_size_or_sections")
            let sizes = try ValueConversion.ints(values, "split_size_or_sections")
            guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == n else {
                throw PyError(.runtimeError, "split_with_sizes expects split_sizes to sum exactly to \(n) (input tensor's size at dimension \(axis)), but got split_sizes=[\(sizes.map(String.init).joined(separator: ", "))]")
            }
            return try pieces(x, axis: axis, sizes: sizes, gradFn: "SplitWithSizesBackward0")
        }
        for (name, test) in [("isnan", { (v: Float) in v.isNaN }), ("isinf", { (v: Float) in v.isInfinite })] {
            t.method(name, doc: "Elementwise \(name == "isnan" ? "is-NaN" : "is-infinite"), as a bool tensor.") { o, _ in
                let x = try TensorType.t(o).tensor
                return try TensorLogic.bools(x.data.map { test($0) ? 1 : 0 }, x.shape)
            }
        }
    }

    /// The normalised axis and its extent (a 0-d tensor has one position on axis 0 or -1).
    private static func extent(_ x: Tensor, _ dim: Int, _ op: String) throws -> (Int, Int) {
        let axis = try wrap { try Shape.normalize(axis: dim, rank: x.rank, op: op) }
        guard x.rank > 0 else { throw PyError(.runtimeError, "\(op) expects at least a 1-dimensional tensor") }
        return (axis, x.shape[axis])
    }

    /// Consecutive slices of the given sizes along `axis`, as a tuple of tensors (their
    /// backward named as PyTorch's split that made them).
    private static func pieces(_ x: TensorObject, axis: Int, sizes: [Int], gradFn: StaticString) throws -> Value {
        var start = 0
        var out: [Value] = []
        for s in sizes {
            let piece = try wrap { try x.tensor.slice(axis: axis, start: start, end: start + s) }
            out.append(.object(TensorObject(piece.named(gradFn, from: x.tensor), isInt: x.isInt, isBool: x.isBool)))
            start += s
        }
        return .tuple(TupleObject(out))
    }

    /// Values sorted along `dim` (through gather, so they carry the gradient) and the indices.
    static func sort(_ x: Tensor, dim: Int, descending: Bool) throws -> (Tensor, Tensor) {
        if x.rank == 0 {
            return (x, try TensorLogic.constant([0], []))
        }
        let axis = try wrap { try Shape.normalize(axis: dim, rank: x.rank, op: "sort") }
        let n = x.shape[axis]
        let inner = Shape.count(x.shape[(axis + 1)...]), outer = x.count / max(n * inner, 1)
        var index = [Int](filled: 0, count: x.count)
        let v = x.data
        var lane = [Int](filled: 0, count: n)
        for o in 0..<outer {
            for i in 0..<inner {
                let at = { (k: Int) in (o * n + k) * inner + i }
                for k in 0..<n { lane[k] = k }
                lane.sort { p, q in
                    let a = v[at(p)], b = v[at(q)]
                    if a.isNaN || b.isNaN {  // NaN counts as the largest value
                        if a.isNaN == b.isNaN { return p < q }
                        return descending ? a.isNaN : b.isNaN
                    }
                    if a != b { return descending ? a > b : a < b }
                    return p < q
                }
                for k in 0..<n { index[at(k)] = lane[k] }
            }
        }
        let values = try wrap { try x.gatherElements(axis: axis, index: index, indexShape: x.shape, gradFn: "SortBackward0") }
        return (values, try TensorLogic.constant(index.map(Float.init), x.shape))
    }
}
