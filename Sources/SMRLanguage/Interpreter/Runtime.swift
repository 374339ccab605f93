import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

typealias Fp = UnsafeMutablePointer<Value>
typealias Eval = (Fp) throws -> Value
typealias Exec = (Fp) throws -> Flow
typealias Cond = (Fp) throws -> Bool
typealias Store = (Fp, Value) throws -> Void

/// How a statement finished.
enum Flow: UInt8 {
    case normal, breakLoop, continueLoop, returned
    /// A generator's body paused at a `yield` (the value is in slot 0).
    case yielded
}

/// Set from any thread (e.g. a SIGINT handler); checked at loop back-edges and calls.
let interruptFlag = Atomic<Bool>(false)

/// Where output of `print` and friends goes.
public protocol OutputSink: AnyObject {
    func write(_ text: String)
}

/// Writes to the process's standard output.
public final class StandardOutputSink: OutputSink {
    public init() {}
    public func write(_ text: String) {
        var t = text
        t.withUTF8 { buf in
            if let base = buf.baseAddress { _ = fwrite(base, 1, buf.count, stdout) }
        }
        fflush(stdout)
    }
}

/// Collects output in memory (tests, notebook export).
public final class CapturingOutputSink: OutputSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ t: String) { text += t }
    /// Return and clear what was written.
    public func take() -> String {
        defer { text = "" }
        return text
    }
}

/// A global variable: a stable storage address that compiled code reads directly.
/// Writes go through `store`, which keeps `function` in step with the value.
final class GlobalCell {
    let name: String
    /// Read access for compiled code; write with `store`.
    let ptr: UnsafePointer<Value>
    private let storage: UnsafeMutablePointer<Value>
    /// The interpreted function this cell holds, unretained (nil for any other value):
    /// call sites borrow it without reference counting (see `FunctionObject.borrowedCalls`).
    /// (Unchecked exclusivity: read on every call, never by overlapping accesses.)
    @exclusivity(unchecked) private(set) var function: Unmanaged<FunctionObject>?

    init(_ name: String) {
        self.name = name
        storage = .allocate(capacity: 1)
        storage.initialize(to: .unbound)
        ptr = UnsafePointer(storage)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Bind the variable to `v` (`.unbound` deletes it).
    @inline(__always)
    func store(_ v: consuming Value) {
        if _slowPath(function != nil) { return replaceFunction(v) }
        if case .function(let f) = v { function = .passUnretained(f) }
        switch storage.pointee {
        case .int, .float, .bool: storage.initialize(to: v)  // nothing to release
        default: storage.pointee = v
        }
    }

    /// Rebind a cell that holds a function: a function still running through a borrowed
    /// call must outlive the old binding.
    @inline(never)
    private func replaceFunction(_ v: consuming Value) {
        function?._withUnsafeGuaranteedRef { $0.keepAliveWhileBorrowed() }
        function = nil
        if case .function(let f) = v { function = .passUnretained(f) }
        storage.pointee = v
    }
}

/// The persistent global namespace of an interpreter.
final class Globals {
    private(set) var cells: [String: GlobalCell] = [:]
    private(set) var order: [String] = []

    func cell(_ name: String) -> GlobalCell {
        if let c = cells[name] { return c }
        let c = GlobalCell(name)
        cells[name] = c
        order.append(name)
        return c
    }

    func value(_ name: String) -> Value? {
        guard let c = cells[name] else { return nil }
        if case .unbound = c.ptr.pointee { return nil }
        return c.ptr.pointee
    }

    var boundNames: [String] {
        order.filter { value($0) != nil }
    }

    func clear() {
        for c in cells.values { c.store(.unbound) }
    }
}

/// A compiled unit's source, for error locations.
final class SourceInfo {
    let fileName: String
    let cell: Int?
    let lines: [Substring]
    init(fileName: String, cell: Int?, source: String) {
        self.fileName = fileName
        self.cell = cell
        self.lines = SourceInfo.splitLines(source)
    }

    /// Lines as the lexer counts them: ended by LF, CRLF or a lone CR.
    static func splitLines(_ source: String) -> [Substring] {
        var out: [Substring] = []
        let us = source.unicodeScalars
        var start = us.startIndex
        var i = start
        while i < us.endIndex {
            let c = us[i]
            if c == "\n" || c == "\r" {
                out.append(Substring(us[start..<i]))
                var next = us.index(after: i)
                if c == "\r", next < us.endIndex, us[next] == "\n" { next = us.index(after: next) }
                start = next
                i = next
            } else {
                i = us.index(after: i)
            }
        }
        out.append(Substring(us[start..<us.endIndex]))
        return out
    }

