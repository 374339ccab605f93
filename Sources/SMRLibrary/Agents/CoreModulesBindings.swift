import SMRAgents
import SMRLanguage
import SMRNeural
import SMRTensor

/// `core_modules`: the reference repository's exploration helpers, the same types the
/// Strategic Memory Retrieval agent uses for `reward_norm`, `intrinsic_expl` and `use_rnd`:
/// `RewardNormalizer(epsilon=1e-8)`, `StateCounter()` and `RNDModule(obs_dim, emb_dim=32)`.
enum CoreModulesBindings {
    final class NormalizerBox { var value: RewardNormalizer; init(_ v: RewardNormalizer) { value = v } }
    final class CounterBox { var value = StateCounter() }

    static let rewardNormalizerType: NativeType = {
        let t = NativeType("RewardNormalizer", doc: "Running mean/variance of rewards: update(rewards) folds a batch in, normalize(rewards) gives (r - mean) / (sqrt(var) + epsilon).")
        t.initializer(params: [Param("epsilon", .float, default: .float(1e-8))]) { a in
            .object(NativeInstance(type: t, payload: NormalizerBox(RewardNormalizer(epsilon: try a.double("epsilon")))))
        }
        func box(_ o: NativeInstance) throws -> NormalizerBox {
            guard let b = o.payload as? NormalizerBox else { throw PyError(.typeError, "not a RewardNormalizer") }
            return b
        }
        t.method("update", doc: "Fold a batch of rewards into the running statistics.", params: [Param("rewards")]) { o, a in
            try box(o).value.update(try ValueConversion.numbers(a["rewards"], what: "rewards").values)
            return .none
        }
        t.method("normalize", doc: "The rewards normalised by the running statistics (a float64 array).", params: [Param("rewards")]) { o, a in
            let (xs, shape) = try ValueConversion.numbers(a["rewards"], what: "rewards")
            let ys = try box(o).value.normalize(xs)
            if shape.isEmpty, let y = ys.first { return .float(y) }
            return NDArray.make(ys, shape, .float64)
        }
        t.property("mean", doc: "Running mean.") { o in .float(try box(o).value.mean) }
        t.property("var", doc: "Running variance.") { o in .float(try box(o).value.variance) }
        t.property("count", doc: "Running count (starts at 1e-4).") { o in .float(try box(o).value.count) }
        return t
    }()

    static let stateCounterType: NativeType = {
        let t = NativeType("StateCounter", doc: "Count-based exploration: observations rounded to two decimals are counted; the bonus is 1/sqrt(visits).")
        t.initializer(params: []) { _ in .object(NativeInstance(type: t, payload: CounterBox())) }
        func box(_ o: NativeInstance) throws -> CounterBox {
            guard let b = o.payload as? CounterBox else { throw PyError(.typeError, "not a StateCounter") }
            return b
        }
        func observation(_ v: Value) throws -> [Float] {
            try ValueConversion.numbers(v, what: "obs").values.map { Float($0) }
        }
        t.method("count", doc: "Count a visit of obs; returns its visit count.", params: [Param("obs")]) { o, a in
            .int(try box(o).value.count(try observation(a["obs"])))
        }
        t.method("intrinsic_reward", doc: "Count a visit of obs; returns the bonus 1/sqrt(visits).", params: [Param("obs")]) { o, a in
            .float(try box(o).value.intrinsicReward(try observation(a["obs"])))
        }
        t.property("distinct_states", doc: "How many discretised states have been seen.") { o in .int(try box(o).value.distinctStates) }
        return t
    }()

    /// `RNDModule(obs_dim, emb_dim=32)`: a layer; calling it on `[batch, obs_dim]` gives the novelty `[batch]`.
    static func rndModuleType() -> NativeType {
        NNModule.layerClass("RNDModule", doc: "Random Network Distillation: a frozen random target and a trained predictor (Linear, ReLU, Linear each); rnd(obs) is the mean squared difference of their embeddings.",
                            params: [Param("obs_dim", .int), Param("emb_dim", .int, default: .int(32))]) { a, _ in
            let obsDim = try a.int("obs_dim"), embDim = try a.int("emb_dim")
            let m = try AgentArguments.run { try RNDModule(obsDim: obsDim, embDim: embDim, generator: &GlobalRandom.generator) }
            let seq = "Sequential(\n  (0): Linear(in_features=\(obsDim), out_features=\(embDim), bias=True)\n  (1): ReLU()\n  (2): Linear(in_features=\(embDim), out_features=\(embDim), bias=True)\n)"
            let repr = UserModules.treeRepr("RNDModule", [("target", seq), ("predictor", seq)])
            let forward: NNModule.Forward = { args, kw in
                guard args.count == 1, kw.isEmpty else { throw PyError(.typeError, "RNDModule.forward() takes one tensor argument") }
                return TorchArguments.out(try m.novelty(try TorchArguments.tensor(args[0], "obs")))
            }
            return (m, repr, forward)
        }
    }

    static func makeModule() -> NativeModule {
        let m = NativeModule("core_modules", doc: "Exploration helpers of the Strategic Memory Retrieval agent: RewardNormalizer, StateCounter, RNDModule.")
        m.add(rewardNormalizerType)
        m.add(stateCounterType)
        m.add(rndModuleType())
        return m
    }
}
