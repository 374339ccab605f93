/// An instance of a `collections.namedtuple` class: a tuple whose items also have names
/// (`p.x`, `p[0]`, `x, y = p`), printed `Point(x=1, y=2)`, equal to the plain tuple.
final class NamedTupleObject: NativeInstance {
    let items: [Value]
    let fields: [String]
    /// The module a library namedtuple belongs to (`time` for `time.struct_time`), shown by repr.
    let module: String?

    init(_ cls: NativeType, fields: [String], items: [Value], module: String? = nil) {
        self.fields = fields
        self.items = items
        self.module = module
        super.init(type: cls)
    }

    override var repr: String {
        (module.map { $0 + "." } ?? "") + nativeType.name + "(" + zip(fields, items).map { "\($0)=\(Repr.repr($1))" }.joined(separator: ", ") + ")"
    }
    override var isTruthy: Bool { !items.isEmpty }
    override func length() throws -> Int? { items.count }
    override func makeIterator() throws -> () throws -> Value? { try Iteration.makeIterator(.tuple(items)) }
    override func getItem(_ index: Value) throws -> Value { try Subscript.getItem(.tuple(items), index) }
    override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value { try Subscript.getSlice(.tuple(items), lo, hi, step) }
    override func contains(_ item: Value) throws -> Bool { items.contains { Compare.equal($0, item) } }

    override func equals(_ other: Value) -> Bool {
        switch other {
        case .tuple(let t): return Compare.seqEqual(items, t.items)
        case .object(let o as NamedTupleObject): return Compare.seqEqual(items, o.items)
        default: return false
        }
    }

    override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        deep ? .object(NamedTupleObject(nativeType, fields: fields, items: try items.map(copyValue), module: module)) : .object(self)
    }

    override func getAttribute(_ name: String) throws -> Value {
        if name == "_fields" { return .tuple(fields.map { .str($0) }) }
        return try super.getAttribute(name)
    }

    override func setAttribute(_ name: String, _ value: Value) throws {
        if fields.contains(name) { throw PyError.attribute("can't set attribute") }
        try super.setAttribute(name, value)
    }

    /// The class `namedtuple(typename, field_names, defaults=)` returns.
    static func makeClass(_ typename: String, _ fieldNames: Value, defaults: Value, module: String? = nil) throws -> NativeType {
        var fields: [String]
        if case .str(let s) = fieldNames {
            fields = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        } else {
            fields = try Iteration.toArray(fieldNames).map { v in
                guard case .str(let s) = v else { throw PyError.type("Type names and field names must be strings") }
                return s
            }
        }
        func isIdentifier(_ s: String) -> Bool {
            guard let f = s.unicodeScalars.first, f == "_" || f.properties.isXIDStart else { return false }
            return s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
        }
        var seen = Set<String>()
        for name in [typename] + fields {
            guard isIdentifier(name) else { throw PyError.value("Type names and field names must be valid identifiers: \(Repr.stringRepr(name))") }
            if pythonKeywords.contains(name) { throw PyError.value("Type names and field names cannot be a keyword: \(Repr.stringRepr(name))") }
        }
        for name in fields {
            if name.hasPrefix("_") { throw PyError.value("Field names cannot start with an underscore: \(Repr.stringRepr(name))") }
            if seen.contains(name) { throw PyError.value("Encountered duplicate field name: \(Repr.stringRepr(name))") }
            seen.insert(name)
        }
        let defaultValues = defaults.isNone ? [] : try Iteration.toArray(defaults)
        if defaultValues.count > fields.count { throw PyError.type("Got more default values than field names") }
        let firstDefault = fields.count - defaultValues.count
        let params = fields.enumerated().map { k, f in
            k >= firstDefault ? Param(f, .any, default: defaultValues[k - firstDefault]) : Param(f)
        }
        let t = NativeType(typename, doc: "\(typename)(\(fields.joined(separator: ", ")))")
        t.initializer(params: params) { a in .object(NamedTupleObject(t, fields: fields, items: a.values, module: module)) }
        for (k, f) in fields.enumerated() {
            t.property(f, doc: "Alias for field number \(k)", get: { o in (o as? NamedTupleObject)?.items[k] ?? .none })
        }
        t.typeAttributes["_fields"] = .tuple(fields.map { .str($0) })
        t.typeAttributes["__match_args__"] = .tuple(fields.map { .str($0) })
        t.typeAttributes["_field_defaults"] = .dict(Array(zip(fields.suffix(defaultValues.count), defaultValues)))
        t.typeAttributes["_make"] = .builtin(BuiltinFunction(raw: "_make", signature: "\(typename)._make(iterable)", doc: "A new instance from an iterable.") { rt, a, _ in
            guard a.count == 1 else { throw PyError.type("_make() takes 1 positional argument but \(a.count) were given") }
            let items = try Iteration.toArray(a[0])
            guard items.count == fields.count else { throw PyError.type("Expected \(fields.count) arguments, got \(items.count)") }
            return .object(NamedTupleObject(t, fields: fields, items: items, module: module))
        })
        t.method("_asdict", doc: "A dict from field names to values.", params: []) { o, _ in
            guard let n = o as? NamedTupleObject else { return .none }
            return .dict(Array(zip(n.fields, n.items)))
        }
        t.method("_replace", doc: "A copy with some fields replaced: p._replace(x=3).", params: fields.map { Param($0, .any, default: .unbound) }) { o, a in
            guard let n = o as? NamedTupleObject else { return .none }
            let items = zip(n.items, a.values).map { old, new in if case .unbound = new { return old }; return new }
            return .object(NamedTupleObject(t, fields: fields, items: items, module: n.module))
        }
        return t
    }
}
