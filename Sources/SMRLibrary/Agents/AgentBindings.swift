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

    /// `warnings`: smr's library raises no Python warnings, so the filters matter only for
    /// `warn` in user code: after `filterwarnings("ignore")` / `simplefilter("ignore")` (the
    /// sources' first cell) it is silent, after "error" it raises, otherwise it prints a
    /// `UserWarning: message` line; `catch_warnings()` restores the filters on exit, and with
    /// `record=True` collects the warnings in the list it returns instead of printing them.
    static func warningsModule() -> NativeModule {
        final class Filters {
            var action = "default"
            var recorded: [ListObject] = []  // innermost catch_warnings(record=True) last
        }
        let filters = Filters()
        let m = NativeModule("warnings", doc: "Warning control: filterwarnings(action, ...), simplefilter(action), warn(message), catch_warnings().")
        let actions: Set<String> = ["default", "error", "ignore", "always", "module", "once"]
        func setAction(_ a: Arguments) throws -> Value {
            let action = try a.string("action")
            guard actions.contains(action) else { throw PyError(.valueError, "invalid action: '\(action)'") }
            filters.action = action
            return .none
        }
        m.function("filterwarnings", doc: "Set how warn() reports: 'ignore', 'error', 'default', 'always', 'module', 'once'.",
                   params: [Param("action", .str), Param("message", .any, default: .str("")), Param("category", .any, default: .none),
                            Param("module", .any, default: .str("")), Param("lineno", .any, default: .int(0)),
                            Param("append", .any, default: .bool(false))], setAction)
        m.function("simplefilter", doc: "Set how warn() reports: 'ignore', 'error', 'default', 'always', 'module', 'once'.",
                   params: [Param("action", .str), Param("category", .any, default: .none), Param("lineno", .any, default: .int(0)),
                            Param("append", .any, default: .bool(false))], setAction)
        m.function("resetwarnings", doc: "Back to the default filter.", params: []) { _ in filters.action = "default"; return .none }
        m.function("warn", doc: "Report a UserWarning as the filters say.",
                   params: [Param("message", .any), Param("category", .any, default: .none), Param("stacklevel", .any, default: .int(1))]) { a in
            let message = a["message"].description
            let category = a["category"].isNone ? "UserWarning" : (Exceptions.className(of: a["category"]) ?? "")
            guard let kind = ErrorKind(rawValue: category), Exceptions.isSubclass(category, of: "Warning") else {
                throw PyError(.typeError, "category must be a Warning subclass, not '\(a["category"].typeName)'")
            }
            if let list = filters.recorded.last {
                list.items.append(.str(message))
                return .none
            }
            switch filters.action {
            case "ignore": return .none
            case "error": throw PyError(kind, message)
            default:
                a.runtime.write("\(category): \(message)\n")
                return .none
            }
        }
        let catcher = NativeType("catch_warnings", doc: "Context manager: the filters set inside are undone on exit; record=True collects warnings in a list.")
        final class Saved { var action: String; let record: Bool; init(_ a: String, _ r: Bool) { action = a; record = r } }
        catcher.initializer(params: [Param("record", .bool, default: .bool(false))]) { a in
            .object(NativeInstance(type: catcher, payload: Saved(filters.action, try a.bool("record"))))
        }
        catcher.method("__enter__", doc: "Save the filters; the list of recorded warnings when record=True.", params: []) { obj, _ in
            guard let saved = obj.payload as? Saved else { return .none }
            saved.action = filters.action
            guard saved.record else { return .none }
            let list = ListObject()
            filters.recorded.append(list)
            return .list(list)
        }
        catcher.method("__exit__", doc: "Restore the filters; exceptions propagate.",
                       params: [Param("exc_type", .any, default: .none), Param("exc_value", .any, default: .none),
                                Param("traceback", .any, default: .none)]) { obj, _ in
            guard let saved = obj.payload as? Saved else { return .bool(false) }
            filters.action = saved.action
            if saved.record { _ = filters.recorded.popLast() }
            return .bool(false)
        }
        m.add(catcher)
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
