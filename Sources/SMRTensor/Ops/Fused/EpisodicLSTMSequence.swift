import CKernels
import Foundation

/// A whole sequence of the episodic-memory LSTM (starting from an empty memory and a zero
/// state) as one op with a hand-written backward through time: the same computation as
/// `EpisodicMemory`'s step-by-step composition of `linear`, `topKRead` and `lstmCell`, without
/// a graph node, allocation or copy per step. Checked against that composition and by finite
/// differences.
extension Tensor {
    /// The weights of `episodicLSTMSequence`, in PyTorch's layouts.
    public struct EpisodicLSTMWeights {
        public let key: Tensor, keyBias: Tensor, query: Tensor, queryBias: Tensor
        public let weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor
        public init(key: Tensor, keyBias: Tensor, query: Tensor, queryBias: Tensor,
                    weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor) {
            (self.key, self.keyBias, self.query, self.queryBias) = (key, keyBias, query, queryBias)
            (self.weightIH, self.weightHH, self.biasIH, self.biasHH) = (weightIH, weightHH, biasIH, biasHH)
        }
        var all: [Tensor] { [key, keyBias, query, queryBias, weightIH, weightHH, biasIH, biasHH] }
    }

    /// `x` is `[batch, T, input]`; the result is `[batch, T + 1, hidden]`: h_1 … h_T, then c_T.
    /// Step t writes row t−1 ([x, h] and its key) into a circular buffer of `memorySize` rows,
    /// reads the `topK` rows best matching query([x_t, h_{t−1}]) and steps the LSTM on [x_t, m_t].
    public static func episodicLSTMSequence(_ x: Tensor, weights p: EpisodicLSTMWeights, hiddenSize hidden: Int,
                                            memorySize: Int, topK: Int, weighting: ReadWeighting) throws -> Tensor {
        guard x.rank == 3, memorySize >= 1, topK >= 1, hidden >= 1 else {
            throw TensorError.invalidArgument(op: "episodic_lstm_sequence", reason: "x must be [batch, T, input]; memory_size, top_k, hidden ≥ 1")
        }
        let batch = x.shape[0], steps = x.shape[1], input = x.shape[2]
        let value = input + hidden, keySize = p.key.shape[0], ctrl = input + value, g4 = 4 * hidden
        guard p.key.shape == [keySize, value], p.query.shape == [keySize, value], p.keyBias.shape == [keySize],
              p.queryBias.shape == [keySize], p.weightIH.shape == [g4, ctrl], p.weightHH.shape == [g4, hidden],
              p.biasIH.shape == [g4], p.biasHH.shape == [g4] else {
            throw TensorError.shapeMismatch(op: "episodic_lstm_sequence", shapes: p.all.map(\.shape), reason: "weights do not match input \(input), hidden \(hidden)")
        }
        let k = Swift.min(topK, memorySize)
        let s = EpisodicSequenceTape(batch: batch, steps: steps, input: input, hidden: hidden, keySize: keySize, k: k)
        let wk = FloatScratch(p.key.data), bk = FloatScratch(p.keyBias.data), wq = FloatScratch(p.query.data), bq = FloatScratch(p.queryBias.data)
        let wih = FloatScratch(p.weightIH.data), whh = FloatScratch(p.weightHH.data)
        // The weights transposed once ([in, out]): the per-step products then read B row by row, unpacked.
        let wkT = transposed(wk.p, rows: keySize, cols: value), wqT = transposed(wq.p, rows: keySize, cols: value)
        let wihT = transposed(wih.p, rows: g4, cols: ctrl), whhT = transposed(whh.p, rows: g4, cols: hidden)
        let bias = FloatScratch(zip(p.biasIH.data, p.biasHH.data).map { $0 + $1 })
        let xs = FloatScratch(x.data)
        let scoreStore = FloatScratch(count: memorySize), scores = scoreStore.p
        // The keys once more, per batch row and key dimension over the slots ([batch, keySize, N]),
        // so a read scores all slots with contiguous multiply-adds instead of one dot product each.
        let slotKeys = FloatScratch(count: batch * keySize * memorySize)
        let order = UnsafeMutablePointer<Int>.allocate(capacity: memorySize)
        defer { order.deallocate() }

        for t in 0..<steps {
            let hPrev = s.hs.p + t * batch * hidden
            // Query input [x_t, h_{t−1}] and the controller input's x part.
            for b in 0..<batch {
                let xt = xs.p + (b * steps + t) * input
                copy(xt, input, to: s.xhq.p + (t * batch + b) * value)
                copy(hPrev + b * hidden, hidden, to: s.xhq.p + (t * batch + b) * value + input)
                copy(xt, input, to: s.z.p + (t * batch + b) * ctrl)
            }
            if t >= 1 {  // the key of row t−1 (its value was stored at the end of step t−1)
                let rows = s.keys.p + (t - 1) * batch * keySize
                for b in 0..<batch { copy(bk.p, keySize, to: rows + b * keySize) }
                sgemm(false, false, batch, keySize, value, s.values.p + (t - 1) * batch * value, value, wkT.p, keySize, rows, keySize, 1)
                let slot = (t - 1) % memorySize
                for b in 0..<batch {
                    for d in 0..<keySize { slotKeys.p[(b * keySize + d) * memorySize + slot] = rows[b * keySize + d] }
                }
            }
            let q = s.q.p + t * batch * keySize
            for b in 0..<batch { copy(bq.p, keySize, to: q + b * keySize) }
            sgemm(false, false, batch, keySize, value, s.xhq.p + t * batch * value, value, wqT.p, keySize, q, keySize, 1)
            // Visible rows in slot order (as the module's buffer holds them): slot i holds the latest j < t with j % N == i.
            let filled = Swift.min(t, memorySize)
            for i in 0..<filled { order[i] = t <= memorySize ? i : i + memorySize * ((t - 1 - i) / memorySize) }
            let kt = Swift.min(k, filled)
            s.selectedCount[t] = kt
            for b in 0..<batch {
                let m = s.z.p + (t * batch + b) * ctrl + input
                for d in 0..<value { m[d] = 0 }
                guard kt > 0 else { continue }
                let qb = q + b * keySize
                for i in 0..<filled { scores[i] = 0 }
                for d in 0..<keySize {
                    let qd = qb[d], column = slotKeys.p + (b * keySize + d) * memorySize
                    for i in 0..<filled { scores[i] += qd * column[i] }
                }
                let base = (t * batch + b) * k
                var count = 0
                for i in 0..<filled {
                    let sc = scores[i]
                    if count == kt && sc <= s.similarity[base + kt - 1] { continue }
                    var pos = Swift.min(count, kt - 1)
                    while pos > 0 && s.similarity[base + pos - 1] < sc {
                        s.similarity[base + pos] = s.similarity[base + pos - 1]
                        s.selected[base + pos] = s.selected[base + pos - 1]
                        pos -= 1
                    }
                    s.similarity[base + pos] = sc
                    s.selected[base + pos] = order[i]
                    count = Swift.min(count + 1, kt)
                }
                readWeights(s, base: base, count: kt, weighting)
                for j in 0..<kt {
                    let w = s.weight[base + j], v = s.values.p + (s.selected[base + j] * batch + b) * value
                    for d in 0..<value { m[d] += w * v[d] }
                }
            }
            // LSTM step on [x_t, m_t].
            let acts = s.acts.p + t * batch * g4
            for b in 0..<batch { copy(bias.p, g4, to: acts + b * g4) }
            sgemm(false, false, batch, g4, ctrl, s.z.p + t * batch * ctrl, ctrl, wihT.p, g4, acts, g4, 1)
            sgemm(false, false, batch, g4, hidden, hPrev, hidden, whhT.p, g4, acts, g4, 1)
            let h32 = Int32(hidden)
            for b in 0..<batch {
                let a = acts + b * g4
                smr_vsigmoid(2 * h32, a, a)
                smr_vtanh(h32, a + 2 * hidden, a + 2 * hidden)
                smr_vsigmoid(h32, a + 3 * hidden, a + 3 * hidden)
                let cOld = s.cs.p + (t * batch + b) * hidden, cNew = s.cs.p + ((t + 1) * batch + b) * hidden
                let tc = s.tanhC.p + (t * batch + b) * hidden, hNew = s.hs.p + ((t + 1) * batch + b) * hidden
                for j in 0..<hidden { cNew[j] = a[hidden + j] * cOld[j] + a[j] * a[2 * hidden + j] }
                smr_vtanh(h32, cNew, tc)
                for j in 0..<hidden { hNew[j] = a[3 * hidden + j] * tc[j] }
                let row = s.values.p + (t * batch + b) * value
                copy(xs.p + (b * steps + t) * input, input, to: row)
                copy(hNew, hidden, to: row + input)
            }
        }
        var out = [Float](filled: 0, count: batch * (steps + 1) * hidden)
        out.withUnsafeMutableBufferPointer { o in
            guard let o = o.baseAddress else { return }
            for b in 0..<batch {
                let rowOut: UnsafeMutablePointer<Float> = o + b * (steps + 1) * hidden
                for t in 0..<steps {
                    let src: UnsafeMutablePointer<Float> = s.hs.p + ((t + 1) * batch + b) * hidden
                    copy(src, hidden, to: rowOut + t * hidden)
                }
                let cSrc: UnsafeMutablePointer<Float> = s.cs.p + (steps * batch + b) * hidden
                copy(cSrc, hidden, to: rowOut + steps * hidden)
            }
        }
        return Tensor(result: out, shape: [batch, steps + 1, hidden], gradFn: "EpisodicLSTMSequenceBackward",
                      parents: [x] + p.all) { result in
            guard let gOut = result.gradData else { return }
            let g = FloatScratch(gOut)
            let dWk = FloatScratch(count: keySize * value), dbk = FloatScratch(count: keySize), dWq = FloatScratch(count: keySize * value)
            let dbq = FloatScratch(count: keySize), dWih = FloatScratch(count: g4 * ctrl), dWhh = FloatScratch(count: g4 * hidden)
            let dBias = FloatScratch(count: g4), dx = FloatScratch(count: batch * steps * input)
            let dValues = FloatScratch(count: steps * batch * value), dKeys = FloatScratch(count: steps * batch * keySize)
            let dh = FloatScratch(count: batch * hidden), dc = FloatScratch(count: batch * hidden)
            // Gate and query gradients of every step, kept so the weight gradients are one GEMM each after the loop.
            let dGatesAll = FloatScratch(count: steps * batch * g4), dqAll = FloatScratch(count: steps * batch * keySize)
            let dZ = FloatScratch(count: batch * ctrl)
            let dXH = FloatScratch(count: batch * value)
            let dScoreStore = FloatScratch(count: k), dScore = dScoreStore.p
            for b in 0..<batch { for j in 0..<hidden { dc.p[b * hidden + j] = g.p[(b * (steps + 1) + steps) * hidden + j] } }
            for t in (0..<steps).reversed() {
                // Row t is complete: its key's gradient goes to the key layer and to [x_t, h_t].
                if t + 1 < steps {
                    let dk = dKeys.p + t * batch * keySize
                    sgemm(false, false, batch, value, keySize, dk, keySize, wk.p, value, dValues.p + t * batch * value, value, 1)
                }
                let acts = s.acts.p + t * batch * g4
                let dGates = dGatesAll.p + t * batch * g4, dq = dqAll.p + t * batch * keySize
                for b in 0..<batch {
                    let dv = dValues.p + (t * batch + b) * value, dxt = dx.p + (b * steps + t) * input
                    for d in 0..<input { dxt[d] += dv[d] }
                    let dhb = dh.p + b * hidden, dcb = dc.p + b * hidden, a = acts + b * g4, dg = dGates + b * g4
                    let tc = s.tanhC.p + (t * batch + b) * hidden, cOld = s.cs.p + (t * batch + b) * hidden
                    for j in 0..<hidden {
                        let dhTotal = dhb[j] + g.p[(b * (steps + 1) + t) * hidden + j] + dv[input + j]
                        let i = a[j], f = a[hidden + j], gg = a[2 * hidden + j], o = a[3 * hidden + j]
                        let dcNew = dcb[j] + dhTotal * o * (1 - tc[j] * tc[j])
                        dg[j] = dcNew * gg * i * (1 - i)
                        dg[hidden + j] = dcNew * cOld[j] * f * (1 - f)
                        dg[2 * hidden + j] = dcNew * i * (1 - gg * gg)
                        dg[3 * hidden + j] = dhTotal * tc[j] * o * (1 - o)
                        dcb[j] = dcNew * f
                    }
                }
                sgemm(false, false, batch, ctrl, g4, dGates, g4, wih.p, ctrl, dZ.p, ctrl, 0)
                sgemm(false, false, batch, hidden, g4, dGates, g4, whh.p, hidden, dh.p, hidden, 0)
                // The read: dm = dZ[:, input...] into the query and the selected rows.
                let kt = s.selectedCount[t]
                for b in 0..<batch {
                    let dzb = dZ.p + b * ctrl, dxt = dx.p + (b * steps + t) * input
                    for d in 0..<input { dxt[d] += dzb[d] }
                    guard kt > 0 else { continue }
                    let dm = dzb + input, base = (t * batch + b) * k
                    for j in 0..<kt { dScore[j] = dot(dm, s.values.p + (s.selected[base + j] * batch + b) * value, value) }
                    if weighting == .softmax {
                        var mean: Float = 0
                        for j in 0..<kt { mean += s.weight[base + j] * dScore[j] }
                        for j in 0..<kt { dScore[j] = s.weight[base + j] * (dScore[j] - mean) }
                    }
                    let qb = s.q.p + (t * batch + b) * keySize, dqb = dq + b * keySize
                    for j in 0..<kt {
                        let row = s.selected[base + j] * batch + b, w = s.weight[base + j], ds = dScore[j]
                        let dv = dValues.p + row * value, key = s.keys.p + row * keySize, dk = dKeys.p + row * keySize
                        for d in 0..<value { dv[d] += w * dm[d] }
                        for d in 0..<keySize { dqb[d] += ds * key[d]; dk[d] += ds * qb[d] }
                    }
                }
                sgemm(false, false, batch, value, keySize, dq, keySize, wq.p, value, dXH.p, value, 0)
                for b in 0..<batch {
                    let src = dXH.p + b * value, dxt = dx.p + (b * steps + t) * input, dhb = dh.p + b * hidden
                    for d in 0..<input { dxt[d] += src[d] }
                    for j in 0..<hidden { dhb[j] += src[input + j] }
                }
            }
            // Weight gradients over all steps at once (row T−1's key gradient is zero: no read sees it).
            let rows = steps * batch
            sgemm(true, false, g4, ctrl, rows, dGatesAll.p, g4, s.z.p, ctrl, dWih.p, ctrl, 0)
            sgemm(true, false, g4, hidden, rows, dGatesAll.p, g4, s.hs.p, hidden, dWhh.p, hidden, 0)
            smr_add_column_sums(rows, g4, dGatesAll.p, dBias.p)
            sgemm(true, false, keySize, value, rows, dqAll.p, keySize, s.xhq.p, value, dWq.p, value, 0)
            smr_add_column_sums(rows, keySize, dqAll.p, dbq.p)
            sgemm(true, false, keySize, value, rows, dKeys.p, keySize, s.values.p, value, dWk.p, value, 0)
            smr_add_column_sums(rows, keySize, dKeys.p, dbk.p)
            for (tensor, grad) in zip([x, p.key, p.keyBias, p.query, p.queryBias, p.weightIH, p.weightHH, p.biasIH, p.biasHH],
                                      [dx, dWk, dbk, dWq, dbq, dWih, dWhh, dBias, dBias]) {
                tensor.withGradAccumulator { acc in
                    guard let a = acc.baseAddress else { return }
                    smr_add_inplace(acc.count, grad.p, a)
                }
            }
        }
    }

