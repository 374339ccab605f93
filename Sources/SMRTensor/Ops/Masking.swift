/// Masks and selection by condition: comparisons, where, masked_fill.
extension Tensor {
    private func compare(_ other: Tensor, op: String, _ test: (Float, Float) -> Bool) throws -> Tensor {
        let shape = try Shape.broadcast(self.shape, other.shape, op: op)
        let a = try GradMode.noGrad { try self.broadcast(to: shape) }
        let b = try GradMode.noGrad { try other.broadcast(to: shape) }
        var r = [Float](filled: 0, count: Shape.count(shape))
        for i in 0..<r.count where test(a.data[i], b.data[i]) { r[i] = 1 }
        return Tensor(constant: r, shape: shape)
    }

    /// 1 where `self > other`, else 0 (a mask; no gradient).
    public func greater(_ other: Tensor) throws -> Tensor { try compare(other, op: "gt") { $0 > $1 } }
    /// 1 where `self < other`, else 0.
    public func less(_ other: Tensor) throws -> Tensor { try compare(other, op: "lt") { $0 < $1 } }
    /// 1 where `self == other`, else 0.
    public func equal(_ other: Tensor) throws -> Tensor { try compare(other, op: "eq") { $0 == $1 } }

    /// Elementwise choice `condition ? a : b` with broadcasting over all three (PyTorch
    /// `torch.where`). A condition element is true when non-zero.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Shape.broadcast(Shape.broadcast(condition.shape, a.shape, op: "where"), b.shape, op: "where")
        let (c, x, y) = try GradMode.noGrad {
            (try condition.broadcast(to: shape).data, try a.broadcast(to: shape).data, try b.broadcast(to: shape).data)
        }
        var r = y
        for i in 0..<r.count where c[i] != 0 { r[i] = x[i] }
        return Tensor(result: r, shape: shape, gradFn: "WhereBackward0", parents: a, b) { out in
            guard let g = out.gradData else { return }
            if a.requiresGrad {
                var ga = g
                for i in 0..<ga.count where c[i] == 0 { ga[i] = 0 }
                a.accumulateGrad(reduceBroadcast(ga, from: shape, to: a.shape))
            }
            if b.requiresGrad {
                var gb = g
                for i in 0..<gb.count where c[i] != 0 { gb[i] = 0 }
                b.accumulateGrad(reduceBroadcast(gb, from: shape, to: b.shape))
            }
        }
    }

    /// Replaces elements where `mask` is non-zero by `value` (PyTorch `masked_fill`);
    /// `mask` broadcasts to this tensor's shape. Filled positions get no gradient.
    public func maskedFill(_ mask: Tensor, value: Float) throws -> Tensor {
        let m = try GradMode.noGrad { try mask.broadcast(to: shape) }
        guard m.shape == shape else {
            throw TensorError.shapeMismatch(op: "masked_fill", shapes: [shape, mask.shape], reason: "the mask must broadcast to the tensor")
        }
        var r = data
        for i in 0..<r.count where m.data[i] != 0 { r[i] = value }
        return Tensor(result: r, shape: shape, gradFn: "MaskedFillBackward0", parent: self) { out in
            guard var g = out.takeGrad() else { return }
            for i in 0..<g.count where m.data[i] != 0 { g[i] = 0 }
            self.accumulateGrad(g)
        }
    }
}

/// Elementwise extremes of two tensors (PyTorch `torch.minimum` / `torch.maximum`, and
/// `torch.min(a, b)` / `torch.max(a, b)`), with broadcasting. As PyTorch's derivative, a tie
/// sends half the gradient to each side; NaN wins.
extension Tensor {
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try extreme(a, b, gradFn: "MinimumBackward0") { $0 < $1 }
    }

    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try extreme(a, b, gradFn: "MaximumBackward0") { $0 > $1 }
    }

    private static func extreme(_ a: Tensor, _ b: Tensor, gradFn: StaticString,
                                _ firstWins: @escaping (Float, Float) -> Bool) throws -> Tensor {
        let shape = try Shape.broadcast(a.shape, b.shape, op: "\(gradFn)")
        let (x, y) = try GradMode.noGrad { (try a.broadcast(to: shape).data, try b.broadcast(to: shape).data) }
        let out = zip(x, y).map { u, v -> Float in u.isNaN || v.isNaN ? .nan : (firstWins(u, v) || u == v ? u : v) }
        return Tensor(result: out, shape: shape, gradFn: gradFn, parents: a, b) { result in
            guard let g = result.gradData else { return }
            // Each side's share: 1 where it was picked, ½ at a tie, 0 where the other was.
            func share(_ mine: [Float], _ theirs: [Float]) -> [Float] {
                (0..<g.count).map { i in
                    mine[i] == theirs[i] ? g[i] / 2 : (firstWins(mine[i], theirs[i]) ? g[i] : 0)
                }
            }
            if a.requiresGrad { a.accumulateGrad(reduceBroadcast(share(x, y), from: shape, to: a.shape)) }
            if b.requiresGrad { b.accumulateGrad(reduceBroadcast(share(y, x), from: shape, to: b.shape)) }
        }
    }
}
