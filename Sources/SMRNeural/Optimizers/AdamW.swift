import SMRTensor

/// AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019), as
/// `torch.optim.AdamW`: Adam whose weight decay shrinks the weights directly,
/// θ ← θ·(1 − lr·λ), instead of adding λ·θ to the gradient. Default weight decay 0.01.
///
/// ```swift
/// let opt = try AdamW(model.parameters(), lr: 3e-4)
/// ```
public final class AdamW: Adam {
    public override var kind: String { "AdamW" }

    /// One group over `parameters` (PyTorch `AdamW(params, lr=…, weight_decay=0.01, …)`).
    public convenience init(_ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false,
                            maximize: Bool = false) throws {
        try self.init(groups: [ParameterGroup(parameters, options: Options(
            lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad, maximize: maximize,
            decoupledWeightDecay: true))])
    }

    /// Several groups; every group uses decoupled weight decay.
    public override init(groups: [ParameterGroup<Options>]) throws {
        try super.init(groups: groups.map { g in
            var g = g
            g.options.decoupledWeightDecay = true
            return g
        })
    }
}
