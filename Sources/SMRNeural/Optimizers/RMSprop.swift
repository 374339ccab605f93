import SMRTensor

/// RMSprop (Hinton, "Neural Networks for Machine Learning", lecture 6e; the centered form
/// of Graves, 2013) as `torch.optim.RMSprop` (single-tensor path), the optimizer of
/// Stable-Baselines3's A2C. Per step and parameter, every operation in float as PyTorch:
///
///     g ← g + λ·θ;  v ← α·v + (1 − α)·g²
///     centered: ḡ ← lerp(ḡ, g, 1 − α);  d = √(v − ḡ²) + eps,  else d = √v + eps
///     momentum: b ← μ·b + g / d;  θ ← θ − lr·b,   else θ ← θ − lr·g / d
///
/// ```swift
/// let opt = try RMSprop(model.parameters(), lr: 7e-4, alpha: 0.99, eps: 1e-5)
/// ```
public final class RMSprop: Optimizer {
    /// Hyper-parameters of one parameter group, with PyTorch's defaults.
    public struct Options: Equatable, Sendable {
        /// Learning rate.
        public var lr: Double
        /// Smoothing constant α of the squared-gradient average.
        public var alpha: Double
        /// Added to the denominator for numerical stability.
        public var eps: Double
        /// L2 penalty λ added to the gradient.
        public var weightDecay: Double
        /// Momentum factor μ (0 = none).
        public var momentum: Double
        /// Normalise by the estimated variance instead of the raw second moment.
        public var centered: Bool
        /// Ascend instead of descend.
        public var maximize: Bool

        public init(lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0,
                    momentum: Double = 0, centered: Bool = false, maximize: Bool = false) {
            self.lr = lr
            self.alpha = alpha
            self.eps = eps
            self.weightDecay = weightDecay
            self.momentum = momentum
            self.centered = centered
            self.maximize = maximize
        }
    }

    /// The running averages of one distinct parameter.
    final class ParameterState {
        var step: Double = 0
        var squareAvg: [Float]
        var momentumBuffer: [Float]?
        var gradAvg: [Float]?

        init(count: Int, options: Options) {
            squareAvg = [Float](filled: 0, count: count)
            momentumBuffer = options.momentum > 0 ? [Float](filled: 0, count: count) : nil
            gradAvg = options.centered ? [Float](filled: 0, count: count) : nil
        }

        init(step: Double, squareAvg: [Float], momentumBuffer: [Float]?, gradAvg: [Float]?) {
            self.step = step
            self.squareAvg = squareAvg
            self.momentumBuffer = momentumBuffer
            self.gradAvg = gradAvg
        }
    }

    /// The parameter groups, each with its own hyper-parameters.
    public private(set) var groups: [ParameterGroup<Options>]
    private var index: ParameterIndex
    private var states: [ParameterState?]

    public var kind: String { "RMSprop" }

    /// One group over `parameters` (PyTorch `RMSprop(params, lr=0.01, alpha=0.99, eps=1e-08, …)`).
    public convenience init(_ parameters: [Tensor], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8,
                            weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false,
                            maximize: Bool = false) throws {
        try self.init(groups: [ParameterGroup(parameters, options: Options(
            lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay, momentum: momentum,
            centered: centered, maximize: maximize))])
    }

    /// Several groups with their own hyper-parameters; throws on invalid values.
    public init(groups: [ParameterGroup<Options>]) throws {
        for g in groups { try Self.check(g.options) }
        guard groups.contains(where: { !$0.parameters.isEmpty }) else {
            throw OptimizerError.invalidHyperparameter(optimizer: "RMSprop", name: "parameters", value: 0,
                                                       reason: "optimizer got an empty parameter list")
        }
        self.groups = groups
        self.index = ParameterIndex(groups: groups.map(\.parameters))
        self.states = Array(repeating: nil, count: index.unique.count)
    }

    public var parameterList: [Tensor] { groups.flatMap(\.parameters) }

    static func check(_ o: Options) throws {
        func bad(_ name: String, _ v: Double) -> OptimizerError {
            .invalidHyperparameter(optimizer: "RMSprop", name: name, value: v, reason: "must be >= 0")
        }
        guard o.lr >= 0 else { throw bad("learning rate", o.lr) }
        guard o.eps >= 0 else { throw bad("epsilon value", o.eps) }
        guard o.momentum >= 0 else { throw bad("momentum value", o.momentum) }
        guard o.weightDecay >= 0 else { throw bad("weight_decay value", o.weightDecay) }
        guard o.alpha >= 0 else { throw bad("alpha value", o.alpha) }
    }

