import SMRLanguage

/// The memory-augmented RL notebook's agents and training helpers in the language, under the notebook's
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
                               "run_episode", "collect_episode", "train_step", "StrategicMemoryAgent"]

    public static func install(into interpreter: Interpreter) {
        let module = makeModule()
        interpreter.register(module: module)
        for name in names {
            if let value = module.member(name) { interpreter.registerBuiltin(name, value) }
        }
        // memory, auxiliar_modules: importable, and every class also a global (a user
        // definition of the same name shadows it).
        for (m, names) in StrategicMemoryBindings.makeModules() {
            interpreter.register(module: m)
            for name in names { if let v = m.member(name) { interpreter.registerBuiltin(name, v) } }
        }
        for m in PPOBindings.makeModules() { interpreter.register(module: m) }
        interpreter.register(module: CoreModulesBindings.makeModule())
        interpreter.register(module: warningsModule())
    }

    /// `warnings`: `filterwarnings` and `simplefilter` are accepted (smr's library raises no
    /// Python warnings to filter), `warn` prints a UserWarning line as Python does.
    static func warningsModule() -> NativeModule {
        let m = NativeModule("warnings", doc: "Warning control: filterwarnings(action, ...), simplefilter(action), warn(message).")
        m.function("filterwarnings", doc: "Accepted; smr's library emits no warnings to filter.", params: [Param("action", .str, default: .str("default"))]) { _ in .none }
        m.function("simplefilter", doc: "Accepted; smr's library emits no warnings to filter.", params: [Param("action", .str, default: .str("default"))]) { _ in .none }
        m.function("warn", doc: "Print 'UserWarning: message' to the output.", params: [Param("message", .any)]) { a in
            a.runtime.write("UserWarning: \(a["message"].description)\n"); return .none
        }
        return m
    }

    /// The `agent` module.
    static func makeModule() -> NativeModule {
        let m = NativeModule("agent", doc: "Memory-augmented agents and their training helpers (the memory-augmented RL notebook's LSTM, Transformer and NTM-like actor-critics on Pendulum-v1).")
        m.add(AgentClasses.lstmActorCritic())
        m.add(AgentClasses.transformerActorCritic())
        m.add(AgentClasses.explicitMemoryAgent())
        for f in TrainingFunctions.all() { m.add(f) }
        m.add(StrategicMemoryBindings.agentType)
        return m
    }
}
