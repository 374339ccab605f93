import CKernels
import Foundation

/// Multi-head scaled dot-product attention as one op, reading queries, keys and values
/// straight out of their (possibly packed) projections and writing heads side by side,
/// so the head split/merge permutes of a naive implementation never materialise.
/// Semantics of PyTorch's `F.multi_head_attention_forward` with `need_weights=False`
/// (softmax(QKᵀ/√d + mask), dropout on the probabilities, times V).
extension Tensor {
    /// Attention mask options shared by the attention ops.
    public struct AttentionMasks {
        /// Additive float mask `[Tq, Tk]` or `[batch·heads, Tq, Tk]` (PyTorch float attn_mask;
        /// use -inf to forbid a position).
        public var additive: Tensor?
        /// `[batch, Tk]`, non-zero marks a padding key to ignore (PyTorch key_padding_mask).
        public var keyPadding: Tensor?
        /// Forbid attending to later positions (PyTorch is_causal).
        public var causal: Bool

        public init(additive: Tensor? = nil, keyPadding: Tensor? = nil, causal: Bool = false) {
            self.additive = additive
            self.keyPadding = keyPadding
            self.causal = causal
        }
    }

    /// Self-attention over a packed projection `qkv` of shape `[batch, T, 3·E]` (columns
    /// q | k | v as `in_proj` produces them); returns `[batch, T, E]`.
    public static func selfAttention(packedQKV qkv: Tensor, heads: Int, masks: AttentionMasks = AttentionMasks(),
                                     dropout: Float = 0, generator: inout RandomGenerator) throws -> Tensor {
        guard qkv.rank == 3, qkv.shape[2] % 3 == 0 else {
            throw TensorError.shapeMismatch(op: "self_attention", shapes: [qkv.shape], reason: "expected [batch, T, 3·embed_dim]")
        }
        let e = qkv.shape[2] / 3
        let q = AttentionOperand(tensor: qkv, rows: qkv.shape[1], rowStride: 3 * e, column: 0)
        let k = AttentionOperand(tensor: qkv, rows: qkv.shape[1], rowStride: 3 * e, column: e)
        let v = AttentionOperand(tensor: qkv, rows: qkv.shape[1], rowStride: 3 * e, column: 2 * e)
        return try attention(q: q, k: k, v: v, batch: qkv.shape[0], embed: e, heads: heads, masks: masks,
                             dropout: dropout, generator: &generator, parents: [qkv])
    }