    public func step() throws {
        for g in groups.indices {
            let o = groups[g].options
            let slots = index.slots[g]
            for (k, p) in groups[g].parameters.enumerated() {
                guard let grad = p.gradData else { continue }
                guard grad.count == p.count else {
                    throw OptimizerError.gradientMismatch(optimizer: kind, parameterCount: p.count, gradientCount: grad.count)
                }
                let state = states[slots[k]] ?? ParameterState(count: p.count, options: o)
                states[slots[k]] = state
                state.step += 1
                Self.update(p, grad: grad, state: state, options: o)
            }
        }
    }

    private static func update(_ p: Tensor, grad: [Float], state: ParameterState, options o: Options) {
        let alpha = Float(o.alpha), oneMinusAlpha = Float(1 - o.alpha)
        let eps = Float(o.eps), lr = Float(o.lr), momentum = Float(o.momentum), decay = Float(o.weightDecay)
        if o.momentum > 0, state.momentumBuffer == nil { state.momentumBuffer = [Float](filled: 0, count: p.count) }
        if o.centered, state.gradAvg == nil { state.gradAvg = [Float](filled: 0, count: p.count) }
        p.withMutableData { theta in
            for i in 0..<theta.count {
                var g = o.maximize ? -grad[i] : grad[i]
                if o.weightDecay != 0 { g = g + decay * theta[i] }
                let v = state.squareAvg[i] * alpha + oneMinusAlpha * g * g
                state.squareAvg[i] = v
                var avg: Float
                if o.centered, var ga = state.gradAvg?[i] {
                    ga = ga + oneMinusAlpha * (g - ga)  // torch.lerp with weight < 0.5
                    state.gradAvg?[i] = ga
                    avg = (v + -1 * ga * ga).squareRoot()
                } else {
                    avg = v.squareRoot()
                }
                avg = avg + eps
                if o.momentum > 0, let b = state.momentumBuffer?[i] {
                    let nb = b * momentum + g / avg
                    state.momentumBuffer?[i] = nb
                    theta[i] = theta[i] + -lr * nb
                } else {
                    theta[i] = theta[i] + -lr * (g / avg)
                }
            }
        }
    }

    // MARK: - State

    public func stateDict() -> OptimizerState {
        var entries: [OptimizerState.Entry] = []
        for (i, s) in states.enumerated() {
            guard let s else { continue }
            var buffers = ["square_avg": s.squareAvg]
            if let b = s.momentumBuffer { buffers["momentum_buffer"] = b }
            if let b = s.gradAvg { buffers["grad_avg"] = b }
            entries.append(.init(index: i, step: s.step, buffers: buffers))
        }
        return OptimizerState(
            kind: kind,
            groups: groups.map { g in
                let o = g.options
                return ["lr": o.lr, "momentum": o.momentum, "alpha": o.alpha, "eps": o.eps,
                        "centered": o.centered ? 1 : 0, "weight_decay": o.weightDecay, "maximize": o.maximize ? 1 : 0]
            },
            groupSizes: groups.map(\.parameters.count),
            parameterCounts: index.unique.map(\.count),
            entries: entries)
    }

    public func validate(_ state: OptimizerState) throws { _ = try decode(state) }

    public func load(_ state: OptimizerState) throws {
        let (options, newStates) = try decode(state)
        for i in groups.indices { groups[i].options = options[i] }
        states = newStates
    }

    private func decode(_ state: OptimizerState) throws -> ([Options], [ParameterState?]) {
        try OptimizerStateCheck.structure(state, groupSizes: groups.map(\.parameters.count),
                                          parameterCounts: index.unique.map(\.count), kind: kind)
        var options: [Options] = []
        for d in state.groups {
            func v(_ name: String) throws -> Double { try OptimizerStateCheck.value(name, in: d, kind: kind) }
            let o = Options(lr: try v("lr"), alpha: try v("alpha"), eps: try v("eps"), weightDecay: try v("weight_decay"),
                            momentum: try v("momentum"), centered: try v("centered") != 0, maximize: try v("maximize") != 0)
            try Self.check(o)
            options.append(o)
        }
        var newStates: [ParameterState?] = Array(repeating: nil, count: index.unique.count)
        for e in state.entries {
            try OptimizerStateCheck.buffers(e, required: ["square_avg"], optional: ["momentum_buffer", "grad_avg"],
                                            count: state.parameterCounts[e.index], kind: kind)
            guard e.step.isFinite, e.step >= 0 else {
                throw OptimizerError.stateMismatch(optimizer: kind, reason: "parameter \(e.index) has step \(e.step)")
            }
            newStates[e.index] = ParameterState(step: e.step, squareAvg: e.buffers["square_avg"] ?? [],
                                                momentumBuffer: e.buffers["momentum_buffer"], gradAvg: e.buffers["grad_avg"])
        }
        return (options, newStates)
    }
}
