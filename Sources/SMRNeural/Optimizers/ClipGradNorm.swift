import CKernels
import Foundation
import SMRTensor

/// Rescales the gradients of `parameters` so that their total norm is at most `maxNorm`,
/// and returns the total norm before clipping (PyTorch `torch.nn.utils.clip_grad_norm_`).
///
/// The total norm is the `normType`-norm of the per-tensor norms (the norm of all
/// gradients concatenated); `.infinity` gives the largest magnitude. Every gradient is
/// multiplied by `min(1, maxNorm / (total + 1e-6))`. As in PyTorch, tensors without a
/// gradient are ignored and a tensor listed twice counts (and is scaled) twice.
///
/// ```swift
/// try loss.backward()
/// let norm = try clipGradNorm(model.parameters(), maxNorm: 0.5)
/// try opt.step()
/// ```
/// - Throws: for a negative `normType`, or a non-finite total when `errorIfNonfinite`.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Double, normType: Double = 2,
                         errorIfNonfinite: Bool = false) throws -> Float {
    let total = try gradNorm(parameters, normType: normType)
    if errorIfNonfinite && !total.isFinite {
        throw OptimizerError.invalidHyperparameter(
            optimizer: "clipGradNorm", name: "total norm", value: Double(total),
            reason: "the total norm of order \(normType) for gradients from `parameters` is non-finite, so it cannot be clipped")
    }
    // torch: clip_coef = max_norm / (total_norm + 1e-6), a Python float divided by a float
    // tensor, which PyTorch evaluates as reciprocal(t) * max_norm; then clamp(max=1).
    let coefficient = (1 / (total + Float(1e-6))) * Float(maxNorm)
    let clamped = coefficient.isNaN ? coefficient : Swift.min(coefficient, 1)
    for p in parameters {
        guard var g = p.gradData else { continue }
        p.zeroGrad()  // the local copy is now the only reference: scaled in place
        let n = g.count
        g.withUnsafeMutableBufferPointer { smr_scale(n, $0.baseAddress, clamped) }
        try p.setGrad(g)
    }
    return total
}

/// The total `normType`-norm of the gradients of `parameters` (0 when none has one), as
/// PyTorch's `get_total_norm`: per-tensor norms in float, then the norm of those norms.
public func gradNorm(_ parameters: [Tensor], normType: Double = 2) throws -> Float {
    guard normType >= 0 || normType.isInfinite && normType > 0 else {
        throw OptimizerError.invalidHyperparameter(optimizer: "clipGradNorm", name: "normType", value: normType,
                                                   reason: "must be >= 0 or .infinity")
    }
    var norms: [Float] = []
    for p in parameters {
        guard let g = p.gradData else { continue }
        norms.append(vectorNorm(g, normType))
    }
    return norms.isEmpty ? 0 : vectorNorm(norms, normType)
}

/// The p-norm of `x`, accumulated in double and rounded to float.
func vectorNorm(_ x: [Float], _ p: Double) -> Float {
    let n = x.count
    if p == 2 {
        return Float(x.withUnsafeBufferPointer { smr_sum_squares(n, $0.baseAddress) }.squareRoot())
    }
    if p.isInfinite {
        return x.withUnsafeBufferPointer { smr_max_abs(n, $0.baseAddress) }
    }
    if p == 0 {
        return Float(x.reduce(0) { $0 + ($1 != 0 ? 1 : 0) })
    }
    if p == 1 {
        return Float(x.reduce(0.0) { $0 + Double(Swift.abs($1)) })
    }
    let s = x.reduce(0.0) { $0 + Foundation.pow(Double(Swift.abs($1)), p) }
    return Float(Foundation.pow(s, 1 / p))
}
