import CKernels
import SMRTensor

/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum,
/// weight decay and `maximize`, as `torch.optim.SGD` (single-tensor path):
///
///     g ← g + λ·θ;  b ← μ·b + (1 − τ)·g  (b ← g on the first step);
///     g ← nesterov ? g + μ·b : b;  θ ← θ − lr·g
///
/// Like PyTorch, a tensor listed twice is updated twice per step; its momentum buffer is
/// read once per step for every occurrence (so on the first step each occurrence starts
/// its own buffer and the last one is kept).
///
/// ```swift
/// let opt = try SGD(model.parameters(), lr: 0.1, momentum: 0.9, nesterov: true)
/// ```
public final class SGD: Optimizer {
    /// Hyper-parameters of one parameter group, with PyTorch's defaults.
    public struct Options: Equatable, Sendable {
        /// Learning rate.
        public var lr: Double
        /// Momentum factor μ (0 = plain SGD).
        public var momentum: Double
        /// Dampening τ of the momentum's gradient term.
        public var dampening: Double
        /// L2 penalty λ added to the gradient.
        public var weightDecay: Double
        /// Nesterov momentum (Sutskever et al., 2013); needs momentum > 0 and dampening 0.
        public var nesterov: Bool
        /// Ascend instead of descend.
        public var maximize: Bool

        public init(lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0,
                    nesterov: Bool = false, maximize: Bool = false) {
            self.lr = lr
            self.momentum = momentum
            self.dampening = dampening
            self.weightDecay = weightDecay
            self.nesterov = nesterov
            self.maximize = maximize
        }
    }

    /// A momentum buffer; a reference so that occurrences of one tensor can share it.
    final class Buffer {
        var values: [Float]
        init(_ values: [Float]) { self.values = values }
    }

    /// The parameter groups, each with its own hyper-parameters.
    public private(set) var groups: [ParameterGroup<Options>]
    private var index: ParameterIndex
    private var buffers: [Buffer?]

    public var kind: String { "SGD" }

    /// One group over `parameters` (PyTorch `SGD(params, lr=1e-3, momentum=0, …)`).
    public convenience init(_ parameters: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                            weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false) throws {
        try self.init(groups: [ParameterGroup(parameters, options: Options(
            lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
            nesterov: nesterov, maximize: maximize))])
    }

    /// Several groups with their own hyper-parameters; throws on invalid values.
    public init(groups: [ParameterGroup<Options>]) throws {
        for g in groups { try Self.check(g.options) }
        guard groups.contains(where: { !$0.parameters.isEmpty }) else {
            throw OptimizerError.invalidHyperparameter(optimizer: "SGD", name: "parameters", value: 0,
                                                       reason: "optimizer got an empty parameter list")
        }
        self.groups = groups
        self.index = ParameterIndex(groups: groups.map(\.parameters))
        self.buffers = Array(repeating: nil, count: index.unique.count)
    }

    /// The learning rate of the first group; setting it changes every group.
    public var learningRate: Double {
        get { groups.first?.options.lr ?? 0 }
        set { for i in groups.indices { groups[i].options.lr = Swift.max(0, newValue) } }
    }

    public var parameterList: [Tensor] { groups.flatMap(\.parameters) }

    static func check(_ o: Options) throws {
        func bad(_ name: String, _ v: Double, _ why: String) -> OptimizerError {
            .invalidHyperparameter(optimizer: "SGD", name: name, value: v, reason: why)
        }
        guard o.lr >= 0 else { throw bad("learning rate", o.lr, "must be >= 0") }
        guard o.momentum >= 0 else { throw bad("momentum value", o.momentum, "must be >= 0") }
        guard o.weightDecay >= 0 else { throw bad("weight_decay value", o.weightDecay, "must be >= 0") }
        if o.nesterov && (o.momentum <= 0 || o.dampening != 0) {
            throw bad("nesterov momentum", o.momentum, "requires a momentum and zero dampening")
        }
    }

