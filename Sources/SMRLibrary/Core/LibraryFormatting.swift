import SMRLanguage

/// Access to the language's own `format(value, spec)` builtin, so that library scalars
/// format exactly as Python floats do in f-strings.
enum LibraryFormatting {
    nonisolated(unsafe) static var formatter: ((Value, String) throws -> String)?

    /// Capture the interpreter's `format` builtin (called by `Library.install`).
    static func capture(from interpreter: Interpreter) {
        guard formatter == nil, let f = try? interpreter.run(source: "format", fileName: "<library>") else { return }
        let runtime = interpreter.runtime
        formatter = { value, spec in
            let out = try runtime.call(f, [value, .str(spec)])
            return out.asString ?? Repr.str(out)
        }
    }

    static func format(_ value: Value, _ spec: String) throws -> String {
        guard let f = formatter else { return Repr.str(value) }
        return try f(value, spec)
    }
}
