import SMRLanguage

/// A library function that takes free-form arguments (`gym.make(id, **kwargs)`,
/// `torch.zeros(1, 1, 128)`): what declared `BuiltinFunction`s cannot express.
/// It still documents itself for `help()`.
public final class LibraryFunction: NativeObject {
    public let name: String
    public let signature: String
    public let doc: String
    let body: ([Value], [(String, Value)], Runtime) throws -> Value

    public init(_ name: String, signature: String, doc: String,
                _ body: @escaping ([Value], [(String, Value)], Runtime) throws -> Value) {
        self.name = name
        self.signature = signature
        self.doc = doc
        self.body = body
    }

    public override var typeName: String { "function" }
    public override var repr: String { "<function \(name)>" }
    public override var helpText: String { "\(signature)\n\n\(doc)" }

    public override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        do { return try body(args, keywords, runtime) } catch { throw LibraryErrors.convert(error) }
    }

    /// The keyword names this function accepts, checked with a "did you mean" hint.
    static func checkKeywords(_ function: String, _ keywords: [(String, Value)], allowed: [String]) throws {
        for (k, _) in keywords where !allowed.contains(k) {
            throw PyError(.typeError, "\(function)() got an unexpected keyword argument '\(k)'" + LibraryErrors.hint(k, allowed))
        }
    }
}
