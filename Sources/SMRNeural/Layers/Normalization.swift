import SMRTensor

/// `nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True, bias=True)`.
public final class LayerNorm: Module, UnaryLayer {
    public let normalizedShape: [Int]
    public let eps: Float
    public let weight: Tensor?
    public let bias: Tensor?

    public init(_ normalizedShape: [Int], eps: Float = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) throws {
        guard !normalizedShape.isEmpty, normalizedShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError("LayerNorm", "normalized_shape must be non-empty and positive, got \(normalizedShape)")
        }
        self.normalizedShape = normalizedShape
        self.eps = eps
        weight = elementwiseAffine ? try Initialization.constant(normalizedShape, value: 1) : nil
        self.bias = elementwiseAffine && bias ? try Initialization.constant(normalizedShape, value: 0) : nil
        super.init()
        if let weight { register(parameter: weight, as: "weight") }
        if let b = self.bias { register(parameter: b, as: "bias") }
    }

    public convenience init(_ size: Int, eps: Float = 1e-5) throws { try self.init([size], eps: eps) }

    public func forward(_ x: Tensor) throws -> Tensor {
        try x.layerNorm(normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }
}

/// `nn.Dropout(p=0.5)`: zeroes elements with probability p in training mode, identity in eval.
public final class Dropout: Module, UnaryLayer {
    public let p: Float

    public init(_ p: Float = 0.5) throws {
        guard p >= 0, p <= 1 else { throw LayerError("Dropout", "dropout probability has to be between 0 and 1, but got \(p)") }
        self.p = p
        super.init()
    }

    public func forward(_ x: Tensor) throws -> Tensor {
        try x.dropout(p: p, training: training)
    }
}
