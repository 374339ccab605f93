/// Exceptions as values: the builtin exception classes (`ValueError`, `Exception`, …),
/// their hierarchy for `except` and `isinstance`, and the objects `raise` and
/// `except … as e` work with.
public enum Exceptions {
    /// Each class's base class, as in CPython (BaseException is the root).
    static let parent: [String: String] = [
        "Exception": "BaseException",
        "KeyboardInterrupt": "BaseException",
        "GeneratorExit": "BaseException",
        "ArithmeticError": "Exception",
        "ZeroDivisionError": "ArithmeticError",
        "OverflowError": "ArithmeticError",
        "FloatingPointError": "ArithmeticError",
        "LookupError": "Exception",
        "IndexError": "LookupError",
        "KeyError": "LookupError",
        "NameError": "Exception",
        "StopIteration": "Exception",
        "UnboundLocalError": "NameError",
        "TypeError": "Exception",
        "ValueError": "Exception",
        "AttributeError": "Exception",
        "AssertionError": "Exception",
        "MemoryError": "Exception",
        "ImportError": "Exception",
        "ModuleNotFoundError": "ImportError",
        "RuntimeError": "Exception",
        "RecursionError": "RuntimeError",
        "NotImplementedError": "RuntimeError",
        "SyntaxError": "Exception",
        "IndentationError": "SyntaxError",
        "TabError": "IndentationError",
        "OSError": "Exception",
        "FileNotFoundError": "OSError",
        "FileExistsError": "OSError",
        "IsADirectoryError": "OSError",
        "NotADirectoryError": "OSError",
        "PermissionError": "OSError",
        "UnicodeError": "ValueError",
        "UnicodeDecodeError": "UnicodeError",
        "UnicodeEncodeError": "UnicodeError",
        "Warning": "Exception",
        "UserWarning": "Warning",
        "DeprecationWarning": "Warning",
        "RuntimeWarning": "Warning",
        "FutureWarning": "Warning",
        // Module-level classes (json.JSONDecodeError, csv.Error, io.UnsupportedOperation):
        // not builtins, see `moduleClasses`.
        "UnsupportedOperation": "OSError",
        "JSONDecodeError": "ValueError",
        "Error": "Exception",
    ]

    /// Whether class `name` is `ancestor` or derives from it.
    public static func isSubclass(_ name: String, of ancestor: String) -> Bool {
        var n: String? = name
        while let c = n {
            if c == ancestor { return true }
            n = parent[c]
        }
        return false
    }

    /// Whether a value is one of the exception classes.
    public static func className(of v: Value) -> String? {
        if case .builtin(let b) = v, b.isType, b.name == "BaseException" || parent[b.name] != nil { return b.name }
        return nil
    }

    /// Exception classes that live in a module rather than among the builtins.
    static let moduleClasses: Set<String> = ["UnsupportedOperation", "JSONDecodeError", "Error"]

    /// The builtin class values, by name (module-level ones with `includingModuleClasses`).
    static func classes(includingModuleClasses: Bool = false) -> [String: Value] {
        var out: [String: Value] = [:]
        for name in Array(parent.keys) + ["BaseException"] where includingModuleClasses || !moduleClasses.contains(name) {
            let kind = ErrorKind(rawValue: name) ?? .exception
            out[name] = .builtin(BuiltinFunction(raw: name, signature: "\(name)(*args)", doc: "The \(name) exception class.", isType: true) { _, a, kw in
                try Builtins.noKeywords(name, kw)
                return .object(ExceptionObject(kind, args: a))
            })
        }
        return out
    }

    /// Whether `error` is caught by `except <spec>` (a class or a tuple of classes).
    static func matches(_ error: PyError, _ spec: Value) throws -> Bool {
        let specs: [Value]
        if case .tuple(let t) = spec { specs = t.items } else { specs = [spec] }
        for s in specs {
            if case .object(let c as ClassObject) = s {
                guard c.exceptionBase != nil else {
                    throw PyError.type("catching classes that do not inherit from BaseException is not allowed")
                }
                if let inst = error.raised?.object as? InstanceObject, inst.cls.isSubclass(of: c) { return true }
                continue
            }
            guard let cls = className(of: s) else {
                throw PyError.type("catching classes that do not inherit from BaseException is not allowed")
            }
            if isSubclass(error.kind.name, of: cls) { return true }
        }
        return false
    }

    /// The error `raise value` raises: a class (instantiated without arguments) or an
    /// exception object.
    static func toRaise(_ v: Value, _ rt: Runtime) throws -> PyError {
        if case .object(let c as ClassObject) = v {
            guard c.exceptionBase != nil else { throw PyError.type("exceptions must derive from BaseException") }
            return try toRaise(try rt.call(v, []), rt)
        }
        if let inst = v.userInstance {
            guard let base = inst.cls.exceptionBase else { throw PyError.type("exceptions must derive from BaseException") }
            var e = PyError(ErrorKind(rawValue: base) ?? .exception, try inst.checkedStr())
            e.className = inst.cls.name
            e.raised = RaisedException(inst)
            return e
        }
        if className(of: v) != nil, case .object(let o as ExceptionObject) = try rt.call(v, []) {
            return o.error
        }
        if case .object(let o as ExceptionObject) = v { return o.error }
        throw PyError.type("exceptions must derive from BaseException")
    }

