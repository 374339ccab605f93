import SMRNeural
import SMRTensor

/// The four dropout masks one `TransformerEncoderLayer` forward draws, in the order the
/// layer draws their seeds from the global stream (attention probabilities, the attention
/// block's output, the feed-forward hidden layer, the feed-forward output). A mask is nil
/// where the layer draws none (eval mode or p = 0), so the stream advances exactly as the
/// tensor ops advance it.
struct LayerDropout {
    var attention: DropoutMask?
    var residual1: DropoutMask?
    var feedForward: DropoutMask?
    var residual2: DropoutMask?

    static let none = LayerDropout()

    static func draw(for layer: TransformerEncoderLayer, generator: inout RandomGenerator) -> LayerDropout {
        var d = LayerDropout()
        let attn = layer.selfAttn
        if attn.training && attn.dropout > 0 { d.attention = DropoutMask(p: attn.dropout, seed: generator.next()) }
        let p = layer.dropoutP
        if layer.training && p > 0 {
            d.residual1 = DropoutMask(p: p, seed: generator.next())
            d.feedForward = DropoutMask(p: p, seed: generator.next())
            d.residual2 = DropoutMask(p: p, seed: generator.next())
        }
        return d
    }

    /// Whether the engine reproduces this layer's dropout (p = 1 zeroes without drawing).
    static func supports(_ layer: TransformerEncoderLayer) -> Bool {
        layer.dropoutP < 1 && layer.selfAttn.dropout < 1
    }
}
