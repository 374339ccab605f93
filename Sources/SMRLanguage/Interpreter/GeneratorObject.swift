/// A running generator: the function's frame lives on the heap between resumptions;
/// its compiled body is resumable (statements that contain `yield` keep their progress
/// in hidden frame slots, see CompileGenerator.swift).
final class GeneratorObject: NativeObject {
    enum State { case created, suspended, running, finished }
    let function: FunctionObject
    let frame: Fp
    /// The function's body, sent-value slot and frame size, read once instead of per resume.
    private let body: Exec
    private let sentSlot: Int
    private let frameSize: Int
    private(set) var state = State.created
    /// The value of the generator's `return` (StopIteration.value, the result of `yield from`).
    private(set) var returnValue: Value = .none
    unowned let rt: Runtime

    init(_ f: FunctionObject, _ rt: Runtime) {
        function = f
        self.rt = rt
        body = f.body
        sentSlot = f.sentSlot
        frameSize = f.frameSize
        frame = .allocate(capacity: f.frameSize)
        frame.initialize(repeating: .unbound, count: f.frameSize)
        frame[0] = .none
    }

    deinit {
        frame.deinitialize(count: frameSize)
        frame.deallocate()
    }

    override var typeName: String { "generator" }
    override var repr: String {
        "<generator object \(function.qualName ?? function.name) at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 16))>"
    }
    override var attributeNames: [String] { ["close", "send", "throw"] }

    /// `generator.throw(error)`: the paused `yield` raises `error`; the next yielded value,
    /// or nil when the generator returned. A generator not started (or finished) just raises it.
    func throwIn(_ error: PyError) throws -> Value? {
        switch state {
        case .created, .finished:
            finish()
            throw error
        case .running: throw PyError.value("generator already executing")
        case .suspended: return try resume(.object(ThrownIntoGenerator(error)), rt)
        }
    }

    /// `generator.close()`: GeneratorExit at the paused `yield`, so `finally` blocks run.
    func close() throws {
        guard state == .suspended else {
            if state != .running { finish() }
            return
        }
        do {
            if try throwIn(PyError(.generatorExit, "")) != nil { throw PyError.runtime("generator ignored GeneratorExit") }
        } catch let e as PyError where e.kind == .generatorExit || e.kind == .stopIteration {}
        finish()
    }

    /// Run to the next `yield` with `sent` as the value of the paused `yield`; nil when finished.
    func resume(_ sent: Value) throws -> Value? { try resume(sent, rt) }

    /// `resume` with the runtime already in hand: reading the unowned `rt` costs a
    /// strong-retain check each time, which showed in loops that pull every item.
    func resume(_ sent: Value, _ rt: Runtime) throws -> Value? {
        switch state {
        case .finished: return nil
        case .running: throw PyError.value("generator already executing")
        case .created where !sent.isNone: throw PyError.type("can't send non-None value to a just-started generator")
        default: break
        }
        frame[sentSlot] = sent
        state = .running
        let base = try rt.reserveFrame(0)
        let flow: Flow
        do {
            flow = try body(frame)
        } catch {
            rt.popFrame(base, 0)
            finish()
            if let e = error as? PyError, e.kind == .stopIteration {
                var r = PyError(.runtimeError, "generator raised StopIteration")
                r.location = e.location
                throw r
            }
            throw error
        }
        rt.popFrame(base, 0)
        if flow == .yielded {
            state = .suspended
            let v = frame.move()  // the yielded value, handed over without a copy
            frame.initialize(to: .none)
            return v
        }
        returnValue = frame[0]
        finish()
        return nil
    }

    private func finish() {
        state = .finished
        for k in 0..<frameSize { frame[k] = .unbound }
    }

    /// The iterator holds the runtime strongly while it exists, as compiled code does (the
    /// interpreter breaks the cycles through globals when it goes away).
    override func makeIterator() throws -> () throws -> Value? {
        let rt = self.rt
        return { [self] in try resume(.none, rt) }
    }

    override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "send":
            return .builtin(BuiltinFunction(raw: "send", signature: "generator.send(value)", doc: "Resume with a value; the next yielded value.") { [self] _, a, _ in
                try Builtins.count("send", a, 1, 1)
                if let v = try resume(a[0]) { return v }
                throw stopIteration()
            })
        case "close":
            return .builtin(BuiltinFunction(raw: "close", signature: "generator.close()", doc: "Stop the generator (its finally blocks run).") { [self] _, _, _ in
                try close()
                return .none
            })
        case "throw":
            return .builtin(BuiltinFunction(raw: "throw", signature: "generator.throw(exception)", doc: "Raise exception at the paused yield; the next yielded value.") { [self] rt, a, _ in
                try Builtins.count("throw", a, 1, 3)
                var exc = a[0]
                if a.count > 1, !a[1].isNone { exc = a[1] }
                if let v = try throwIn(try Exceptions.toRaise(exc, rt)) { return v }
                throw stopIteration()
            })
        case "__next__":
            return .builtin(BuiltinFunction(raw: "__next__", signature: "generator.__next__()", doc: "") { [self] _, _, _ in
                if let v = try resume(.none) { return v }
                throw stopIteration()
            })
        case "__name__": return .str(function.name)
        default: return try super.getAttribute(name)
        }
    }

    /// The StopIteration that ends the generator (carrying its return value).
    func stopIteration() -> PyError {
        if returnValue.isNone { return PyError(.stopIteration, "") }
        let o = ExceptionObject(.stopIteration, args: [returnValue])
        return o.error
    }
}

/// A pending `generator.throw()`, handed to the paused `yield` as the sent value.
final class ThrownIntoGenerator: NativeObject {
    let error: PyError
    init(_ e: PyError) { error = e }
}

extension Runtime {
    /// Calling a generator function: bind the arguments into a heap frame, run nothing yet.
    func makeGenerator(_ f: FunctionObject, _ pos: [Value], _ kw: [(String, Value)]) throws -> Value {
        let g = GeneratorObject(f, self)
        if kw.isEmpty && f.layout == nil && pos.count == f.params.count {
            for (k, v) in pos.enumerated() { g.frame[1 + k] = v }
        } else {
            try bindFunctionArgs(f, g.frame, pos, kw)
        }
        bindCaptures(f, g.frame)
        Cell.makeCells(g.frame, f.cellSlotsOnEntry)
        return .object(g)
    }
}
