import CKernels
import SMRTensor

/// One post-norm `TransformerEncoderLayer` over a sequence that grows by one token per step,
/// computed incrementally and exactly: each token's in-projection (q, k, v) is computed once
/// when it arrives, and a step recomputes only the rows asked for (the last one for a policy
/// reading its final token, all of them for an encoder that is mean-pooled), attending over
/// every token so far. Steps can be recorded on a tape; `backward` then runs the hand-written
/// backward of all recorded steps at once — the row-wise parts (norms, feed-forward,
/// out-projection) as single GEMMs over every recorded row, attention step by step, and the
/// in-projection once over the tokens. The feed-forward's hidden layer is not taped: the
/// backward recomputes it from the taped first-norm output in chunks that stay in cache
/// (a delay-256 episode would otherwise tape ~270 MB, all of it fresh pages the kernel
/// zeroes on first touch, then streamed back from memory).
///
/// Dropout masks are applied with the element offsets the full-sequence tensor ops use, so a
/// step equals the layer's forward on the whole sequence restricted to those rows.
final class IncrementalEncoder {
    private(set) var weights: EncoderLayerWeights?
    private var e = 0, heads = 0, dh = 0, ff = 0
    private var eps: Float = 1e-5

    /// Token inputs `[T, E]` and their in-projections `[T, 3E]`.
    private let inputs = FloatBuffer(), qkv = FloatBuffer()
    private(set) var tokenCount = 0

    /// What a recorded step needs for its backward.
    private struct Step {
        let keys: Int, firstQuery: Int, row: Int, probs: Int
        let dropout: LayerDropout
        var queries: Int { keys - firstQuery }
    }
    private var steps: [Step] = []
    /// Recorded rows, stacked in step order.
    private(set) var rowCount = 0
    private var probCount = 0
    private let attended = FloatBuffer(), norm1 = FloatBuffer(), normalized1 = FloatBuffer(), rstd1 = FloatBuffer()
    private let hidden = FloatBuffer(), normalized2 = FloatBuffer(), rstd2 = FloatBuffer(), probs = FloatBuffer()
    private let scratchA = FloatBuffer(), scratchB = FloatBuffer(), scratchC = FloatBuffer(), scratchP = FloatBuffer()
    private let dQKV = FloatBuffer()
    /// Rows per chunk of the feed-forward, forward and backward (64 × 2048 floats: 512 KiB).
    static let chunkRows = 64

    /// Starts a sequence with these weights (fixed until `backward`).
    func begin(_ w: EncoderLayerWeights) {
        weights = w
        e = w.width
        heads = w.heads
        dh = w.width / w.heads
        ff = w.hidden
        eps = w.eps
        tokenCount = 0
        steps.removeAll(keepingCapacity: true)
        rowCount = 0
        probCount = 0
        hasTransposedFeedForward = false
    }