    func line(_ n: Int) -> String {
        guard n >= 1 && n <= lines.count else { return "" }
        var s = String(lines[n - 1])
        if s.hasSuffix("\r") { s.removeLast() }
        return s
    }

    func location(_ p: Pos) -> SourceLocation {
        SourceLocation(fileName: fileName, cell: cell, line: p.line, column: p.column, endColumn: p.endColumn, sourceLine: line(p.line))
    }
}

/// A node's position in its source, captured by compiled code for error messages.
/// A class, so that each compiled closure capturing one carries a single word.
final class Site {
    let info: SourceInfo
    let pos: Pos

    init(info: SourceInfo, pos: Pos) {
        self.info = info
        self.pos = pos
    }

    var location: SourceLocation { info.location(pos) }

    /// Give an error this location if it has none yet.
    @inline(never)
    func attach(_ error: Error) -> Error {
        if var e = error as? PyError {
            if e.location == nil { e.location = location }
            return e
        }
        return PyError(.runtimeError, "\(error)", location: location)
    }
}

/// The execution state shared by compiled code: value stack, call depth, globals,
/// builtins, modules and the output sink. Library code receives it to call back into
/// the language.
public final class Runtime {
    let stackBase: Fp
    let stackEnd: Fp
    let spPtr: UnsafeMutablePointer<Fp>
    let depthPtr: UnsafeMutablePointer<Int>
    let nativeLimit: UnsafeMutablePointer<UInt>
    let maxDepth: Int
    let stackCapacity: Int
    /// Output of `print`, `help`, …
    public var output: OutputSink
    let globals = Globals()
    /// The classes made in this runtime, so that a finished session can break their cycles.
    let classes = ClassRegistry()
    var builtins: [String: Value] = [:]
    /// `import builtins` and `__builtins__`: one module, built on first use and given each
    /// builtin registered later (`registerBuiltin`).
    lazy var builtinsModule: NativeModule = makeBuiltinsModule()
    var modules: [String: NativeModule] = [:]
    var lastValue: Value?
    var seedHandler: ((Int) -> Void)?

    init(output: OutputSink, maxDepth: Int = 1000, stackCapacity: Int = 1 << 18) {
        self.output = output
        self.maxDepth = maxDepth
        self.stackCapacity = stackCapacity
        stackBase = .allocate(capacity: stackCapacity)
        stackEnd = stackBase + stackCapacity
        spPtr = .allocate(capacity: 1)
        spPtr.initialize(to: stackBase)
        depthPtr = .allocate(capacity: 1)
        depthPtr.initialize(to: 0)
        nativeLimit = .allocate(capacity: 1)
        nativeLimit.initialize(to: 0)
    }

    deinit {
        let used = spPtr.pointee - stackBase
        if used > 0 { stackBase.deinitialize(count: used) }
        stackBase.deallocate()
        spPtr.deallocate()
        depthPtr.deallocate()
        nativeLimit.deallocate()
    }

    /// Write text to the output sink.
    public func write(_ text: String) { output.write(text) }

    /// The registered module `name`, or ModuleNotFoundError with a suggestion.
    func module(named name: String, requested: String) throws -> NativeModule {
        if let m = modules[name] { return m }
        if name == "builtins" { return builtinsModule }
        throw PyError(.moduleNotFoundError, "No module named '\(requested)'" + Suggestions.hint(requested, Array(modules.keys)))
    }

    // MARK: native stack guard

    /// Record how deep the native stack may go on the current thread.
    func armNativeStackGuard() {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        var size: UInt
        if Interpreter.onLargeStack {
            size = UInt(Interpreter.largeStackSize)
        } else if Thread.isMainThread {
            var lim = rlimit()
            getrlimit(Int32(RLIMIT_STACK.rawValue), &lim)
            size = lim.rlim_cur == rlim_t.max || lim.rlim_cur == 0 ? 8 << 20 : UInt(lim.rlim_cur)
        } else {
            size = UInt(max(Thread.current.stackSize, 512 * 1024))
        }
        // Allow three quarters of the stack below this point; keep the rest in reserve.
        let allowed = size / 4 * 3
        nativeLimit.pointee = here > allowed ? here - allowed : 0
    }

