import Foundation

/// The log-density of normal distributions as one op: PyTorch's
/// `-((x - μ)**2) / (2·σ²) - log σ - log √(2π)` is nine ops (nine results, nine nodes)
/// where a policy that samples one action per step needs one. Every element goes through
/// the same float operations in the same order as those nine ops, forward and backward,
/// so values and gradients are bit-identical to the composed expression
/// (`NormalLogDensityTests`).
extension Tensor {
    /// `log N(value; mean, std²)` elementwise for tensors of one shape; `logSqrtTwoPi` is the
    /// constant subtracted last (the caller's rounding of log √(2π)).
    public static func normalLogDensity(_ value: Tensor, mean: Tensor, std: Tensor, logSqrtTwoPi c: Float) throws -> Tensor {
        guard value.shape == mean.shape, mean.shape == std.shape else {
            throw TensorError.shapeMismatch(op: "normal_log_density", shapes: [value.shape, mean.shape, std.shape],
                                            reason: "value, mean and std must have one shape")
        }
        let n = value.count
        let shift = -c
        let r = [Float](capacity: n) { out, initialized in
            withOperands(value, mean, std) { x, m, s in
                for i in 0..<n {
                    let variance = s[i] * s[i]
                    let t = x[i] - m[i]
                    let quotient = (t * t * -1) / (variance * 2)
                    out[i] = (quotient - logf(s[i])) + shift
                }
            }
            initialized = n
        }
        return Tensor(result: r, shape: value.shape, gradFn: "SubBackward0", parents: [value, mean, std]) { out in
            guard let g = out.gradData else { return }
            normalLogDensityBackward(g, value, mean, std)
        }
    }

    /// The backward of the nine ops, element by element in their order: the `- log σ` term
    /// gives σ `-g / σ`, the quotient gives the numerator `g / d` and the denominator
    /// `-(g · (q / d))`, which flows back through `·2` and `σ²` to σ, and through `·-1`
    /// and `t²` to `t = x - μ`. σ receives the log term first, as the tape runs the later
    /// `log σ` node before the `σ²` node.
    private static func normalLogDensityBackward(_ g: [Float], _ value: Tensor, _ mean: Tensor, _ std: Tensor) {
        let n = g.count
        let needX = value.requiresGrad, needM = mean.requiresGrad, needS = std.requiresGrad
        var gx = [Float](), gm = [Float](), gsLog = [Float](), gsSquare = [Float]()
        if needX { gx.reserveCapacity(n) }
        if needM { gm.reserveCapacity(n) }
        if needS { gsLog.reserveCapacity(n); gsSquare.reserveCapacity(n) }
        withOperands(value, mean, std) { x, m, s in
            for i in 0..<n {
                let variance = s[i] * s[i]
                let t = x[i] - m[i]
                let d = variance * 2
                if needX || needM {
                    let gt = ((g[i] / d) * -1) * (2 * t)
                    if needX { gx.append(gt) }
                    if needM { gm.append(-gt) }
                }
                if needS {
                    let q = (t * t * -1) / d
                    let gd = -(g[i] * (q / d))
                    gsLog.append(-g[i] * (1 / s[i]))
                    gsSquare.append((gd * 2) * (2 * s[i]))
                }
            }
        }
        if needX { value.accumulateGrad(gx) }
        if needM { mean.accumulateGrad(gm) }
        if needS {
            std.accumulateGrad(gsLog)
            std.accumulateGrad(gsSquare)
        }
    }

    /// The three operands' elements, side by side.
    private static func withOperands(_ value: Tensor, _ mean: Tensor, _ std: Tensor,
                                     _ body: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void) {
        value.data.withUnsafeBufferPointer { x in
            mean.data.withUnsafeBufferPointer { m in
                std.data.withUnsafeBufferPointer { s in body(x, m, s) }
            }
        }
    }
}
