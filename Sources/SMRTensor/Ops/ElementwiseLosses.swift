import Foundation

/// The elementwise losses (PyTorch `smooth_l1_loss`, `huber_loss`, `binary_cross_entropy`,
/// `binary_cross_entropy_with_logits`): input and target of one shape, a loss per element,
/// then PyTorch's reduction. Each fuses its backward, to the input and to the target.
extension Tensor {
    /// `(loss, ∂loss/∂input, ∂loss/∂target)` of one element.
    typealias ElementLoss = (_ x: Float, _ t: Float) -> (Float, Float, Float)

    func elementwiseLoss(_ target: Tensor, _ op: String, _ gradFn: StaticString, reduction: Reduction,
                         _ loss: @escaping ElementLoss) throws -> Tensor {
        guard target.shape == shape else {
            throw TensorError.shapeMismatch(op: op, shapes: [shape, target.shape], reason: "the target must have the input's shape")
        }
        let n = count
        var values = [Float](filled: 0, count: n)
        var dx = [Float](filled: 0, count: n), dt = [Float](filled: 0, count: n)
        for i in 0..<n { (values[i], dx[i], dt[i]) = loss(data[i], target.data[i]) }
        let out: [Float], outShape: [Int]
        switch reduction {
        case .none: out = values; outShape = shape
        case .sum: out = [values.reduce(0, +)]; outShape = []
        case .mean: out = [n == 0 ? .nan : values.reduce(0, +) / Float(n)]; outShape = []
        }
        return Tensor(result: out, shape: outShape, gradFn: gradFn, parents: self, target) { result in
            guard let g = result.gradData else { return }
            func scaled(_ d: [Float]) -> [Float] {
                switch reduction {
                case .none: return (0..<n).map { g[$0] * d[$0] }
                case .sum: return d.map { g[0] * $0 }
                case .mean: return d.map { g[0] * $0 / Float(n) }
                }
            }
            if self.requiresGrad { self.accumulateGrad(scaled(dx)) }
            if target.requiresGrad { target.accumulateGrad(scaled(dt)) }
        }
    }

    /// Smooth L1: `0.5·d²/β` where `|d| < β`, else `|d| − 0.5·β` (`d = input − target`); β = 0 is L1.
    public func smoothL1Loss(_ target: Tensor, beta: Float = 1, reduction: Reduction = .mean) throws -> Tensor {
        guard beta >= 0 else { throw TensorError.invalidArgument(op: "smooth_l1_loss", reason: "smooth_l1_loss does not support negative values for beta.") }
        return try elementwiseLoss(target, "smooth_l1_loss", "SmoothL1LossBackward0", reduction: reduction) { x, t in
            let d = x - t, a = Swift.abs(d)
            let grad: Float = a < beta ? d / beta : (d > 0 ? 1 : (d < 0 ? -1 : 0))
            return (a < beta ? 0.5 * d * d / beta : a - 0.5 * beta, grad, -grad)
        }
    }

    /// Huber: `0.5·d²` where `|d| < δ`, else `δ·(|d| − 0.5·δ)`.
    public func huberLoss(_ target: Tensor, delta: Float = 1, reduction: Reduction = .mean) throws -> Tensor {
        guard delta > 0 else { throw TensorError.invalidArgument(op: "huber_loss", reason: "huber_loss does not support non-positive values for delta.") }
        return try elementwiseLoss(target, "huber_loss", "HuberLossBackward0", reduction: reduction) { x, t in
            let d = x - t, a = Swift.abs(d)
            let grad: Float = a < delta ? d : (d > 0 ? delta : (d < 0 ? -delta : 0))
            return (a < delta ? 0.5 * d * d : delta * (a - 0.5 * delta), grad, -grad)
        }
    }

    /// `−(t·log p + (1 − t)·log(1 − p))` for probabilities `p`, each log clamped at −100 (PyTorch's).
    public func binaryCrossEntropy(_ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        if data.contains(where: { !($0 >= 0 && $0 <= 1) }) {
            throw TensorError.invalidArgument(op: "binary_cross_entropy", reason: "all elements of input should be between 0 and 1")
        }
        return try elementwiseLoss(target, "binary_cross_entropy", "BinaryCrossEntropyBackward0", reduction: reduction) { p, t in
            let logP = Swift.max(logf(p), -100), log1mP = Swift.max(log1pf(-p), -100)
            let loss = (t - 1) * log1mP - t * logP
            let dp = (p - t) / Swift.max((1 - p) * p, 1e-12)
            return (loss, dp, log1mP - logP)
        }
    }

    /// Binary cross-entropy of logits, in the overflow-free form PyTorch computes.
    public func binaryCrossEntropyWithLogits(_ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        try elementwiseLoss(target, "binary_cross_entropy_with_logits", "BinaryCrossEntropyWithLogitsBackward0", reduction: reduction) { x, t in
            let maxVal = Swift.max(-x, 0)
            let loss = (1 - t) * x + maxVal + logf(expf(-maxVal) + expf(-x - maxVal))
            let sig = x >= 0 ? 1 / (1 + expf(-x)) : expf(x) / (1 + expf(x))
            return (loss, sig - t, -x)
        }
    }
}
