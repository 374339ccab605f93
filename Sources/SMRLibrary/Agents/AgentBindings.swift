import SMRLanguage

/// The seed-B notebook's agents and training helpers in the language, under the notebook's
/// names: the classes `LSTMActorCritic`, `TransformerActorCritic`, `ExplicitMemoryAgent`
/// and the functions `run_episode`, `collect_episode`, `train_step`.
///
/// They are importable from the `agent` module (`from agent import LSTMActorCritic`) and
/// also bound as plain names, since the notebook defines them itself rather than importing
/// them. `Library.install(into:)` is expected to call `install(into:)`.
///
///     env = gym.make("Pendulum-v1")
///     agent = LSTMActorCritic(obs_dim, act_dim)
///     optimizer = optim.Adam(agent.parameters(), lr=3e-4)
///     ep_reward = run_episode(env, agent, optimizer)      # [-890.9534]
public enum AgentBindings {
    /// The names this installs (module members and plain names).
    public static let names = ["LSTMActorCritic", "TransformerActorCritic", "ExplicitMemoryAgent",
                               "run_episode", "collect_episode", "train_step"]

    public static func install(into interpreter: Interpreter) {
        let module = makeModule()
        interpreter.register(module: module)
        for name in names {
            if let value = module.member(name) { interpreter.registerBuiltin(name, value) }
        }
    }

    /// The `agent` module.
    static func makeModule() -> NativeModule {
        let m = NativeModule("agent", doc: "Memory-augmented agents and their training helpers (seed B: LSTM, Transformer and NTM-like actor-critics on Pendulum-v1).")
        m.add(AgentClasses.lstmActorCritic())
        m.add(AgentClasses.transformerActorCritic())
        m.add(AgentClasses.explicitMemoryAgent())
        for f in TrainingFunctions.all() { m.add(f) }
        return m
    }
}
