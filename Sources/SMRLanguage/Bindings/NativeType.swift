/// A method declared on a library class.
public struct NativeMethod {
    public let name: String
    public let doc: String
    public let params: [Param]
    public let body: (NativeInstance, Arguments) throws -> Value
}

/// An attribute declared on a library class; settable when `set` is given.
public struct NativeProperty {
    public let name: String
    public let doc: String
    public let get: (NativeInstance) throws -> Value
    public let set: ((NativeInstance, Value) throws -> Void)?
}

/// A library class exposed to the language by declaration. From the declaration come
/// construction with checked keyword arguments, `help()`, `dir()` and completion.
///
///     let env = NativeType("MemoryTaskEnv", doc: "A memory task.")
///     env.initializer(params: [Param("seed", .int, default: .none)]) { args in
///         NativeInstance(type: env, payload: MemoryTaskEnv(seed: try args.optionalInt("seed")))
///     }
///     env.method("reset", doc: "Start an episode.", params: []) { obj, args in … }
///     env.property("observation_space", doc: "…") { obj in … }
public final class NativeType: NativeObject {
    public let name: String
    public let doc: String
    public private(set) var initParams: [Param] = []
    private var initBody: ((Arguments) throws -> Value)?
    public private(set) var methods: [String: NativeMethod] = [:]
    /// Attributes of the type itself (`Point._fields`), looked up after the methods.
    public var typeAttributes: [String: Value] = [:]
    /// Bumped whenever a method is declared: call sites caching a method check it.
    public private(set) var methodsVersion = 0
    public private(set) var properties: [String: NativeProperty] = [:]
    private var order: [String] = []
    /// How user classes deriving from this one behave (nil: not subclassable).
    public var subclassHooks: SubclassHooks?

    public init(_ name: String, doc: String = "") {
        self.name = name
        self.doc = doc
    }

    /// Declare the constructor.
    public func initializer(params: [Param], _ body: @escaping (Arguments) throws -> Value) {
        initParams = params
        initBody = body
    }

    /// Declare a method.
    public func method(_ name: String, doc: String = "", params: [Param] = [],
                       _ body: @escaping (NativeInstance, Arguments) throws -> Value) {
        if methods[name] == nil && properties[name] == nil { order.append(name) }
        methods[name] = NativeMethod(name: name, doc: doc, params: params, body: body)
        methodsVersion += 1
    }

    /// Declare an attribute (read-only unless `set` is given).
    public func property(_ name: String, doc: String = "", get: @escaping (NativeInstance) throws -> Value,
                         set: ((NativeInstance, Value) throws -> Void)? = nil) {
        if methods[name] == nil && properties[name] == nil { order.append(name) }
        properties[name] = NativeProperty(name: name, doc: doc, get: get, set: set)
    }

    /// Member names in declaration order.
    public var memberNames: [String] { order }

    public override var typeName: String { "type" }
    public override var repr: String { "<class '\(name)'>" }
    public override var attributeNames: [String] { order }

    public override var helpText: String {
        var out = "class \(name)\n |  \(signature(name, initParams))\n"
        if !doc.isEmpty { out += " |\n" + doc.split(separator: "\n", omittingEmptySubsequences: false).map { " |  " + $0 }.joined(separator: "\n") + "\n" }
        let documented = initParams.filter { !$0.doc.isEmpty }
        if !documented.isEmpty {
            out += " |\n |  Arguments:\n"
            for p in documented { out += " |    \(p.signatureText): \(p.doc)\n" }
        }
        let ms = order.compactMap { methods[$0] }
        if !ms.isEmpty {
            out += " |\n |  Methods:\n"
            for m in ms { out += " |    \(signature(m.name, m.params))" + (m.doc.isEmpty ? "" : " — \(firstLine(m.doc))") + "\n" }
        }
        let ps = order.compactMap { properties[$0] }
        if !ps.isEmpty {
            out += " |\n |  Attributes:\n"
            for p in ps { out += " |    \(p.name)" + (p.doc.isEmpty ? "" : " — \(firstLine(p.doc))") + "\n" }
        }
        return out
    }

    public override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        guard let body = initBody else { throw PyError.type("cannot create '\(name)' instances") }
        return try body(try Arguments.bind(name, initParams, args, keywords, acceptsExtra: false, runtime: runtime))
    }

    public override func getAttribute(_ attr: String) throws -> Value {
        if let m = methods[attr] {
            // Unbound method: the instance is the first argument.
            return .builtin(BuiltinFunction(raw: "\(name).\(attr)", signature: signature("\(name).\(attr)", [Param("self")] + m.params), doc: m.doc) { rt, pos, kw in
                guard case .object(let o)? = pos.first, let inst = o as? NativeInstance, inst.nativeType === self else {
                    throw PyError.type("\(self.name).\(attr)() needs a '\(self.name)' instance as first argument")
                }
                return try m.body(inst, try Arguments.bind(attr, m.params, Array(pos.dropFirst()), kw, acceptsExtra: false, runtime: rt))
            })
        }
        if attr == "__name__" { return .str(name) }
        if attr == "__doc__" { return .str(doc) }
        if let v = typeAttributes[attr] { return v }
        throw PyError.attribute("type object '\(name)' has no attribute '\(attr)'" + Suggestions.hint(attr, order))
    }
}

