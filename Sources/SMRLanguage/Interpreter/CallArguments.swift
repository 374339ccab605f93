/// Messages about `*seq` and `**mapping` arguments, naming the callee as CPython does
/// (`__main__.f() argument after ** must be a mapping, not list`).
enum CallArguments {
    /// `"__main__.f() "`, `"print() "`, or empty when the callee is unknown.
    static func describe(_ callee: Value?) -> String {
        switch callee {
        case .function(let f)?: return "__main__.\(f.displayName)() "
        case .builtin(let b)?: return "\(b.name)() "
        case .object(let t as NativeType)?: return "\(t.name)() "
        default: return ""
        }
    }

    /// The items of a `*seq` argument.
    static func starred(_ v: Value, _ callee: Value?) throws -> [Value] {
        do { return try Iteration.toArray(v) } catch let e as PyError where e.kind == .typeError && e.message.hasSuffix("is not iterable") {
            throw PyError.type("\(describe(callee))argument after * must be an iterable, not \(v.typeName)")
        }
    }
}
