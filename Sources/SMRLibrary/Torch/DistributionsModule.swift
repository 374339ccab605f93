import SMRLanguage
import SMRNeural
import SMRTensor

/// `torch.distributions`: Categorical, Bernoulli and Normal with `sample()`, `log_prob()`, `entropy()`.
enum DistributionsModule {
    static func make() -> NativeModule {
        let m = NativeModule("torch.distributions", doc: "Categorical(probs=None, logits=None), Bernoulli(probs=None, logits=None) and Normal(loc, scale).")
        m.add(categorical())
        m.add(normal())
        m.add(bernoulli())
        return m
    }

    static func sampleShape(_ v: Value) throws -> [Int] {
        if v.isNone { return [] }
        if let i = v.asInt { return [i] }
        let (d, _) = try ValueConversion.numbers(v, what: "sample_shape")
        return try ValueConversion.ints(d, "sample_shape")
    }

    /// The distribution an object holds. The concrete types are tried first: casting `Any` to
    /// a struct compares metadata, while a cast to `any Distribution` searches the runtime's
    /// conformance table (≈ 1 µs a call, three calls per step of a policy-gradient loop).
    static func distribution(_ o: NativeInstance) throws -> any Distribution {
        if let d = o.payload as? Normal { return d }
        if let d = o.payload as? Categorical { return d }
        if let d = o.payload as? any Distribution { return d }
        throw PyError(.typeError, "not a distribution")
    }

    static func addCommon(_ t: NativeType) {
        t.method("sample", doc: "A draw (no gradient), from the global stream (torch.manual_seed / seed).", params: [Param("sample_shape", .any, default: .tuple([]))]) { o, a in
            let d = try distribution(o)
            let isCategorical = d is Categorical
            return .object(TensorObject(try wrap { try d.sample(sampleShape: try sampleShape(a["sample_shape"])) }, isInt: isCategorical))
        }
        t.method("log_prob", doc: "Log-density (differentiable).", params: [Param("value")]) { o, a in
            let d = try distribution(o)
            return TorchArguments.out(try wrap { try d.logProb(try TorchArguments.tensor(a["value"], "value")) })
        }
        t.method("entropy", doc: "Entropy (differentiable).") { o, _ in
            let d = try distribution(o)
            return TorchArguments.out(try wrap { try d.entropy() })
        }
    }

    static func categorical() -> NativeType {
        let t = NativeType("Categorical", doc: "A distribution over 0 … K-1 from probs or logits (give exactly one).")
        t.initializer(params: [Param("probs", .any, default: .none), Param("logits", .any, default: .none),
                               Param("validate_args", .any, default: .none)]) { a in
            let c: Categorical
            switch (a["probs"].isNone, a["logits"].isNone) {
            case (false, true): c = try wrap { try Categorical(probs: try TorchArguments.tensor(a["probs"], "probs")) }
            case (true, false): c = try wrap { try Categorical(logits: try TorchArguments.tensor(a["logits"], "logits")) }
            default: throw PyError(.valueError, "Either `probs` or `logits` must be specified, but not both.")
            }
            let given = a["probs"].isNone ? "logits" : "probs"
            return .object(DistributionInstance(type: t, distribution: c, repr: "Categorical(\(given): \(c.logits.shape == c.probs.shape ? "torch.Size([" + c.probs.shape.map(String.init).joined(separator: ", ") + "])" : ""))"))
        }
        addCommon(t)
        t.property("probs", doc: "Normalised probabilities.") { o in TorchArguments.out((o.payload as? Categorical)?.probs ?? Tensor(scalar: 0)) }
        t.property("logits", doc: "Normalised log-probabilities.") { o in TorchArguments.out((o.payload as? Categorical)?.logits ?? Tensor(scalar: 0)) }
        return t
    }

