/// Selecting parts of a tensor: strided slices, single indices, row gathers
/// (index_select / embedding). Their backward scatters the gradient into the slice.
extension Tensor {
    /// Elements `start..<end` with `step` along `axis` (Python slice semantics: negative
    /// indices count from the end, bounds are clamped). Step must be positive, as in PyTorch.
    public func slice(axis: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) throws -> Tensor {
        guard step > 0 else {
            throw TensorError.invalidArgument(op: "slice", reason: "step must be positive, got \(step)")
        }
        let a = try Shape.normalize(axis: axis, rank: rank, op: "slice")
        let n = shape[a]
        func clampIndex(_ i: Int) -> Int { i < 0 ? Swift.max(i + n, 0) : Swift.min(i, n) }
        let s = clampIndex(start ?? 0), e = clampIndex(end ?? n)
        if step == 1 { return contiguousSlice(axis: a, start: s, length: Swift.max(e - s, 0)) }
        let picked = s < e ? Array(stride(from: s, to: e, by: step)) : []
        return try gather(axis: a, indices: picked, op: "slice")
    }

    /// The sub-tensor at `index` along `axis`, with that axis removed (PyTorch `select`).
    public func select(axis: Int, index: Int) throws -> Tensor {
        let a = try Shape.normalize(axis: axis, rank: rank, op: "select")
        let n = shape[a]
        guard index >= -n, index < n else {
            throw TensorError.invalidArgument(op: "select", reason: "index \(index) is out of range for axis \(axis) of size \(n)")
        }
        var s = shape
        s.remove(at: a)
        // Selecting from an axis of length one only drops the axis: a reshape, no copy.
        if n == 1 { return try reshape(s).named("SelectBackward0", from: self) }
        // One recorded op: the length-1 slice is laid out exactly as the result with the axis removed.
        return contiguousSlice(axis: a, start: index < 0 ? index + n : index, length: 1, resultShape: s,
                               gradFn: "SelectBackward0")
    }

    /// Rows (or slices along `axis`) picked by `indices`, repeats allowed (PyTorch
    /// `index_select`). The backward adds each picked gradient back into its source row.
    public func indexSelect(axis: Int, indices: [Int]) throws -> Tensor {
        let a = try Shape.normalize(axis: axis, rank: rank, op: "index_select")
        let n = shape[a]
        for i in indices where i < -n || i >= n {
            throw TensorError.invalidArgument(op: "index_select", reason: "index \(i) is out of range for axis \(axis) of size \(n)")
        }
        return try gather(axis: a, indices: indices.map { $0 < 0 ? $0 + n : $0 }, op: "index_select")
    }

    /// Looks up rows of an embedding table `[num, dim]` (PyTorch `F.embedding`); the
    /// result has shape `indexShape + [dim]`.
    public func embedding(_ indices: [Int], indexShape: [Int]? = nil) throws -> Tensor {
        guard rank == 2 else {
            throw TensorError.invalidArgument(op: "embedding", reason: "the weight must be 2-D [num_embeddings, dim], got \(Shape.describe(shape))")
        }
        for i in indices where i < 0 || i >= shape[0] {
            throw TensorError.invalidArgument(op: "embedding", reason: "index \(i) is out of range for \(shape[0]) embeddings")
        }
        let outShape = (indexShape ?? [indices.count]) + [shape[1]]
        guard Shape.count(indexShape ?? [indices.count]) == indices.count else {
            throw TensorError.shapeMismatch(op: "embedding", shapes: [indexShape ?? [], [indices.count]], reason: "index shape does not match the number of indices")
        }
        return try gather(axis: 0, indices: indices, op: "embedding").reshape(outShape)
            .named("EmbeddingBackward0", from: self)
    }

    /// Elements `start ..< start + length` along axis `a` (in range), copied as whole runs.
    /// `resultShape` reshapes the result (same element count) without a second recorded op.
    private func contiguousSlice(axis a: Int, start: Int, length: Int, resultShape: [Int]? = nil,
                                 gradFn: StaticString = "SliceBackward0") -> Tensor {
        let n = shape[a]
        var outer = 1, inner = 1
        for d in 0..<a { outer *= shape[d] }
        for d in (a + 1)..<rank { inner *= shape[d] }
        var outShape = shape
        outShape[a] = length
        let run = length * inner
        let result = [Float](capacity: outer * run) { dst, initialized in
            data.withUnsafeBufferPointer { src in
                guard let s0 = src.baseAddress, let d0 = dst.baseAddress else { return }
                for o in 0..<outer {
                    (d0 + o * run).initialize(from: s0 + (o * n + start) * inner, count: run)
                }
            }
            initialized = outer * run
        }
        return Tensor(result: result, shape: resultShape ?? outShape, gradFn: gradFn, parent: self) { out in
            guard let g = out.gradData else { return }
            self.withGradAccumulator { gx in
                g.withUnsafeBufferPointer { gp in
                    for o in 0..<outer {
                        for i in 0..<run { gx[(o * n + start) * inner + i] += gp[o * run + i] }
                    }
                }
            }
        }
    }

    /// Gathers `indices` (already validated, non-negative) along axis `a`.
    private func gather(axis a: Int, indices: [Int], op: String) throws -> Tensor {
        let n = shape[a]
        let outer = Shape.count(shape[..<a])
        let inner = Shape.count(shape[(a + 1)...])
        var outShape = shape
        outShape[a] = indices.count
        let m = indices.count
        var result = [Float](filled: 0, count: outer * m * inner)
        result.withUnsafeMutableBufferPointer { dst in
            data.withUnsafeBufferPointer { src in
                for o in 0..<outer {
                    for (j, idx) in indices.enumerated() {
                        let from = (o * n + idx) * inner, to = (o * m + j) * inner
                        for i in 0..<inner { dst[to + i] = src[from + i] }
                    }
                }
            }
        }
        let gradFn: StaticString = switch op {
        case "slice": "SliceBackward0"
        case "embedding": "EmbeddingBackward0"
        default: "IndexSelectBackward0"
        }
        return Tensor(result: result, shape: outShape, gradFn: gradFn, parent: self) { out in
            guard let g = out.gradData else { return }
            self.withGradAccumulator { gx in
                for o in 0..<outer {
                    for (j, idx) in indices.enumerated() {
                        let to = (o * n + idx) * inner, from = (o * m + j) * inner
                        for i in 0..<inner { gx[to + i] += g[from + i] }
                    }
                }
            }
        }
    }
}