    public func step() throws {
        for g in groups.indices {
            let o = groups[g].options
            let parameters = groups[g].parameters
            let slots = index.slots[g]
            // PyTorch gathers every occurrence's buffer before updating any of them.
            var gathered: [Buffer?] = o.momentum != 0 ? slots.map { buffers[$0] } : []
            var hyper = smr_sgd_hyper(lr: Float(o.lr), momentum: Float(o.momentum),
                                      one_minus_dampening: Float(1 - o.dampening),
                                      weight_decay: Float(o.weightDecay),
                                      nesterov: o.nesterov ? 1 : 0, maximize: o.maximize ? 1 : 0)
            var touched: [Int] = []
            for k in parameters.indices {
                let p = parameters[k]
                guard let grad = p.gradData else { continue }
                guard grad.count == p.count else {
                    throw OptimizerError.gradientMismatch(optimizer: kind, parameterCount: p.count, gradientCount: grad.count)
                }
                guard p.count > 0 else { continue }
                if o.momentum == 0 {
                    update(p, grad: grad, buffer: nil, initBuffer: false, hyper: &hyper)
                    continue
                }
                touched.append(k)
                if let b = gathered[k] {
                    update(p, grad: grad, buffer: b, initBuffer: false, hyper: &hyper)
                } else {
                    let b = Buffer([Float](filled: 0, count: p.count))
                    gathered[k] = b
                    update(p, grad: grad, buffer: b, initBuffer: true, hyper: &hyper)
                }
            }
            for k in touched { buffers[slots[k]] = gathered[k] }
        }
    }

    private func update(_ p: Tensor, grad: [Float], buffer: Buffer?, initBuffer: Bool, hyper: inout smr_sgd_hyper) {
        let n = p.count
        grad.withUnsafeBufferPointer { g in
            p.withMutableData { data in
                data.withUnsafeMutableBufferPointer { param in
                    if let buffer {
                        buffer.values.withUnsafeMutableBufferPointer { b in
                            smr_sgd_update(n, param.baseAddress, g.baseAddress, b.baseAddress, initBuffer ? 1 : 0, &hyper)
                        }
                    } else {
                        smr_sgd_update(n, param.baseAddress, g.baseAddress, nil, 0, &hyper)
                    }
                }
            }
        }
    }

    // MARK: - State

    public func stateDict() -> OptimizerState {
        var entries: [OptimizerState.Entry] = []
        for (i, b) in buffers.enumerated() {
            guard let b else { continue }
            entries.append(.init(index: i, step: 0, buffers: ["momentum_buffer": b.values]))
        }
        return OptimizerState(
            kind: kind,
            groups: groups.map { g in
                let o = g.options
                return ["lr": o.lr, "momentum": o.momentum, "dampening": o.dampening,
                        "weight_decay": o.weightDecay, "nesterov": o.nesterov ? 1 : 0, "maximize": o.maximize ? 1 : 0]
            },
            groupSizes: groups.map(\.parameters.count),
            parameterCounts: index.unique.map(\.count),
            entries: entries)
    }

    public func validate(_ state: OptimizerState) throws { _ = try decode(state) }

    public func load(_ state: OptimizerState) throws {
        let (options, newBuffers) = try decode(state)
        for i in groups.indices { groups[i].options = options[i] }
        buffers = newBuffers
    }

    private func decode(_ state: OptimizerState) throws -> ([Options], [Buffer?]) {
        try OptimizerStateCheck.structure(state, groupSizes: groups.map(\.parameters.count),
                                          parameterCounts: index.unique.map(\.count), kind: kind)
        var options: [Options] = []
        for d in state.groups {
            func v(_ name: String) throws -> Double { try OptimizerStateCheck.value(name, in: d, kind: kind) }
            let o = Options(lr: try v("lr"), momentum: try v("momentum"), dampening: try v("dampening"),
                            weightDecay: try v("weight_decay"), nesterov: try v("nesterov") != 0,
                            maximize: try v("maximize") != 0)
            try Self.check(o)
            options.append(o)
        }
        var newBuffers: [Buffer?] = Array(repeating: nil, count: index.unique.count)
        for e in state.entries {
            try OptimizerStateCheck.buffers(e, required: ["momentum_buffer"], optional: [],
                                            count: state.parameterCounts[e.index], kind: kind)
            newBuffers[e.index] = Buffer(e.buffers["momentum_buffer"] ?? [])
        }
        return (options, newBuffers)
    }
}
