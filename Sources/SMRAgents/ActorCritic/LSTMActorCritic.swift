import SMRNeural
import SMRTensor

/// The memory-augmented RL notebook's `LSTMActorCritic(obs_dim, act_dim, hidden_size=128)`:
///
/// ```python
/// self.lstm = nn.LSTM(obs_dim, hidden_size, batch_first=True)
/// self.actor = nn.Linear(hidden_size, act_dim)
/// self.critic = nn.Linear(hidden_size, 1)
/// def forward(self, obs, hidden):
///     obs = obs.view(1, 1, -1)
///     lstm_out, hidden = self.lstm(obs, hidden)
///     action_mean = torch.tanh(self.actor(lstm_out[:, -1]))
///     value = self.critic(lstm_out[:, -1])
///     return action_mean, value, hidden
/// ```
///
/// Parameters as `named_parameters()` lists them: `lstm.weight_ih_l0`, `lstm.weight_hh_l0`,
/// `lstm.bias_ih_l0`, `lstm.bias_hh_l0`, `actor.weight`, `actor.bias`, `critic.weight`,
/// `critic.bias`, drawn from the global stream in that order. One step is one fused LSTM
/// cell plus two linear heads (six graph nodes), since the sequence has length 1.
public final class LSTMActorCritic: Module {
    public let obsDim: Int, actDim: Int, hiddenSize: Int
    public let lstm: LSTM
    public let actor: Linear
    public let critic: Linear
    let weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor

    /// The recurrent state `(h, c)`, each `[1, 1, hidden]` as `init_hidden()` returns it.
    public typealias Hidden = (h: Tensor, c: Tensor)

    public init(obsDim: Int, actDim: Int, hiddenSize: Int = 128, generator: inout RandomGenerator) throws {
        guard obsDim > 0, actDim > 0, hiddenSize > 0 else {
            throw AgentError("LSTMActorCritic", "obs_dim, act_dim and hidden_size must be positive, got \(obsDim), \(actDim), \(hiddenSize)")
        }
        self.obsDim = obsDim
        self.actDim = actDim
        self.hiddenSize = hiddenSize
        lstm = try LSTM(obsDim, hiddenSize, batchFirst: true, generator: &generator)
        actor = try Linear(hiddenSize, actDim, generator: &generator)
        critic = try Linear(hiddenSize, 1, generator: &generator)
        let p = Dictionary(uniqueKeysWithValues: lstm.namedParameters().map { ($0.name, $0.tensor) })
        guard let wIH = p["weight_ih_l0"], let wHH = p["weight_hh_l0"], let bIH = p["bias_ih_l0"], let bHH = p["bias_hh_l0"] else {
            throw AgentError("LSTMActorCritic", "the LSTM has no layer-0 weights")
        }
        (weightIH, weightHH, biasIH, biasHH) = (wIH, wHH, bIH, bHH)
        super.init()
        register(module: lstm, as: "lstm")
        register(module: actor, as: "actor")
        register(module: critic, as: "critic")
    }

    /// Draws the initial weights from the global stream (`torch.manual_seed` + the constructor).
    public convenience init(obsDim: Int, actDim: Int, hiddenSize: Int = 128) throws {
        try self.init(obsDim: obsDim, actDim: actDim, hiddenSize: hiddenSize, generator: &GlobalRandom.generator)
    }

    /// `init_hidden()`: zeros `(1, 1, hidden)` for h and c. (The notebook hard-codes 128;
    /// this uses `hidden_size`, which is 128 by default.)
    public func initHidden() throws -> Hidden {
        (try Tensor.zeros([1, 1, hiddenSize]), try Tensor.zeros([1, 1, hiddenSize]))
    }

    /// `forward(obs, hidden)`: `obs` holds `obs_dim` values (any shape, as `view(1, 1, -1)`);
    /// returns the action mean `[1, act_dim]`, the value `[1, 1]` and the new `(h, c)`.
    public func forward(_ obs: Tensor, hidden: Hidden) throws -> (actionMean: Tensor, value: Tensor, hidden: Hidden) {
        guard obs.count == obsDim else {
            throw AgentError("LSTMActorCritic.forward", "expected \(obsDim) observation values, got shape \(Shape.describe(obs.shape))")
        }
        guard hidden.h.count == hiddenSize, hidden.c.count == hiddenSize else {
            throw AgentError("LSTMActorCritic.forward", "hidden must be (h, c) of shape (1, 1, \(hiddenSize))")
        }
        let x = obs.rank == 2 && obs.shape[0] == 1 ? obs : try obs.reshape([1, obsDim])
        let h0 = hidden.h.rank == 2 ? hidden.h : try hidden.h.reshape([1, hiddenSize])
        let c0 = hidden.c.rank == 2 ? hidden.c : try hidden.c.reshape([1, hiddenSize])
        let hc = try Tensor.lstmCell(x, h: h0, c: c0, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
        let h = try hc.slice(axis: 1, start: 0, end: hiddenSize)
        let c = try hc.slice(axis: 1, start: hiddenSize, end: 2 * hiddenSize)
        let mean = try actor.forward(h).tanh()
        let value = try critic.forward(h)
        return (mean, value, (h, c))
    }
}
