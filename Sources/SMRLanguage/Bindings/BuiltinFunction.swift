/// A function implemented in Swift: builtins, library functions, bound library methods.
/// Declared ones (`params != nil`) get argument checking, `help()` and completion of
/// keyword names from their parameter list.
public final class BuiltinFunction {
    public let name: String
    public let doc: String
    /// Declared parameters; nil for variadic builtins such as `print` or `max`.
    public let params: [Param]?
    /// True for `int`, `str`, `list`, … which print as `<class 'int'>`.
    public let isType: Bool
    let acceptsExtra: Bool
    let rawSignature: String?
    let body: (Runtime, [Value], [(String, Value)]) throws -> Value
    /// A one-argument call without the argument array, for the common argument types
    /// (`str(int)`, `len(x)`); nil from it means "use `body`". Must agree with `body`.
    var unary: ((Value) throws -> Value?)?

    /// Declare a library function: parameters with defaults and types, and a body that
    /// receives bound, checked arguments.
    public init(_ name: String, doc: String = "", params: [Param], acceptsExtraPositional: Bool = false,
                _ body: @escaping (Arguments) throws -> Value) {
        self.name = name
        self.doc = doc
        self.params = params
        self.isType = false
        self.acceptsExtra = acceptsExtraPositional
        self.rawSignature = nil
        self.body = { rt, pos, kw in
            let args = try Arguments.bind(name, params, pos, kw, acceptsExtra: acceptsExtraPositional, runtime: rt)
            return try body(args)
        }
    }

    /// A builtin with its own argument handling.
    init(raw name: String, signature: String, doc: String, isType: Bool = false,
         _ body: @escaping (Runtime, [Value], [(String, Value)]) throws -> Value) {
        self.name = name
        self.doc = doc
        self.params = nil
        self.isType = isType
        self.acceptsExtra = true
        self.rawSignature = signature
        self.body = body
    }

    /// A library function that takes its arguments as given (positional and keyword lists).
    public static func variadic(_ name: String, signature: String, doc: String = "",
                                _ body: @escaping ([Value], [(String, Value)]) throws -> Value) -> BuiltinFunction {
        BuiltinFunction(raw: name, signature: signature, doc: doc) { _, pos, kw in try body(pos, kw) }
    }

    /// A library function that takes its arguments as given and needs the runtime (to call
    /// back into methods or user code).
    public static func variadic(_ name: String, signature: String, doc: String = "",
                                _ body: @escaping (Runtime, [Value], [(String, Value)]) throws -> Value) -> BuiltinFunction {
        BuiltinFunction(raw: name, signature: signature, doc: doc, body)
    }

    /// `name(a, b=1)`.
    public var signatureText: String {
        if let p = params { return signature(name, p) }
        return rawSignature ?? "\(name)(...)"
    }

    @inline(__always)
    func call(_ rt: Runtime, _ positional: [Value], _ keywords: [(String, Value)]) throws -> Value {
        try body(rt, positional, keywords)
    }
}

/// A function defined in the language with `def` or `lambda`.
public final class FunctionObject {
    /// `__name__` (assignable, as `functools.wraps` does).
    public var name: String
    let params: [String]
    let defaults: [Value]
    let frameSize: Int
    let body: (UnsafeMutablePointer<Value>) throws -> Flow
    public var doc: String?
    /// `f.attr = v` for names the function does not define itself (`__dict__`), made on first use.
    var attributes: DictObject?
    /// `__module__`, when assigned.
    var module: String?
    let isLambda: Bool
    let nparams: Int
    let nrequired: Int
    let site: Site
    /// Values of enclosing-function variables, copied into slots from `capturedStart` on each call.
    let captured: [Value]
    let capturedSlots: [Int]
    let hasCaptures: Bool
    /// Slot that receives the function itself (a nested function calling itself), or -1.
    let selfSlot: Int
    /// Calls in progress that borrowed this function from a global without retaining it.
    /// (Unchecked exclusivity: touched on every call, never by overlapping accesses.)
    @exclusivity(unchecked) var borrowedCalls = 0
    /// Retains taken because a global holding this function was rebound during such
    /// calls; dropped when the last of them returns.
    @exclusivity(unchecked) var pendingReleases = 0
    /// `__qualname__` (`Vec.__init__`), used in argument errors as CPython does.
    public var qualName: String?
    /// The body contains `yield`: calling the function makes a generator.
    let isGenerator: Bool
    /// Generators: the slot receiving the value sent into a paused `yield`.
    var sentSlot = 0
    /// Generators: slots that become cells when the generator is created.
    var cellSlotsOnEntry: [Int] = []
    /// The name argument errors show.
    var displayName: String { qualName ?? (isLambda ? "<lambda>" : name) }
    /// Set when the function has `*args`, keyword-only parameters or `**kwargs`.
    let layout: ParamLayout?

    init(name: String, params: [String], defaults: [Value], frameSize: Int, doc: String?, isLambda: Bool, site: Site,
         captured: [Value] = [], capturedSlots: [Int] = [], selfSlot: Int = -1, layout: ParamLayout? = nil,
         isGenerator: Bool = false, body: @escaping (UnsafeMutablePointer<Value>) throws -> Flow) {
        self.layout = layout
        self.isGenerator = isGenerator
        self.captured = captured
        self.capturedSlots = capturedSlots
        self.hasCaptures = !captured.isEmpty || selfSlot >= 0
        self.selfSlot = selfSlot
        self.name = name
        self.params = params
        self.defaults = defaults
        self.frameSize = frameSize
        self.body = body
        self.doc = doc
        self.isLambda = isLambda
        // -1 keeps functions with a layout, and generator functions, off the fixed-arity call fast paths.
        self.nparams = layout == nil && !isGenerator ? params.count : -1
        self.nrequired = params.count - defaults.count
        self.site = site
    }

    var signatureText: String {
        if let l = layout { return "\(isLambda ? "<lambda>" : name)(" + l.signature(params, defaults) + ")" }
        var parts: [String] = []
        for (k, p) in params.enumerated() {
            if k >= nrequired { parts.append("\(p)=\(Repr.repr(defaults[k - nrequired]))") } else { parts.append(p) }
        }
        return "\(isLambda ? "<lambda>" : name)(" + parts.joined(separator: ", ") + ")"
    }
}
