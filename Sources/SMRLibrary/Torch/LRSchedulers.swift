import Foundation
import SMRLanguage

/// `torch.optim.lr_scheduler`: StepLR, ExponentialLR, LambdaLR and CosineAnnealingLR with
/// PyTorch's chainable formulas (each step updates every group's `lr` from its current
/// value, so the floating-point results match torch's), `step()`, `get_last_lr()` and
/// `last_epoch`. They act through the optimizer's `param_groups`, as in PyTorch.
final class LRSchedulerInstance: NativeInstance {
    enum Rule {
        case step(size: Int, gamma: Double)
        case exponential(gamma: Double)
        case lambda(Value)
        case cosine(tMax: Int, etaMin: Double)
    }

    let optimizer: OptimizerInstance
    let rule: Rule
    let runtime: Runtime
    var baseLRs: [Double] = []
    var lastEpoch = -1
    var stepCount = 0
    var lastLRs: [Double] = []

    init(type: NativeType, optimizer: OptimizerInstance, rule: Rule, runtime: Runtime) throws {
        self.optimizer = optimizer
        self.rule = rule
        self.runtime = runtime
        super.init(type: type)
        for g in try groups() {
            let lr = try Self.number(g, "lr")
            try g.set(.str("initial_lr"), .float(lr))
            baseLRs.append(lr)
        }
        try step()  // PyTorch's constructor takes the first step (epoch 0)
    }

    func groups() throws -> [DictObject] {
        guard case .list(let l) = try optimizer.paramGroups() else { return [] }
        return l.items.compactMap { if case .dict(let d) = $0 { return d }; return nil }
    }

    static func number(_ d: DictObject, _ key: String) throws -> Double {
        guard let k = d.keys.firstIndex(where: { if case .str(let s) = $0 { return s == key }; return false }),
              let v = d.values[k].asDouble else { throw PyError(.keyError, "'\(key)'") }
        return v
    }

    func step() throws {
        stepCount += 1
        lastEpoch += 1
        let gs = try groups()
        var lrs: [Double] = []
        for (i, g) in gs.enumerated() {
            let lr = try Self.number(g, "lr"), base = i < baseLRs.count ? baseLRs[i] : lr
            let e = Double(lastEpoch)
            let next: Double
            switch rule {
            case .step(let size, let gamma):
                next = lastEpoch == 0 || lastEpoch % size != 0 ? lr : lr * gamma
            case .exponential(let gamma):
                next = lastEpoch == 0 ? lr : lr * gamma
            case .lambda(let f):
                guard let factor = try runtime.call(f, [.int(lastEpoch)]).asDouble else {
                    throw PyError(.typeError, "lr_lambda must return a number")
                }
                next = base * factor
            case .cosine(let tMax, let etaMin):
                let t = Double(tMax)
                if lastEpoch == 0 {
                    next = lr
                } else if stepCount == 1 && lastEpoch > 0 {
                    next = etaMin + (base - etaMin) * (1 + cos(e * Double.pi / t)) / 2
                } else if (lastEpoch - 1 - tMax) % (2 * tMax) == 0 {
                    next = lr + (base - etaMin) * (1 - cos(Double.pi / t)) / 2
                } else {
                    next = (1 + cos(Double.pi * e / t)) / (1 + cos(Double.pi * (e - 1) / t)) * (lr - etaMin) + etaMin
                }
            }
            try g.set(.str("lr"), .float(next))
            lrs.append(next)
        }
        lastLRs = lrs
    }

    static func register(_ optim: NativeModule) {
        let m = NativeModule("torch.optim.lr_scheduler", doc: "Learning-rate schedules that update an optimizer's param_groups at each step().")
        func make(_ name: String, _ doc: String, _ params: [Param], _ rule: @escaping (Arguments) throws -> Rule) {
            let t = NativeType(name, doc: doc)
            t.initializer(params: [Param("optimizer", .any)] + params) { a in
                guard case .object(let o as OptimizerInstance) = a["optimizer"] else {
                    throw PyError(.typeError, "\(a["optimizer"].typeName) is not an Optimizer")
                }
                return .object(try LRSchedulerInstance(type: t, optimizer: o, rule: try rule(a), runtime: a.runtime))
            }
            t.method("step", doc: "Advance one epoch and set each group's lr.") { o, _ in
                try (o as? LRSchedulerInstance)?.step()
                return .none
            }
            t.method("get_last_lr", doc: "The learning rates the last step set, one per group.") { o, _ in
                .list(((o as? LRSchedulerInstance)?.lastLRs ?? []).map { .float($0) })
            }
            t.property("last_epoch", doc: "Steps taken (0 after construction).") { o in .int((o as? LRSchedulerInstance)?.lastEpoch ?? 0) }
            t.property("base_lrs", doc: "Each group's learning rate when the scheduler was made.") { o in
                .list(((o as? LRSchedulerInstance)?.baseLRs ?? []).map { .float($0) })
            }
            m.add(t)
        }
        make("StepLR", "StepLR(optimizer, step_size, gamma=0.1): lr × gamma every step_size epochs.",
             [Param("step_size", .int), Param("gamma", .float, default: .float(0.1))]) { a in
            let size = try a.int("step_size")
            guard size > 0 else { throw PyError(.valueError, "step_size must be a positive integer, got \(size)") }
            return .step(size: size, gamma: try a.double("gamma"))
        }
        make("ExponentialLR", "ExponentialLR(optimizer, gamma): lr × gamma every epoch.", [Param("gamma", .float)]) { a in
            .exponential(gamma: try a.double("gamma"))
        }
        make("LambdaLR", "LambdaLR(optimizer, lr_lambda): lr = initial lr × lr_lambda(epoch).", [Param("lr_lambda", .any)]) { a in
            .lambda(a["lr_lambda"])
        }
        make("CosineAnnealingLR", "CosineAnnealingLR(optimizer, T_max, eta_min=0.0): cosine from the initial lr to eta_min over T_max epochs.",
             [Param("T_max", .int), Param("eta_min", .float, default: .float(0))]) { a in
            let tMax = try a.int("T_max")
            guard tMax > 0 else { throw PyError(.valueError, "T_max must be a positive integer, got \(tMax)") }
            return .cosine(tMax: tMax, etaMin: try a.double("eta_min"))
        }
        optim.add("lr_scheduler", .object(m))
    }
}
