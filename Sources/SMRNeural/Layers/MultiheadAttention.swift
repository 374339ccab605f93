import SMRTensor

/// `nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True, batch_first=False)`
/// with PyTorch's packed in-projection (`in_proj_weight` `[3E, E]`, `in_proj_bias`),
/// `out_proj`, xavier-uniform in-projection, zero biases.
public final class MultiheadAttention: Module {
    public let embedDim: Int, numHeads: Int
    public let dropout: Float
    public let batchFirst: Bool
    public let inProjWeight: Tensor
    public let inProjBias: Tensor?
    public let outProj: Linear

    public init(embedDim: Int, numHeads: Int, dropout: Float = 0, bias: Bool = true, batchFirst: Bool = false,
                generator: inout RandomGenerator) throws {
        guard embedDim > 0, numHeads > 0, embedDim % numHeads == 0 else {
            throw LayerError("MultiheadAttention", "embed_dim (\(embedDim)) must be positive and divisible by num_heads (\(numHeads))")
        }
        guard dropout >= 0, dropout <= 1 else { throw LayerError("MultiheadAttention", "dropout must be in [0, 1]") }
        self.embedDim = embedDim
        self.numHeads = numHeads
        self.dropout = dropout
        self.batchFirst = batchFirst
        // PyTorch builds out_proj (default Linear init) first, then resets: xavier on
        // in_proj_weight, zeros on both biases.
        guard !embedDim.multipliedReportingOverflow(by: 3).overflow else {
            throw TensorError.outOfMemory(op: "MultiheadAttention", shape: [3, embedDim, embedDim])
        }
        outProj = try Linear(embedDim, embedDim, bias: bias, generator: &generator)
        inProjWeight = try Initialization.xavierUniform([3 * embedDim, embedDim], generator: &generator)
        inProjBias = bias ? try Initialization.constant([3 * embedDim], value: 0) : nil
        if let b = outProj.bias { b.withMutableData { d in for i in 0..<d.count { d[i] = 0 } } }
        super.init()
        register(parameter: inProjWeight, as: "in_proj_weight")
        if let inProjBias { register(parameter: inProjBias, as: "in_proj_bias") }
        register(module: outProj, as: "out_proj")
    }

    public convenience init(embedDim: Int, numHeads: Int, dropout: Float = 0, bias: Bool = true, batchFirst: Bool = false) throws {
        try self.init(embedDim: embedDim, numHeads: numHeads, dropout: dropout, bias: bias, batchFirst: batchFirst,
                      generator: &GlobalRandom.generator)
    }

