import SMRLanguage
import SMRNeural
import SMRTensor

/// `torch.optim`: Adam, AdamW and SGD with PyTorch's keywords and arithmetic.
enum OptimModule {
    static func make() -> NativeModule {
        let m = NativeModule("torch.optim", doc: "Optimizers: Adam, AdamW, SGD, RMSprop.")
        m.add(optimizer("Adam", weightDecayDefault: 0))
        m.add(optimizer("AdamW", weightDecayDefault: 0.01))
        m.add(sgd())
        m.add(rmsprop())
        LRSchedulerInstance.register(m)
        return m
    }

    static func parameters(_ v: Value) throws -> [Tensor] {
        try TorchArguments.tensors(v, "params").map(\.tensor)
    }

    static func betas(_ v: Value) throws -> (Double, Double) {
        let (b, _) = try ValueConversion.numbers(v, what: "betas")
        guard b.count == 2 else { throw PyError(.valueError, "betas must be a pair of floats") }
        return (b[0], b[1])
    }

    static func addCommon(_ t: NativeType) {
        t.method("zero_grad", doc: "Clear the gradients of every parameter.", params: [Param("set_to_none", .bool, default: .bool(true))]) { o, _ in
            (o.payload as? any Optimizer)?.zeroGrad()
            return .none
        }
        t.method("step", doc: "Update the parameters from their gradients.") { o, _ in
            guard let opt = o.payload as? any Optimizer else { throw PyError(.typeError, "not an optimizer") }
            try (o as? OptimizerInstance)?.applyGroupLearningRates()
            try wrap { try opt.step() }
            return .none
        }
        t.property("lr", doc: "Learning rate of the first group.") { o in .float((o as? OptimizerInstance)?.lr ?? 0) }
        t.method("state_dict", doc: "{'state': per-parameter step and moments, 'param_groups': hyper-parameters and parameter numbers}, as torch.") { o, _ in
            guard let opt = o.payload as? any Optimizer else { throw PyError(.typeError, "not an optimizer") }
            try (o as? OptimizerInstance)?.applyGroupLearningRates()
            return try OptimizerStateDict.stateDict(opt)
        }
        t.method("load_state_dict", doc: "Restore what state_dict() returned (validated: a mismatch changes nothing).", params: [Param("state_dict")]) { o, a in
            guard let opt = o.payload as? any Optimizer, let inst = o as? OptimizerInstance else { throw PyError(.typeError, "not an optimizer") }
            try OptimizerStateDict.load(opt, a["state_dict"])
            inst.forgetGroupDicts()
            return .none
        }
        t.property("param_groups", doc: "The parameter groups as dicts ('params', 'lr', …); setting a group's 'lr' changes the next step(), as in torch (for schedules).") { o in
            guard let inst = o as? OptimizerInstance else { throw PyError(.typeError, "not an optimizer") }
            return try inst.paramGroups()
        }
    }

    static func optimizer(_ name: String, weightDecayDefault: Double) -> NativeType {
        let t = NativeType(name, doc: "torch.optim.\(name)(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=\(Repr.floatRepr(weightDecayDefault).replacingOccurrences(of: ".0", with: "")), amsgrad=False)")
        t.initializer(params: [Param("params", .any, doc: "model.parameters()"), Param("lr", .float, default: .float(1e-3)),
                               Param("betas", .any, default: .tuple([.float(0.9), .float(0.999)])), Param("eps", .float, default: .float(1e-8)),
                               Param("weight_decay", .float, default: weightDecayDefault == 0 ? .int(0) : .float(weightDecayDefault)),
                               Param("amsgrad", .bool, default: .bool(false)), Param("maximize", .bool, default: .bool(false))]) { a in
            let params = try parameters(a["params"])
            let opt: Adam = try wrap {
                name == "AdamW"
                    ? try AdamW(params, lr: try a.double("lr"), betas: try betas(a["betas"]), eps: try a.double("eps"),
                                weightDecay: try a.double("weight_decay"), amsgrad: try a.bool("amsgrad"), maximize: try a.bool("maximize"))
                    : try Adam(params, lr: try a.double("lr"), betas: try betas(a["betas"]), eps: try a.double("eps"),
                               weightDecay: try a.double("weight_decay"), amsgrad: try a.bool("amsgrad"), maximize: try a.bool("maximize"))
            }
            return .object(OptimizerInstance(type: t, optimizer: opt, lr: try a.double("lr")))
        }
        addCommon(t)
        return t
    }

