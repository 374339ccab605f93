import SMRNeural
import SMRTensor

/// The four dropout masks one `TransformerEncoderLayer` forward over `tokens` tokens (batch 1)
/// draws, in the order and sizes the layer draws them from the global stream: attention
/// probabilities `[heads, T, T]`, the attention block's output `[T, E]`, the feed-forward
/// hidden layer `[T, FF]`, the feed-forward output `[T, E]`. A mask is nil where the layer
/// draws none (eval mode or p = 0), so the stream advances exactly as the tensor ops advance it.
struct LayerDropout {
    var attention: DropoutMask?
    var residual1: DropoutMask?
    var feedForward: DropoutMask?
    var residual2: DropoutMask?

    static let none = LayerDropout()

    /// The masks for a forward over `t` tokens whose output rows from `firstRow` on are used:
    /// the stream advances as for the whole layer, but only those rows' mask elements are
    /// computed (every attention row is one query's, every other mask row one token's).
    static func draw(for layer: TransformerEncoderLayer, tokens t: Int, usedFrom firstRow: Int = 0,
                     generator: inout RandomGenerator) -> LayerDropout {
        var d = LayerDropout()
        let attn = layer.selfAttn, e = layer.dModel
        func mask(_ p: Float, rows: Int, rowLength: Int, used: (Int) -> Bool) -> DropoutMask {
            firstRow == 0
                ? DropoutMask(p: p, count: rows * rowLength, generator: &generator)
                : DropoutMask(p: p, count: rows * rowLength, blockLength: rowLength, drawing: used, generator: &generator)
        }
        if attn.training && attn.dropout > 0 {  // [heads, T queries, T keys]
            d.attention = mask(attn.dropout, rows: attn.numHeads * t, rowLength: t) { $0 % t >= firstRow }
        }
        let p = layer.dropoutP
        if layer.training && p > 0 {
            d.residual1 = mask(p, rows: t, rowLength: e) { $0 >= firstRow }
            d.feedForward = mask(p, rows: t, rowLength: layer.dimFeedforward) { $0 >= firstRow }
            d.residual2 = mask(p, rows: t, rowLength: e) { $0 >= firstRow }
        }
        return d
    }

    /// Whether the engine reproduces this layer's dropout (p = 1 zeroes without drawing).
    static func supports(_ layer: TransformerEncoderLayer) -> Bool {
        layer.dropoutP < 1 && layer.selfAttn.dropout < 1
    }
}