    /// Attention of `query` over `key`/`value` (`[L, N, E]`, or `[N, L, E]` with batch_first,
    /// or unbatched `[L, E]`). `attnMask` is additive (`-inf` forbids) `[L, S]` or `[N·heads, L, S]`;
    /// `keyPaddingMask` `[N, S]` is non-zero where a key is padding. Returns the output and,
    /// when `needWeights`, the attention probabilities averaged over heads `[N, L, S]`
    /// (differentiable, as PyTorch's).
    public func forward(query: Tensor, key: Tensor, value: Tensor, keyPaddingMask: Tensor? = nil,
                        needWeights: Bool = true, attnMask: Tensor? = nil, isCausal: Bool = false) throws
        -> (output: Tensor, weights: Tensor?) {
        let unbatched = query.rank == 2
        func toBatchFirst(_ t: Tensor) throws -> Tensor {
            if unbatched { return try t.unsqueeze(0) }
            return batchFirst ? t : try t.transpose(0, 1)
        }
        guard query.rank == key.rank, key.shape == value.shape, query.rank == 2 || query.rank == 3,
              query.shape[query.rank - 1] == embedDim, key.shape[key.rank - 1] == embedDim else {
            throw LayerError("MultiheadAttention", "expected query/key/value with last dimension \(embedDim) and matching ranks, got \(Shape.describe(query.shape)), \(Shape.describe(key.shape)), \(Shape.describe(value.shape))")
        }
        let q = try toBatchFirst(query)
        let masks = Tensor.AttentionMasks(additive: attnMask, keyPadding: keyPaddingMask, causal: isCausal)
        let p = training ? dropout : 0
        let e = embedDim
        var attended: Tensor
        do {
            if query === key && key === value {
                let qkv = try Tensor.linear(q, weight: inProjWeight, bias: inProjBias)
                attended = try Tensor.selfAttention(packedQKV: qkv, heads: numHeads, masks: masks, dropout: p, generator: &GlobalRandom.generator)
            } else {
                let k = try toBatchFirst(key), v = try toBatchFirst(value)
                func project(_ x: Tensor, _ part: Int) throws -> Tensor {
                    let w = try inProjWeight.slice(axis: 0, start: part * e, end: (part + 1) * e)
                    let b = try inProjBias?.slice(axis: 0, start: part * e, end: (part + 1) * e)
                    return try Tensor.linear(x, weight: w, bias: b)
                }
                attended = try Tensor.attention(query: project(q, 0), key: project(k, 1), value: project(v, 2), heads: numHeads,
                                                masks: masks, dropout: p, generator: &GlobalRandom.generator)
            }
        } catch let error as TensorError {
            throw LayerError("MultiheadAttention", "\(error)")
        }
        var output = try outProj.forward(attended)
        output = unbatched ? try output.squeeze(0) : (batchFirst ? output : try output.transpose(0, 1))
        guard needWeights else { return (output, nil) }
        let weights = try averageWeights(q: q, k: try toBatchFirst(key), masks: masks)
        return (output, unbatched ? try weights.squeeze(0) : weights)
    }

    /// Self-attention `forward(query: x, key: x, value: x)`.
    public func callAsFunction(_ x: Tensor, keyPaddingMask: Tensor? = nil, needWeights: Bool = true,
                               attnMask: Tensor? = nil, isCausal: Bool = false) throws -> (output: Tensor, weights: Tensor?) {
        try forward(query: x, key: x, value: x, keyPaddingMask: keyPaddingMask, needWeights: needWeights,
                    attnMask: attnMask, isCausal: isCausal)
    }

    /// Head-averaged attention probabilities `[N, L, S]` for batch-first projected inputs.
    private func averageWeights(q: Tensor, k: Tensor, masks: Tensor.AttentionMasks) throws -> Tensor {
        let e = embedDim, d = e / numHeads
        let (n, l, s) = (q.shape[0], q.shape[1], k.shape[1])
        let wq = try inProjWeight.slice(axis: 0, start: 0, end: e), wk = try inProjWeight.slice(axis: 0, start: e, end: 2 * e)
        let bq = try inProjBias?.slice(axis: 0, start: 0, end: e), bk = try inProjBias?.slice(axis: 0, start: e, end: 2 * e)
        let qh = try Tensor.linear(q, weight: wq, bias: bq).reshape([n, l, numHeads, d]).permute([0, 2, 1, 3])
        let kh = try Tensor.linear(k, weight: wk, bias: bk).reshape([n, s, numHeads, d]).permute([0, 2, 1, 3])
        var scores = try qh.matmul(kh, transposeA: false, transposeB: true) * (1 / Float(d).squareRoot())
        if let a = masks.additive { scores = try scores + a.reshape(a.rank == 2 ? [1, 1, l, s] : [n, numHeads, l, s]) }
        if let kp = masks.keyPadding { scores = try scores.maskedFill(kp.reshape([n, 1, 1, s]), value: -.infinity) }
        if masks.causal {
            var c = [Float](filled: 0, count: l * s)
            for i in 0..<l { for j in 0..<s where j > i { c[i * s + j] = 1 } }
            scores = try scores.maskedFill(Tensor(c, shape: [l, s]), value: -.infinity)
        }
        return try scores.softmax(axis: -1).mean(axes: [1])
    }
}
