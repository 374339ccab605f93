import CKernels
import Foundation

/// Fused LSTM and GRU cells with PyTorch's equations, gate order and biases, each one
/// op with a hand-written backward (two GEMMs per direction instead of ~20 small ops).
extension Tensor {
    private static func checkCell(_ op: String, x: Tensor, h: Tensor, wIH: Tensor, wHH: Tensor,
                                  bIH: Tensor?, bHH: Tensor?, gates: Int) throws -> (batch: Int, input: Int, hidden: Int) {
        guard x.rank == 2, h.rank == 2, wIH.rank == 2, wHH.rank == 2 else {
            throw TensorError.shapeMismatch(op: op, shapes: [x.shape, h.shape, wIH.shape, wHH.shape], reason: "expected 2-D input [batch, in], state [batch, hidden] and weights")
        }
        let hidden = h.shape[1], batch = x.shape[0], input = x.shape[1]
        guard h.shape[0] == batch, wIH.shape == [gates * hidden, input], wHH.shape == [gates * hidden, hidden] else {
            throw TensorError.shapeMismatch(op: op, shapes: [x.shape, h.shape, wIH.shape, wHH.shape],
                                            reason: "weight_ih must be [\(gates)·hidden, in] and weight_hh [\(gates)·hidden, hidden] with matching batch")
        }
        for b in [bIH, bHH].compactMap({ $0 }) where b.shape != [gates * hidden] {
            throw TensorError.shapeMismatch(op: op, shapes: [b.shape], reason: "biases must be [\(gates)·hidden]")
        }
        return (batch, input, hidden)
    }

