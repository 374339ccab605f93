import Foundation

/// The parameterised activations (PyTorch `gelu`, `leaky_relu`, `elu`, `softplus`), each
/// with the forward and backward formulas of PyTorch's CPU kernels, operations in the same
/// order, so values and gradients round as PyTorch's do.
extension Tensor {
    /// Applies `forward` elementwise; the backward maps (output gradient, x, y) to the input gradient.
    func mapPointwise(_ gradFn: StaticString, _ forward: (Float) -> Float,
                      backward: @escaping (_ g: Float, _ x: Float, _ y: Float) -> Float) -> Tensor {
        let y = data.map(forward)
        return Tensor(result: y, shape: shape, gradFn: gradFn, parent: self) { out in
            guard var g = out.takeGrad() else { return }
            self.data.withUnsafeBufferPointer { x in
                out.data.withUnsafeBufferPointer { yv in
                    for i in 0..<g.count { g[i] = backward(g[i], x[i], yv[i]) }
                }
            }
            self.accumulateGrad(g)
        }
    }

    // <math.h>'s constants, as PyTorch's kernels use them.
    private static let sqrt2 = 1.41421356237309504880, sqrt1_2 = 0.70710678118654752440, twoOverSqrtPi = 1.12837916709551257390

    /// GELU: `x·Φ(x)` with the exact normal CDF, or its tanh approximation (`approximate: true`).
    /// (PyTorch's vectorised CPU kernel approximates erf; far in the negative tail, where
    /// `1 + erf` cancels, its values differ from these in the fourth digit.)
    public func gelu(approximate: Bool = false) -> Tensor {
        if approximate {
            let beta = Float(Tensor.sqrt2 * Tensor.twoOverSqrtPi * 0.5), kappa: Float = 0.044715
            return mapPointwise("GeluBackward0", { x in
                let cube = x * x * x
                return 0.5 * x * (1 + tanhf(beta * (x + kappa * cube)))
            }, backward: { g, x, _ in
                let square = x * x, cube = square * x
                let t = tanhf(beta * (x + kappa * cube))
                let left = 0.5 * x, right = 1 + t
                let leftDerivative = 0.5 * right
                let rightDerivative = left * (1 - t * t) * (beta * (1 + 3 * kappa * square))
                return g * (leftDerivative + rightDerivative)
            })
        }
        let s = Float(Tensor.sqrt1_2), alpha = Float(Tensor.twoOverSqrtPi * Tensor.sqrt1_2 * 0.5)
        return mapPointwise("GeluBackward0", { x in
            x * 0.5 * (1 + erff(x * s))
        }, backward: { g, x, _ in
            let cdf = 0.5 * (1 + erff(x * s))
            let pdf = alpha * expf(x * x * -0.5)
            return g * (cdf + x * pdf)
        })
    }

    /// `x` where positive, `slope·x` elsewhere (the gradient at 0 is `slope`, as PyTorch's).
    public func leakyRelu(negativeSlope slope: Float = 0.01) -> Tensor {
        mapPointwise("LeakyReluBackward0", { x in x > 0 ? x : x * slope }, backward: { g, x, _ in x > 0 ? g : g * slope })
    }

    /// `x` where positive, `alpha·(eˣ − 1)` elsewhere.
    public func elu(alpha: Float = 1) -> Tensor {
        mapPointwise("EluBackward0", { x in x <= 0 ? (expf(x) - 1) * alpha : x },
                     backward: { g, x, _ in x <= 0 ? g * 1 * alpha * expf(x) : g })
    }

    /// `log(1 + e^(βx)) / β`, and `x` itself where `βx > threshold` (PyTorch's linear region).
    public func softplus(beta: Float = 1, threshold: Float = 20) -> Tensor {
        mapPointwise("SoftplusBackward0", { x in
            x * beta > threshold ? x : log1pf(expf(x * beta)) / beta
        }, backward: { g, x, _ in
            let z = expf(x * beta)
            return x * beta > threshold ? g : g * z / (z + 1)
        })
    }
}