    /// Out of line: the address of a local would otherwise give every inlining caller a stack protector.
    @inline(never)
    func nativeStackOK() -> Bool {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } > nativeLimit.pointee
    }

    // MARK: interrupts

    @inline(__always)
    func checkInterrupt() throws {
        if _slowPath(interruptFlag.load(ordering: .relaxed)) {
            interruptFlag.store(false, ordering: .relaxed)
            throw PyError(.keyboardInterrupt, "")
        }
    }

    // MARK: frames

    func recursionError() -> PyError {
        PyError(.recursionError, "maximum recursion depth exceeded")
    }

    /// Reserve a frame of `size` slots at the top of the value stack (uninitialised),
    /// after the depth, stack-room, native-stack and interrupt checks.
    @inline(__always)
    func reserveFrame(_ size: Int) throws -> Fp {
        let base = spPtr.pointee
        let depth = depthPtr.pointee
        // The native stack is checked every 8 calls (the check itself is not free).
        if _slowPath(depth >= maxDepth || base + size > stackEnd || (depth & 7 == 0 && !nativeStackOK())) {
            throw recursionError()
        }
        try checkInterrupt()
        spPtr.pointee = base + size
        depthPtr.pointee = depth &+ 1
        return base
    }

    /// Copy captured enclosing values (and the function itself, if it recurses) into its frame.
    @inline(__always)
    func bindCaptures(_ f: FunctionObject, _ base: Fp) {
        if _slowPath(f.hasCaptures) {
            for (k, v) in f.captured.enumerated() { base[f.capturedSlots[k]] = v }
            if f.selfSlot >= 0 { base[f.selfSlot] = .function(f) }
        }
    }

    /// Push a frame for `f`: the result slot 0 holds None (what a function without
    /// `return` gives), the other slots start unbound, captured values are copied in.
    @inline(__always)
    func enter(_ f: FunctionObject) throws -> Fp {
        let base = try reserveFrame(f.frameSize)
        base.initialize(to: .none)
        return finishFrame(f, base, boundSlots: 1)
    }

    /// Push a frame for `f` with its first parameter given; the other slots start unbound.
    @inline(__always)
    func enter(_ f: FunctionObject, _ a0: consuming Value) throws -> Fp {
        let base = try reserveFrame(f.frameSize)
        base.initialize(to: .none)
        (base + 1).initialize(to: consume a0)
        return finishFrame(f, base, boundSlots: 2)
    }

    /// Push a frame for `f` with its first two parameters given.
    @inline(__always)
    func enter(_ f: FunctionObject, _ a0: consuming Value, _ a1: consuming Value) throws -> Fp {
        let base = try reserveFrame(f.frameSize)
        base.initialize(to: .none)
        (base + 1).initialize(to: consume a0)
        (base + 2).initialize(to: consume a1)
        return finishFrame(f, base, boundSlots: 3)
    }

    /// Push a frame for `f` at the stack top, whose slot 0 (None) and slots 1...argc
    /// (the arguments) are already initialised; on failure they are destroyed.
    @inline(__always)
    func enter(_ f: FunctionObject, preparedArgs argc: Int) throws -> Fp {
        let base: Fp
        do { base = try reserveFrame(f.frameSize) } catch {
            spPtr.pointee.deinitialize(count: 1 + argc)
            throw error
        }
        return finishFrame(f, base, boundSlots: argc + 1)
    }

    /// Completes a frame whose first `boundSlots` slots are initialised: the rest start
    /// unbound, then the captured variables are copied in.
    @inline(__always)
    private func finishFrame(_ f: FunctionObject, _ base: Fp, boundSlots: Int) -> Fp {
        var k = boundSlots
        while k < f.frameSize {
            (base + k).initialize(to: .unbound)
            k += 1
        }
        bindCaptures(f, base)
        return base
    }

    /// Destroy slots `from..<size` of the frame at `base` and pop it.
    @inline(__always)
    func popFrame(_ base: Fp, _ size: Int, from: Int = 0) {
        var k = from
        while k < size {
            Runtime.destroy(base + k)
            k += 1
        }
        spPtr.pointee = base
        depthPtr.pointee &-= 1
    }

    /// Set a function's result slot (slot 0, normally still None) without the generic
    /// destroy of its old value.
    @inline(__always)
    static func setResult(_ fp: Fp, _ v: consuming Value) {
        switch fp.pointee {
        case .none, .unbound, .int, .float, .bool: fp.initialize(to: v)
        default: fp.pointee = v
        }
    }