    /// One LSTM step (PyTorch `LSTMCell`): gates i, f, g, o from `x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh`;
    /// `c' = f·c + i·g`, `h' = o·tanh(c')`. Returns `[batch, 2·hidden]` holding h' then c'
    /// per row; split it with `slice` (the split is cheap and keeps one backward).
    public static func lstmCell(_ x: Tensor, h: Tensor, c: Tensor, weightIH: Tensor, weightHH: Tensor,
                                biasIH: Tensor?, biasHH: Tensor?) throws -> Tensor {
        let (batch, input, hidden) = try checkCell("lstm_cell", x: x, h: h, wIH: weightIH, wHH: weightHH,
                                                   bIH: biasIH, bHH: biasHH, gates: 4)
        guard c.shape == h.shape else {
            throw TensorError.shapeMismatch(op: "lstm_cell", shapes: [h.shape, c.shape], reason: "h and c must have the same shape")
        }
        let g4 = 4 * hidden
        // acts holds the activated gates i, f, g, o per row (saved for backward).
        var acts = [Float](filled: 0, count: batch * g4)
        acts.withUnsafeMutableBufferPointer { ap in
            guard let a = ap.baseAddress else { return }
            func addRows(_ bias: Tensor?) {
                bias?.data.withUnsafeBufferPointer { bp in
                    guard let bb = bp.baseAddress else { return }
                    for r in 0..<batch { smr_add_inplace(g4, bb, a + r * g4) }
                }
            }
            addRows(biasIH)
            addRows(biasHH)
        }
        gemm(false, true, batch, g4, input, x.data, input, 0, weightIH.data, input, 0, &acts, g4, 0, beta: 1)
        gemm(false, true, batch, g4, hidden, h.data, hidden, 0, weightHH.data, hidden, 0, &acts, g4, 0, beta: 1)
        var out = [Float](filled: 0, count: batch * 2 * hidden)
        var tanhC = [Float](filled: 0, count: batch * hidden)
        let cData = c.data
        acts.withUnsafeMutableBufferPointer { ap in
            out.withUnsafeMutableBufferPointer { op in
                tanhC.withUnsafeMutableBufferPointer { tp in
                    cData.withUnsafeBufferPointer { cp in
                        guard let a0 = ap.baseAddress, let o0 = op.baseAddress, let t0 = tp.baseAddress else { return }
                        let h32 = Int32(hidden)
                        for r in 0..<batch {
                            let a = a0 + r * g4
                            smr_vsigmoid(2 * h32, a, a)                    // i, f
                            smr_vtanh(h32, a + 2 * hidden, a + 2 * hidden)  // g
                            smr_vsigmoid(h32, a + 3 * hidden, a + 3 * hidden)  // o
                            let cNew = o0 + r * 2 * hidden + hidden, tc = t0 + r * hidden
                            for j in 0..<hidden {
                                cNew[j] = a[hidden + j] * cp[r * hidden + j] + a[j] * a[2 * hidden + j]
                            }
                            smr_vtanh(h32, cNew, tc)
                            let hNew = o0 + r * 2 * hidden
                            for j in 0..<hidden { hNew[j] = a[3 * hidden + j] * tc[j] }
                        }
                    }
                }
            }
        }
        let parents = cellParents(x, h, c, weightIH, weightHH, biasIH, biasHH)
        return Tensor(result: out, shape: [batch, 2 * hidden], gradFn: "MulBackward0", parents: parents) { result in
            guard let gOut = result.gradData else { return }
            var dGates = [Float](filled: 0, count: batch * g4)
            var dC = [Float](filled: 0, count: batch * hidden)
            dGates.withUnsafeMutableBufferPointer { dg in
                dC.withUnsafeMutableBufferPointer { dc in
                    acts.withUnsafeBufferPointer { ac in
                        tanhC.withUnsafeBufferPointer { th in
                            gOut.withUnsafeBufferPointer { go in
                                cData.withUnsafeBufferPointer { cd in
                                    for r in 0..<batch {
                                        let a = r * g4
                                        for j in 0..<hidden {
                                            let gh = go[r * 2 * hidden + j], gc = go[r * 2 * hidden + hidden + j]
                                            let i = ac[a + j], f = ac[a + hidden + j], g = ac[a + 2 * hidden + j], o = ac[a + 3 * hidden + j]
                                            let tc = th[r * hidden + j]
                                            let dcNew = gc + gh * o * (1 - tc * tc)
                                            dg[a + j] = dcNew * g * i * (1 - i)
                                            dg[a + hidden + j] = dcNew * cd[r * hidden + j] * f * (1 - f)
                                            dg[a + 2 * hidden + j] = dcNew * i * (1 - g * g)
                                            dg[a + 3 * hidden + j] = gh * tc * o * (1 - o)
                                            dc[r * hidden + j] = dcNew * f
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Tensor.cellBackward(dGates: dGates, dGatesHH: dGates, batch: batch, input: input, hidden: hidden, gates: 4,
                                x: x, h: h, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH, dHDirect: nil)
            c.accumulateGrad(dC)
        }
    }

    /// One GRU step (PyTorch `GRUCell`, gate order r, z, n):
    /// `r = σ(W_ir x + b_ir + W_hr h + b_hr)`, `z = σ(…)`, `n = tanh(W_in x + b_in + r·(W_hn h + b_hn))`,
    /// `h' = (1 − z)·n + z·h`.
    public static func gruCell(_ x: Tensor, h: Tensor, weightIH: Tensor, weightHH: Tensor,
                               biasIH: Tensor?, biasHH: Tensor?) throws -> Tensor {
        let (batch, input, hidden) = try checkCell("gru_cell", x: x, h: h, wIH: weightIH, wHH: weightHH,
                                                   bIH: biasIH, bHH: biasHH, gates: 3)
        let g3 = 3 * hidden
        /// Each row starts as the bias (or zeros): the GEMMs below add into it.
        func biasRows(_ bias: Tensor?) -> [Float] {
            guard let bias else { return [Float](filled: 0, count: batch * g3) }
            return [Float](capacity: batch * g3) { dst, initialized in
                bias.data.withUnsafeBufferPointer { b in
                    if let bp = b.baseAddress, let d = dst.baseAddress { smr_fill_rows(batch, g3, bp, d) }
                }
                initialized = batch * g3
            }
        }
        var gi = biasRows(biasIH), gh = biasRows(biasHH)
        gemm(false, true, batch, g3, input, x.data, input, 0, weightIH.data, input, 0, &gi, g3, 0, beta: 1)
        gemm(false, true, batch, g3, hidden, h.data, hidden, 0, weightHH.data, hidden, 0, &gh, g3, 0, beta: 1)
        // Saved per row: r, z, n and the hidden-side candidate pre-activation (W_hn h + b_hn).
        var rzn = [Float](filled: 0, count: batch * g3)
        var out = [Float](filled: 0, count: batch * hidden)
        let hData = h.data
        // The gates through the vectorised sigmoid/tanh kernels (scalar expf was a tenth of
        // a user-written NTM training), as the LSTM cell does.
        rzn.withUnsafeMutableBufferPointer { zp in
            out.withUnsafeMutableBufferPointer { op in
                gi.withUnsafeBufferPointer { ip in
                    gh.withUnsafeBufferPointer { hp in
                        hData.withUnsafeBufferPointer { hd in
                            guard let z0 = zp.baseAddress, let o0 = op.baseAddress, let i0 = ip.baseAddress,
                                  let h0 = hp.baseAddress, let d0 = hd.baseAddress else { return }
                            let h32 = Int32(hidden)
                            for row in 0..<batch {
                                let rz = z0 + row * g3, xi = i0 + row * g3, hh = h0 + row * g3
                                for j in 0..<(2 * hidden) { rz[j] = xi[j] + hh[j] }
                                smr_vsigmoid(2 * h32, rz, rz)  // r, z
                                let n = rz + 2 * hidden
                                for j in 0..<hidden { n[j] = xi[2 * hidden + j] + rz[j] * hh[2 * hidden + j] }
                                smr_vtanh(h32, n, n)
                                let o = o0 + row * hidden, hPrev = d0 + row * hidden
                                for j in 0..<hidden { o[j] = (1 - rz[hidden + j]) * n[j] + rz[hidden + j] * hPrev[j] }
                            }
                        }
                    }
                }
            }
        }
        let parents = cellParents(x, h, nil, weightIH, weightHH, biasIH, biasHH)
        return Tensor(result: out, shape: [batch, hidden], gradFn: "AddBackward0", parents: parents) { result in
            guard let g = result.gradData else { return }
            var dI = [Float](filled: 0, count: batch * g3), dH = [Float](filled: 0, count: batch * g3)
            var dHDirect = [Float](filled: 0, count: batch * hidden)
            // Raw pointers over buffers sized above (the checked subscripts kept this scalar).
            g.withUnsafeBufferPointer { gb in
            rzn.withUnsafeBufferPointer { sb in
            gh.withUnsafeBufferPointer { hb in
            hData.withUnsafeBufferPointer { pb in
            dI.withUnsafeMutableBufferPointer { ib in
            dH.withUnsafeMutableBufferPointer { jb in
            dHDirect.withUnsafeMutableBufferPointer { kb in
                guard let g0 = gb.baseAddress, let s0 = sb.baseAddress, let h0 = hb.baseAddress, let p0 = pb.baseAddress,
                      let i0 = ib.baseAddress, let j0 = jb.baseAddress, let k0 = kb.baseAddress else { return }
                for row in 0..<batch {
                    let a = row * g3, gRow = g0 + row * hidden, hPrev = p0 + row * hidden, direct = k0 + row * hidden
                    let rp = s0 + a, zp = rp + hidden, np = rp + 2 * hidden, hn = h0 + a + 2 * hidden
                    let dIr = i0 + a, dHr = j0 + a
                    for j in 0..<hidden {
                        let gv = gRow[j]
                        let r = rp[j], z = zp[j], n = np[j]
                        let dn = gv * (1 - z) * (1 - n * n)
                        let dz = gv * (hPrev[j] - n) * z * (1 - z)
                        let dr = dn * hn[j] * r * (1 - r)
                        dIr[j] = dr; dIr[hidden + j] = dz; dIr[2 * hidden + j] = dn
                        dHr[j] = dr; dHr[hidden + j] = dz; dHr[2 * hidden + j] = dn * r
                        direct[j] = gv * z
                    }
                }
            }
            }
            }
            }
            }
            }
            }
            Tensor.cellBackward(dGates: dI, dGatesHH: dH, batch: batch, input: input, hidden: hidden, gates: 3,
                                x: x, h: h, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH, dHDirect: dHDirect)
        }
    }

    /// A cell's parents: `x`, `h` (and `c`), the weights, then the biases it has — one array
    /// literal per case, so building it is one heap block.
    private static func cellParents(_ x: Tensor, _ h: Tensor, _ c: Tensor?, _ wIH: Tensor, _ wHH: Tensor,
                                    _ bIH: Tensor?, _ bHH: Tensor?) -> [Tensor] {
        switch (c, bIH, bHH) {
        case let (c?, b1?, b2?): return [x, h, c, wIH, wHH, b1, b2]
        case let (nil, b1?, b2?): return [x, h, wIH, wHH, b1, b2]
        default: return [x, h, c, wIH, wHH, bIH, bHH].compactMap { $0 }
        }
    }

    /// The shared tail of the cell backwards: gradients of x, h, both weights and biases
    /// from the pre-activation gradients of the input side and the hidden side.
    private static func cellBackward(dGates: [Float], dGatesHH: [Float], batch: Int, input: Int, hidden: Int, gates: Int,
                                     x: Tensor, h: Tensor, weightIH: Tensor, weightHH: Tensor,
                                     biasIH: Tensor?, biasHH: Tensor?, dHDirect: [Float]?) {
        let gw = gates * hidden
        x.withGradAccumulator { gx in
            gemm(false, false, batch, input, gw, dGates, gw, 0, weightIH.data, input, 0, gx, input, 0, beta: 1)
        }
        h.withGradAccumulator { ghBuf in
            if let dHDirect { for i in 0..<dHDirect.count { ghBuf[i] += dHDirect[i] } }
            gemm(false, false, batch, hidden, gw, dGatesHH, gw, 0, weightHH.data, hidden, 0, ghBuf, hidden, 0, beta: 1)
        }
        weightIH.accumulateWeightGradient(dY: dGates, x: x.data, rows: batch, outF: gw, inF: input)
        weightHH.accumulateWeightGradient(dY: dGatesHH, x: h.data, rows: batch, outF: gw, inF: hidden)
        biasIH?.withGradAccumulator { g in
            for r in 0..<batch { for j in 0..<gw { g[j] += dGates[r * gw + j] } }
        }
        biasHH?.withGradAccumulator { g in
            for r in 0..<batch { for j in 0..<gw { g[j] += dGatesHH[r * gw + j] } }
        }
    }
}
