import Foundation

/// Loss functions with PyTorch's reductions.
public enum Reduction: String, Sendable {
    case mean, sum, none
}

extension Tensor {
    /// Mean squared error (PyTorch `F.mse_loss`); shapes broadcast as in PyTorch.
    public func mseLoss(_ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        let diff = try self - target
        let sq = try diff * diff
        let loss: Tensor
        switch reduction {
        case .none: loss = sq
        case .sum: loss = sq.sum()
        case .mean: loss = try sq.mean()
        }
        return loss.named("MseLossBackward0", from: self)
    }

    /// Cross-entropy of logits `[N, C]` (or `[C]`) against class indices (PyTorch
    /// `F.cross_entropy`), fused: the backward is softmax minus one-hot.
    public func crossEntropy(targets: [Int], reduction: Reduction = .mean) throws -> Tensor {
        guard rank == 1 || rank == 2 else {
            throw TensorError.invalidArgument(op: "cross_entropy", reason: "logits must be [C] or [N, C], got \(Shape.describe(shape))")
        }
        let n = rank == 2 ? shape[0] : 1, c = shape[rank - 1]
        guard targets.count == n else {
            throw TensorError.shapeMismatch(op: "cross_entropy", shapes: [shape, [targets.count]], reason: "expected \(n) targets")
        }
        for t in targets where t < 0 || t >= c {
            throw TensorError.invalidArgument(op: "cross_entropy", reason: "target \(t) is out of bounds for \(c) classes")
        }
        let logp = try GradMode.noGrad { try self.logSoftmax(axis: -1) }.data
        var losses = [Float](filled: 0, count: n)
        for i in 0..<n { losses[i] = -logp[i * c + targets[i]] }
        let value: [Float]
        let outShape: [Int]
        switch reduction {
        case .none: value = losses; outShape = rank == 2 ? [n] : []
        case .sum: value = [losses.reduce(0, +)]; outShape = []
        case .mean: value = [losses.reduce(0, +) / Float(n)]; outShape = []
        }
        return Tensor(result: value, shape: outShape, gradFn: "NllLossBackward0", parent: self) { out in
            guard let g = out.gradData else { return }
            var gx = [Float](filled: 0, count: n * c)
            for i in 0..<n {
                let scale: Float = reduction == .none ? g[i] : (reduction == .sum ? g[0] : g[0] / Float(n))
                for j in 0..<c { gx[i * c + j] = expf(logp[i * c + j]) * scale }
                gx[i * c + targets[i]] -= scale
            }
            self.accumulateGrad(gx)
        }
    }
}
