import SMRLanguage
import SMRNeural
import SMRTensor

/// `optimizer.state_dict()` and `optimizer.load_state_dict(d)` in PyTorch's shape:
/// `{"state": {i: {"step": tensor(n.), "exp_avg": …, "exp_avg_sq": …}}, "param_groups":
/// [{"lr": …, "betas": …, …, "params": [0, 1, …]}]}`, parameters numbered in order of first
/// appearance — so a checkpoint (`torch.save({"optimizer": opt.state_dict(), …})`) restores
/// an optimizer's moments and step counts.
enum OptimizerStateDict {
    /// The distinct parameters in first-appearance order (the numbering of `state`).
    static func distinctParameters(_ opt: any Optimizer) -> [Tensor] {
        var seen = Set<ObjectIdentifier>(), out: [Tensor] = []
        for p in opt.parameterList where seen.insert(ObjectIdentifier(p)).inserted { out.append(p) }
        return out
    }

    static func stateDict(_ opt: any Optimizer) throws -> Value {
        let st = opt.stateDict()
        let params = distinctParameters(opt)
        let state = DictObject()
        for e in st.entries where e.index < params.count {
            var items: [(String, Value)] = []
            if opt.kind != "SGD" { items.append(("step", .object(TensorObject(Tensor(scalar: Float(e.step)))))) }
            for name in ["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "square_avg", "momentum_buffer", "grad_avg"] {
                guard let b = e.buffers[name] else { continue }
                items.append((name, .object(TensorObject(try wrap { try Tensor(b, shape: params[e.index].shape) }))))
            }
            try state.set(.int(e.index), .dict(items))
        }
        guard case .list(let groups) = try OptimizerInstance.groupDicts(opt) else { return .none }
        // Parameter numbers per group, as PyTorch lists them.
        let number = Dictionary(uniqueKeysWithValues: params.enumerated().map { (ObjectIdentifier($1), $0) })
        var offset = 0
        var groupValues: [Value] = []
        for (k, g) in groups.items.enumerated() {
            guard case .dict(let d) = g else { continue }
            let size = k < st.groupSizes.count ? st.groupSizes[k] : 0
            let ids = opt.parameterList[offset..<(offset + size)].map { Value.int(number[ObjectIdentifier($0)] ?? 0) }
            offset += size
            let copy = DictObject()
            for (key, v) in zip(d.keys, d.values) { if case .str("params") = key { continue }; try copy.set(key, v) }
            try copy.set(.str("params"), .list(ids))
            groupValues.append(.dict(copy))
        }
        return .dict([("state", .dict(state)), ("param_groups", .list(groupValues))])
    }

    static func load(_ opt: any Optimizer, _ value: Value) throws {
        guard case .dict(let d) = value,
              let stateValue = lookup(d, "state"), case .dict(let state) = stateValue,
              let groupsValue = lookup(d, "param_groups"), case .list(let groups) = groupsValue else {
            throw PyError(.valueError, "load_state_dict(): expected a dict with 'state' and 'param_groups', as state_dict() returns")
        }
        var st = opt.stateDict()
        guard groups.items.count == st.groups.count else {
            throw PyError(.valueError, "loaded state dict has a different number of parameter groups")
        }
        for (k, g) in groups.items.enumerated() {
            guard case .dict(let gd) = g else { throw PyError(.valueError, "param_groups[\(k)] is not a dict") }
            for (key, v) in zip(gd.keys, gd.values) {
                guard case .str(let name) = key, name != "params" else { continue }
                if name == "betas", case .tuple(let b) = v, b.items.count == 2 {
                    st.groups[k]["beta1"] = b.items[0].asDouble
                    st.groups[k]["beta2"] = b.items[1].asDouble
                } else if st.groups[k][name] != nil, let x = v.asDouble ?? (v.isTruthy ? 1 : 0) as Double? {
                    st.groups[k][name] = x
                }
            }
        }
        var entries: [OptimizerState.Entry] = []
        for (key, v) in zip(state.keys, state.values) {
            guard let i = key.asInt, case .dict(let e) = v else { throw PyError(.valueError, "state keys must be parameter numbers with dicts") }
            var buffers: [String: [Float]] = [:]
            var step = 0.0
            for (bk, bv) in zip(e.keys, e.values) {
                guard case .str(let name) = bk else { continue }
                if name == "step" {
                    if case .object(let t as TensorObject) = bv { step = Double(t.tensor.data.first ?? 0) } else { step = bv.asDouble ?? 0 }
                } else if case .object(let t as TensorObject) = bv {
                    buffers[name] = t.tensor.data
                }
            }
            entries.append(.init(index: i, step: step, buffers: buffers))
        }
        st.entries = entries.sorted { $0.index < $1.index }
        try wrap { try opt.load(st) }  // validates sizes and names; nothing changes on error
    }

    static func lookup(_ d: DictObject, _ key: String) -> Value? {
        zip(d.keys, d.values).first { if case .str(key) = $0.0 { return true }; return false }?.1
    }
}
