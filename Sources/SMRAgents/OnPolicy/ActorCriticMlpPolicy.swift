import SMRNeural
import SMRTensor

/// Stable-Baselines3's `ActorCriticPolicy` with `"MlpPolicy"` for a Discrete action space:
/// separate actor and critic networks (`net_arch=dict(pi=[64, 64], vf=[64, 64])`, tanh),
/// `action_net` (one logit per action) and `value_net`, orthogonally initialised with SB3's
/// gains (√2 for the extractor, 0.01 for the action net, 1 for the value net; biases 0).
/// Parameter names are SB3's: `mlp_extractor.policy_net.0.weight`, …, `action_net.bias`,
/// `value_net.bias` (9,027 parameters for 3 observations and 2 actions).
public final class ActorCriticMlpPolicy: Module {
    /// `nn.Sequential(Linear, Tanh, Linear, Tanh)`: the linears are entries 0 and 2.
    public final class TanhMLP: Module {
        public let layers: [Linear]
        init(sizes: [Int], generator: inout RandomGenerator) throws {
            var built: [Linear] = []
            for (i, o) in zip(sizes, sizes.dropFirst()) {
                let l = try Linear(i, o, generator: &generator)
                try ActorCriticMlpPolicy.orthogonalInit(l, gain: Float(2).squareRoot(), generator: &generator)
                built.append(l)
            }
            layers = built
            super.init()
            for (k, l) in layers.enumerated() { register(module: l, as: String(2 * k)) }
        }

        func forward(_ x: Tensor) throws -> Tensor {
            var h = x
            for l in layers { h = try l.forward(h).tanh() }
            return h
        }
    }

    /// `MlpExtractor`: the actor's and the critic's latent networks.
    public final class Extractor: Module {
        public let policyNet: TanhMLP, valueNet: TanhMLP
        init(features: Int, netArch: [Int], generator: inout RandomGenerator) throws {
            policyNet = try TanhMLP(sizes: [features] + netArch, generator: &generator)
            valueNet = try TanhMLP(sizes: [features] + netArch, generator: &generator)
            super.init()
            register(module: policyNet, as: "policy_net")
            register(module: valueNet, as: "value_net")
        }
    }

    public let observationSize: Int, actionCount: Int
    public let mlpExtractor: Extractor
    public let actionNet: Linear, valueNet: Linear

    public init(observationSize: Int, actionCount: Int, netArch: [Int] = [64, 64], generator: inout RandomGenerator) throws {
        guard observationSize > 0, actionCount > 0 else {
            throw AgentError("MlpPolicy", "needs at least one observation value and one action")
        }
        guard let last = netArch.last, netArch.allSatisfy({ $0 > 0 }) else {
            throw AgentError("MlpPolicy", "net_arch must list positive layer sizes, got \(netArch)")
        }
        self.observationSize = observationSize
        self.actionCount = actionCount
        mlpExtractor = try Extractor(features: observationSize, netArch: netArch, generator: &generator)
        actionNet = try Linear(last, actionCount, generator: &generator)
        try Self.orthogonalInit(actionNet, gain: 0.01, generator: &generator)
        valueNet = try Linear(last, 1, generator: &generator)
        try Self.orthogonalInit(valueNet, gain: 1, generator: &generator)
        super.init()
        register(module: mlpExtractor, as: "mlp_extractor")
        register(module: actionNet, as: "action_net")
        register(module: valueNet, as: "value_net")
    }

    static func orthogonalInit(_ l: Linear, gain: Float, generator: inout RandomGenerator) throws {
        try l.weight.assign(Initialization.orthogonal(l.weight.shape, gain: gain, generator: &generator).data)
        if let b = l.bias { try b.assign([Float](repeating: 0, count: b.count)) }
    }

    /// Action logits `[B, n]` and values `[B]` for observations `[B, obs]`.
    public func forward(_ obs: Tensor) throws -> (logits: Tensor, values: Tensor) {
        let logits = try actionNet.forward(mlpExtractor.policyNet.forward(obs))
        let values = try valueNet.forward(mlpExtractor.valueNet.forward(obs)).reshape([obs.shape[0]])
        return (logits, values)
    }
}
