import CKernels
import Foundation
import SMRNeural
import SMRTensor

/// A one-layer `nn.LSTM`'s forward over time-major batches and its backward through time,
/// written out by hand on its `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`
/// (PyTorch's gate order i, f, g, o):
/// z = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh, c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c').
struct LSTMRunner {
    let lstm: LSTM
    let wIH: Tensor, wHH: Tensor, bIH: Tensor, bHH: Tensor
    var input: Int { lstm.inputSize }
    var hidden: Int { lstm.hiddenSize }

    init(_ lstm: LSTM) throws {
        self.lstm = lstm
        let p = Dictionary(uniqueKeysWithValues: lstm.namedParameters().map { ($0.name, $0.tensor) })
        guard let a = p["weight_ih_l0"], let b = p["weight_hh_l0"], let c = p["bias_ih_l0"], let d = p["bias_hh_l0"],
              lstm.numLayers == 1 else {
            throw AgentError("MlpLstmPolicy", "the LSTM must have one layer with biases")
        }
        (wIH, wHH, bIH, bHH) = (a, b, c, d)
    }

    /// What the backward pass needs from every step.
    struct Trace {
        var steps: Int, batch: Int
        var xs: [[Float]] = []        // [batch, input] per step
        var hPrev: [[Float]] = []     // [batch, hidden]
        var cPrev: [[Float]] = []
        var gates: [[Float]] = []     // activated i, f, g, o: [batch, 4·hidden]
        var c: [[Float]] = []
        var tanhC: [[Float]] = []
        var h: [[Float]] = []
        /// `W_hh` packed for this batch's products (nil for batches too small to repay it).
        var packed: PackedRecurrentWeight?
    }

    /// `W_hh` packed once into the GEMM's panel layout for the products of one minibatch (the
    /// weights change at each optimizer step): `h·W_hhᵀ` in the forward and `dz·W_hh` in the
    /// backward. Otherwise every time step re-packs the 1 MB weight (`W_hhᵀ` at every step).
    struct PackedRecurrentWeight {
        /// `backward` only for batches past `packedBackwardRows`.
        let forward: [Float], backward: [Float]?
    }

    func packedRecurrentWeight(batch: Int) -> PackedRecurrentWeight {
        let H = hidden, G = 4 * H
        func pack(transB: Bool, n: Int, k: Int) -> [Float] {
            [Float](capacity: smr_sgemm_packed_size(Int32(n), Int32(k))) { out, initialized in
                smr_sgemm_pack(transB ? 1 : 0, Int32(n), Int32(k), wHH.data, Int32(H), out.baseAddress)
                initialized = out.count
            }
        }
        return PackedRecurrentWeight(forward: pack(transB: true, n: G, k: H),
                                     backward: batch >= Self.packedBackwardRows ? pack(transB: false, n: H, k: G) : nil)
    }

    /// Rows from which the packed weight pays in the forward (fewer rows take dot products
    /// straight from `W_hh`) and in the backward (up to 64 rows the GEMM reads the
    /// untransposed `W_hh` in place faster than it reads a packed copy).
    static let packedForwardRows = 5, packedBackwardRows = 65

    /// One step for `batch` rows: returns (h', c', activated gates, tanh(c')). The gates go
    /// through the vectorised sigmoid/tanh kernels (transcendentals were a third of the time).
    func step(_ x: [Float], h: [Float], c: [Float], batch: Int,
              packed: PackedRecurrentWeight? = nil) -> (h: [Float], c: [Float], gates: [Float], tanhC: [Float]) {
        let H = hidden, G = 4 * H
        var z = [Float](filled: 0, count: batch * G)
        let bi = bIH.data, bh = bHH.data
        z.withUnsafeMutableBufferPointer { zp in
            smr_sgemm(0, 1, Int32(batch), Int32(G), Int32(input), 1, x, Int32(input), wIH.data, Int32(input), 0, zp.baseAddress, Int32(G))
            if let packed, batch >= Self.packedForwardRows {
                smr_sgemm_prepacked(0, Int32(batch), Int32(G), Int32(H), 1, h, Int32(H), packed.forward, 1, zp.baseAddress, Int32(G))
            } else {
                smr_sgemm(0, 1, Int32(batch), Int32(G), Int32(H), 1, h, Int32(H), wHH.data, Int32(H), 1, zp.baseAddress, Int32(G))
            }
            for b in 0..<batch {
                let row = zp.baseAddress! + b * G
                for j in 0..<G { row[j] = row[j] + bi[j] + bh[j] }
                smr_vsigmoid(Int32(2 * H), row, row)              // i, f
                smr_vtanh(Int32(H), row + 2 * H, row + 2 * H)     // g
                smr_vsigmoid(Int32(H), row + 3 * H, row + 3 * H)  // o
            }
        }
        var cn = [Float](filled: 0, count: batch * H)
        for b in 0..<batch {
            let o = b * G
            for j in 0..<H { cn[b * H + j] = z[o + H + j] * c[b * H + j] + z[o + j] * z[o + 2 * H + j] }
        }
        var tc = [Float](filled: 0, count: batch * H)
        smr_vtanh(Int32(batch * H), cn, &tc)
        var hn = tc
        for b in 0..<batch {
            let o = b * G
            for j in 0..<H { hn[b * H + j] *= z[o + 3 * H + j] }
        }
        return (hn, cn, z, tc)
    }

