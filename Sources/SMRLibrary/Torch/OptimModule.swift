import SMRLanguage
import SMRNeural
import SMRTensor

/// `torch.optim`: Adam, AdamW and SGD with PyTorch's keywords and arithmetic.
enum OptimModule {
    static func make() -> NativeModule {
        let m = NativeModule("torch.optim", doc: "Optimizers: Adam, AdamW, SGD.")
        m.add(optimizer("Adam", weightDecayDefault: 0))
        m.add(optimizer("AdamW", weightDecayDefault: 0.01))
        m.add(sgd())
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
            try wrap { try opt.step() }
            return .none
        }
        t.property("lr", doc: "Learning rate of the first group.") { o in .float((o as? OptimizerInstance)?.lr ?? 0) }
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

/// An optimizer object; prints like PyTorch's header line.
final class OptimizerInstance: NativeInstance {
    let lr: Double
    init(type: NativeType, optimizer: any Optimizer, lr: Double) {
        self.lr = lr
        super.init(type: type, payload: optimizer)
    }
    override var repr: String { "\(nativeType.name) (lr: \(Repr.floatRepr(lr)))" }

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
            default: throw PyError(.typeError, "copy.deepcopy() of '\(opt.kind)' optimizers is not supported")
            }
        }
        try wrap { try twin.load(opt.stateDict()) }
        return .object(OptimizerInstance(type: nativeType, optimizer: twin, lr: lr))
    }
}
