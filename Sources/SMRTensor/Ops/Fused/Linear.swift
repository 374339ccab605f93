import CKernels

/// `y = x·Wᵀ + b` as one op (PyTorch `F.linear`): one GEMM forward, two GEMMs and a
/// column sum backward, no intermediate tensors.
extension Tensor {
    /// Applies an affine map to the last axis: `x` is `[..., in]`, `weight` `[out, in]`,
    /// `bias` `[out]`; the result is `[..., out]`.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        let (y, _) = try linearForward(x, weight: weight, bias: bias)
        var outShape = x.shape  // linearForward checked x.rank >= 1
        outShape[outShape.count - 1] = weight.shape[0]
        let gradFn: StaticString = x.rank != 2 ? "UnsafeViewBackward0" : (bias == nil ? "MmBackward0" : "AddmmBackward0")
        // The backward reads its operands from the node (a closure without captures needs no
        // heap context): x, weight and bias are the result's parents A, B and C.
        return Tensor(result: y, shape: outShape, gradFn: gradFn, parents: x, weight, bias) { out in
            guard let g = out.gradData, let x = out.parentA, let weight = out.parentB else { return }
            let inF = weight.shape[1], outF = weight.shape[0]
            linearBackward(g, x: x, weight: weight, bias: out.parentC, rows: inF == 0 ? x.count : x.count / inF,
                           inF: inF, outF: outF)
        }
    }

    /// Checks the operands of `linear` and computes `x·Wᵀ + b` (and the number of rows).
    static func linearForward(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> (y: [Float], rows: Int) {
        guard weight.rank == 2, x.rank >= 1, x.shape[x.rank - 1] == weight.shape[1] else {
            throw TensorError.shapeMismatch(op: "linear", shapes: [x.shape, weight.shape],
                                            reason: "input features (last axis) must equal weight.shape[1]")
        }
        let inF = weight.shape[1], outF = weight.shape[0]
        if let bias, bias.shape != [outF] {
            throw TensorError.shapeMismatch(op: "linear", shapes: [bias.shape, [outF]], reason: "bias must have shape [out_features]")
        }
        let rows = inF == 0 ? x.count : x.count / inF
        var y = [Float](capacity: rows * outF) { out, initialized in
            if let b = bias?.data, let o = out.baseAddress {
                b.withUnsafeBufferPointer { if let bp = $0.baseAddress { smr_fill_rows(rows, outF, bp, o) } }
            }
            initialized = rows * outF  // without bias the GEMM below overwrites it (beta = 0)
        }
        let beta: Float = bias == nil ? 0 : 1
        if weight.wantsPackedTranspose(rows: rows) {  // (a weight that large has inF > 0)
            let packed = weight.packedTranspose()
            x.data.withUnsafeBufferPointer { xp in
                packed.floats.withUnsafeBufferPointer { bp in
                    y.withUnsafeMutableBufferPointer { yp in
                        smr_sgemm_prepacked(0, Int32(rows), Int32(outF), Int32(inF), 1, xp.baseAddress, Int32(inF),
                                            bp.baseAddress, beta, yp.baseAddress, Int32(outF))
                    }
                }
            }
        } else {
            gemm(false, true, rows, outF, inF, x.data, inF, 0, weight.data, inF, 0, &y, outF, 0, beta: beta)
        }
        return (y, rows)
    }

    /// Accumulates the gradients of `linear` for the output gradient `g` ([rows, out]).
    /// Rows of `g` that are all zero add nothing to the weight's gradient and give zero input
    /// gradients, so the GEMMs run over the live rows only (same values up to the rounding
    /// order inside the sums; a zero row times an infinite weight would give NaN in PyTorch,
    /// and 0 here).
    static func linearBackward(_ g: [Float], x: Tensor, weight: Tensor, bias: Tensor?, rows: Int, inF: Int, outF: Int) {
        let live = rows > 1 ? liveRowRuns(g, rows: rows, width: outF) : nil
        let runs = live ?? [0..<rows]
        x.withGradOutput { gx, beta in  // gx[run] += g[run]·W[out,in]
            if live != nil, beta == 0, let base = gx.baseAddress { base.initialize(repeating: 0, count: rows * inF) }
            for run in runs {
                gemm(false, false, run.count, inF, outF, g, outF, run.lowerBound * outF, weight.data, inF, 0,
                     gx, inF, run.lowerBound * inF, beta: beta)
            }
        }
        if runs.isEmpty {  // an all-zero gradient still gives the weight a (zero) gradient, as PyTorch does
            weight.withGradOutput { gw, beta in
                if beta == 0, let base = gw.baseAddress { base.initialize(repeating: 0, count: gw.count) }
            }
        }
        let xs = x.data
        for run in runs {  // gW += g[run]ᵀ·x[run]
            weight.accumulateWeightGradient(dY: g, dYOffset: run.lowerBound * outF, x: xs, xOffset: run.lowerBound * inF,
                                            rows: run.count, outF: outF, inF: inF)
        }
        bias?.withGradAccumulator { gb in
            g.withUnsafeBufferPointer { gp in
                if let s = gp.baseAddress, let d = gb.baseAddress { smr_add_column_sums(rows, outF, s, d) }
            }
        }
    }

    /// The runs `[start, end)` of rows of `g` (`[rows, width]`) that are not all zero, or nil
    /// when every row has a non-zero (the common case, found after a few reads per row).
    /// A model reading only part of a layer's output (`encoder(x)[:, -1]`) sends back
    /// gradients that are exactly zero in the other rows, through the layer norms, residuals
    /// and feed-forward layers above it.
    static func liveRowRuns(_ g: [Float], rows: Int, width: Int) -> [Range<Int>]? {
        guard width > 0, g.count >= rows * width else { return nil }
        return g.withUnsafeBufferPointer { gp -> [Range<Int>]? in
            guard let base = gp.baseAddress else { return nil }
            var runs: [Range<Int>] = []
            var start: Int?
            var anyZero = false
            for r in 0..<rows {
                let row = base + r * width
                if (0..<width).contains(where: { row[$0] != 0 }) {
                    if start == nil { start = r }
                } else {
                    anyZero = true
                    if let s = start { runs.append(s..<r) }
                    start = nil
                }
            }
            if let s = start { runs.append(s..<rows) }
            return anyZero ? runs : nil
        }
    }
}
