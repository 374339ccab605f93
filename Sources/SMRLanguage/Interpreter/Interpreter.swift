import Foundation

/// The language interpreter: a persistent global scope in which hosts (REPL, notebook
/// runner, tests) run chunks of source.
///
///     let out = CapturingOutputSink()
///     let interp = Interpreter(output: out)
///     let shown = try interp.run(source: "x = 2\nx * 21", fileName: "nb.smrnb", cell: 1)
///     // shown?.repr == "42"
public final class Interpreter {
    /// The execution state; library code receives it to call back into the language.
    public let runtime: Runtime

    /// When called from a thread other than the main thread (whose 8 MiB stack is
    /// plenty), run each chunk on a helper thread with a large native stack (default
    /// true), so deep recursion reaches the 1000-call limit and raises RecursionError.
    /// Either way a native-stack guard turns exhaustion into RecursionError, never a crash.
    public var executesOnLargeStack = true

    /// Stack size of the helper thread.
    public static let largeStackSize = 256 << 20

    /// Create an interpreter writing program output to `output`; `numpy` and `math`
    /// are registered by default.
    public init(output: OutputSink = StandardOutputSink(), maxRecursionDepth: Int = 1000) {
        runtime = Runtime(output: output, maxDepth: maxRecursionDepth)
        runtime.builtins = Builtins.all()
        register(module: NumpyModule.make())
        register(module: MathModule.make())
        for module in StandardLibrary.modules() { register(module: module) }
        register(module: DataclassesModule.make(runtime))
        register(module: AbcModule.make(runtime))
        register(module: EnumModule.make(runtime))
        runtime.installModuleDunders()
    }

    deinit {
        // Break reference cycles between functions and the globals they live in, and between
        // classes and their methods.
        runtime.globals.clear()
        runtime.classes.releaseAll()
    }

    /// Where `print` and `help` write.
    public var output: OutputSink {
        get { runtime.output }
        set { runtime.output = newValue }
    }

    /// Called by `seed(n)`: the host seeds every random stream.
    public var seedHandler: ((Int) -> Void)? {
        get { runtime.seedHandler }
        set { runtime.seedHandler = newValue }
    }

    // MARK: registration

    /// Make a library module importable (`import name`, `from name import x`).
    public func register(module: NativeModule) {
        runtime.modules[module.name] = module
    }

    /// Names of importable modules.
    public var moduleNames: [String] { runtime.modules.keys.sorted() }

    /// Add or replace a builtin function visible in every scope (e.g. `table`, `plot`).
    public func registerBuiltin(_ f: BuiltinFunction) {
        runtime.setBuiltin(f.name, .builtin(f))
    }

    /// Add or replace a builtin value under `name`.
    public func registerBuiltin(_ name: String, _ value: Value) {
        runtime.setBuiltin(name, value)
    }

    // MARK: running

    /// Parse, compile and run `source` in the persistent global scope.
    /// - Returns: the value of the last statement if it is an expression whose value is
    ///   not None (what a notebook displays, by `repr`); nil otherwise.
    /// - Throws: `PyError` (syntax errors, runtime errors, KeyboardInterrupt).
    @discardableResult
    public func run(source: String, fileName: String = "<input>", cell: Int? = nil) throws -> Value? {
        if executesOnLargeStack && !Thread.isMainThread && !Interpreter.onLargeStack {
            return try Interpreter.runOnLargeStack { try self.runHere(source: source, fileName: fileName, cell: cell) }
        }
        return try runHere(source: source, fileName: fileName, cell: cell)
    }