    private static func readWeights(_ s: EpisodicSequenceTape, base: Int, count: Int, _ weighting: ReadWeighting) {
        switch weighting {
        case .dot:
            for j in 0..<count { s.weight[base + j] = s.similarity[base + j] }
        case .softmax:
            let top = s.similarity[base]
            var total: Float = 0
            for j in 0..<count { let e = Foundation.exp(s.similarity[base + j] - top); s.weight[base + j] = e; total += e }
            for j in 0..<count { s.weight[base + j] /= total }
        }
    }
}

/// What the forward pass keeps for the backward pass, time-major (`[T, batch, …]`).
final class EpisodicSequenceTape {
    let xhq, q, keys, values, z, acts, cs, hs, tanhC: FloatScratch
    /// Per (t, b, j < k): the selected row (a step index), its similarity and its weight.
    let selected: UnsafeMutablePointer<Int>, similarity: UnsafeMutablePointer<Float>, weight: UnsafeMutablePointer<Float>
    /// Rows read at each step.
    let selectedCount: UnsafeMutablePointer<Int>
    private let similarityStore: FloatScratch, weightStore: FloatScratch

    init(batch: Int, steps: Int, input: Int, hidden: Int, keySize: Int, k: Int) {
        let value = input + hidden
        xhq = FloatScratch(count: steps * batch * value)
        q = FloatScratch(count: steps * batch * keySize)
        keys = FloatScratch(count: steps * batch * keySize)
        values = FloatScratch(count: steps * batch * value)
        z = FloatScratch(count: steps * batch * (input + value))
        acts = FloatScratch(count: steps * batch * 4 * hidden)
        cs = FloatScratch(count: (steps + 1) * batch * hidden)
        hs = FloatScratch(count: (steps + 1) * batch * hidden)
        tanhC = FloatScratch(count: steps * batch * hidden)
        selected = .allocate(capacity: Swift.max(1, steps * batch * k))
        selected.initialize(repeating: 0, count: Swift.max(1, steps * batch * k))
        selectedCount = .allocate(capacity: Swift.max(1, steps))
        selectedCount.initialize(repeating: 0, count: Swift.max(1, steps))
        similarityStore = FloatScratch(count: steps * batch * k)
        weightStore = FloatScratch(count: steps * batch * k)
        similarity = similarityStore.p
        weight = weightStore.p
    }