    /// The feed-forward weights transposed, `linear1.weightᵀ` `[E, F]` and `linear2.weightᵀ`
    /// `[F, E]`, made once the episode is long enough to repay it. A product with a
    /// non-transposed weight packs a transposed copy of it at every call (`smr-bench matmul`:
    /// 4×2048×32 NT 13.7 µs, NN 5.9 µs; with many rows still ~10% slower than NN, which packs by
    /// copying). Transposing costs about as much as eight such calls, so short episodes
    /// (delay 4) never do it and long ones do at step 16.
    private func transposedFeedForward(_ p: EncoderLayerWeights.Pointers) -> (w1T: UnsafePointer<Float>, w2T: UnsafePointer<Float>)? {
        if hasTransposedFeedForward {
            return (UnsafePointer(linear1Transposed.pointer), UnsafePointer(linear2Transposed.pointer))
        }
        guard tokenCount > 16 else { return nil }
        for (buffer, w, rows, cols) in [(linear1Transposed, p.w1, ff, e), (linear2Transposed, p.w2, e, ff)] {
            let t = EncoderLayerWeights.transpose(Array(UnsafeBufferPointer(start: w, count: ff * e)), rows: rows, cols: cols)
            buffer.reserve(ff * e)
            t.withUnsafeBufferPointer { src in if let b = src.baseAddress { buffer.pointer.update(from: b, count: ff * e) } }
        }
        hasTransposedFeedForward = true
        // And packed for the GEMM, which would otherwise re-pack them at every product of
        // five rows or more (every chunk of a memory step, forward and backward).
        for (buffer, transB, n, k, w, ld) in [(linear1NT, 1, ff, e, p.w1, e), (linear2NT, 1, e, ff, p.w2, ff),
                                             (linear2NN, 0, ff, e, p.w2, ff), (linear1NN, 0, e, ff, p.w1, e)] {
            buffer.reserve(smr_sgemm_packed_size(Int32(n), Int32(k)))
            smr_sgemm_pack(Int32(transB), Int32(n), Int32(k), w, Int32(ld), buffer.pointer)
        }
        return (UnsafePointer(linear1Transposed.pointer), UnsafePointer(linear2Transposed.pointer))
    }
    private var hasTransposedFeedForward = false
    private let linear1Transposed = FloatBuffer(), linear2Transposed = FloatBuffer()
    /// The feed-forward weights in the GEMM's panel layout: as `x·W1ᵀ`, `h·W2ᵀ` (forward)
    /// and `d·W2`, `d·W1` (backward) take them. Made with the transposed copies.
    private let linear1NT = FloatBuffer(), linear2NT = FloatBuffer(), linear2NN = FloatBuffer(), linear1NN = FloatBuffer()
    /// Rows from which a packed weight pays (fewer take the transposed copies in place).
    private static let packedRows = 5

    /// `y = x·W1ᵀ + b1` (with `second`: `y = x·W2ᵀ + b2`) on `rows` rows, by the packed weight,
    /// the transposed copy or the weight itself, whichever the episode has and pays.
    private func feedForwardLinear(second: Bool, _ p: EncoderLayerWeights.Pointers,
                                   _ t: (w1T: UnsafePointer<Float>, w2T: UnsafePointer<Float>)?,
                                   rows: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let (inputs, outputs) = second ? (ff, e) : (e, ff)
        let bias = second ? p.b2 : p.b1
        if t != nil, rows >= Self.packedRows {
            smr_fill_rows(rows, outputs, bias, y)
            smr_sgemm_prepacked(0, Int32(rows), Int32(outputs), Int32(inputs), 1, x, Int32(inputs),
                                second ? linear2NT.pointer : linear1NT.pointer, 1, y, Int32(outputs))
        } else if let t {
            RowMath.linear(rows: rows, inputs: inputs, outputs: outputs, x, transposedWeight: second ? t.w2T : t.w1T, bias: bias, into: y)
        } else {
            RowMath.linear(rows: rows, inputs: inputs, outputs: outputs, x, weight: second ? p.w2 : p.w1, bias: bias, into: y)
        }
    }

    /// Drops the weight snapshot, so the optimizer can update the tensors in place.
    func release() { weights = nil }

    /// Appends a token's input row `[E]` and projects it.
    func append(_ x: UnsafePointer<Float>) {
        guard let w = weights else { return }
        let t = tokenCount
        inputs.reserve((t + 1) * e, keeping: t * e)
        qkv.reserve((t + 1) * 3 * e, keeping: t * 3 * e)
        (inputs.pointer + t * e).update(from: x, count: e)
        w.withPointers { p in
            RowMath.linear(rows: 1, inputs: e, outputs: 3 * e, inputs.pointer + t * e, transposedWeight: p.inWT, bias: p.inB,
                           into: qkv.pointer + t * 3 * e)
        }
        tokenCount += 1
    }

