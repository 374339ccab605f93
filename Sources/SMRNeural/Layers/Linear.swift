import SMRTensor

/// `nn.Linear(in_features, out_features, bias=True)`: y = x·Wᵀ + b, with PyTorch's
/// default initialisation U(−1/√in, 1/√in) for weight and bias.
public final class Linear: Module, UnaryLayer {
    public let inFeatures: Int, outFeatures: Int
    public private(set) var weight: Tensor
    public private(set) var bias: Tensor?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true,
                generator: inout RandomGenerator) throws {
        guard inFeatures >= 0, outFeatures >= 0 else {
            throw LayerError("Linear", "in_features and out_features must be non-negative, got \(inFeatures), \(outFeatures)")
        }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = try Initialization.linearWeight(out: outFeatures, in: inFeatures, generator: &generator)
        let bound = Initialization.linearBiasBound(fanIn: inFeatures)
        self.bias = bias ? try Initialization.uniform([outFeatures], bound: bound, generator: &generator) : nil
        super.init()
        register(parameter: weight, as: "weight")
        if let b = self.bias { register(parameter: b, as: "bias") }
    }

    /// Draws its initial weights from the global stream (like `torch.manual_seed` + `nn.Linear`).
    public convenience init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) throws {
        try self.init(inFeatures, outFeatures, bias: bias, generator: &GlobalRandom.generator)
    }

    public func forward(_ x: Tensor) throws -> Tensor {
        do {
            return try Tensor.linear(x, weight: weight, bias: bias)
        } catch let e as TensorError {
            throw LayerError("Linear(\(inFeatures), \(outFeatures))", "input of shape \(Shape.describe(x.shape)): \(e)")
        }
    }
}