    /// A copy of a slot's value; ints and floats are copied inline instead of through
    /// the generic copy.
    @inline(__always)
    static func load(_ slot: Fp) -> Value {
        switch slot.pointee {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        default: return slot.pointee
        }
    }

    /// Deinitialize a slot; ints, floats and other payloads without references are
    /// recognised inline instead of through the generic destroy.
    @inline(__always)
    static func destroy(_ slot: Fp) {
        switch slot.pointee {
        case .int, .float, .bool, .none, .unbound: return
        default: slot.deinitialize(count: 1)
        }
    }

    /// Run the body of `f` in the frame at `base`, pop the frame, return the result.
    @inline(__always)
    func runFrame(_ f: FunctionObject, _ base: Fp) throws -> Value {
        let size = f.frameSize
        do {
            _ = try f.body(base)
        } catch {
            popFrame(base, size)
            throw error
        }
        let r = base.move()
        popFrame(base, size, from: 1)
        return r
    }

    /// Calls the method `f` on `receiver` with `argc` (0…2) positional arguments straight into
    /// a fresh frame, when its signature takes exactly those (no defaults, keywords-only
    /// layout or generator); nil otherwise, for the caller's general path.
    @inline(__always)
    func callMethodDirect(_ f: FunctionObject, _ receiver: Value, argc: Int, _ a0: Value, _ a1: Value) throws -> Value? {
        guard f.nparams == argc + 1, !f.isGenerator, f.layout == nil else { return nil }
        switch argc {
        case 0: return try runFrame(f, try enter(f, receiver))
        case 1: return try runFrame(f, try enter(f, receiver, a0))
        default:
            let base = try enter(f)
            base[1] = receiver
            base[2] = a0
            base[3] = a1
            return try runFrame(f, base)
        }
    }

    /// Fill parameters from positional and keyword arguments (slow path).
    func bindFunctionArgs(_ f: FunctionObject, _ base: Fp, _ pos: [Value], _ kw: [(String, Value)]) throws {
        if let layout = f.layout { return try bindLayoutArgs(f, layout, base, pos, kw) }
        let name = f.displayName
        let np = f.params.count
        if pos.count > np {
            let takes = f.nrequired == np ? "\(np)" : "from \(f.nrequired) to \(np)"
            throw PyError.type("\(name)() takes \(takes) positional argument\(np == 1 && f.nrequired == np ? "" : "s") but \(pos.count) \(pos.count == 1 ? "was" : "were") given")
        }
        for (k, v) in pos.enumerated() { base[1 + k] = v }
        for (n, v) in kw {
            guard let k = f.params.firstIndex(of: n) else {
                throw PyError.type("\(name)() got an unexpected keyword argument '\(n)'" + Suggestions.hint(n, f.params))
            }
            if case .unbound = base[1 + k] {} else {
                throw PyError.type("\(name)() got multiple values for argument '\(n)'")
            }
            base[1 + k] = v
        }
        var missing: [String] = []
        for k in 0..<np {
            if case .unbound = base[1 + k] {
                if k >= f.nrequired { base[1 + k] = f.defaults[k - f.nrequired] } else { missing.append(f.params[k]) }
            }
        }
        if !missing.isEmpty {
            let names = missing.map { "'\($0)'" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            throw PyError.type("\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
    }

    /// Call a language function with arguments.
    func callFunction(_ f: FunctionObject, _ pos: [Value], _ kw: [(String, Value)]) throws -> Value {
        if _slowPath(f.isGenerator) { return try makeGenerator(f, pos, kw) }
        let base = try enter(f)
        if kw.isEmpty && pos.count == f.nparams {
            for (k, v) in pos.enumerated() { base[1 + k] = v }
        } else {
            do { try bindFunctionArgs(f, base, pos, kw) } catch {
                popFrame(base, f.frameSize)
                throw error
            }
        }
        return try runFrame(f, base)
    }

    /// Call any callable value: language functions, builtins, library classes and methods.
    public func call(_ callee: Value, _ args: [Value], keywords: [(String, Value)] = []) throws -> Value {
        switch callee {
        case .function(let f): return try callFunction(f, args, keywords)
        case .builtin(let b): return try b.call(self, args, keywords)
        case .object(let o): return try o.call(args, keywords, runtime: self)
        default: throw PyError.type("'\(callee.typeName)' object is not callable")
        }
    }
}
