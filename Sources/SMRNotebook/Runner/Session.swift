import SMRLanguage

/// Builds interpreters the way every smr host (run, export, REPL) needs them.
public enum Session {
    /// Extra setup applied to every new interpreter, e.g. registering library modules
    /// (`gymnasium`, `agent`, …) once their bindings exist. Set it before creating
    /// sessions.
    nonisolated(unsafe) public static var libraryRegistrations: [(Interpreter) -> Void] = []

    /// A new interpreter writing to `output`, with the display builtins and the library.
    public static func makeInterpreter(output: OutputSink) -> Interpreter {
        let interp = Interpreter(output: output)
        DisplayBuiltins.register(into: interp)
        for r in libraryRegistrations { r(interp) }
        return interp
    }
}
