/// Reading and writing elements at computed positions: the engine under advanced indexing
/// (`x[mask]`, `x[idx]`, `x[:, None]`, `x[mask] = 0`). Positions are flat row-major offsets.
extension Tensor {
    /// The elements at `positions`, shaped `shape`; the backward scatter-adds the gradient
    /// back to those positions (repeats accumulate, as PyTorch's index backward does).
    public func take(positions: [Int], shape: [Int], gradFn: StaticString = "IndexBackward0") throws -> Tensor {
        guard positions.count == Shape.count(shape) else {
            throw TensorError.shapeMismatch(op: "take", shapes: [[positions.count], shape], reason: "one position per result element")
        }
        let n = count
        if let bad = positions.first(where: { $0 < 0 || $0 >= n }) {
            throw TensorError.invalidArgument(op: "take", reason: "position \(bad) is outside a tensor of \(n) elements")
        }
        let x = data
        let out = positions.map { x[$0] }
        return Tensor(result: out, shape: shape, gradFn: gradFn, parent: self) { result in
            guard let g = result.gradData else { return }
            var gx = [Float](filled: 0, count: n)
            for (k, p) in positions.enumerated() { gx[p] += g[k] }
            self.accumulateGrad(gx)
        }
    }

    /// A copy with `values` (one per position, in order) written at `positions` (PyTorch's
    /// `index_put_` without accumulation: a repeated position keeps the last value). The
    /// gradient reaches this tensor everywhere except the written positions, and each value
    /// from its position.
    public func put(positions: [Int], values: Tensor, gradFn: StaticString = "IndexPutBackward0") throws -> Tensor {
        guard values.count == positions.count else {
            throw TensorError.shapeMismatch(op: "put", shapes: [values.shape, [positions.count]], reason: "one value per position")
        }
        let n = count
        if let bad = positions.first(where: { $0 < 0 || $0 >= n }) {
            throw TensorError.invalidArgument(op: "put", reason: "position \(bad) is outside a tensor of \(n) elements")
        }
        var out = data
        let v = values.data
        for (k, p) in positions.enumerated() { out[p] = v[k] }
        return Tensor(result: out, shape: shape, gradFn: gradFn, parents: self, values) { result in
            guard let g = result.gradData else { return }
            if self.requiresGrad {
                var gx = g
                for p in positions { gx[p] = 0 }
                self.accumulateGrad(gx)
            }
            if values.requiresGrad {
                // The value that stayed at each position gets its gradient; overwritten ones get 0.
                var last = [Int: Int]()
                for (k, p) in positions.enumerated() { last[p] = k }
                var gv = [Float](filled: 0, count: positions.count)
                for (p, k) in last { gv[k] = g[p] }
                values.accumulateGrad(gv)
            }
        }
    }
}
