import Foundation

/// The read of an episodic memory (GoodAI's post, after the MRA of Fortunato et al. 2019):
/// attend over the `topK` slots whose keys are most similar to the query, as one op.
extension Tensor {
    /// How the similarities of the selected slots weight their values.
    public enum ReadWeighting: String, Sendable {
        /// The post: each selected value times its raw similarity s = q·k.
        case dot
        /// Attention: the values weighted by softmax(s) over the selected slots.
        case softmax
    }

    /// For every batch row b: s_i = query_b · keys[i]_b over the slots i, the `topK` largest
    /// (ties to the lower slot), and m_b = Σ_selected w_i · values[i]_b with w = s or softmax(s).
    ///
    /// `query` is `[batch, key]`, each of `keys` `[batch, key]`, each of `values`
    /// `[batch, valueSize]`; the result is `[batch, valueSize]`, zeros when memory is empty.
    /// The selection is piecewise constant, so the gradient flows into the query and into
    /// the keys and values of the selected slots (hand-written, checked by finite differences).
    public static func topKRead(query: Tensor, keys: [Tensor], values: [Tensor], valueSize: Int, topK: Int,
                                weighting: ReadWeighting = .dot) throws -> Tensor {
        guard query.rank == 2 else {
            throw TensorError.shapeMismatch(op: "topk_read", shapes: [query.shape], reason: "query must be [batch, key_size]")
        }
        let batch = query.shape[0], keySize = query.shape[1], slots = keys.count
        guard values.count == slots, topK >= 1, valueSize >= 0 else {
            throw TensorError.invalidArgument(op: "topk_read", reason: "need as many values as keys (\(values.count) vs \(slots)), top_k ≥ 1 and value_size ≥ 0")
        }
        for (k, v) in zip(keys, values) where k.shape != [batch, keySize] || v.shape != [batch, valueSize] {
            throw TensorError.shapeMismatch(op: "topk_read", shapes: [k.shape, v.shape],
                                            reason: "keys must be [\(batch), \(keySize)] and values [\(batch), \(valueSize)]")
        }
        let k = Swift.min(topK, slots)
        var out = [Float](filled: 0, count: batch * valueSize)
        guard k > 0 else { return Tensor(result: out, shape: [batch, valueSize], gradFn: "TopKReadBackward", parent: query) { _ in } }
        // Per (b, j): the selected slot, its similarity and its weight.
        var selected = [Int](filled: 0, count: batch * k)
        var similarity = [Float](filled: 0, count: batch * k)
        var weight = [Float](filled: 0, count: batch * k)
        var scores = [Float](filled: 0, count: slots)
        let q = query.data
        for b in 0..<batch {
            let qb = b * keySize
            for i in 0..<slots {
                keys[i].data.withUnsafeBufferPointer { kp in
                    var s: Float = 0
                    for d in 0..<keySize { s += q[qb + d] * kp[qb + d] }
                    scores[i] = s
                }
            }
            // Insertion into a sorted list of the k best (descending; ties keep the lower slot first).
            var count = 0
            let base = b * k
            for i in 0..<slots {
                let s = scores[i]
                if count == k && s <= similarity[base + k - 1] { continue }
                var pos = Swift.min(count, k - 1)
                while pos > 0 && similarity[base + pos - 1] < s {
                    similarity[base + pos] = similarity[base + pos - 1]
                    selected[base + pos] = selected[base + pos - 1]
                    pos -= 1
                }
                similarity[base + pos] = s
                selected[base + pos] = i
                count = Swift.min(count + 1, k)
            }
            switch weighting {
            case .dot:
                for j in 0..<k { weight[base + j] = similarity[base + j] }
            case .softmax:
                let top = similarity[base]
                var total: Float = 0
                for j in 0..<k { let e = Foundation.exp(similarity[base + j] - top); weight[base + j] = e; total += e }
                for j in 0..<k { weight[base + j] /= total }
            }
            for j in 0..<k {
                let w = weight[base + j]
                values[selected[base + j]].data.withUnsafeBufferPointer { vp in
                    for d in 0..<valueSize { out[b * valueSize + d] += w * vp[b * valueSize + d] }
                }
            }
        }
        return Tensor(result: out, shape: [batch, valueSize], gradFn: "TopKReadBackward", parents: [query] + keys + values) { result in
            guard let g = result.gradData else { return }
            // dL/dw_j = g_b · v_j; then dL/ds_j (= dL/dw_j for dot; softmax's Jacobian otherwise).
            var dScore = [Float](filled: 0, count: batch * k)
            for b in 0..<batch {
                let base = b * k
                for j in 0..<k {
                    values[selected[base + j]].data.withUnsafeBufferPointer { vp in
                        var s: Float = 0
                        for d in 0..<valueSize { s += g[b * valueSize + d] * vp[b * valueSize + d] }
                        dScore[base + j] = s
                    }
                }
                if weighting == .softmax {
                    var mean: Float = 0
                    for j in 0..<k { mean += weight[base + j] * dScore[base + j] }
                    for j in 0..<k { dScore[base + j] = weight[base + j] * (dScore[base + j] - mean) }
                }
            }
            query.withGradAccumulator { gq in
                for b in 0..<batch {
                    for j in 0..<k {
                        let ds = dScore[b * k + j]
                        keys[selected[b * k + j]].data.withUnsafeBufferPointer { kp in
                            for d in 0..<keySize { gq[b * keySize + d] += ds * kp[b * keySize + d] }
                        }
                    }
                }
            }
            // Group the selections by slot so each slot's gradient buffer is opened once.
            var bySlot = [[Int]](repeating: [], count: slots)
            for n in 0..<(batch * k) { bySlot[selected[n]].append(n) }
            for i in 0..<slots where !bySlot[i].isEmpty {
                keys[i].withGradAccumulator { gk in
                    for n in bySlot[i] {
                        let b = n / k, ds = dScore[n]
                        for d in 0..<keySize { gk[b * keySize + d] += ds * q[b * keySize + d] }
                    }
                }
                values[i].withGradAccumulator { gv in
                    for n in bySlot[i] {
                        let b = n / k, w = weight[n]
                        for d in 0..<valueSize { gv[b * valueSize + d] += w * g[b * valueSize + d] }
                    }
                }
            }
        }
    }
}
