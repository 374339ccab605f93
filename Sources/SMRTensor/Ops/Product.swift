/// The product reduction (PyTorch `prod`) with its exact backward.
extension Tensor {
    /// The product of all elements (`axis` nil) or along `axis`. Each element's gradient is
    /// the product of the other elements of its group, formed from prefix and suffix
    /// products, so it is exact when elements are zero (dividing the product would not be).
    public func prod(axis: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        var outer = 1, n = count, inner = 1
        var outShape: [Int] = []
        if let axis {
            let a = try Shape.normalize(axis: axis, rank: Swift.max(rank, 1), op: "prod")
            if rank > 0 {
                n = shape[a]
                outer = Shape.count(shape[..<a])
                inner = Shape.count(shape[(a + 1)...])
                outShape = shape
                if keepDim { outShape[a] = 1 } else { outShape.remove(at: a) }
            }
        }
        let x = data
        var out = [Float](filled: 1, count: outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                var p: Float = 1
                for k in 0..<n { p *= x[(o * n + k) * inner + i] }
                out[o * inner + i] = p
            }
        }
        // PyTorch names the backward of prod(dim) ProdBackward1, of the full product ProdBackward0.
        return Tensor(result: out, shape: outShape, gradFn: axis == nil ? "ProdBackward0" : "ProdBackward1", parent: self) { result in
            guard let g = result.gradData else { return }
            var gx = [Float](filled: 0, count: x.count)
            var prefix = [Float](filled: 1, count: n)
            for o in 0..<outer {
                for i in 0..<inner {
                    var p: Float = 1
                    for k in 0..<n {
                        prefix[k] = p
                        p *= x[(o * n + k) * inner + i]
                    }
                    var suffix: Float = 1
                    let go = g[o * inner + i]
                    for k in stride(from: n - 1, through: 0, by: -1) {
                        let at = (o * n + k) * inner + i
                        gx[at] = go * prefix[k] * suffix
                        suffix *= x[at]
                    }
                }
            }
            self.accumulateGrad(gx)
        }
    }
}