    /// Run a file from disk (used by benchmarks and tools).
    @discardableResult
    public func runFile(path: String) throws -> Value? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PyError(.runtimeError, "cannot read file '\(path)'")
        }
        return try run(source: String(decoding: data, as: UTF8.self), fileName: path)
    }

    private func runHere(source: String, fileName: String, cell: Int?) throws -> Value? {
        let info = SourceInfo(fileName: fileName, cell: cell, source: source)
        let stmts = try Interpreter.parseOrThrow(source, info)
        let scope = Scope(function: false, name: "<module>", parent: nil)
        let compiler = Compiler(runtime: runtime, info: info, scope: scope)
        var body = stmts
        var lastExpr: Expr?
        if let last = body.last, case .expr(let e) = last.kind {
            lastExpr = e
            body.removeLast()
        }
        let exec = try compiler.compileBlock(body)
        let lastEval = try lastExpr.map { try compiler.compileExpr($0) }
        let lastSite = lastExpr.map { compiler.site($0.pos) }
        let frameSize = scope.size

        let rt = runtime
        interruptFlag.store(false, ordering: .relaxed)
        rt.armNativeStackGuard()
        let base = rt.spPtr.pointee
        guard rt.stackEnd - base >= frameSize else { throw rt.recursionError() }
        base.initialize(repeating: .unbound, count: frameSize)
        rt.spPtr.pointee = base + frameSize
        let savedDepth = rt.depthPtr.pointee
        defer {
            base.deinitialize(count: frameSize)
            rt.spPtr.pointee = base
            rt.depthPtr.pointee = savedDepth
        }
        _ = try exec(base)
        if let le = lastEval, let s = lastSite {
            let v: Value
            do { v = try le(base) } catch { throw s.attach(error) }
            if case .none = v { return nil }
            return v
        }
        return nil
    }

    static func parseOrThrow(_ source: String, _ info: SourceInfo) throws -> [Stmt] {
        let (stmts, errors) = parseAll(source, info)
        if let e = errors.first { throw e }
        return stmts
    }

    static func parseAll(_ source: String, _ info: SourceInfo) -> ([Stmt], [PyError]) {
        var lexer = Lexer(source)
        lexer.run()
        var parser = Parser(tokens: lexer.tokens)
        let stmts = parser.parseProgram()
        var errors: [PyError] = lexer.errors.map {
            PyError($0.kind, $0.message, location: info.location(Pos(line: $0.line, column: $0.column, endColumn: $0.endColumn)))
        }
        let lexLines = Set(lexer.errors.map { $0.line })
        for e in parser.errors where !lexLines.contains(e.pos.line) && !(lexer.errors.count > 0 && e.pos.line >= (lexer.errors.map { $0.line }.min() ?? 0) && e.message == "unexpected end of input") {
            errors.append(PyError(e.kind, e.message, location: info.location(e.pos)))
        }
        errors.sort { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
        return (stmts, Array(errors.prefix(Lexer.maxErrors)))
    }

    /// Check syntax without running: every syntax error found (empty if none).
    public static func check(source: String, fileName: String = "<input>", cell: Int? = nil) -> [PyError] {
        let info = SourceInfo(fileName: fileName, cell: cell, source: source)
        let (stmts, errors) = parseAll(source, info)
        if !errors.isEmpty { return errors }
        // Compile-time checks ('return' outside function, …) on a scratch runtime.
        let scratch = Runtime(output: CapturingOutputSink(), stackCapacity: 16)
        let compiler = Compiler(runtime: scratch, info: info, scope: Scope(function: false, name: "<module>", parent: nil))
        do { _ = try compiler.compileBlock(stmts) } catch let e as PyError { return [e] } catch {}
        return []
    }

    // MARK: globals

    /// A global variable's value (nil if unbound); settable (e.g. notebook parameters).
    public subscript(global name: String) -> Value? {
        get { runtime.globals.value(name) }
        set { runtime.globals.cell(name).store(newValue ?? .unbound) }
    }

    /// Bound global names in definition order (for `:vars`).
    public var globalNames: [String] { runtime.globals.boundNames.filter { !Runtime.moduleDunderNames.contains($0) } }

    /// `(name, type, repr)` of each user variable, skipping modules, functions and classes.
    public func variables() -> [(name: String, type: String, repr: String)] {
        globalNames.compactMap { n in
            guard let v = runtime.globals.value(n) else { return nil }
            switch v {
            case .function, .builtin: return nil
            case .object(let o) where o is NativeModule || o is NativeType: return nil
            default: return (n, v.typeName, v.repr)
            }
        }
    }

    /// Forget every global variable (`:reset`); registered modules and builtins stay.
    public func reset() {
        runtime.globals.clear()
        runtime.installModuleDunders()
    }

    /// Call a callable value (function, builtin, class) from the host.
    public func call(_ f: Value, _ args: [Value], keywords: [(String, Value)] = []) throws -> Value {
        try runtime.call(f, args, keywords: keywords)
    }

    // MARK: interruption

    /// Ask running code to stop with KeyboardInterrupt at the next loop iteration or call.
    /// Safe to call from any thread or a signal handler.
    public static func requestInterrupt() {
        interruptFlag.store(true, ordering: .relaxed)
    }

    /// Clear a pending interrupt request.
    public static func clearInterrupt() {
        interruptFlag.store(false, ordering: .relaxed)
    }

    /// Whether an interrupt is pending.
    public static var interruptRequested: Bool { interruptFlag.load(ordering: .relaxed) }

    // MARK: large stack

    static var onLargeStack: Bool {
        Thread.current.threadDictionary["smr.largeStack"] != nil
    }

    /// Run `body` on a thread with a `largeStackSize` native stack and wait for it.
    public static func runOnLargeStack<T>(_ body: @escaping () throws -> T) throws -> T {
        let box = LargeStackJob(body)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            Thread.current.threadDictionary["smr.largeStack"] = true
            box.result = Result { try box.body() }
            done.signal()
        }
        thread.stackSize = largeStackSize
        thread.start()
        done.wait()
        guard let r = box.result else { throw PyError(.runtimeError, "interpreter thread did not finish") }
        return try r.get()
    }
}

private final class LargeStackJob<T>: @unchecked Sendable {
    var result: Result<T, Error>?
    let body: () throws -> T
    init(_ b: @escaping () throws -> T) { body = b }
}