func firstLine(_ s: String) -> String {
    String(s.split(separator: "\n").first ?? "")
}

/// An instance of a library class. Library code stores its Swift object in `payload`
/// (or subclasses this class).
open class NativeInstance: NativeObject {
    public let nativeType: NativeType
    public var payload: Any?

    public init(type: NativeType, payload: Any? = nil) {
        self.nativeType = type
        self.payload = payload
    }

    /// Whether this class's `callMethod` handles `name` itself instead of the type's method
    /// table; call sites cache table methods only for names it does not intercept.
    open class func interceptsMethod(_ name: String) -> Bool { false }

    open override var typeName: String { nativeType.name }
    open override var repr: String { "<\(nativeType.name) object>" }
    open override var attributeNames: [String] { nativeType.memberNames }
    open override var helpText: String { nativeType.helpText }

    open override func getAttribute(_ name: String) throws -> Value {
        if let p = nativeType.properties[name] { return try p.get(self) }
        if let m = nativeType.methods[name] {
            return .builtin(BuiltinFunction(name, doc: m.doc, params: m.params) { [self] args in
                try m.body(self, args)
            })
        }
        return try super.getAttribute(name)
    }

    open override func setAttribute(_ name: String, _ value: Value) throws {
        if let p = nativeType.properties[name], let set = p.set { return try set(self, value) }
        try super.setAttribute(name, value)
    }

    open override func callMethod(_ name: String, _ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        if let m = nativeType.methods[name] {
            return try m.body(self, try Arguments.bind(name, m.params, args, keywords, acceptsExtra: false, runtime: runtime))
        }
        return try super.callMethod(name, args, keywords, runtime: runtime)
    }
}

/// A library module (`numpy`, `gymnasium`, …) holding functions, classes and constants.
public final class NativeModule: NativeObject {
    public let name: String
    public let doc: String
    /// Compiled into the interpreter, as CPython's `builtins` is: the repr says `(built-in)`.
    public let builtIn: Bool
    private var members: [String: Value] = [:]
    private var order: [String] = []
    /// Bumped whenever a member is added or replaced: call sites caching a member check it.
    public private(set) var membersVersion = 0

    public init(_ name: String, doc: String = "", builtIn: Bool = false) {
        self.name = name
        self.doc = doc
        self.builtIn = builtIn
    }

    /// Add a member under `name`.
    public func add(_ name: String, _ value: Value) {
        if members[name] == nil { order.append(name) }
        members[name] = value
        membersVersion += 1
    }

    /// Add a declared function.
    public func add(_ f: BuiltinFunction) { add(f.name, .builtin(f)) }

    /// Add a declared class.
    public func add(_ t: NativeType) { add(t.name, .object(t)) }

    /// Declare and add a function in one step.
    public func function(_ name: String, doc: String = "", params: [Param], acceptsExtraPositional: Bool = false,
                         _ body: @escaping (Arguments) throws -> Value) {
        add(BuiltinFunction(name, doc: doc, params: params, acceptsExtraPositional: acceptsExtraPositional, body))
    }

    public func member(_ name: String) -> Value? { members[name] }

    public override var typeName: String { "module" }
    public override var repr: String { builtIn ? "<module '\(name)' (built-in)>" : "<module '\(name)'>" }
    public override var attributeNames: [String] { order }

    public override var helpText: String {
        var out = "module \(name)\n"
        if !doc.isEmpty { out += "\n" + doc + "\n" }
        if !order.isEmpty {
            out += "\nContents:\n"
            for n in order {
                guard let v = members[n] else { continue }
                switch v {
                case .builtin(let f): out += "  \(f.signatureText)" + (f.doc.isEmpty ? "" : " — \(firstLine(f.doc))") + "\n"
                case .object(let t as NativeType): out += "  class \(signature(t.name, t.initParams))" + (t.doc.isEmpty ? "" : " — \(firstLine(t.doc))") + "\n"
                default: out += "  \(n)\n"
                }
            }
        }
        return out
    }

    public override func getAttribute(_ attr: String) throws -> Value {
        if let v = members[attr] { return v }
        if attr == "__name__" { return .str(name) }
        throw PyError.attribute("module '\(name)' has no attribute '\(attr)'" + Suggestions.hint(attr, order))
    }

    public override func setAttribute(_ attr: String, _ value: Value) throws {
        add(attr, value)
    }
}