    static func sgd() -> NativeType {
        let t = NativeType("SGD", doc: "torch.optim.SGD(params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False)")
        t.initializer(params: [Param("params", .any), Param("lr", .float, default: .float(1e-3)), Param("momentum", .float, default: .int(0)),
                               Param("dampening", .float, default: .int(0)), Param("weight_decay", .float, default: .int(0)),
                               Param("nesterov", .bool, default: .bool(false)), Param("maximize", .bool, default: .bool(false))]) { a in
            let opt = try wrap {
                try SGD(try parameters(a["params"]), lr: try a.double("lr"), momentum: try a.double("momentum"), dampening: try a.double("dampening"),
                        weightDecay: try a.double("weight_decay"), nesterov: try a.bool("nesterov"), maximize: try a.bool("maximize"))
            }
            return .object(OptimizerInstance(type: t, optimizer: opt, lr: try a.double("lr")))
        }
        addCommon(t)
        return t
    }
}

extension OptimModule {
    static func rmsprop() -> NativeType {
        let t = NativeType("RMSprop", doc: "torch.optim.RMSprop(params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False)")
        // Numbers as given (`.any`), so an error shows -1 where the user wrote -1.
        t.initializer(params: [Param("params", .any), Param("lr", .any, default: .float(1e-2)), Param("alpha", .any, default: .float(0.99)),
                               Param("eps", .any, default: .float(1e-8)), Param("weight_decay", .any, default: .int(0)),
                               Param("momentum", .any, default: .int(0)), Param("centered", .bool, default: .bool(false)),
                               Param("maximize", .bool, default: .bool(false))]) { a in
            // PyTorch's checks, in its order and words.
            for (name, what) in [("lr", "learning rate"), ("eps", "epsilon value"), ("momentum", "momentum value"),
                                 ("weight_decay", "weight_decay value"), ("alpha", "alpha value")] where try a.double(name) < 0 {
                throw PyError(.valueError, "Invalid \(what): \(Repr.repr(a[name]))")
            }
            let opt = try wrap {
                try RMSprop(try parameters(a["params"]), lr: try a.double("lr"), alpha: try a.double("alpha"), eps: try a.double("eps"),
                            weightDecay: try a.double("weight_decay"), momentum: try a.double("momentum"),
                            centered: try a.bool("centered"), maximize: try a.bool("maximize"))
            }
            return .object(OptimizerInstance(type: t, optimizer: opt, lr: try a.double("lr")))
        }
        addCommon(t)
        return t
    }
}

/// An optimizer object; prints like PyTorch's header line.
final class OptimizerInstance: NativeInstance {
    let lr: Double
    init(type: NativeType, optimizer: any Optimizer, lr: Double) {
        self.lr = lr
        super.init(type: type, payload: optimizer)
    }
    override var repr: String { "\(nativeType.name) (lr: \(Repr.floatRepr(lr)))" }

    /// The dicts `param_groups` returned, kept so that a user's `g["lr"] = …` reaches `step()`.
    private var groupDicts: [DictObject]?

