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
    static func linearBackward(_ g: [Float], x: Tensor, weight: Tensor, bias: Tensor?, rows: Int, inF: Int, outF: Int) {
        x.withGradOutput { gx, beta in  // gx[rows,in] += g[rows,out]·W[out,in]
            gemm(false, false, rows, inF, outF, g, outF, 0, weight.data, inF, 0, gx, inF, 0, beta: beta)
        }
        weight.accumulateWeightGradient(dY: g, x: x.data, rows: rows, outF: outF, inF: inF)  // gW += gᵀ·x
        bias?.withGradAccumulator { gb in
            g.withUnsafeBufferPointer { gp in
                if let s = gp.baseAddress, let d = gb.baseAddress { smr_add_column_sums(rows, outF, s, d) }
            }
        }
    }
}
