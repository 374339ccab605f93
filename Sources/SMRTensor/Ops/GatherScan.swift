/// `torch.gather` (pick one element along an axis per index position) and `cumsum`
/// (running sums along an axis), each with its backward: a scatter-add of the gradient
/// into the picked positions, and a running sum of the gradient from the end.
extension Tensor {
    /// `out[i][j][k] = self[index[i][j][k]][j][k]` for `axis` 0, and likewise for other axes
    /// (PyTorch `gather`): `index` has this tensor's rank and, on every other axis, at most
    /// its extent; negative indices are errors, as in PyTorch.
    /// `gradFn` names the backward node (`TopkBackward0` when a top-k selection gathers).
    public func gatherElements(axis: Int, index: [Int], indexShape: [Int],
                               gradFn: StaticString = "GatherBackward0") throws -> Tensor {
        let a = try Shape.normalize(axis: axis, rank: rank, op: "gather")
        guard indexShape.count == rank, index.count == Shape.count(indexShape) else {
            throw TensorError.shapeMismatch(op: "gather", shapes: [shape, indexShape], reason: "index must have as many dimensions as input")
        }
        for d in 0..<rank where d != a && indexShape[d] > shape[d] {
            throw TensorError.shapeMismatch(op: "gather", shapes: [shape, indexShape],
                                            reason: "index size \(indexShape[d]) exceeds input size \(shape[d]) in dimension \(d)")
        }
        let n = rank == 0 ? 1 : shape[a]
        if let bad = index.first(where: { $0 < 0 || $0 >= n }) {
            throw TensorError.invalidArgument(op: "gather", reason: "index \(bad) is out of bounds for dimension \(axis) with size \(n)")
        }
        let sourceStrides = Shape.strides(shape)
        // The source offset of each output element: its coordinates, the axis one replaced.
        var offsets = [Int](filled: 0, count: index.count)
        var coordinate = [Int](filled: 0, count: rank)
        for flat in 0..<index.count {
            var o = 0
            for d in 0..<rank { o += (d == a ? index[flat] : coordinate[d]) * sourceStrides[d] }
            offsets[flat] = o
            var d = rank - 1
            while d >= 0 {
                coordinate[d] += 1
                if coordinate[d] < indexShape[d] { break }
                coordinate[d] = 0
                d -= 1
            }
        }
        let values = data
        let out = offsets.map { values[$0] }
        let count = self.count
        return Tensor(result: out, shape: indexShape, gradFn: gradFn, parent: self) { result in
            guard let g = result.gradData else { return }
            var gx = [Float](filled: 0, count: count)
            for (k, o) in offsets.enumerated() { gx[o] += g[k] }
            self.accumulateGrad(gx)
        }
    }

    /// Running sums along `axis` (PyTorch `cumsum`); the gradient of element i is the sum
    /// of the output gradients from i to the end of its line.
    public func cumsum(axis: Int) throws -> Tensor {
        let a = try Shape.normalize(axis: axis, rank: rank, op: "cumsum")
        let dims = rank == 0 ? [1] : shape
        let n = dims[a], inner = dims[(a + 1)...].reduce(1, *), outer = dims[..<a].reduce(1, *)
        func scan(_ x: [Float], reverse: Bool) -> [Float] {
            var r = x
            for o in 0..<outer {
                for i in 0..<inner {
                    var acc: Float = 0
                    for step in 0..<n {
                        let k = reverse ? n - 1 - step : step
                        let p = (o * n + k) * inner + i
                        acc += x[p]
                        r[p] = acc
                    }
                }
            }
            return r
        }
        return Tensor(result: scan(data, reverse: false), shape: shape, gradFn: "CumsumBackward0", parent: self) { result in
            guard let g = result.gradData else { return }
            self.accumulateGrad(scan(g, reverse: true))
        }
    }
}
