import CKernels
import Foundation
import SMRTensor

/// Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015) with
/// PyTorch's defaults and arithmetic (`torch.optim.Adam`, single-tensor path): lr 1e-3,
/// betas (0.9, 0.999), eps 1e-8, L2 `weightDecay` added to the gradient, optional AMSGrad
/// and `maximize`. Per step and parameter:
///
///     m ← lerp(m, g, 1 − β₁);  v ← β₂·v + (1 − β₂)·g²
///     step_size = lr / (1 − β₁ᵗ);  denom = √v / √(1 − β₂ᵗ) + eps
///     θ ← θ − step_size · m / denom
///
/// with the bias corrections in double and every tensor operation in float, in PyTorch's
/// order (see `smr_adam_update`), so results agree with torch to about one ulp.
///
/// State is keyed by tensor identity: a tensor listed twice (the SMR agent passes
/// `usefulness_vec` twice) is updated twice per `step()` with one shared state and step
/// count, as PyTorch does. Parameters without a gradient are skipped.
///
/// ```swift
/// let opt = try Adam(policy.parameters(), lr: 1e-3)
/// opt.zeroGrad(); try loss.backward(); try opt.step()
/// ```
public class Adam: Optimizer {
    /// Hyper-parameters of one parameter group, with PyTorch's defaults.
    public struct Options: Equatable, Sendable {
        /// Learning rate.
        public var lr: Double
        /// Decay of the first-moment average.
        public var beta1: Double
        /// Decay of the second-moment average.
        public var beta2: Double
        /// Added to the denominator for numerical stability.
        public var eps: Double
        /// L2 penalty (Adam: added to the gradient; AdamW: decoupled decay of the weights).
        public var weightDecay: Double
        /// Use the maximum of past second moments (Reddi et al., 2018).
        public var amsgrad: Bool
        /// Ascend instead of descend.
        public var maximize: Bool
        /// Decay the weights directly (AdamW, Loshchilov & Hutter 2019) instead of adding L2 to the gradient.
        public var decoupledWeightDecay: Bool

        public init(lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
                    weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false,
                    decoupledWeightDecay: Bool = false) {
            self.lr = lr
            self.beta1 = betas.0
            self.beta2 = betas.1
            self.eps = eps
            self.weightDecay = weightDecay
            self.amsgrad = amsgrad
            self.maximize = maximize
            self.decoupledWeightDecay = decoupledWeightDecay
        }
    }

    /// Moment estimates of one distinct parameter, in buffers owned by this object (plain
    /// pointers: no copy-on-write or exclusivity checks in the per-step loop).
    final class ParameterState {
        var step: Double = 0
        let count: Int
        let expAvg: UnsafeMutablePointer<Float>
        let expAvgSq: UnsafeMutablePointer<Float>
        private(set) var maxExpAvgSq: UnsafeMutablePointer<Float>?

        init(count: Int, amsgrad: Bool) {
            self.count = count
            expAvg = Self.zeros(count)
            expAvgSq = Self.zeros(count)
            maxExpAvgSq = amsgrad ? Self.zeros(count) : nil
        }

        /// State loaded from a checkpoint (sizes already validated).
        convenience init(step: Double, expAvg: [Float], expAvgSq: [Float], maxExpAvgSq: [Float]?) {
            self.init(count: expAvg.count, amsgrad: maxExpAvgSq != nil)
            self.step = step
            self.expAvg.update(from: expAvg, count: Swift.min(count, expAvg.count))
            self.expAvgSq.update(from: expAvgSq, count: Swift.min(count, expAvgSq.count))
            if let src = maxExpAvgSq, let dst = self.maxExpAvgSq { dst.update(from: src, count: Swift.min(count, src.count)) }
        }

        deinit {
            expAvg.deallocate()
            expAvgSq.deallocate()
            maxExpAvgSq?.deallocate()
        }

        private static func zeros(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(n, 1))
            p.initialize(repeating: 0, count: Swift.max(n, 1))
            return p
        }

        /// Starts AMSGrad's running maximum (zeros) if it is not there yet.
        func ensureMax() { if maxExpAvgSq == nil { maxExpAvgSq = Self.zeros(count) } }

        static func array(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> [Float] {
            Array(UnsafeBufferPointer(start: p, count: n))
        }
    }

    /// The parameter groups, each with its own hyper-parameters.
    public private(set) var groups: [ParameterGroup<Options>]
    private var index: ParameterIndex
    private var states: [ParameterState?]

    public var kind: String { "Adam" }

