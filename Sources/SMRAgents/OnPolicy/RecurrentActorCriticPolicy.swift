import SMRNeural
import SMRTensor

/// sb3-contrib's `RecurrentActorCriticPolicy` ("MlpLstmPolicy") with its defaults: an actor
/// `lstm_actor` and a separate critic `lstm_critic` (one layer, hidden 256, PyTorch's
/// default init, `shared_lstm=False`, `enable_critic_lstm=True`) reading the flattened
/// observation, then SB3's MLP extractor (256→64→64 tanh for each) and the `action_net` /
/// `value_net` heads with orthogonal init. 575,939 parameters on `MemoryTaskEnv`.
public final class RecurrentActorCriticPolicy: Module {
    public let lstmActor: LSTM
    public let lstmCritic: LSTM
    public let heads: ActorCriticMlpPolicy
    let actor: LSTMRunner
    let critic: LSTMRunner
    public var hiddenSize: Int { lstmActor.hiddenSize }
    public var actionCount: Int { heads.actionCount }

    public init(observationSize: Int, actionCount: Int, lstmHiddenSize: Int = 256, piArch: [Int] = [64, 64],
                vfArch: [Int] = [64, 64], generator: inout RandomGenerator) throws {
        guard lstmHiddenSize > 0 else { throw AgentError("MlpLstmPolicy", "lstm_hidden_size must be positive, got \(lstmHiddenSize)") }
        heads = try ActorCriticMlpPolicy(observationSize: lstmHiddenSize, actionCount: actionCount,
                                         piArch: piArch, vfArch: vfArch, generator: &generator)
        lstmActor = try LSTM(observationSize, lstmHiddenSize, generator: &generator)
        lstmCritic = try LSTM(observationSize, lstmHiddenSize, generator: &generator)
        actor = try LSTMRunner(lstmActor)
        critic = try LSTMRunner(lstmCritic)
        super.init()
        let extractor = Module()
        extractor.register(module: heads.policyNet, as: "policy_net")
        extractor.register(module: heads.valueNet, as: "value_net")
        register(module: extractor, as: "mlp_extractor")
        register(module: heads.actionNet, as: "action_net")
        register(module: heads.valueHead, as: "value_net")
        register(module: lstmActor, as: "lstm_actor")
        register(module: lstmCritic, as: "lstm_critic")
    }
}

/// The actor's and critic's LSTM states (h, c) for one environment.
public struct RecurrentState: Equatable, Sendable {
    public var actorH: [Float], actorC: [Float], criticH: [Float], criticC: [Float]
    public init(hidden: Int) {
        actorH = [Float](filled: 0, count: hidden); actorC = actorH; criticH = actorH; criticC = actorH
    }
}
