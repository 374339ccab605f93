import SMRLanguage
import SMRTensor

/// The library as the language sees it: `gymnasium`, `environments`, `torch` (with
/// `torch.nn`, `torch.optim`, `torch.distributions`), a float32-aware `numpy`, and the
/// `agent` module (also bound as plain names, see `AgentBindings`).
///
///     let interpreter = Interpreter()
///     Library.install(into: interpreter)
///     try interpreter.run(source: """
///     import gymnasium as gym
///     env = gym.make("Pendulum-v1")
///     obs, info = env.reset(seed=0)
///     print(obs)
///     """)
public enum Library {
    /// Register every module and the `seed(n)` handler, which seeds every random stream
    /// (Python's `random`, the legacy `np.random` stream the memory tasks draw from and the
    /// tensor engine's default generator; environments and spaces are seeded by
    /// `reset(seed=)` / `seed()`).
    public static func install(into interpreter: Interpreter) {
        let state = LibraryState()
        LibraryFormatting.capture(from: interpreter)
        for module in GymnasiumModule.make(state: state) { interpreter.register(module: module) }
        let environments = EnvironmentsModule.make(state: state)
        interpreter.register(module: environments)
        // Library classes are globals too (as seed, table, plot); a user definition shadows them.
        for name in EnvironmentsModule.classNames { if let v = environments.member(name) { interpreter.registerBuiltin(name, v) } }
        for module in TorchModule.make() { interpreter.register(module: module) }
        NumpyBridge.install(into: interpreter, random: NumpyRandomModule.make(state.legacyRandom))
        interpreter.register(module: PythonRandomModule.make(state.pythonRandom))
        AgentBindings.install(into: interpreter)
        interpreter.register(module: BenchmarkBindings.makeModule(state: state))
        EpisodicMemoryExperiments.install(into: interpreter)
        interpreter.seedHandler = { n in state.seed(n) }
    }

    /// Registers the tasks a worker process runs (`smr __worker KIND`): benchmark jobs.
    public static func registerWorkerTasks() {
        BenchmarkBindings.registerWorkerTask()
    }
}