    /// The exception object for a caught error (the raised one if there is one).
    static func object(for error: PyError) -> NativeObject {
        if let r = error.raised { return r.object }
        return ExceptionObject(error)
    }

    /// Any error as a PyError (Swift errors from library code become RuntimeError).
    static func pyError(_ error: Error) -> PyError {
        (error as? PyError) ?? PyError(.runtimeError, "\(error)")
    }
}

/// Holds the object behind a PyError; the interpreter runs one program on one thread.
final class RaisedException: @unchecked Sendable {
    let object: NativeObject
    init(_ o: NativeObject) { object = o }
}

extension Exceptions {
    /// `raise exc from cause`: records `cause` (an exception, an exception class, which is
    /// instantiated, or None) as the raised object's `__cause__`.
    static func setCause(_ err: PyError, _ cause: Value, _ rt: Runtime) throws {
        var c = cause
        if !c.isNone {
            if className(of: c) != nil || { if case .object(let k as ClassObject) = c { return k.exceptionBase != nil }; return false }() {
                c = try rt.call(c, [])
            }
            let isException: Bool
            switch c {
            case .object(is ExceptionObject): isException = true
            case .object: isException = c.userInstance?.cls.exceptionBase != nil
            default: isException = false
            }
            guard isException else { throw PyError.type("exception causes must derive from BaseException") }
        }
        guard let o = err.raised?.object else { return }
        if let e = o as? ExceptionObject { e.cause = c } else { try o.setAttribute("__cause__", c) }
    }
}

/// An exception instance: `ValueError('bad')`. `str()` gives the message; `args` the
/// arguments it was created with.
public final class ExceptionObject: NativeObject {
    public let kind: ErrorKind
    public let args: [Value]

    init(_ kind: ErrorKind, args: [Value]) {
        self.kind = kind
        // OSError(errno, strerror, filename): the filename is an attribute, not an argument.
        if Exceptions.isSubclass(kind.name, of: "OSError"), args.count >= 3, args.count <= 5, case .int = args[0] {
            self.args = Array(args.prefix(2))
            filename = args[2]
        } else {
            self.args = args
        }
    }

    /// An OSError as the runtime raises it: `[Errno 2] No such file or directory: 'x.txt'`.
    static func osError(_ kind: ErrorKind, errno: Int32, _ strerror: String, filename: String?) -> PyError {
        let o = ExceptionObject(kind, args: [.int(Int(errno)), .str(strerror)] + (filename.map { [.str($0)] } ?? []))
        return o.error
    }

    /// `e.filename` of an OSError (None if it names no file).
    private(set) var filename: Value = .none
    /// `e.__cause__`: the exception of `raise … from cause`.
    var cause: Value = .none

    /// The object for an error raised by the language itself (its message is the argument).
    init(_ error: PyError) {
        kind = error.kind
        // Like CPython's, the message of a caught error has no "Did you mean" hint (only
        // the traceback display adds it).
        var m = error.message
        if m.hasSuffix("'?"), let r = m.range(of: ". Did you mean: '", options: .backwards) { m = String(m[..<r.lowerBound]) }
        args = m.isEmpty ? [] : [.str(m)]
        messageOverride = m
    }

    private var messageOverride: String?

    /// `str(e)`: the message, as Python builds it from the arguments.
    public var message: String {
        if let m = messageOverride { return m }
        if args.count == 2, case .int(let errno) = args[0], Exceptions.isSubclass(kind.name, of: "OSError") {
            return "[Errno \(errno)] \(Repr.str(args[1]))" + (filename.isNone ? "" : ": \(Repr.repr(filename))")
        }
        switch args.count {
        case 0: return ""
        case 1: return kind == .keyError ? Repr.repr(args[0]) : Repr.str(args[0])
        default: return Repr.repr(.tuple(TupleObject(args)))
        }
    }

    /// The PyError that raising this object throws.
    var error: PyError {
        var e = PyError(kind, message)
        e.raised = RaisedException(self)
        return e
    }

    public override var typeName: String { kind.name }
    public override var str: String { message }
    public override var repr: String {
        if messageOverride != nil, kind == .keyError, !args.isEmpty {
            return "\(kind.name)(\(message))"
        }
        return kind.name + (args.count == 1 ? "(\(Repr.repr(args[0])))" : Repr.repr(.tuple(TupleObject(args))))
    }
    public override var attributeNames: [String] {
        Exceptions.isSubclass(kind.name, of: "OSError") ? ["args", "errno", "filename", "strerror"] : ["args"]
    }

    public override func getAttribute(_ name: String) throws -> Value {
        if name == "args" { return .tuple(TupleObject(args)) }
        if name == "value", kind == .stopIteration { return args.first ?? .none }
        if name == "__cause__" { return cause }
        if name == "__context__" || name == "__traceback__" { return .none }
        if name == "__suppress_context__" { return .bool(!cause.isNone) }
        if Exceptions.isSubclass(kind.name, of: "OSError") {
            let numbered = args.count == 2 && args[0].asInt != nil
            switch name {
            case "errno": return numbered ? args[0] : .none
            case "strerror": return numbered ? args[1] : .none
            case "filename": return filename
            default: break
            }
        }
        return try super.getAttribute(name)
    }
}
