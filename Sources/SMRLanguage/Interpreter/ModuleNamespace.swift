/// The names a Python module's namespace starts with (`__name__`, `__doc__`, `__builtins__`, …),
/// so `globals()` and `dir()` at the top level show what CPython shows for `__main__`, and
/// the `builtins` module behind `__builtins__`. Host listings (`:vars`) leave them out.
extension Runtime {
    /// The dunder names bound in a fresh `__main__` namespace, in CPython's order.
    static let moduleDunderNames: [String] = ["__name__", "__doc__", "__package__", "__loader__", "__spec__",
                                              "__annotations__", "__builtins__"]

    /// Binds the module dunders in the globals (at start and after a reset).
    func installModuleDunders() {
        let values: [Value] = [.str("__main__"), .none, .none, .none, .none, .dict(DictObject()),
                               .object(builtinsModule)]
        for (name, value) in zip(Self.moduleDunderNames, values) { globals.cell(name).store(value) }
    }

    /// The `builtins` module of the builtins registered now (`__name__` is a global, not a builtin).
    func makeBuiltinsModule() -> NativeModule {
        let m = NativeModule("builtins", doc: "Built-in functions, types and exceptions.", builtIn: true)
        for name in builtins.keys.sorted() where name != "__name__" {
            if let v = builtins[name] { m.add(name, v) }
        }
        return m
    }

    /// Adds or replaces a builtin, in every scope and in the `builtins` module.
    func setBuiltin(_ name: String, _ value: Value) {
        builtins[name] = value
        builtinsModule.add(name, value)
    }
}
