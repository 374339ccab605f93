import SMRNeural
import SMRTensor

/// The Strategic Memory Retrieval policy (the reference's `StrategicMemoryTransformerPolicy(
/// obs_dim, mem_dim=32, nhead=4, memory=None, aux_modules=None)`): the episode so far is
/// embedded (`embed` + learned `pos_embed`, 256 positions), encoded by a one-layer
/// `TransformerEncoder` (PyTorch defaults, training mode: dropout active), and the final
/// token's features are concatenated with the memory's readout for the policy head (one
/// logit per action), the value head and the auxiliary heads.
///
/// The memory is a registered sub-module (`memory.*` parameters), as assigning an
/// `nn.Module` attribute registers it in PyTorch, so the memory's encoder is trained through
/// `retrieve` by the agent's optimizer. The memory context aligns token i as
/// `(obs_i, a_{i-1}, r_{i-1})`, zeros first.
public final class StrategicMemoryTransformerPolicy: Module {
    /// Positions of `pos_embed`: the longest trajectory the policy can read.
    public static let maxPositions = 256

    public let obsDim: Int, memDim: Int, nhead: Int, nActions: Int
    public let embed: Linear
    public let posEmbed: Embedding
    public let transformer: TransformerEncoder
    public let policyHead: Linear
    public let valueHead: Linear
    public let memory: StrategicMemoryBuffer?
    public let auxModules: [AuxiliaryModule]

    public init(obsDim: Int, memDim: Int = 32, nhead: Int = 4, nActions: Int = 2, memory: StrategicMemoryBuffer? = nil,
                auxModules: [AuxiliaryModule] = [], dropout: Float = 0.1, generator: inout RandomGenerator) throws {
        guard obsDim > 0 else { throw AgentError("StrategicMemoryTransformerPolicy", "obs_dim must be positive, got \(obsDim)") }
        guard memDim > 0, nhead > 0, memDim % nhead == 0 else {
            throw AgentError("StrategicMemoryTransformerPolicy", "mem_dim (\(memDim)) must be a positive multiple of nhead (\(nhead))")
        }
        guard nActions >= 1 else { throw AgentError("StrategicMemoryTransformerPolicy", "the action space needs at least one action") }
        if let memory, memory.memDim != memDim {
            throw AgentError("StrategicMemoryTransformerPolicy", "the memory's mem_dim (\(memory.memDim)) differs from the policy's (\(memDim))")
        }
        if let memory, memory.obsDim != obsDim {
            throw AgentError("StrategicMemoryTransformerPolicy", "the memory was built for obs_dim \(memory.obsDim), but the observations have \(obsDim) values")
        }
        self.obsDim = obsDim
        self.memDim = memDim
        self.nhead = nhead
        self.nActions = nActions
        embed = try Linear(obsDim, memDim, generator: &generator)
        posEmbed = try Embedding(Self.maxPositions, memDim, generator: &generator)
        let layer = try TransformerEncoderLayer(dModel: memDim, nhead: nhead, dropout: dropout, batchFirst: true, generator: &generator)
        transformer = try TransformerEncoder(layer, numLayers: 1)
        policyHead = try Linear(2 * memDim, nActions, generator: &generator)
        valueHead = try Linear(2 * memDim, 1, generator: &generator)
        self.memory = memory
        self.auxModules = auxModules
        super.init()
        register(module: embed, as: "embed")
        register(module: posEmbed, as: "pos_embed")
        register(module: transformer, as: "transformer")
        register(module: policyHead, as: "policy_head")
        register(module: valueHead, as: "value_head")
        if let memory { register(module: memory, as: "memory") }
    }

    /// One forward pass over the episode so far.
    public struct Output {
        /// `[n_actions]` unnormalised log-probabilities.
        public var logits: Tensor
        /// `[]` the state-value estimate.
        public var value: Tensor
        /// `[2·mem_dim]` the final token's features and the memory readout.
        public var features: Tensor
        /// The memory readout `[mem_dim]` (zeros without retrieval).
        public var readout: Tensor
        /// Attention over the memory entries, when a retrieval happened.
        public var attention: Tensor?
        /// Each auxiliary head's prediction `[outputs]`, by module name.
        public var aux: [(name: String, prediction: Tensor)]
    }

    /// Checks a trajectory's length and width, naming the limit.
    public func validate(steps: Int, width: Int) throws {
        guard steps >= 1 else { throw AgentError("StrategicMemoryTransformerPolicy", "the trajectory is empty") }
        guard width == obsDim else {
            throw AgentError("StrategicMemoryTransformerPolicy", "observations have \(width) values, but the policy was built for obs_dim \(obsDim)")
        }
        guard steps <= Self.maxPositions else {
            throw AgentError("StrategicMemoryTransformerPolicy", "the trajectory has \(steps) steps, but pos_embed has only \(Self.maxPositions) positions (episodes longer than \(Self.maxPositions) steps are not supported)")
        }
    }

    /// `policy(trajectory, actions=…, rewards=…)`: `trajectory` holds the observations so
    /// far; with a memory and both `actions` and `rewards` given (the previous steps', possibly
    /// one shorter than the trajectory: they are zero-padded at the front), the memory is read.
    public func forward(trajectory: [[Float]], actions: [Float]? = nil, rewards: [Float]? = nil) throws -> Output {
        let t = trajectory.count
        try validate(steps: t, width: trajectory.first?.count ?? 0)
        for (i, row) in trajectory.enumerated() where row.count != obsDim {
            throw AgentError("StrategicMemoryTransformerPolicy", "observation \(i) has \(row.count) values; expected \(obsDim)")
        }
        let obs = try Tensor(trajectory.flatMap { $0 }, shape: [t, obsDim])
        let x = try embed.forward(obs) + posEmbed.forward(Array(0..<t))
        let encoded = try transformer.forward(x.unsqueeze(0))
        let feat = try encoded.select(axis: 1, index: t - 1).reshape([memDim])

        var readout = Tensor([Float](filled: 0, count: memDim))
        var attention: Tensor?
        if let memory, let actions, let rewards {
            let context = try Self.memoryContext(trajectory: trajectory, actions: actions, rewards: rewards)
            (readout, attention) = try memory.retrieve(context: context)
        }
        let features = try Tensor.concat([feat, readout], axis: 0)
        let logits = try policyHead.forward(features)
        let value = try valueHead.forward(features).reshape([])
        let aux = try auxModules.map { ($0.name, try $0.predict(features)) }
        return Output(logits: logits, value: value, features: features, readout: readout, attention: attention, aux: aux)
    }

    /// Memory tokens `(obs_i, a_{i-1}, r_{i-1})`: actions and rewards shorter than the
    /// trajectory are padded with zeros at the front, as the reference does.
    public static func memoryContext(trajectory: [[Float]], actions: [Float], rewards: [Float]) throws -> [[Float]] {
        let t = trajectory.count
        guard actions.count <= t, rewards.count <= t else {
            throw AgentError("StrategicMemoryTransformerPolicy", "got \(actions.count) actions and \(rewards.count) rewards for a trajectory of \(t) steps")
        }
        let a = [Float](filled: 0, count: t - actions.count) + actions
        let r = [Float](filled: 0, count: t - rewards.count) + rewards
        return (0..<t).map { trajectory[$0] + [a[$0], r[$0]] }
    }
}