    static func normal() -> NativeType {
        let t = NativeType("Normal", doc: "Normal(loc, scale): a Gaussian with mean loc and standard deviation scale.")
        t.initializer(params: [Param("loc", .any), Param("scale", .any), Param("validate_args", .any, default: .none)]) { a in
            let n = try wrap { try Normal(mean: try TorchArguments.tensor(a["loc"], "loc"), std: try TorchArguments.tensor(a["scale"], "scale")) }
            let batch = n.batchShape
            func describe() -> String {
                let shape = batch.map(String.init).joined(separator: ", ")
                return "Normal(loc: torch.Size([\(shape)]), scale: torch.Size([\(shape)]))"
            }
            return .object(DistributionInstance(type: t, distribution: n, repr: describe()))
        }
        addCommon(t)
        t.method("rsample", doc: "A reparameterised (differentiable) draw.", params: [Param("sample_shape", .any, default: .tuple([]))]) { o, a in
            guard let d = o.payload as? Normal else { throw PyError(.typeError, "not a Normal") }
            return TorchArguments.out(try wrap { try d.rsample(sampleShape: try sampleShape(a["sample_shape"]), generator: &GlobalRandom.generator) })
        }
        t.property("mean", doc: "loc.") { o in TorchArguments.out((o.payload as? Normal)?.mean ?? Tensor(scalar: 0)) }
        t.property("loc", doc: "Mean.") { o in TorchArguments.out((o.payload as? Normal)?.mean ?? Tensor(scalar: 0)) }
        t.property("stddev", doc: "scale.") { o in TorchArguments.out((o.payload as? Normal)?.std ?? Tensor(scalar: 0)) }
        t.property("scale", doc: "Standard deviation.") { o in TorchArguments.out((o.payload as? Normal)?.std ?? Tensor(scalar: 0)) }
        return t
    }
}

extension DistributionsModule {
    static func bernoulli() -> NativeType {
        let t = NativeType("Bernoulli", doc: "Bernoulli(probs=None, logits=None): draws of 0. / 1. with probability probs (or sigmoid(logits)) of 1.")
        t.initializer(params: [Param("probs", .any, default: .none), Param("logits", .any, default: .none),
                               Param("validate_args", .any, default: .none)]) { a in
            let fromProbs: Bool
            switch (a["probs"].isNone, a["logits"].isNone) {
            case (false, true): fromProbs = true
            case (true, false): fromProbs = false
            default: throw PyError(.valueError, "Either `probs` or `logits` must be specified, but not both.")
            }
            let name = fromProbs ? "probs" : "logits"
            let parameter = try TorchArguments.tensor(a[name], name)
            if fromProbs, parameter.data.contains(where: { !($0 >= 0 && $0 <= 1) }) {
                let shown = BernoulliInstance.describe(parameter)
                throw PyError(.valueError, "Expected parameter probs (Tensor of shape \(BernoulliInstance.shapeTuple(parameter.shape))) of distribution Bernoulli(probs: \(shown)) to satisfy the constraint Interval(lower_bound=0.0, upper_bound=1.0), but found invalid values:\n\(TensorObject(parameter).repr)")
            }
            let d = try wrap { fromProbs ? try Bernoulli(probs: parameter) : try Bernoulli(logits: parameter) }
            return .object(BernoulliInstance(type: t, distribution: d, fromProbs: fromProbs))
        }
        t.method("sample", doc: "Zeros and ones (no gradient), from the global stream (torch.manual_seed).", params: [Param("sample_shape", .any, default: .tuple([]))]) { o, a in
            guard let d = o.payload as? Bernoulli else { throw PyError(.typeError, "not a Bernoulli") }
            return .object(TensorObject(try wrap { try d.sample(sampleShape: try sampleShape(a["sample_shape"])) }))
        }
        t.method("log_prob", doc: "log p(value) for values 0 / 1 (differentiable).", params: [Param("value")]) { o, a in
            guard let inst = o as? BernoulliInstance, let d = o.payload as? Bernoulli else { throw PyError(.typeError, "not a Bernoulli") }
            let value = try TorchArguments.tensor(a["value"], "value")
            if value.data.contains(where: { $0 != 0 && $0 != 1 }) {
                throw PyError(.valueError, "Expected value argument (Tensor of shape \(BernoulliInstance.shapeTuple(value.shape))) to be within the support (Boolean()) of the distribution \(inst.repr), but found invalid values:\n\(TensorObject(value).repr)")
            }
            return TorchArguments.out(try wrap { try d.logProb(value) })
        }
        t.method("entropy", doc: "Entropy of each distribution (differentiable).") { o, _ in
            guard let d = o.payload as? Bernoulli else { throw PyError(.typeError, "not a Bernoulli") }
            return TorchArguments.out(try wrap { try d.entropy() })
        }
        t.property("probs", doc: "Probabilities of 1.") { o in
            guard let inst = o as? BernoulliInstance, let d = o.payload as? Bernoulli else { throw PyError(.typeError, "not a Bernoulli") }
            inst.hasProbs = true
            return TorchArguments.out(d.probs)
        }
        t.property("logits", doc: "Log-odds of 1.") { o in
            guard let inst = o as? BernoulliInstance, let d = o.payload as? Bernoulli else { throw PyError(.typeError, "not a Bernoulli") }
            inst.hasLogits = true
            return TorchArguments.out(d.logits)
        }
        t.property("mean", doc: "probs.") { o in
            guard let inst = o as? BernoulliInstance, let d = o.payload as? Bernoulli else { throw PyError(.typeError, "not a Bernoulli") }
            inst.hasProbs = true
            return TorchArguments.out(d.mean)
        }
        t.property("variance", doc: "probs · (1 - probs).") { o in
            guard let inst = o as? BernoulliInstance, let d = o.payload as? Bernoulli else { throw PyError(.typeError, "not a Bernoulli") }
            inst.hasProbs = true
            return TorchArguments.out(d.variance)
        }
        t.property("mode", doc: "1. where probs > 0.5, 0. below, nan at exactly 0.5.") { o in
            guard let inst = o as? BernoulliInstance, let d = o.payload as? Bernoulli else { throw PyError(.typeError, "not a Bernoulli") }
            inst.hasProbs = true
            return .object(TensorObject(d.mode))
        }
        t.property("batch_shape", doc: "The parameter's shape.") { o in
            .object(SizeObject((o.payload as? Bernoulli)?.batchShape ?? []))
        }
        return t
    }
}

