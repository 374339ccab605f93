import CKernels
import Foundation

/// softmax and log_softmax along any axis, numerically stable (max subtracted).
extension Tensor {
    /// The [outer, n, inner] view of `axis` used by the axis-wise kernels.
    func axisView(_ axis: Int, op: String) throws -> (outer: Int, n: Int, inner: Int) {
        let a = try Shape.normalize(axis: axis, rank: rank, op: op)
        let dims = rank == 0 ? [1] : shape
        return (Shape.count(dims[..<a]), dims[a], Shape.count(dims[(a + 1)...]))
    }

    /// The largest of `n` elements `inner` apart from `base`, or 0 when all are -inf
    /// (so that an all -inf row gives NaN, as in PyTorch).
    @inline(__always)
    private static func shiftForRow(_ x: UnsafeBufferPointer<Float>, base: Int, n: Int, inner: Int) -> Float {
        var m = -Float.infinity
        for k in 0..<n { m = Swift.max(m, x[base + k * inner]) }
        return m == -.infinity ? 0 : m
    }

    /// Softmax along `axis` (PyTorch `softmax(dim)`).
    public func softmax(axis: Int = -1) throws -> Tensor {
        let (outer, n, inner) = try axisView(axis, op: "softmax")
        if inner == 1 { return softmaxLastAxis(rows: outer, columns: n) }
        var y = [Float](filled: 0, count: count)
        data.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { out in
                for o in 0..<outer {
                    for i in 0..<inner {
                        let base = o * n * inner + i
                        let m = Tensor.shiftForRow(x, base: base, n: n, inner: inner)
                        var s: Float = 0
                        for k in 0..<n {
                            let e = expf(x[base + k * inner] - m)
                            out[base + k * inner] = e
                            s += e
                        }
                        let r = 1 / s
                        for k in 0..<n { out[base + k * inner] *= r }
                    }
                }
            }
        }
        return Tensor(result: y, shape: shape, gradFn: "SoftmaxBackward0", parent: self) { out in
            guard let g = out.gradData else { return }
            // dx = y * (g - sum(g * y))
            var gx = [Float](filled: 0, count: g.count)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * n * inner + i
                    var dot: Float = 0
                    for k in 0..<n { dot += g[base + k * inner] * y[base + k * inner] }
                    for k in 0..<n {
                        let j = base + k * inner
                        gx[j] = y[j] * (g[j] - dot)
                    }
                }
            }
            self.accumulateGrad(gx)
        }
    }

    /// Softmax over contiguous rows with the vectorised row kernels.
    private func softmaxLastAxis(rows: Int, columns: Int) -> Tensor {
        var y = data
        y.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { smr_softmax_rows(rows, columns, p) } }
        // The backward reads y, x and the row length from the node: no closure context.
        return Tensor(result: y, shape: shape, gradFn: "SoftmaxBackward0", parent: self) { out in
            guard var g = out.takeGrad(), let x = out.parentA else { return }
            let columns = out.shape.last ?? 1
            let rows = columns == 0 ? 0 : g.count / columns
            g.withUnsafeMutableBufferPointer { gp in
                out.data.withUnsafeBufferPointer { yp in
                    if let d = gp.baseAddress, let p = yp.baseAddress { smr_softmax_backward_rows(rows, columns, p, d) }
                }
            }
            x.accumulateGrad(g)
        }
    }

    /// log(softmax(x)) along `axis`, computed stably (PyTorch `log_softmax(dim)`).
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        let (outer, n, inner) = try axisView(axis, op: "log_softmax")
        var y = [Float](filled: 0, count: count)
        data.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { out in
                for o in 0..<outer {
                    for i in 0..<inner {
                        let base = o * n * inner + i
                        let m = Tensor.shiftForRow(x, base: base, n: n, inner: inner)
                        var s: Float = 0
                        for k in 0..<n { s += expf(x[base + k * inner] - m) }
                        let lse = m + logf(s)
                        for k in 0..<n { out[base + k * inner] = x[base + k * inner] - lse }
                    }
                }
            }
        }
        return Tensor(result: y, shape: shape, gradFn: "LogSoftmaxBackward0", parent: self) { out in
            guard let g = out.gradData else { return }
            // dx = g - softmax * sum(g)
            var gx = [Float](filled: 0, count: g.count)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * n * inner + i
                    var s: Float = 0
                    for k in 0..<n { s += g[base + k * inner] }
                    for k in 0..<n {
                        let j = base + k * inner
                        gx[j] = g[j] - expf(y[j]) * s
                    }
                }
            }
            self.accumulateGrad(gx)
        }
    }

    /// log(sum(exp(x))) along `axis`, stably (PyTorch `logsumexp(dim)`).
    public func logSumExp(axis: Int, keepDim: Bool = false) throws -> Tensor {
        let m = try GradMode.noGrad { try max(axis: axis, keepDim: true).values }
        let safe = Tensor(constant: m.data.map { $0.isFinite ? $0 : 0 }, shape: m.shape)
        let s = try (self - safe).exp().sum(axes: [axis], keepDim: true).log() + safe
        return try (keepDim ? s : s.squeeze(axis)).named("LogsumexpBackward0", from: self)
    }
}
