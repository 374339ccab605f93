import SMRNeural
import SMRTensor

/// The memory-augmented RL notebook's `TransformerActorCritic(obs_dim, act_dim, seq_len=10,
/// hidden_dim=128, n_heads=4, n_layers=2)`:
///
/// ```python
/// self.input_proj = nn.Linear(obs_dim, hidden_dim)
/// self.pos_encoding = nn.Parameter(torch.randn(seq_len, hidden_dim))
/// encoder_layer = nn.TransformerEncoderLayer(d_model=hidden_dim, nhead=n_heads, batch_first=True)
/// self.transformer_encoder = nn.TransformerEncoder(encoder_layer, num_layers=n_layers)
/// self.actor = nn.Linear(hidden_dim, act_dim)
/// self.critic = nn.Linear(hidden_dim, 1)
/// def forward(self, obs_seq):
///     x = self.input_proj(obs_seq) + self.pos_encoding[:obs_seq.size(1),:]
///     memory = self.transformer_encoder(x)
///     latest_memory = memory[:, -1]
///     return torch.tanh(self.actor(latest_memory)), self.critic(latest_memory)
/// ```
///
/// PyTorch's encoder-layer defaults are kept (feed-forward 2048, dropout 0.1, ReLU,
/// post-norm) and the module starts in training mode, as the notebook never calls
/// `eval()`: dropout is active, also under `no_grad`. Parameter names:
/// `pos_encoding`, `input_proj.*`, `transformer_encoder.layers.{0,1}.…`, `actor.*`, `critic.*`
/// (PyTorch lists a module's own parameters before its children's).
public final class TransformerActorCritic: Module {
    public let obsDim: Int, actDim: Int, seqLen: Int, hiddenDim: Int, nHeads: Int, nLayers: Int
    public let inputProj: Linear
    public let posEncoding: Tensor
    public let transformerEncoder: TransformerEncoder
    public let actor: Linear
    public let critic: Linear

    public init(obsDim: Int, actDim: Int, seqLen: Int = 10, hiddenDim: Int = 128, nHeads: Int = 4, nLayers: Int = 2,
                generator: inout RandomGenerator) throws {
        guard obsDim > 0, actDim > 0, seqLen > 0, hiddenDim > 0, nHeads > 0, nLayers > 0 else {
            throw AgentError("TransformerActorCritic", "obs_dim, act_dim, seq_len, hidden_dim, n_heads and n_layers must be positive")
        }
        guard hiddenDim % nHeads == 0 else {
            throw AgentError("TransformerActorCritic", "hidden_dim (\(hiddenDim)) must be divisible by n_heads (\(nHeads))")
        }
        self.obsDim = obsDim
        self.actDim = actDim
        self.seqLen = seqLen
        self.hiddenDim = hiddenDim
        self.nHeads = nHeads
        self.nLayers = nLayers
        inputProj = try Linear(obsDim, hiddenDim, generator: &generator)
        posEncoding = try Initialization.standardNormal([seqLen, hiddenDim], generator: &generator)
        let layer = try TransformerEncoderLayer(dModel: hiddenDim, nhead: nHeads, batchFirst: true, generator: &generator)
        transformerEncoder = try TransformerEncoder(layer, numLayers: nLayers)
        actor = try Linear(hiddenDim, actDim, generator: &generator)
        critic = try Linear(hiddenDim, 1, generator: &generator)
        super.init()
        register(parameter: posEncoding, as: "pos_encoding")
        register(module: inputProj, as: "input_proj")
        register(module: transformerEncoder, as: "transformer_encoder")
        register(module: actor, as: "actor")
        register(module: critic, as: "critic")
    }

    /// Draws the initial weights from the global stream.
    public convenience init(obsDim: Int, actDim: Int, seqLen: Int = 10, hiddenDim: Int = 128, nHeads: Int = 4,
                            nLayers: Int = 2) throws {
        try self.init(obsDim: obsDim, actDim: actDim, seqLen: seqLen, hiddenDim: hiddenDim, nHeads: nHeads,
                      nLayers: nLayers, generator: &GlobalRandom.generator)
    }

    /// `forward(obs_seq)` for `obs_seq` `[batch, T, obs_dim]` with `T ≤ seq_len`: the action
    /// `[batch, act_dim]` (tanh) and the value `[batch, 1]` of the last position.
    public func forward(_ obsSeq: Tensor) throws -> (action: Tensor, value: Tensor) {
        guard obsSeq.rank == 3, obsSeq.shape[2] == obsDim, obsSeq.shape[1] >= 1, obsSeq.shape[1] <= seqLen else {
            throw AgentError("TransformerActorCritic.forward",
                             "expected obs_seq of shape (batch, T, \(obsDim)) with 1 ≤ T ≤ \(seqLen), got \(Shape.describe(obsSeq.shape))")
        }
        let steps = obsSeq.shape[1]
        let positions = steps == seqLen ? posEncoding : try posEncoding.slice(axis: 0, start: 0, end: steps)
        var x = try inputProj.forward(obsSeq) + positions
        // `memory[:, -1]` only reads the last position, and in the last encoder layer the
        // last position depends on the others only through attention's keys and values.
        // So every layer but the last runs in full and the last one for its last query
        // (same values and gradients, a tenth of its feed-forward work).
        let layers = transformerEncoder.layers
        for layer in layers.dropLast() { x = try layer.forward(x) }
        guard let last = layers.last, !last.normFirst, transformerEncoder.norm == nil else {
            let memory = try transformerEncoder.forward(x)
            let latest = try memory.select(axis: 1, index: steps - 1)
            return (try actor.forward(latest).tanh(), try critic.forward(latest))
        }
        let latest = try Self.lastQuery(of: last, x, steps: steps)
        return (try actor.forward(latest).tanh(), try critic.forward(latest))
    }

    /// A post-norm `TransformerEncoderLayer` (batch_first) evaluated for the last position
    /// only: `norm1(x + dropout(sa(x_last, x, x)))`, then `norm2(· + ff(·))`; `[batch, d]`.
    static func lastQuery(of layer: TransformerEncoderLayer, _ x: Tensor, steps: Int) throws -> Tensor {
        let query = try x.slice(axis: 1, start: steps - 1, end: steps)
        let attended = try layer.selfAttn.forward(query: query, key: x, value: x, needWeights: false).output
        var h = try layer.norm1.forward(query + attended.dropout(p: layer.dropoutP, training: layer.training))
        let inner = try layer.linear1.forward(h).relu().dropout(p: layer.dropoutP, training: layer.training)
        h = try layer.norm2.forward(h + layer.linear2.forward(inner).dropout(p: layer.dropoutP, training: layer.training))
        return try h.reshape([h.shape[0], h.shape[2]])
    }
}