/// A Bernoulli object. Like PyTorch, the parameter it was not built from is computed
/// lazily and appears in the repr once it has been read (`probs` before `logits`).
final class BernoulliInstance: NativeInstance {
    var hasProbs: Bool
    var hasLogits: Bool
    init(type: NativeType, distribution: Bernoulli, fromProbs: Bool) {
        hasProbs = fromProbs
        hasLogits = !fromProbs
        super.init(type: type, payload: distribution)
    }

    /// PyTorch's `Distribution.__repr__` form of one parameter: the value when it has one
    /// element (a float for 0-D), else its size.
    static func describe(_ t: Tensor) -> String {
        guard t.count == 1 else { return "torch.Size([" + t.shape.map(String.init).joined(separator: ", ") + "])" }
        return t.rank == 0 ? Repr.floatRepr(Double(t.data[0])) : TensorObject(t).repr
    }

    static func shapeTuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    override var repr: String {
        guard let d = payload as? Bernoulli else { return "Bernoulli()" }
        var parts: [String] = []
        if hasProbs { parts.append("probs: " + Self.describe(d.probs)) }
        if hasLogits { parts.append("logits: " + Self.describe(d.logits)) }
        return "Bernoulli(" + parts.joined(separator: ", ") + ")"
    }
}

final class DistributionInstance: NativeInstance {
    /// The repr, formed only when shown: a policy builds a distribution every step.
    private let makeRepr: () -> String
    init(type: NativeType, distribution: any Distribution, repr: @escaping @autoclosure () -> String) {
        makeRepr = repr
        super.init(type: type, payload: distribution)
    }
    override var repr: String { makeRepr() }
}
