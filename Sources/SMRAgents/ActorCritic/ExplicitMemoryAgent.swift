import SMRNeural
import SMRTensor

/// The memory-augmented RL notebook's NTM-like `ExplicitMemoryAgent(obs_dim, act_dim, memory_slots=20,
/// memory_dim=32, hidden_dim=128)`, ported as its code does it:
///
/// ```python
/// self.controller = nn.GRUCell(obs_dim+memory_dim, hidden_dim)
/// self.memory = torch.zeros(memory_slots, memory_dim)      # a plain attribute, not a buffer
/// self.read_head = nn.Linear(hidden_dim, memory_slots)
/// self.write_head = nn.Linear(hidden_dim, memory_slots)
/// self.write_projection = nn.Linear(hidden_dim, memory_dim)
/// self.actor = nn.Linear(hidden_dim+memory_dim, act_dim)
/// self.critic = nn.Linear(hidden_dim+memory_dim, 1)
/// def forward(self, obs, hidden):
///     obs = obs.unsqueeze(0)
///     read_weights = torch.softmax(self.read_head(hidden), dim=-1)    # read with the *previous* hidden
///     read_vector = torch.matmul(read_weights, self.memory)
///     hidden = self.controller(torch.cat([obs, read_vector], dim=-1), hidden)
///     write_weights = torch.softmax(self.write_head(hidden), dim=-1)
///     write_content = torch.tanh(self.write_projection(hidden))
///     self.memory = self.memory + write_weights.squeeze(0).unsqueeze(-1) * write_content
///     actor_input = torch.cat([hidden, read_vector], dim=-1)
///     return torch.tanh(self.actor(actor_input)).squeeze(0), self.critic(actor_input).squeeze(0), hidden
/// ```
///
/// The memory is never detached: within an episode gradients flow back through every
/// write, as in the notebook. `reset_memory()` starts a fresh (zero) memory.
public final class ExplicitMemoryAgent: Module {
    public let obsDim: Int, actDim: Int, memorySlots: Int, memoryDim: Int, hiddenDim: Int
    public let controller: GRUCell
    public let readHead: Linear, writeHead: Linear, writeProjection: Linear
    public let actor: Linear, critic: Linear
    /// The `memory_slots × memory_dim` memory (`self.memory`), part of the graph within an episode.
    public private(set) var memory: Tensor

    public init(obsDim: Int, actDim: Int, memorySlots: Int = 20, memoryDim: Int = 32, hiddenDim: Int = 128,
                generator: inout RandomGenerator) throws {
        guard obsDim > 0, actDim > 0, memorySlots > 0, memoryDim > 0, hiddenDim > 0 else {
            throw AgentError("ExplicitMemoryAgent", "obs_dim, act_dim, memory_slots, memory_dim and hidden_dim must be positive")
        }
        self.obsDim = obsDim
        self.actDim = actDim
        self.memorySlots = memorySlots
        self.memoryDim = memoryDim
        self.hiddenDim = hiddenDim
        controller = try GRUCell(obsDim + memoryDim, hiddenDim, generator: &generator)
        memory = try Tensor.zeros([memorySlots, memoryDim])
        readHead = try Linear(hiddenDim, memorySlots, generator: &generator)
        writeHead = try Linear(hiddenDim, memorySlots, generator: &generator)
        writeProjection = try Linear(hiddenDim, memoryDim, generator: &generator)
        actor = try Linear(hiddenDim + memoryDim, actDim, generator: &generator)
        critic = try Linear(hiddenDim + memoryDim, 1, generator: &generator)
        super.init()
        register(module: controller, as: "controller")
        register(module: readHead, as: "read_head")
        register(module: writeHead, as: "write_head")
        register(module: writeProjection, as: "write_projection")
        register(module: actor, as: "actor")
        register(module: critic, as: "critic")
    }

    /// Draws the initial weights from the global stream.
    public convenience init(obsDim: Int, actDim: Int, memorySlots: Int = 20, memoryDim: Int = 32, hiddenDim: Int = 128) throws {
        try self.init(obsDim: obsDim, actDim: actDim, memorySlots: memorySlots, memoryDim: memoryDim, hiddenDim: hiddenDim,
                      generator: &GlobalRandom.generator)
    }

    /// `reset_memory()`: a zero memory, cut from any previous graph.
    public func resetMemory() throws { memory = try Tensor.zeros([memorySlots, memoryDim]) }

    /// `init_hidden()`: zeros `(1, hidden_dim)`.
    public func initHidden() throws -> Tensor { try Tensor.zeros([1, hiddenDim]) }

    /// `forward(obs, hidden)` for `obs` `[obs_dim]` and `hidden` `[1, hidden_dim]`: the action
    /// `[act_dim]`, the value `[1]` and the new hidden state; writes to `memory`.
    public func forward(_ obs: Tensor, hidden: Tensor) throws -> (action: Tensor, value: Tensor, hidden: Tensor) {
        guard obs.count == obsDim, hidden.shape == [1, hiddenDim] else {
            throw AgentError("ExplicitMemoryAgent.forward",
                             "expected obs of \(obsDim) values and hidden of shape (1, \(hiddenDim)), got \(Shape.describe(obs.shape)) and \(Shape.describe(hidden.shape))")
        }
        let x = obs.shape == [1, obsDim] ? obs : try obs.reshape([1, obsDim])
        let readWeights = try readHead.forward(hidden).softmax(axis: -1)
        let readVector = try readWeights.matmul(memory)
        let controllerInput = try Tensor.concat([x, readVector], axis: -1)
        let newHidden = try controller.forward(controllerInput, state: hidden)
        let writeWeights = try writeHead.forward(newHidden).softmax(axis: -1)
        let writeContent = try writeProjection.forward(newHidden).tanh()
        // write_weightsᵀ · write_content: the broadcast product as a rank-1 matmul (same
        // products, and a backward without broadcast reductions).
        memory = try memory + writeWeights.reshape([memorySlots, 1]).matmul(writeContent)
        let actorInput = try Tensor.concat([newHidden, readVector], axis: -1)
        let action = try actor.forward(actorInput).tanh().reshape([actDim])
        let value = try critic.forward(actorInput).reshape([1])
        return (action, value, newHidden)
    }
}
