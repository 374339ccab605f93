import SMRTensor

/// `nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1,
/// activation=relu, layer_norm_eps=1e-5, batch_first=False, norm_first=False)`.
/// Post-norm by default: `x = norm1(x + sa(x)); x = norm2(x + ff(x))`.
public final class TransformerEncoderLayer: Module, UnaryLayer {
    /// The feed-forward activation. PyTorch also offers gelu; only relu (its default) exists here.
    public enum Activation: String, Sendable { case relu }

    public let dModel: Int, nhead: Int, dimFeedforward: Int
    public let dropoutP: Float, layerNormEps: Float
    public let batchFirst: Bool, normFirst: Bool
    public let activation: Activation
    public let selfAttn: MultiheadAttention
    public let linear1: Linear, linear2: Linear
    public let norm1: LayerNorm, norm2: LayerNorm

    public init(dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Float = 0.1,
                activation: Activation = .relu, layerNormEps: Float = 1e-5, batchFirst: Bool = false,
                normFirst: Bool = false, bias: Bool = true, generator: inout RandomGenerator) throws {
        guard dimFeedforward > 0 else { throw LayerError("TransformerEncoderLayer", "dim_feedforward must be positive") }
        guard dropout >= 0, dropout <= 1 else { throw LayerError("TransformerEncoderLayer", "dropout must be in [0, 1]") }
        self.dModel = dModel
        self.nhead = nhead
        self.dimFeedforward = dimFeedforward
        self.dropoutP = dropout
        self.layerNormEps = layerNormEps
        self.batchFirst = batchFirst
        self.normFirst = normFirst
        self.activation = activation
        // Construction order follows PyTorch, so a seeded stream gives the same draws order.
        selfAttn = try MultiheadAttention(embedDim: dModel, numHeads: nhead, dropout: dropout, bias: bias,
                                          batchFirst: batchFirst, generator: &generator)
        linear1 = try Linear(dModel, dimFeedforward, bias: bias, generator: &generator)
        linear2 = try Linear(dimFeedforward, dModel, bias: bias, generator: &generator)
        norm1 = try LayerNorm([dModel], eps: layerNormEps, bias: bias)
        norm2 = try LayerNorm([dModel], eps: layerNormEps, bias: bias)
        super.init()
        register(module: selfAttn, as: "self_attn")
        register(module: linear1, as: "linear1")
        register(module: linear2, as: "linear2")
        register(module: norm1, as: "norm1")
        register(module: norm2, as: "norm2")
    }

    public convenience init(dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Float = 0.1,
                            batchFirst: Bool = false, normFirst: Bool = false) throws {
        try self.init(dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropout,
                      batchFirst: batchFirst, normFirst: normFirst, generator: &GlobalRandom.generator)
    }

    /// A new layer with the same configuration and copies of these parameter values
    /// (what `copy.deepcopy` gives `nn.TransformerEncoder`).
    public func copy() throws -> TransformerEncoderLayer {
        var unused = RandomGenerator(seed: 0)
        let twin = try TransformerEncoderLayer(dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward,
                                               dropout: dropoutP, activation: activation, layerNormEps: layerNormEps,
                                               batchFirst: batchFirst, normFirst: normFirst,
                                               bias: linear1.bias != nil, generator: &unused)
        for ((_, mine), (_, theirs)) in zip(namedParameters(), twin.namedParameters()) { try theirs.assign(mine.data) }
        twin.train(training)
        return twin
    }

    public func forward(_ src: Tensor) throws -> Tensor { try forward(src, mask: nil, keyPaddingMask: nil) }

    /// `src` is `[S, N, E]` (`[N, S, E]` with batch_first) or `[S, E]`.
    public func forward(_ src: Tensor, mask: Tensor?, keyPaddingMask: Tensor?, isCausal: Bool = false) throws -> Tensor {
        var x = src
        if normFirst {
            x = try residual(x, selfAttentionBlock(norm1.forward(x), mask: mask, keyPaddingMask: keyPaddingMask, isCausal: isCausal))
            x = try residual(x, feedForwardBlock(norm2.forward(x)))
        } else {
            x = try norm1.forward(residual(x, selfAttentionBlock(x, mask: mask, keyPaddingMask: keyPaddingMask, isCausal: isCausal)))
            x = try norm2.forward(residual(x, feedForwardBlock(x)))
        }
        return x
    }

    /// `x + dropout(branch)`, the dropout fused into the add.
    private func residual(_ x: Tensor, _ branch: Tensor) throws -> Tensor {
        try x.addingDropout(branch, p: dropoutP, training: training, generator: &GlobalRandom.generator)
    }

    /// `self_attn(x, x, x)` before its dropout (which `residual` applies).
    private func selfAttentionBlock(_ x: Tensor, mask: Tensor?, keyPaddingMask: Tensor?, isCausal: Bool) throws -> Tensor {
        try selfAttn.forward(query: x, key: x, value: x, keyPaddingMask: keyPaddingMask, needWeights: false,
                             attnMask: mask, isCausal: isCausal).output
    }

    /// `linear2(dropout(relu(linear1(x))))`, before the last dropout (which `residual` applies).
    private func feedForwardBlock(_ x: Tensor) throws -> Tensor {
        let h = try Tensor.linearReLUDropout(x, weight: linear1.weight, bias: linear1.bias, p: dropoutP, training: training,
                                             generator: &GlobalRandom.generator)
        return try linear2.forward(h)
    }
}

/// `nn.TransformerEncoder(encoder_layer, num_layers, norm=None)`: `num_layers` deep copies
/// of the given layer (identical initial weights, as PyTorch's deepcopy), named `layers.0.…`.
public final class TransformerEncoder: Module, UnaryLayer {
    public let layers: [TransformerEncoderLayer]
    public let norm: LayerNorm?

    public init(_ encoderLayer: TransformerEncoderLayer, numLayers: Int, norm: LayerNorm? = nil) throws {
        guard numLayers > 0 else { throw LayerError("TransformerEncoder", "num_layers must be positive, got \(numLayers)") }
        layers = try (0..<numLayers).map { _ in try encoderLayer.copy() }
        self.norm = norm
        super.init()
        let list = ModuleList(layers)
        register(module: list, as: "layers")
        if let norm { register(module: norm, as: "norm") }
    }

    public func forward(_ src: Tensor) throws -> Tensor { try forward(src, mask: nil, keyPaddingMask: nil) }

    public func forward(_ src: Tensor, mask: Tensor?, keyPaddingMask: Tensor?, isCausal: Bool = false) throws -> Tensor {
        var x = src
        for layer in layers { x = try layer.forward(x, mask: mask, keyPaddingMask: keyPaddingMask, isCausal: isCausal) }
        if let norm { x = try norm.forward(x) }
        return x
    }
}

/// `nn.ModuleList`: holds modules under the names "0", "1", ….
public final class ModuleList: Module {
    public let modules: [Module]
    public init(_ modules: [Module]) {
        self.modules = modules
        super.init()
        for (i, m) in modules.enumerated() { register(module: m, as: String(i)) }
    }
}
