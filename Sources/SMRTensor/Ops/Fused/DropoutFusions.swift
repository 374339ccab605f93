import CKernels

/// The two places a transformer layer applies dropout, each as one op: the feed-forward's
/// `dropout(relu(linear(x)))` and the residual `x + dropout(branch)`. Each draws its mask
/// exactly where the unfused ops would (same generator, same element order), gives the
/// same values bit for bit, and makes one pass over the data instead of two or three —
/// at small sequence lengths the extra passes and tensors cost as much as the mask itself.
extension Tensor {
    /// `dropout(relu(x·Wᵀ + b), p)` in training mode (PyTorch's `F.dropout(F.relu(F.linear(…)))`).
    /// With `training == false` or `p == 0` it is `relu(linear(x))`; `p == 1` falls back to
    /// the unfused ops (PyTorch multiplies by zero without drawing).
    public static func linearReLUDropout(_ x: Tensor, weight: Tensor, bias: Tensor?, p: Float, training: Bool,
                                         generator: inout RandomGenerator) throws -> Tensor {
        guard p >= 0, p <= 1 else {
            throw TensorError.invalidArgument(op: "dropout", reason: "dropout probability has to be between 0 and 1, but got \(p)")
        }
        guard training, p > 0, p < 1 else {
            return try linear(x, weight: weight, bias: bias).relu().dropout(p: p, training: training, generator: &generator)
        }
        var (h, rows) = try linearForward(x, weight: weight, bias: bias)
        let inF = weight.shape[1], outF = weight.shape[0]
        let n = h.count
        let mask = DropoutMask(p: p, count: n, generator: &generator)
        let scale = mask.scale
        mask.bits.withUnsafeBufferPointer { b in
            h.withUnsafeMutableBufferPointer { hp in
                if let bb = b.baseAddress, let base = hp.baseAddress { smr_relu_mask_bits(n, base, base, bb, scale) }
            }
        }
        var outShape = x.shape
        outShape[outShape.count - 1] = outF
        return Tensor(result: h, shape: outShape, gradFn: "MulBackward0",
                      parents: bias.map { [x, weight, $0] } ?? [x, weight]) { out in
            // h > 0 exactly where the element was kept and the linear output positive
            // (scale ≥ 1 cannot round a positive value to 0), which is where both the
            // dropout's and the relu's backward pass the gradient.
            guard var g = out.takeGrad() else { return }
            g.withUnsafeMutableBufferPointer { gp in
                out.data.withUnsafeBufferPointer { hp in
                    if let gb = gp.baseAddress, let hb = hp.baseAddress { smr_positive_scale(n, hb, gb, scale) }
                }
            }
            linearBackward(g, x: x, weight: weight, bias: bias, rows: rows, inF: inF, outF: outF)
        }
    }

    /// `self + dropout(branch, p)` for tensors of one shape (a residual connection); in eval
    /// mode or with `p == 0` it is `self + branch`, and other shapes or `p == 1` take the
    /// unfused ops.
    public func addingDropout(_ branch: Tensor, p: Float, training: Bool, generator: inout RandomGenerator) throws -> Tensor {
        guard p >= 0, p <= 1 else {
            throw TensorError.invalidArgument(op: "dropout", reason: "dropout probability has to be between 0 and 1, but got \(p)")
        }
        guard training, p > 0, p < 1, branch.shape == shape else {
            return try self + branch.dropout(p: p, training: training, generator: &generator)
        }
        let n = count
        let mask = DropoutMask(p: p, count: n, generator: &generator)
        let scale = mask.scale
        let y = [Float](capacity: n) { out, initialized in
            mask.bits.withUnsafeBufferPointer { b in
                data.withUnsafeBufferPointer { xp in
                    branch.data.withUnsafeBufferPointer { ap in
                        if let bb = b.baseAddress, let xb = xp.baseAddress, let ab = ap.baseAddress, let yb = out.baseAddress {
                            smr_add_mask_bits(n, xb, ab, yb, bb, scale)
                        }
                    }
                }
            }
            initialized = n
        }
        return Tensor(result: y, shape: shape, gradFn: "AddBackward0", parents: self, branch) { out in
            guard let g = out.gradData else { return }
            self.accumulateGrad(g)
            guard branch.requiresGrad else { return }
            var gb = g
            gb.withUnsafeMutableBufferPointer { p in
                if let base = p.baseAddress { mask.apply(base, count: n, into: base, offset: 0) }
            }
            branch.accumulateGrad(gb)
        }
    }
}