    /// The layer's output rows `[firstQuery, T)` over all T tokens so far, written to `out`
    /// (`[T − firstQuery, E]`). Recorded for `backward` when `record`.
    func forward(from firstQuery: Int, dropout: LayerDropout, record: Bool, into out: UnsafeMutablePointer<Float>) {
        guard let w = weights, firstQuery < tokenCount else { return }
        let keys = tokenCount, nq = keys - firstQuery, row = rowCount
        let e = self.e, e3 = 3 * e, dh = self.dh, ff = self.ff
        for b in [attended, norm1, normalized1, normalized2] { b.reserve((row + nq) * e, keeping: row * e) }
        for b in [rstd1, rstd2] { b.reserve(row + nq, keeping: row) }
        hidden.reserve(min(nq, Self.chunkRows) * ff)
        probs.reserve(probCount + heads * nq * keys, keeping: probCount)
        scratchP.reserve(nq * keys)
        scratchA.reserve(nq * e)
        let ao = attended.pointer + row * e, y1 = norm1.pointer + row * e, h1 = normalized1.pointer + row * e
        let hid = hidden.pointer, h2 = normalized2.pointer + row * e
        let r1 = rstd1.pointer + row, r2 = rstd2.pointer + row
        let scale = 1 / Float(dh).squareRoot()
        let q = qkv.pointer, a = scratchA.pointer
        w.withPointers { p in
            for h in 0..<heads {
                let pr = probs.pointer + probCount + h * nq * keys
                RowMath.gemm(false, true, nq, keys, dh, q + firstQuery * e3 + h * dh, e3, q + e + h * dh, e3, pr, keys,
                             beta: 0, alpha: scale)
                smr_softmax_rows(nq, keys, pr)
                var used = UnsafePointer(pr)
                if let m = dropout.attention {
                    m.apply(pr, count: nq * keys, into: scratchP.pointer, offset: (h * keys + firstQuery) * keys)
                    used = UnsafePointer(scratchP.pointer)
                }
                RowMath.gemm(false, false, nq, dh, keys, used, keys, q + 2 * e + h * dh, e3, ao + h * dh, e, beta: 0)
            }
            RowMath.linear(rows: nq, inputs: e, outputs: e, ao, transposedWeight: p.outWT, bias: p.outB, into: a)
            dropout.residual1?.apply(a, count: nq * e, into: a, offset: firstQuery * e)
            RowMath.add(nq * e, inputs.pointer + firstQuery * e, into: a)
            RowMath.layerNorm(rows: nq, width: e, a, gamma: p.g1, beta: p.be1, eps: eps, into: y1, normalized: h1, rstd: r1)
            // The feed-forward in chunks of rows, so that its hidden layer stays in cache.
            let transposed = transposedFeedForward(p)
            var r0 = 0
            while r0 < nq {
                let n = min(Self.chunkRows, nq - r0)
                feedForwardLinear(second: false, p, transposed, rows: n, y1 + r0 * e, into: hid)
                reluDropout(hid, rows: n, mask: dropout.feedForward, firstRow: firstQuery + r0)
                feedForwardLinear(second: true, p, transposed, rows: n, hid, into: a + r0 * e)
                r0 += n
            }
            dropout.residual2?.apply(a, count: nq * e, into: a, offset: firstQuery * e)
            RowMath.add(nq * e, y1, into: a)
            RowMath.layerNorm(rows: nq, width: e, a, gamma: p.g2, beta: p.be2, eps: eps, into: out, normalized: h2, rstd: r2)
        }
        guard record else { return }
        steps.append(Step(keys: keys, firstQuery: firstQuery, row: row, probs: probCount, dropout: dropout))
        rowCount += nq
        probCount += heads * nq * keys
    }

    /// relu then the feed-forward dropout (if any) on `rows` hidden rows in place, the first
    /// being row `firstRow` of the layer's full-sequence hidden tensor (the mask's offset).
    private func reluDropout(_ hid: UnsafeMutablePointer<Float>, rows: Int, mask: DropoutMask?, firstRow: Int) {
        if let mask {
            mask.applyAfterReLU(hid, count: rows * ff, into: hid, offset: firstRow * ff)
        } else {
            smr_relu(rows * ff, hid, hid)
        }
    }

    private let gradients = EncoderLayerGradients()

