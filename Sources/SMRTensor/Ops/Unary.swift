import CKernels
import Foundation

/// Elementwise functions of one tensor and their derivatives.
protocol UnaryKernel {
    static func forward(_ x: Float) -> Float
    /// dy/dx given the input `x` and the output `y` (whichever is cheaper to use).
    static func derivative(x: Float, y: Float) -> Float
    /// PyTorch's backward-node name for this op.
    static var gradFn: StaticString { get }
}

enum ExpKernel: UnaryKernel {
    static let gradFn: StaticString = "ExpBackward0"
    @inline(__always) static func forward(_ x: Float) -> Float { expf(x) }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { y }
}
enum LogKernel: UnaryKernel {
    static let gradFn: StaticString = "LogBackward0"
    @inline(__always) static func forward(_ x: Float) -> Float { logf(x) }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { 1 / x }
}
enum SqrtKernel: UnaryKernel {
    static let gradFn: StaticString = "SqrtBackward0"
    @inline(__always) static func forward(_ x: Float) -> Float { x.squareRoot() }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { 0.5 / y }
}
enum TanhKernel: UnaryKernel {
    static let gradFn: StaticString = "TanhBackward0"
    @inline(__always) static func forward(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { 1 - y * y }
}
enum SigmoidKernel: UnaryKernel {
    static let gradFn: StaticString = "SigmoidBackward0"
    @inline(__always) static func forward(_ x: Float) -> Float {
        // Split by sign so exp never overflows.
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { y * (1 - y) }
}
enum AbsKernel: UnaryKernel {
    static let gradFn: StaticString = "AbsBackward0"
    @inline(__always) static func forward(_ x: Float) -> Float { abs(x) }
    @inline(__always) static func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}

extension Tensor {
    @inline(__always)
    func mapUnary<K: UnaryKernel>(_: K.Type) -> Tensor {
        let n = count
        let result = [Float](capacity: n) { out, initialized in
            data.withUnsafeBufferPointer { x in
                for i in 0..<n { out[i] = K.forward(x[i]) }
            }
            initialized = n
        }
        // The backward takes x from the node (no captures, so no closure context per op).
        return Tensor(result: result, shape: shape, gradFn: K.gradFn, parent: self) { out in
            guard let g = out.gradData, let input = out.parentA else { return }
            let n = g.count
            let gx = [Float](capacity: n) { dst, initialized in
                input.data.withUnsafeBufferPointer { x in
                    out.data.withUnsafeBufferPointer { y in
                        for i in 0..<n { dst[i] = g[i] * K.derivative(x: x[i], y: y[i]) }
                    }
                }
                initialized = n
            }
            input.accumulateGrad(gx)
        }
    }

    /// Elementwise e^x.
    public func exp() -> Tensor { mapUnary(ExpKernel.self) }
    /// Elementwise natural logarithm.
    public func log() -> Tensor { mapUnary(LogKernel.self) }
    /// Elementwise square root.
    public func sqrt() -> Tensor { mapUnary(SqrtKernel.self) }
    /// Elementwise hyperbolic tangent.
    public func tanh() -> Tensor { mapUnary(TanhKernel.self) }
    /// Elementwise logistic sigmoid 1 / (1 + e^-x).
    public func sigmoid() -> Tensor { mapUnary(SigmoidKernel.self) }
    /// Elementwise max(x, 0); the gradient at 0 is 0, as in PyTorch.
    public func relu() -> Tensor {
        let n = count
        let y = [Float](capacity: n) { out, initialized in
            data.withUnsafeBufferPointer { x in
                if let xp = x.baseAddress, let yp = out.baseAddress { smr_relu(n, xp, yp) }
            }
            initialized = n
        }
        return Tensor(result: y, shape: shape, gradFn: "ReluBackward0", parent: self) { out in
            guard var g = out.takeGrad() else { return }
            g.withUnsafeMutableBufferPointer { gp in
                self.data.withUnsafeBufferPointer { x in
                    if let xp = x.baseAddress, let gb = gp.baseAddress { smr_relu_backward(n, xp, gb) }
                }
            }
            self.accumulateGrad(g)
        }
    }
    /// Elementwise |x|; the gradient at 0 is 0, as in PyTorch.
    public func abs() -> Tensor { mapUnary(AbsKernel.self) }
    /// Elementwise negation.
    public func neg() -> Tensor { -self }

    /// Elementwise x^p for a scalar exponent (PyTorch `x ** p`).
    public func pow(_ p: Float) -> Tensor {
        if p == 2 {
            let r = data.map { $0 * $0 }
            return Tensor(result: r, shape: shape, gradFn: "PowBackward0", parent: self) { out in
                guard let g = out.gradData, let input = out.parentA else { return }
                var gx = g
                input.data.withUnsafeBufferPointer { x in
                    for i in 0..<gx.count { gx[i] *= 2 * x[i] }
                }
                input.accumulateGrad(gx)
            }
        }
        let r = data.map { powf($0, p) }
        return Tensor(result: r, shape: shape, gradFn: "PowBackward0", parent: self) { out in
            guard let g = out.gradData else { return }
            var gx = g
            self.data.withUnsafeBufferPointer { x in
                for i in 0..<gx.count { gx[i] = p == 0 ? 0 : gx[i] * p * powf(x[i], p - 1) }
            }
            self.accumulateGrad(gx)
        }
    }

    /// Limits every element to `[min, max]` (either bound optional). The gradient passes
    /// strictly inside `(min, max)` (zero on the bounds), as in PyTorch's `clamp`.
    public func clamp(min lo: Float? = nil, max hi: Float? = nil) throws -> Tensor {
        if let lo, let hi, lo > hi {
            // PyTorch sets everything to max when min > max; keep its behaviour.
            return Tensor(result: [Float](filled: hi, count: count), shape: shape, gradFn: "ClampBackward1", parent: self) { _ in }
        }
        let low = lo ?? -.infinity, high = hi ?? .infinity
        let r = data.map { $0.isNaN ? $0 : Swift.min(Swift.max($0, low), high) }
        return Tensor(result: r, shape: shape, gradFn: "ClampBackward1", parent: self) { out in
            guard var gx = out.takeGrad() else { return }
            self.data.withUnsafeBufferPointer { x in
                // PyTorch passes the gradient strictly inside (min, max): 0 on the bounds and for NaN.
                for i in 0..<gx.count where !(x[i] > low && x[i] < high) { gx[i] = 0 }
            }
            self.accumulateGrad(gx)
        }
    }
}