    /// One group over `parameters` (PyTorch `Adam(params, lr=…, betas=…, …)`).
    public convenience init(_ parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false,
                            maximize: Bool = false) throws {
        try self.init(groups: [ParameterGroup(parameters, options: Options(
            lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad, maximize: maximize))])
    }

    /// Several groups with their own hyper-parameters. Throws on an invalid value or an
    /// empty parameter list (as PyTorch's constructor).
    public init(groups: [ParameterGroup<Options>]) throws {
        self.groups = []
        self.index = ParameterIndex(groups: [])
        self.states = []
        for g in groups { try Self.check(g.options, kind: kind) }
        guard groups.contains(where: { !$0.parameters.isEmpty }) else {
            throw OptimizerError.invalidHyperparameter(optimizer: kind, name: "parameters", value: 0,
                                                       reason: "optimizer got an empty parameter list")
        }
        self.groups = groups
        self.index = ParameterIndex(groups: groups.map(\.parameters))
        self.states = Array(repeating: nil, count: index.unique.count)
    }

    /// Appends a parameter group (PyTorch `add_param_group`); existing state is kept.
    public func addParameterGroup(_ group: ParameterGroup<Options>) throws {
        try Self.check(group.options, kind: kind)
        let old = index
        groups.append(group)
        index = ParameterIndex(groups: groups.map(\.parameters))
        states = index.remap(states, from: old)
    }

    /// The learning rate of the first group; setting it changes every group (for schedules).
    public var learningRate: Double {
        get { groups.first?.options.lr ?? 0 }
        set { for i in groups.indices { groups[i].options.lr = Swift.max(0, newValue) } }
    }

    /// Replaces one group's hyper-parameters after validating them.
    public func setOptions(_ options: Options, forGroup group: Int) throws {
        guard groups.indices.contains(group) else {
            throw OptimizerError.invalidHyperparameter(optimizer: kind, name: "group", value: Double(group),
                                                       reason: "there are \(groups.count) groups")
        }
        try Self.check(options, kind: kind)
        groups[group].options = options
    }

    public var parameterList: [Tensor] { groups.flatMap(\.parameters) }

    static func check(_ o: Options, kind: String) throws {
        func bad(_ name: String, _ v: Double, _ why: String) -> OptimizerError {
            .invalidHyperparameter(optimizer: kind, name: name, value: v, reason: why)
        }
        guard o.lr >= 0 else { throw bad("learning rate", o.lr, "must be >= 0") }
        guard o.eps >= 0 else { throw bad("epsilon value", o.eps, "must be >= 0") }
        guard o.beta1 >= 0, o.beta1 < 1 else { throw bad("beta parameter at index 0", o.beta1, "must be in [0, 1)") }
        guard o.beta2 >= 0, o.beta2 < 1 else { throw bad("beta parameter at index 1", o.beta2, "must be in [0, 1)") }
        guard o.weightDecay >= 0 else { throw bad("weight_decay value", o.weightDecay, "must be >= 0") }
    }

    // MARK: - Step

    public func step() throws {
        for g in groups.indices {
            let options = groups[g].options
            let parameters = groups[g].parameters
            let slots = index.slots[g]
            var hyperStep = -1.0  // parameters usually share a step count: compute the scalars once
            var hyper = smr_adam_hyper()
            for k in parameters.indices {
                let p = parameters[k]
                guard let grad = p.gradData else { continue }
                guard grad.count == p.count else {
                    throw OptimizerError.gradientMismatch(optimizer: kind, parameterCount: p.count, gradientCount: grad.count)
                }
                let state: ParameterState
                if let s = states[slots[k]] {
                    state = s
                } else {
                    state = ParameterState(count: p.count, amsgrad: options.amsgrad)
                    states[slots[k]] = state
                }
                if options.amsgrad { state.ensureMax() }
                state.step += 1
                if state.step != hyperStep {
                    hyper = Self.hyper(options, step: state.step)
                    hyperStep = state.step
                }
                Self.update(p, grad: grad, state: state, amsgrad: options.amsgrad, hyper: &hyper)
            }
        }
    }

    /// The float scalars of one update, rounded as PyTorch rounds its Python floats.
    static func hyper(_ o: Options, step: Double) -> smr_adam_hyper {
        let biasCorrection1 = 1 - Foundation.pow(o.beta1, step)
        let biasCorrection2 = 1 - Foundation.pow(o.beta2, step)
        let stepSize = o.lr / biasCorrection1
        let decoupled = o.decoupledWeightDecay && o.weightDecay != 0
        return smr_adam_hyper(
            exp_avg_weight: Float(1 - o.beta1),
            beta2: Float(o.beta2),
            one_minus_beta2: Float(1 - o.beta2),
            weight_decay: decoupled ? 0 : Float(o.weightDecay),
            decay_factor: decoupled ? Float(1 - o.lr * o.weightDecay) : 1,
            neg_step_size: Float(-stepSize),
            bias_correction2_sqrt: Float(Foundation.pow(biasCorrection2, 0.5)),
            eps: Float(o.eps),
            maximize: o.maximize ? 1 : 0)
    }

