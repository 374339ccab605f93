/// `import contextlib`: `contextmanager` (a generator function as a `with` manager),
/// `suppress(*exceptions)`, `closing(thing)` and `nullcontext(value)`, as CPython's.
enum ContextlibModule {
    static func make() -> NativeModule {
        let m = NativeModule("contextlib", doc: """
            Utilities for with-statement contexts.
                @contextlib.contextmanager
                def tag(name):
                    print(f"<{name}>"); yield; print(f"</{name}>")
            """)
        m.add(BuiltinFunction(raw: "contextmanager", signature: "contextmanager(func)",
                              doc: "Make a generator function (one yield) into a context manager factory.") { _, a, _ in
            guard a.count == 1 else { throw PyError.type("contextmanager() takes 1 positional argument but \(a.count) were given") }
            let f = a[0]
            let name = (try? Attributes.get(f, "__name__")).map(Repr.str) ?? "contextmanager"
            let factory = BuiltinFunction(raw: name, signature: "\(name)(...)", doc: "") { rt, args, kw in
                .object(GeneratorContextManager(try rt.call(f, args, keywords: kw), rt))
            }
            let wrapped = Value.object(MethodFunction(factory))
            try? Attributes.set(wrapped, "__wrapped__", f)
            return wrapped
        })
        m.add(BuiltinFunction(raw: "suppress", signature: "suppress(*exceptions)", doc: "A context manager that ignores the given exceptions.") { _, a, _ in
            .object(SimpleContext(enter: { .none }, exit: { err in
                guard let err else { return false }
                for cls in a where try Exceptions.matches(err, cls) { return true }
                return false
            }))
        })
        m.add(BuiltinFunction(raw: "closing", signature: "closing(thing)", doc: "A context manager that calls thing.close() at the end.") { rt, a, _ in
            guard a.count == 1 else { throw PyError.type("closing() takes 1 positional argument") }
            let thing = a[0]
            return .object(SimpleContext(enter: { thing }, exit: { _ in
                _ = try rt.call(try Attributes.get(thing, "close"), [])
                return false
            }))
        })
        m.add(BuiltinFunction(raw: "nullcontext", signature: "nullcontext(enter_result=None)", doc: "A context manager that does nothing.") { _, a, kw in
            let v = a.first ?? kw.first?.1 ?? .none
            return .object(SimpleContext(enter: { v }, exit: { _ in false }))
        })
        return m
    }
}

/// What a `@contextmanager` function returns: `__enter__` runs the generator to its
/// `yield`; `__exit__` resumes it, throwing the `with` body's exception in at the `yield`.
final class GeneratorContextManager: NativeObject {
    let generator: Value
    unowned let rt: Runtime

    init(_ g: Value, _ rt: Runtime) {
        generator = g
        self.rt = rt
    }

    override var typeName: String { "_GeneratorContextManager" }
    override var repr: String { "<contextlib._GeneratorContextManager object>" }

    override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "__enter__":
            return .builtin(BuiltinFunction(raw: name, signature: "__enter__()", doc: "") { [self] _, _, _ in
                guard case .object(let g as GeneratorObject) = generator else { throw PyError.type("contextmanager: the function must be a generator") }
                guard let v = try g.resume(.none) else { throw PyError.runtime("generator didn't yield") }
                return v
            })
        case "__exit__":
            return .builtin(BuiltinFunction(raw: name, signature: "__exit__(type, value, traceback)", doc: "") { [self] rt, a, _ in
                guard case .object(let g as GeneratorObject) = generator else { return .bool(false) }
                let value = a.count > 1 ? a[1] : .none
                if a.first?.isNone ?? true {
                    if try g.resume(.none) != nil { throw PyError.runtime("generator didn't stop") }
                    return .bool(false)
                }
                let err = try Exceptions.toRaise(value, rt)
                do {
                    if try g.throwIn(err) != nil { throw PyError.runtime("generator didn't stop after throw()") }
                    return .bool(true)  // the generator caught it and finished
                } catch let e as PyError {
                    // The same exception coming back out means "not suppressed".
                    if let o = e.raised?.object, let orig = err.raised?.object, o === orig { return .bool(false) }
                    if e.raised == nil, err.raised == nil, e.kind == err.kind, e.message == err.message { return .bool(false) }
                    throw e
                }
            })
        default: return try super.getAttribute(name)
        }
    }
}

/// A context manager made of two closures (`suppress`, `closing`, `nullcontext`).
final class SimpleContext: NativeObject {
    let enter: () throws -> Value
    let exit: (PyError?) throws -> Bool

    init(enter: @escaping () throws -> Value, exit: @escaping (PyError?) throws -> Bool) {
        self.enter = enter
        self.exit = exit
    }

    override var typeName: String { "contextlib.AbstractContextManager" }

    override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "__enter__":
            return .builtin(BuiltinFunction(raw: name, signature: "__enter__()", doc: "") { [self] _, _, _ in try enter() })
        case "__exit__":
            return .builtin(BuiltinFunction(raw: name, signature: "__exit__(type, value, traceback)", doc: "") { [self] rt, a, _ in
                if a.first?.isNone ?? true { return .bool(try exit(nil)) }
                return .bool(try exit(try Exceptions.toRaise(a.count > 1 ? a[1] : .none, rt)))
            })
        default: return try super.getAttribute(name)
        }
    }
}