    deinit {
        selected.deallocate()
        selectedCount.deallocate()
    }
}

/// A zero-initialised float buffer with a stable address, freed with its owner.
final class FloatScratch {
    let p: UnsafeMutablePointer<Float>
    let count: Int
    init(count: Int) {
        self.count = count
        p = .allocate(capacity: Swift.max(1, count))
        p.initialize(repeating: 0, count: Swift.max(1, count))
    }
    convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { if let b = $0.baseAddress { p.update(from: b, count: values.count) } }
    }
    deinit { p.deallocate() }
}

/// A row-major `[rows, cols]` matrix transposed into a new `[cols, rows]` buffer.
private func transposed(_ m: UnsafePointer<Float>, rows: Int, cols: Int) -> FloatScratch {
    let t = FloatScratch(count: rows * cols)
    for r in 0..<rows { for c in 0..<cols { t.p[c * rows + r] = m[r * cols + c] } }
    return t
}

@inline(__always) private func copy(_ src: UnsafePointer<Float>, _ n: Int, to dst: UnsafeMutablePointer<Float>) {
    dst.update(from: src, count: n)
}

/// A dot product in 8-wide SIMD chunks (the compiler keeps a scalar float reduction in order).
@inline(__always) private func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>()
    var i = 0
    while i + 8 <= n {
        acc += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
        i += 8
    }
    var s = acc.sum()
    while i < n { s += a[i] * b[i]; i += 1 }
    return s
}

/// `C = A·B (+ beta·C)` on raw row-major pointers (`transA`/`transB` as BLAS).
@inline(__always) private func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                                     _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                                     _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ beta: Float) {
    guard m > 0, n > 0 else { return }
    if k == 0 {
        if beta == 0 { for r in 0..<m { for j in 0..<n { c[r * ldc + j] = 0 } } }
        return
    }
    smr_sgemm(transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