    /// The parameter tensors the last `backward` wrote, when all their gradients were finite
    /// (empty otherwise).
    private(set) var finiteGradients: [Tensor] = []

    /// `backward` for array inputs: adds the parameters' gradients to their tensors and
    /// returns the token inputs' gradients `[tokenCount, E]`.
    func backward(_ dOut: inout [Float]) throws -> [Float] {
        finiteGradients = []
        guard let w = weights else { return [] }
        gradients.reset(counts: w.counts)
        var dInputs = [Float](filled: 0, count: tokenCount * e)
        dOut.withUnsafeMutableBufferPointer { d in
            dInputs.withUnsafeMutableBufferPointer { dx in
                guard let db = d.baseAddress, let xb = dx.baseAddress else { return }
                backward(db, grads: gradients, dInputs: xb)
            }
        }
        if try gradients.write(to: w.tensors) { finiteGradients = w.tensors }
        return dInputs
    }

    /// The backward of every recorded step. `dOut` holds the gradients of the recorded output
    /// rows `[rowCount, E]` in step order (overwritten as scratch); adds the parameters'
    /// gradients to `grads` (in `EncoderLayerWeights` order) and the token inputs' gradients
    /// to `dInputs` `[tokenCount, E]`.
    func backward(_ dOut: UnsafeMutablePointer<Float>, grads: EncoderLayerGradients, dInputs: UnsafeMutablePointer<Float>) {
        guard let w = weights, rowCount > 0 else { return }
        let rows = rowCount, e = self.e, e3 = 3 * e, dh = self.dh, ff = self.ff
        scratchA.reserve(rows * e)
        scratchB.reserve(Self.chunkRows * ff)
        hidden.reserve(Self.chunkRows * ff)
        scratchC.reserve(rows * e)
        let dA = scratchA.pointer, dH = scratchB.pointer, dC = scratchC.pointer
        let dq = dQKV.zeroed(tokenCount * e3)
        let scale = 1 / Float(dh).squareRoot()
        w.withPointers { p in
            // Second norm and the feed-forward block, over all rows at once.
            RowMath.layerNormBackward(rows: rows, width: e, dOut, normalized: normalized2.pointer, rstd: rstd2.pointer,
                                      gamma: p.g2, dx: dA, dGamma: grads.pointer(10), dBeta: grads.pointer(11))
            dC.update(from: dA, count: rows * e)
            for s in steps { s.dropout.residual2?.apply(dC + s.row * e, count: s.queries * e, into: dC + s.row * e, offset: s.firstQuery * e) }
            RowMath.addColumnSums(rows: rows, cols: e, dC, into: grads.pointer(7))
            // Chunks of rows keep the hidden-layer gradient in cache.
            let keepScale = steps.first?.dropout.feedForward?.scale ?? 1
            let transposed = hasTransposedFeedForward ? transposedFeedForward(p) : nil
            var start = 0, stepIndex = 0
            let hid = hidden.pointer
            while start < rows {
                let n = min(Self.chunkRows, rows - start)
                let dFc = dC + start * e
                // The hidden layer of these rows again: linear1 on the taped norm output, then
                // relu and each row's step's mask.
                feedForwardLinear(second: false, p, transposed, rows: n, norm1.pointer + start * e, into: hid)
                var r = start
                while r < start + n {
                    while steps[stepIndex].row + steps[stepIndex].queries <= r { stepIndex += 1 }
                    let s = steps[stepIndex]
                    let end = min(start + n, s.row + s.queries)
                    reluDropout(hid + (r - start) * ff, rows: end - r, mask: s.dropout.feedForward, firstRow: s.firstQuery + r - s.row)
                    r = end
                }
                RowMath.gemm(true, false, e, ff, n, dFc, e, hid, ff, grads.pointer(6), ff, beta: 1)
                if transposed != nil && n >= Self.packedRows {
                    smr_sgemm_prepacked(0, Int32(n), Int32(ff), Int32(e), 1, dFc, Int32(e), linear2NN.pointer, 0, dH, Int32(ff))
                } else {
                    RowMath.gemm(false, false, n, ff, e, dFc, e, p.w2, ff, dH, ff, beta: 0)
                }
                // relu and dropout: a hidden value survived both exactly when it is positive.
                smr_relu_backward(n * ff, hid, dH)
                if keepScale != 1 { smr_scale(n * ff, dH, keepScale) }
                RowMath.gemm(true, false, ff, e, n, dH, ff, norm1.pointer + start * e, e, grads.pointer(4), e, beta: 1)
                RowMath.addColumnSums(rows: n, cols: ff, dH, into: grads.pointer(5))
                if transposed != nil && n >= Self.packedRows {
                    smr_sgemm_prepacked(0, Int32(n), Int32(e), Int32(ff), 1, dH, Int32(ff), linear1NN.pointer, 1, dA + start * e, Int32(e))
                } else {
                    RowMath.gemm(false, false, n, e, ff, dH, ff, p.w1, e, dA + start * e, e, beta: 1)
                }
                start += n
            }
            // First norm, the residual into the inputs, and the out-projection.
            RowMath.layerNormBackward(rows: rows, width: e, dA, normalized: normalized1.pointer, rstd: rstd1.pointer,
                                      gamma: p.g1, dx: dC, dGamma: grads.pointer(8), dBeta: grads.pointer(9))
            for s in steps {
                RowMath.add(s.queries * e, dC + s.row * e, into: dInputs + s.firstQuery * e)
                s.dropout.residual1?.apply(dC + s.row * e, count: s.queries * e, into: dC + s.row * e, offset: s.firstQuery * e)
            }
            RowMath.gemm(true, false, e, e, rows, dC, e, attended.pointer, e, grads.pointer(2), e, beta: 1)
            RowMath.addColumnSums(rows: rows, cols: e, dC, into: grads.pointer(3))
            RowMath.gemm(false, false, rows, e, e, dC, e, p.outW, e, dA, e, beta: 0)
            // Attention, step by step, into the projections' gradients.
            let q = qkv.pointer
            for s in steps {
                let nq = s.queries, keys = s.keys
                scratchP.reserve(2 * nq * keys)
                let dP = scratchP.pointer, dropped = scratchP.pointer + nq * keys
                for h in 0..<heads {
                    let pr = probs.pointer + s.probs + h * nq * keys
                    let g = dA + s.row * e + h * dh
                    RowMath.gemm(false, true, nq, keys, dh, g, e, q + 2 * e + h * dh, e3, dP, keys, beta: 0)
                    var used = UnsafePointer(pr)
                    if let m = s.dropout.attention {
                        let offset = (h * keys + s.firstQuery) * keys
                        m.apply(pr, count: nq * keys, into: dropped, offset: offset)
                        m.apply(dP, count: nq * keys, into: dP, offset: offset)
                        used = UnsafePointer(dropped)
                    }
                    RowMath.gemm(true, false, keys, dh, nq, used, keys, g, e, dq + 2 * e + h * dh, e3, beta: 1)
                    smr_softmax_backward_rows(nq, keys, pr, dP)
                    RowMath.gemm(false, false, nq, dh, keys, dP, keys, q + e + h * dh, e3, dq + s.firstQuery * e3 + h * dh, e3,
                                 beta: 1, alpha: scale)
                    RowMath.gemm(true, false, keys, dh, nq, dP, keys, q + s.firstQuery * e3 + h * dh, e3, dq + e + h * dh, e3,
                                 beta: 1, alpha: scale)
                }
            }
            // The in-projection, once over the tokens.
            let t = tokenCount
            RowMath.gemm(true, false, e3, e, t, dq, e3, inputs.pointer, e, grads.pointer(0), e, beta: 1)
            RowMath.addColumnSums(rows: t, cols: e3, dq, into: grads.pointer(1))
            RowMath.gemm(false, false, t, e, e3, dq, e3, p.inW, e, dInputs, e, beta: 1)
        }
    }
}