    /// Runs `steps` time-major steps of `xs` ([steps][batch·input]) from (h0, c0), keeping a trace.
    func forward(_ xs: [[Float]], h0: [Float], c0: [Float], batch: Int) -> Trace {
        var t = Trace(steps: xs.count, batch: batch)
        if xs.count > 1 && batch >= Self.packedForwardRows { t.packed = packedRecurrentWeight(batch: batch) }
        var h = h0, c = c0
        for x in xs {
            let r = step(x, h: h, c: c, batch: batch, packed: t.packed)
            t.xs.append(x); t.hPrev.append(h); t.cPrev.append(c); t.gates.append(r.gates)
            h = r.h; c = r.c
            t.c.append(c); t.tanhC.append(r.tanhC); t.h.append(h)
        }
        return t
    }

    /// Backpropagation through time given ∂loss/∂h at every step ([steps][batch·hidden]);
    /// accumulates into dW_ih, dW_hh, db_ih, db_hh (the initial states are constants). Only
    /// ∂h flows step by step; the weight gradients of all steps are two GEMMs at the end
    /// over the stacked gate gradients (rank steps·batch instead of steps rank-batch updates).
    func backward(_ trace: Trace, dH: [[Float]], grads: inout [[Float]]) {
        let H = hidden, G = 4 * H, B = trace.batch, S = trace.steps
        guard S > 0 else { return }
        var dh = [Float](filled: 0, count: B * H), dc = dh
        var dzAll = [Float](filled: 0, count: S * B * G)
        dzAll.withUnsafeMutableBufferPointer { dzp in
            for s in stride(from: S - 1, through: 0, by: -1) {
                let dz = dzp.baseAddress! + s * B * G
                // Pointers, not indexed arrays: bounds checks kept this loop from vectorising.
                trace.gates[s].withUnsafeBufferPointer { gp in
                trace.tanhC[s].withUnsafeBufferPointer { tp in
                trace.cPrev[s].withUnsafeBufferPointer { cpp in
                dH[s].withUnsafeBufferPointer { op in
                dh.withUnsafeMutableBufferPointer { dhp in
                dc.withUnsafeMutableBufferPointer { dcp in
                    guard let gates = gp.baseAddress, let tanhC = tp.baseAddress, let cp = cpp.baseAddress,
                          let dOut = op.baseAddress, let dhb = dhp.baseAddress, let dcb = dcp.baseAddress else { return }
                    for b in 0..<B {
                        let gr = gates + b * G, zr = dz + b * G, r = b * H
                        for j in 0..<H {
                            let k = r + j
                            let i = gr[j], f = gr[H + j], g = gr[2 * H + j], og = gr[3 * H + j]
                            let dhk = dhb[k] + dOut[k]
                            let tc = tanhC[k]
                            let dcs = dcb[k] + dhk * og * (1 - tc * tc)
                            zr[j] = dcs * g * i * (1 - i)
                            zr[H + j] = dcs * cp[k] * f * (1 - f)
                            zr[2 * H + j] = dcs * i * (1 - g * g)
                            zr[3 * H + j] = dhk * tc * og * (1 - og)
                            dcb[k] = dcs * f
                        }
                    }
                }}}}}}
                if s > 0 {
                    dh.withUnsafeMutableBufferPointer { p in
                        if let packed = trace.packed?.backward {
                            smr_sgemm_prepacked(0, Int32(B), Int32(H), Int32(G), 1, dz, Int32(G), packed, 0, p.baseAddress, Int32(H))
                        } else {
                            smr_sgemm(0, 0, Int32(B), Int32(H), Int32(G), 1, dz, Int32(G), wHH.data, Int32(H), 0, p.baseAddress, Int32(H))
                        }
                    }
                }
            }
        }
        let xs = trace.xs.flatMap { $0 }, hPrev = trace.hPrev.flatMap { $0 }
        let rows = Int32(S * B)
        grads[0].withUnsafeMutableBufferPointer { p in
            smr_sgemm(1, 0, Int32(G), Int32(input), rows, 1, dzAll, Int32(G), xs, Int32(input), 1, p.baseAddress, Int32(input))
        }
        grads[1].withUnsafeMutableBufferPointer { p in
            smr_sgemm(1, 0, Int32(G), Int32(H), rows, 1, dzAll, Int32(G), hPrev, Int32(H), 1, p.baseAddress, Int32(H))
        }
        grads[2].withUnsafeMutableBufferPointer { db in
            for r in 0..<(S * B) { for j in 0..<G { db[j] += dzAll[r * G + j] } }
        }
        grads[3] = grads[2]
    }

    /// Sets the LSTM's gradients from `grads` (weight_ih, weight_hh, bias_ih, bias_hh).
    func setGradients(_ grads: [[Float]]) throws {
        try wIH.setGrad(grads[0]); try wHH.setGrad(grads[1]); try bIH.setGrad(grads[2]); try bHH.setGrad(grads[3])
    }

    func zeroGrads() -> [[Float]] {
        [[Float](filled: 0, count: wIH.count), [Float](filled: 0, count: wHH.count),
         [Float](filled: 0, count: bIH.count), [Float](filled: 0, count: bHH.count)]
    }
}
