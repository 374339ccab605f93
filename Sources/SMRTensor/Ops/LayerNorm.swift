/// Layer normalisation over the trailing axes, fused forward and backward
/// (PyTorch `F.layer_norm`, biased variance, eps inside the square root).
extension Tensor {
    /// Normalises over the last `normalizedShape.count` axes, then scales by `weight` and
    /// shifts by `bias` (each of shape `normalizedShape`, optional).
    public func layerNorm(normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                          eps: Float = 1e-5) throws -> Tensor {
        let k = normalizedShape.count
        guard k >= 1, k <= rank, Array(shape.suffix(k)) == normalizedShape else {
            throw TensorError.shapeMismatch(op: "layer_norm", shapes: [shape, normalizedShape],
                                            reason: "the input's trailing dimensions must equal normalized_shape")
        }
        for p in [weight, bias].compactMap({ $0 }) where p.shape != normalizedShape {
            throw TensorError.shapeMismatch(op: "layer_norm", shapes: [p.shape, normalizedShape],
                                            reason: "weight and bias must have shape normalized_shape")
        }
        let d = Shape.count(normalizedShape)
        let rows = d == 0 ? 0 : count / d
        var y = [Float](filled: 0, count: count)
        var xhat = [Float](filled: 0, count: count)
        var rstd = [Float](filled: 0, count: rows)
        let w = weight?.data, b = bias?.data
        // Raw pointers for the outputs: writing the arrays element by element inside the
        // closure re-checked their uniqueness per element.
        data.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { yp in
        xhat.withUnsafeMutableBufferPointer { hp in
        rstd.withUnsafeMutableBufferPointer { rp in
            for r in 0..<rows {
                let base = r * d
                var mean: Float = 0
                for i in 0..<d { mean += x[base + i] }
                mean /= Float(d)
                var v: Float = 0
                for i in 0..<d {
                    let c = x[base + i] - mean
                    v += c * c
                }
                v /= Float(d)
                let rs = 1 / (v + eps).squareRoot()
                rp[r] = rs
                for i in 0..<d {
                    let h = (x[base + i] - mean) * rs
                    hp[base + i] = h
                    var o = h
                    if let w { o *= w[i] }
                    if let b { o += b[i] }
                    yp[base + i] = o
                }
            }
        }
        }
        }
        }
        var parents: [Tensor] = []  // sized once for the optional ones below
        parents.reserveCapacity(3)
        parents.append(self)
        if let weight { parents.append(weight) }
        if let bias { parents.append(bias) }
        return Tensor(result: y, shape: shape, gradFn: "NativeLayerNormBackward0", parents: parents) { out in
            guard let g = out.gradData else { return }
            if let weight, weight.requiresGrad {
                var gw = [Float](filled: 0, count: d)
                for r in 0..<rows { for i in 0..<d { gw[i] += g[r * d + i] * xhat[r * d + i] } }
                weight.accumulateGrad(gw)
            }
            if let bias, bias.requiresGrad {
                var gb = [Float](filled: 0, count: d)
                for r in 0..<rows { for i in 0..<d { gb[i] += g[r * d + i] } }
                bias.accumulateGrad(gb)
            }
            guard self.requiresGrad else { return }
            var gx = [Float](filled: 0, count: g.count)
            var gh = [Float](filled: 0, count: d)
            for r in 0..<rows {
                let base = r * d
                var sumG: Float = 0, sumGH: Float = 0
                for i in 0..<d {
                    let v = g[base + i] * (w?[i] ?? 1)
                    gh[i] = v
                    sumG += v
                    sumGH += v * xhat[base + i]
                }
                let meanG = sumG / Float(d), meanGH = sumGH / Float(d)
                for i in 0..<d {
                    gx[base + i] = rstd[r] * (gh[i] - meanG - xhat[base + i] * meanGH)
                }
            }
            self.accumulateGrad(gx)
        }
    }
}