    /// Attention of `query` `[batch, Tq, E]` over `key`/`value` `[batch, Tk, E]` (already
    /// projected); returns `[batch, Tq, E]`.
    public static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                 masks: AttentionMasks = AttentionMasks(), dropout: Float = 0,
                                 generator: inout RandomGenerator) throws -> Tensor {
        guard query.rank == 3, key.rank == 3, value.rank == 3, key.shape == value.shape,
              query.shape[0] == key.shape[0], query.shape[2] == key.shape[2] else {
            throw TensorError.shapeMismatch(op: "attention", shapes: [query.shape, key.shape, value.shape],
                                            reason: "expected query [batch, Tq, E] and key/value [batch, Tk, E]")
        }
        let e = query.shape[2]
        return try attention(q: AttentionOperand(tensor: query, rows: query.shape[1], rowStride: e, column: 0),
                             k: AttentionOperand(tensor: key, rows: key.shape[1], rowStride: e, column: 0),
                             v: AttentionOperand(tensor: value, rows: value.shape[1], rowStride: e, column: 0),
                             batch: query.shape[0], embed: e, heads: heads, masks: masks,
                             dropout: dropout, generator: &generator, parents: [query, key, value])
    }

    /// A [rows, E] block of a [batch, rows, rowStride] tensor starting at `column`.
    struct AttentionOperand {
        let tensor: Tensor
        let rows: Int
        let rowStride: Int
        let column: Int
        /// Element offset of batch `b`, head `h` (head width `d`).
        func offset(batch b: Int, head h: Int, width d: Int) -> Int { b * rows * rowStride + column + h * d }
    }

    private static func attention(q: AttentionOperand, k: AttentionOperand, v: AttentionOperand,
                                  batch: Int, embed e: Int, heads: Int, masks: AttentionMasks,
                                  dropout: Float, generator: inout RandomGenerator, parents: [Tensor]) throws -> Tensor {
        guard heads > 0, e % heads == 0 else {
            throw TensorError.invalidArgument(op: "attention", reason: "embed_dim \(e) must be divisible by num_heads \(heads)")
        }
        guard dropout >= 0, dropout <= 1 else {
            throw TensorError.invalidArgument(op: "attention", reason: "dropout probability has to be between 0 and 1, but got \(dropout)")
        }
        let tq = q.rows, tk = k.rows, d = e / heads
        let additive = try attentionMaskRows(masks, batch: batch, heads: heads, tq: tq, tk: tk)
        let scale = 1 / Float(d).squareRoot()
        let block = tq * tk
        var probs = [Float](filled: 0, count: batch * heads * block)
        // Dropout on the probabilities; block (b, h) uses mask elements from offset p0.
        // p = 1 zeroes the probabilities without drawing, as PyTorch's dropout does.
        let dropMask: DropoutMask? = dropout <= 0 ? nil
            : dropout < 1 ? DropoutMask(p: dropout, count: batch * heads * block, generator: &generator)
            : DropoutMask.zeros(count: batch * heads * block)
        var out = [Float](filled: 0, count: batch * tq * e)
        var scratch = [Float](filled: 0, count: dropMask == nil ? 0 : block)
        for b in 0..<batch {
            for h in 0..<heads {
                let p0 = (b * heads + h) * block
                gemm(false, true, tq, tk, d, q.tensor.data, q.rowStride, q.offset(batch: b, head: h, width: d),
                     k.tensor.data, k.rowStride, k.offset(batch: b, head: h, width: d), &probs, tk, p0, beta: 0, alpha: scale)
                probs.withUnsafeMutableBufferPointer { p in
                    additive?(b, h, p, p0)
                    if let base = p.baseAddress { smr_softmax_rows(tq, tk, base + p0) }
                }
                if let dropMask {
                    probs.withUnsafeBufferPointer { p in
                        scratch.withUnsafeMutableBufferPointer { dropMask.apply(UnsafeBufferPointer(rebasing: p[p0..<(p0 + block)]), into: $0, offset: p0) }
                    }
                    gemm(false, false, tq, d, tk, scratch, tk, 0, v.tensor.data, v.rowStride, v.offset(batch: b, head: h, width: d),
                         &out, e, b * tq * e + h * d, beta: 0)
                } else {
                    gemm(false, false, tq, d, tk, probs, tk, p0, v.tensor.data, v.rowStride, v.offset(batch: b, head: h, width: d),
                         &out, e, b * tq * e + h * d, beta: 0)
                }
            }
        }
        return Tensor(result: out, shape: [batch, tq, e], gradFn: "BmmBackward0", parents: parents) { result in
            guard let g = result.gradData else { return }
            var dP = [Float](filled: 0, count: block)
            var pd = [Float](filled: 0, count: dropMask == nil ? 0 : block)
            for b in 0..<batch {
                for h in 0..<heads {
                    let p0 = (b * heads + h) * block
                    let gOff = b * tq * e + h * d
                    // dP = G·Vᵀ ; dV += P_droppedᵀ·G
                    gemm(false, true, tq, tk, d, g, e, gOff, v.tensor.data, v.rowStride, v.offset(batch: b, head: h, width: d),
                         &dP, tk, 0, beta: 0)
                    v.tensor.withGradAccumulator { gv in
                        if let dropMask {
                            probs.withUnsafeBufferPointer { p in
                                pd.withUnsafeMutableBufferPointer { dropMask.apply(UnsafeBufferPointer(rebasing: p[p0..<(p0 + block)]), into: $0, offset: p0) }
                            }
                            gemm(true, false, tk, d, tq, pd, tk, 0, g, e, gOff, gv, v.rowStride, v.offset(batch: b, head: h, width: d), beta: 1)
                        } else {
                            gemm(true, false, tk, d, tq, probs, tk, p0, g, e, gOff, gv, v.rowStride, v.offset(batch: b, head: h, width: d), beta: 1)
                        }
                    }
                    // dS = P ⊙ (dP ⊙ mask − rowsum(P ⊙ dP ⊙ mask))
                    dP.withUnsafeMutableBufferPointer { dp in
                        if let dropMask { dropMask.apply(UnsafeBufferPointer(dp), into: dp, offset: p0) }
                        probs.withUnsafeBufferPointer { pp in
                            if let d = dp.baseAddress, let p = pp.baseAddress { smr_softmax_backward_rows(tq, tk, p + p0, d) }
                        }
                    }
                    // dQ += scale·dS·K ; dK += scale·dSᵀ·Q
                    q.tensor.withGradAccumulator { gq in
                        gemm(false, false, tq, d, tk, dP, tk, 0, k.tensor.data, k.rowStride, k.offset(batch: b, head: h, width: d),
                             gq, q.rowStride, q.offset(batch: b, head: h, width: d), beta: 1, alpha: scale)
                    }
                    k.tensor.withGradAccumulator { gk in
                        gemm(true, false, tk, d, tq, dP, tk, 0, q.tensor.data, q.rowStride, q.offset(batch: b, head: h, width: d),
                             gk, k.rowStride, k.offset(batch: b, head: h, width: d), beta: 1, alpha: scale)
                    }
                }
            }
        }
    }

    /// A closure adding every mask to the scores of (batch, head), or nil without masks.
    private static func attentionMaskRows(_ masks: AttentionMasks, batch: Int, heads: Int, tq: Int, tk: Int) throws
        -> ((Int, Int, UnsafeMutableBufferPointer<Float>, Int) -> Void)? {
        let additive = masks.additive
        if let a = additive, a.shape != [tq, tk], a.shape != [batch * heads, tq, tk] {
            throw TensorError.shapeMismatch(op: "attention", shapes: [a.shape, [tq, tk]],
                                            reason: "attn_mask must be [Tq, Tk] or [batch·heads, Tq, Tk]")
        }
        if let kp = masks.keyPadding, kp.shape != [batch, tk] {
            throw TensorError.shapeMismatch(op: "attention", shapes: [kp.shape, [batch, tk]], reason: "key_padding_mask must be [batch, Tk]")
        }
        if additive == nil && masks.keyPadding == nil && !masks.causal { return nil }
        let addData = additive?.data, perHead = additive?.rank == 3
        let padding = masks.keyPadding?.data, causal = masks.causal
        return { b, h, p, start in
            for r in 0..<tq {
                for c in 0..<tk {
                    var x = p[start + r * tk + c]
                    if let addData { x += addData[(perHead ? (b * heads + h) * tq * tk : 0) + r * tk + c] }
                    if let padding, padding[b * tk + c] != 0 { x = -.infinity }
                    if causal && c > r { x = -.infinity }
                    p[start + r * tk + c] = x
                }
            }
        }
    }
}