    private static func update(_ p: Tensor, grad: [Float], state: ParameterState, amsgrad: Bool,
                               hyper: inout smr_adam_hyper) {
        let n = p.count
        guard n > 0, state.count == n else { return }
        let maxSq = amsgrad ? state.maxExpAvgSq : nil
        grad.withUnsafeBufferPointer { g in
            p.withMutableData { data in
                data.withUnsafeMutableBufferPointer { param in
                    smr_adam_update(n, param.baseAddress, g.baseAddress, state.expAvg, state.expAvgSq, maxSq, &hyper)
                }
            }
        }
    }

    // MARK: - State

    public func stateDict() -> OptimizerState {
        var entries: [OptimizerState.Entry] = []
        for (i, s) in states.enumerated() {
            guard let s else { continue }
            var buffers = ["exp_avg": ParameterState.array(s.expAvg, s.count),
                           "exp_avg_sq": ParameterState.array(s.expAvgSq, s.count)]
            if let mx = s.maxExpAvgSq { buffers["max_exp_avg_sq"] = ParameterState.array(mx, s.count) }
            entries.append(.init(index: i, step: s.step, buffers: buffers))
        }
        return OptimizerState(
            kind: kind,
            groups: groups.map { g in
                let o = g.options
                return ["lr": o.lr, "beta1": o.beta1, "beta2": o.beta2, "eps": o.eps,
                        "weight_decay": o.weightDecay, "amsgrad": o.amsgrad ? 1 : 0,
                        "maximize": o.maximize ? 1 : 0, "decoupled_weight_decay": o.decoupledWeightDecay ? 1 : 0]
            },
            groupSizes: groups.map(\.parameters.count),
            parameterCounts: index.unique.map(\.count),
            entries: entries)
    }

    public func validate(_ state: OptimizerState) throws {
        _ = try decode(state)
    }

    public func load(_ state: OptimizerState) throws {
        let (options, newStates) = try decode(state)
        for i in groups.indices { groups[i].options = options[i] }
        states = newStates
    }

    /// Checks `state` completely and converts it, without changing `self`.
    private func decode(_ state: OptimizerState) throws -> ([Options], [ParameterState?]) {
        func mismatch(_ why: String) -> OptimizerError { .stateMismatch(optimizer: kind, reason: why) }
        try OptimizerStateCheck.structure(state, groupSizes: groups.map(\.parameters.count),
                                          parameterCounts: index.unique.map(\.count), kind: kind)
        var options: [Options] = []
        for dict in state.groups {
            let o = Options(lr: try OptimizerStateCheck.value("lr", in: dict, kind: kind),
                            betas: (try OptimizerStateCheck.value("beta1", in: dict, kind: kind),
                                    try OptimizerStateCheck.value("beta2", in: dict, kind: kind)),
                            eps: try OptimizerStateCheck.value("eps", in: dict, kind: kind),
                            weightDecay: try OptimizerStateCheck.value("weight_decay", in: dict, kind: kind),
                            amsgrad: try OptimizerStateCheck.value("amsgrad", in: dict, kind: kind) != 0,
                            maximize: try OptimizerStateCheck.value("maximize", in: dict, kind: kind) != 0,
                            decoupledWeightDecay: try OptimizerStateCheck.value("decoupled_weight_decay", in: dict, kind: kind) != 0)
            try Self.check(o, kind: kind)
            options.append(o)
        }
        var newStates: [ParameterState?] = Array(repeating: nil, count: index.unique.count)
        for e in state.entries {
            let n = state.parameterCounts[e.index]
            try OptimizerStateCheck.buffers(e, required: ["exp_avg", "exp_avg_sq"], optional: ["max_exp_avg_sq"],
                                            count: n, kind: kind)
            guard e.step.isFinite, e.step >= 0 else { throw mismatch("parameter \(e.index) has step \(e.step)") }
            newStates[e.index] = ParameterState(step: e.step, expAvg: e.buffers["exp_avg"] ?? [],
                                                expAvgSq: e.buffers["exp_avg_sq"] ?? [],
                                                maxExpAvgSq: e.buffers["max_exp_avg_sq"])
        }
        return (options, newStates)
    }
}