    /// PyTorch's names and order of a group's hyper-parameters, from the optimizer's state.
    static func groupItems(_ g: [String: Double], kind: String) -> [(String, Value)] {
        let flag = { (k: String) -> Value in .bool((g[k] ?? 0) != 0) }
        let number = { (k: String) -> Value in .float(g[k] ?? 0) }
        if kind == "RMSprop" {
            return [("lr", number("lr")), ("momentum", number("momentum")), ("alpha", number("alpha")), ("eps", number("eps")),
                    ("centered", flag("centered")), ("weight_decay", number("weight_decay")), ("maximize", flag("maximize"))]
        }
        if kind == "SGD" {
            return [("lr", number("lr")), ("momentum", number("momentum")), ("dampening", number("dampening")),
                    ("weight_decay", number("weight_decay")), ("nesterov", flag("nesterov")), ("maximize", flag("maximize"))]
        }
        return [("lr", number("lr")), ("betas", .tuple([number("beta1"), number("beta2")])), ("eps", number("eps")),
                ("weight_decay", number("weight_decay")), ("amsgrad", flag("amsgrad")), ("maximize", flag("maximize"))]
    }

    /// After a load, `param_groups` is rebuilt from the optimizer's new hyper-parameters.
    func forgetGroupDicts() { groupDicts = nil }

    /// Fresh group dicts for `opt` (without caching them on an instance).
    static func groupDicts(_ opt: any Optimizer) throws -> Value {
        let state = opt.stateDict()
        var out: [Value] = []
        var offset = 0
        for (g, size) in zip(state.groups, state.groupSizes) {
            let params = opt.parameterList[offset..<(offset + size)].map { Value.object(TensorObject.parameter($0)) }
            offset += size
            out.append(Value.dict([("params", .list(params))] + groupItems(g, kind: opt.kind)))
        }
        return .list(out)
    }

    func paramGroups() throws -> Value {
        if let dicts = groupDicts { return .list(dicts.map { .dict($0) }) }
        guard let opt = payload as? any Optimizer else { throw PyError(.typeError, "not an optimizer") }
        guard case .list(let groups) = try Self.groupDicts(opt) else { return .list([]) }
        let dicts = groups.items.compactMap { if case .dict(let d) = $0 { return d }; return nil }
        groupDicts = dicts
        appliedLRs = try dicts.map(Self.learningRate)
        return .list(dicts.map { .dict($0) })
    }

    /// The learning rates last carried into the optimizer, so a step compares with them
    /// instead of copying the optimizer's whole state.
    private var appliedLRs: [Double?] = []

    /// A group dict's 'lr' (nil if the user removed it: that group keeps its rate).
    private static func learningRate(_ d: DictObject) throws -> Double? {
        guard let k = d.keys.firstIndex(where: { if case .str("lr") = $0 { return true }; return false }) else { return nil }
        guard let lr = d.values[k].asDouble else {
            throw PyError(.typeError, "param_groups 'lr' must be a number, not \(d.values[k].typeName)")
        }
        return lr
    }

    /// Carries learning rates set through `param_groups` into the optimizer before a step.
    func applyGroupLearningRates() throws {
        guard let dicts = groupDicts, let opt = payload as? any Optimizer else { return }
        let lrs = try dicts.map(Self.learningRate)
        guard lrs != appliedLRs else { return }
        var state = opt.stateDict()
        for (i, lr) in lrs.enumerated() where i < state.groups.count { if let lr { state.groups[i]["lr"] = lr } }
        try wrap { try opt.load(state) }
        appliedLRs = lrs
    }

    /// `copy.deepcopy(optimizer)`: the same kind, hyper-parameters and state (step counts,
    /// moments) over copies of its parameters — the copies a model copied in the same
    /// `deepcopy` call made, as in PyTorch, where the memo is shared.
    override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        guard deep, let opt = payload as? any Optimizer else { return nil }
        let copies = TensorCopies.current
        let params = try opt.parameterList.map { try copies.copy(of: $0) }
        let twin: any Optimizer = try wrap {
            switch opt.kind {
            case "Adam": return try Adam(params)
            case "AdamW": return try AdamW(params)
            case "SGD": return try SGD(params)
            case "RMSprop": return try RMSprop(params)
            default: throw PyError(.typeError, "copy.deepcopy() of '\(opt.kind)' optimizers is not supported")
            }
        }
        try wrap { try twin.load(opt.stateDict()) }
        return .object(OptimizerInstance(type: nativeType, optimizer: twin, lr: lr))
    }
}
