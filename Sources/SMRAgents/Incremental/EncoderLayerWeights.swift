import SMRNeural
import SMRTensor

/// A post-norm, relu `TransformerEncoderLayer`'s parameters as flat arrays (shared with the
/// tensors until the optimizer writes them), in one fixed order that the gradient buffer
/// mirrors: in_proj weight and bias, out_proj weight and bias, linear1, linear2, norm1, norm2.
struct EncoderLayerWeights {
    let width: Int, heads: Int, hidden: Int
    let eps: Float
    let tensors: [Tensor]
    let values: [[Float]]
    /// The transposed weights `in_proj_weightᵀ` `[E, 3E]` and `out_proj.weightᵀ` `[E, E]`,
    /// made once per episode: the forward's per-step products then take the GEMM's
    /// non-transposed path, which does not pack a transposed copy at every call.
    /// (`IncrementalEncoder` transposes linear1's weight only in long episodes.)
    let inWT: [Float], outWT: [Float]

    /// The layer's parameters, or nil when the layer is not the kind the incremental engine
    /// reproduces (pre-norm, no biases).
    init?(_ layer: TransformerEncoderLayer) {
        guard !layer.normFirst, layer.activation == .relu, let inB = layer.selfAttn.inProjBias,
              let outB = layer.selfAttn.outProj.bias, let b1 = layer.linear1.bias, let b2 = layer.linear2.bias,
              let g1 = layer.norm1.weight, let be1 = layer.norm1.bias, let g2 = layer.norm2.weight, let be2 = layer.norm2.bias
        else { return nil }
        width = layer.dModel
        heads = layer.nhead
        hidden = layer.dimFeedforward
        eps = layer.layerNormEps
        tensors = [layer.selfAttn.inProjWeight, inB, layer.selfAttn.outProj.weight, outB,
                   layer.linear1.weight, b1, layer.linear2.weight, b2, g1, be1, g2, be2]
        values = tensors.map(\.data)
        guard values.allSatisfy({ !$0.isEmpty }) else { return nil }  // so every base address below exists
        inWT = Self.transpose(values[0], rows: 3 * width, cols: width)
        outWT = Self.transpose(values[2], rows: width, cols: width)
    }

    /// `mᵀ` for a row-major `[rows, cols]` matrix, as a product with an identity on the
    /// smaller side (`I·mᵀ` or `mᵀ·I`; exact: one product by 1 plus zeros per element), so
    /// the GEMM's cache-blocked packing does the transposing.
    static func transpose(_ m: [Float], rows: Int, cols: Int) -> [Float] {
        let side = min(rows, cols)
        var identity = [Float](filled: 0, count: side * side)
        for i in 0..<side { identity[i * side + i] = 1 }
        return [Float](capacity: m.count) { out, initialized in
            m.withUnsafeBufferPointer { src in
                identity.withUnsafeBufferPointer { id in
                    guard let s = src.baseAddress, let i = id.baseAddress, let o = out.baseAddress else { return }
                    if cols <= rows {
                        RowMath.gemm(false, true, cols, rows, cols, i, cols, s, cols, o, rows, beta: 0)
                    } else {
                        RowMath.gemm(true, false, cols, rows, rows, s, cols, i, rows, o, rows, beta: 0)
                    }
                }
            }
            initialized = m.count
        }
    }

    /// Element counts of the parameters, in order.
    var counts: [Int] { values.map(\.count) }

    /// Raw views of the twelve parameters (valid inside `withPointers`).
    struct Pointers {
        let inW, inB, outW, outB, w1, b1, w2, b2, g1, be1, g2, be2: UnsafePointer<Float>
        let inWT, outWT: UnsafePointer<Float>
    }

    func withPointers<R>(_ body: (Pointers) throws -> R) rethrows -> R {
        try values[0].withUnsafeBufferPointer { inW in
            try values[1].withUnsafeBufferPointer { inB in
                try values[2].withUnsafeBufferPointer { outW in
                    try values[3].withUnsafeBufferPointer { outB in
                        try values[4].withUnsafeBufferPointer { w1 in
                            try values[5].withUnsafeBufferPointer { b1 in
                                try values[6].withUnsafeBufferPointer { w2 in
                                    try values[7].withUnsafeBufferPointer { b2 in
                                        try values[8].withUnsafeBufferPointer { g1 in
                                            try values[9].withUnsafeBufferPointer { be1 in
                                                try values[10].withUnsafeBufferPointer { g2 in
                                                    try values[11].withUnsafeBufferPointer { be2 in
                                                      try inWT.withUnsafeBufferPointer { inWT in
                                                       try outWT.withUnsafeBufferPointer { outWT in
                                                        try body(Pointers(
                                                            inW: inW.baseAddress!, inB: inB.baseAddress!, outW: outW.baseAddress!,
                                                            outB: outB.baseAddress!, w1: w1.baseAddress!, b1: b1.baseAddress!,
                                                            w2: w2.baseAddress!, b2: b2.baseAddress!, g1: g1.baseAddress!,
                                                            be1: be1.baseAddress!, g2: g2.baseAddress!, be2: be2.baseAddress!,
                                                            inWT: inWT.baseAddress!, outWT: outWT.baseAddress!))
                                                       }
                                                      }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Gradients of an `EncoderLayerWeights`' parameters, one zeroed block each, in the same order.
final class EncoderLayerGradients {
    let buffer = FloatBuffer()
    private(set) var offsets: [Int] = []
    private(set) var total = 0

    /// Zeroes room for parameters of these element counts.
    func reset(counts: [Int]) {
        offsets = []
        var o = 0
        for c in counts { offsets.append(o); o += c }
        total = o
        _ = buffer.zeroed(o)
    }

    func pointer(_ index: Int) -> UnsafeMutablePointer<Float> { buffer.pointer + offsets[index] }

    /// Adds the gradients to the tensors' (sets them where there is none yet).
    /// Returns whether every gradient written is finite (see `accumulate`).
    func write(to tensors: [Tensor]) throws -> Bool {
        var finite = true
        for (i, t) in tensors.enumerated() {
            finite = try Self.accumulate(Array(UnsafeBufferPointer(start: pointer(i), count: t.count)), into: t) && finite
        }
        return finite
    }

    /// Adds `values` to `tensor`'s gradient, creating it when absent. Returns whether the
    /// result is finite, checked while it is still in cache: the numerical-fault check before
    /// the optimizer step then skips these tensors (a second pass would read them from memory).
    @discardableResult
    static func accumulate(_ values: [Float], into tensor: Tensor) throws -> Bool {
        if let g = tensor.grad?.data {
            try tensor.setGrad(zip(g, values).map { $0 + $1 })
        } else {
            try tensor.setGrad(values)
        }
        return FiniteCheck.allFinite(tensor.gradData ?? [])
    }
}
