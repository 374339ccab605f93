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

    static func draw(for layer: TransformerEncoderLayer, tokens t: Int, generator: inout RandomGenerator) -> LayerDropout {
        var d = LayerDropout()
        let attn = layer.selfAttn, e = layer.dModel
        if attn.training && attn.dropout > 0 {
            d.attention = DropoutMask(p: attn.dropout, count: attn.numHeads * t * t, generator: &generator)
        }
        let p = layer.dropoutP
        if layer.training && p > 0 {
            d.residual1 = DropoutMask(p: p, count: t * e, generator: &generator)
            d.feedForward = DropoutMask(p: p, count: t * layer.dimFeedforward, generator: &generator)
            d.residual2 = DropoutMask(p: p, count: t * e, generator: &generator)
        }
        return d
    }

    /// Whether the engine reproduces this layer's dropout (p = 1 zeroes without drawing).
    static func supports(_ layer: TransformerEncoderLayer) -> Bool {
        layer.dropoutP < 1 && layer.selfAttn.dropout < 1
    }
}
