/// `import dataclasses`: `@dataclass` (with `init`, `repr`, `eq`, `order`, `frozen`),
/// `field(default=, default_factory=, repr=, compare=, init=)`, `fields`, `asdict`,
/// `astuple`, `replace`, `is_dataclass` and `FrozenInstanceError`. The fields are the class
/// body's annotations in order (base dataclasses' first), as CPython reads them; the
/// methods it writes behave and word their errors as CPython's generated ones.
enum DataclassesModule {
    static func make(_ rt: Runtime) -> NativeModule {
        let m = NativeModule("dataclasses", doc: """
            Classes whose __init__, __repr__ and __eq__ come from their annotated fields.
                @dataclass
                class Item:
                    name: str
                    qty: int = 1
                    tags: list = field(default_factory=list)
            """)
        let frozenError: Value
        if let base = rt.builtins["AttributeError"],
           let cls = try? ClassObject(name: "FrozenInstanceError", qualName: "FrozenInstanceError", bases: [base], attrs: [], rt: rt) {
            frozenError = .object(cls)
            m.add("FrozenInstanceError", frozenError)
        } else {
            frozenError = rt.builtins["AttributeError"] ?? .none
        }
        let missing = Value.object(MissingMarker.shared)
        m.add("MISSING", missing)
        m.add(BuiltinFunction(raw: "field", signature: "field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True, metadata=None, kw_only=MISSING)",
                              doc: "Per-field options of a dataclass.") { _, a, kw in
            guard a.isEmpty else { throw PyError.type("field() takes 0 positional arguments but \(a.count) were given") }
            let f = FieldObject()
            for (n, v) in kw {
                switch n {
                case "default": f.defaultValue = v
                case "default_factory": f.defaultFactory = v
                case "init": f.inInit = v.isTruthy
                case "repr": f.inRepr = v.isTruthy
                case "compare": f.compare = v.isTruthy
                case "hash", "metadata", "kw_only": break
                default: throw PyError.type("field() got an unexpected keyword argument '\(n)'")
                }
            }
            if f.defaultValue != nil && f.defaultFactory != nil { throw PyError.value("cannot specify both default and default_factory") }
            return .object(f)
        })
        m.add(BuiltinFunction(raw: "dataclass", signature: "dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False)",
                              doc: "Add __init__, __repr__, __eq__ (and with order/frozen, comparisons and immutability) from the annotated fields.") { rt, a, kw in
            var options = Options()
            for (n, v) in kw {
                switch n {
                case "init": options.initializer = v.isTruthy
                case "repr": options.repr = v.isTruthy
                case "eq": options.eq = v.isTruthy
                case "order": options.order = v.isTruthy
                case "frozen": options.frozen = v.isTruthy
                case "unsafe_hash": options.unsafeHash = v.isTruthy
                case "match_args", "kw_only", "slots", "weakref_slot": break
                default: throw PyError.type("dataclass() got an unexpected keyword argument '\(n)'")
                }
            }
            if options.order && !options.eq { throw PyError.value("eq must be true if order is true") }
            if let c = a.first, !c.isNone {
                guard case .object(let cls as ClassObject) = c else { throw PyError.type("dataclass() should be called on a class") }
                try process(cls, options, rt, frozenError)
                return c
            }
            return .builtin(BuiltinFunction(raw: "wrap", signature: "wrap(cls)", doc: "") { rt, c, _ in
                guard c.count == 1, case .object(let cls as ClassObject) = c[0] else { throw PyError.type("dataclass() should be called on a class") }
                try process(cls, options, rt, frozenError)
                return c[0]
            })
        })
        m.function("fields", doc: "The fields of a dataclass or of one of its instances, as Field objects.", params: [Param("class_or_instance")]) { a in
            .tuple(try fieldList(a["class_or_instance"], "fields() argument must be a dataclass or an instance of one").map { .object($0) })
        }
        m.function("is_dataclass", doc: "Whether obj is a dataclass or an instance of one.", params: [Param("obj")]) { a in
            .bool(dataclassFields(a["obj"]) != nil)
        }
        m.function("asdict", doc: "The instance's fields as a dict, recursively (dataclasses, lists, tuples, dicts).", params: [Param("obj")]) { a in
            _ = try fieldList(a["obj"], "asdict() should be called on dataclass instances", instanceOnly: true)
            return try convert(a["obj"], asDict: true, a.runtime)
        }
        m.function("astuple", doc: "The instance's fields as a tuple, recursively.", params: [Param("obj")]) { a in
            _ = try fieldList(a["obj"], "astuple() should be called on dataclass instances", instanceOnly: true)
            return try convert(a["obj"], asDict: false, a.runtime)
        }
        m.add(BuiltinFunction(raw: "replace", signature: "replace(obj, /, **changes)", doc: "A new instance with some fields changed.") { rt, a, kw in
            guard a.count == 1 else { throw PyError.type("replace() takes 1 positional argument but \(a.count) were given") }
            let fs = try fieldList(a[0], "replace() should be called on dataclass instances", instanceOnly: true)
            var args: [(String, Value)] = []
            for f in fs where f.inInit {
                if let v = kw.first(where: { $0.0 == f.name }) { args.append(v) } else { args.append((f.name, try Attributes.get(a[0], f.name))) }
            }
            for (n, _) in kw where !fs.contains(where: { $0.name == n && $0.inInit }) {
                if fs.contains(where: { $0.name == n }) { throw PyError.value("field \(n) is declared with init=False, it cannot be specified with replace()") }
                throw PyError.type("\(a[0].userInstance?.cls.name ?? "object").__init__() got an unexpected keyword argument '\(n)'")
            }
            guard let cls = a[0].userInstance?.cls else { return .none }
            return try rt.call(.object(cls), [], keywords: args)
        })
        return m
    }

    struct Options {
        var initializer = true, repr = true, eq = true, order = false, frozen = false, unsafeHash = false
    }

    /// `dataclasses.MISSING`.
    final class MissingMarker: NativeObject {
        static let shared = MissingMarker()
        override var repr: String { "<dataclasses._MISSING_TYPE object>" }
    }

    /// The class's fields if it (or the instance's class) is a dataclass.
    static func dataclassFields(_ v: Value) -> [FieldObject]? {
        let cls: ClassObject
        if case .object(let c as ClassObject) = v { cls = c } else if let i = v.userInstance { cls = i.cls } else { return nil }
        guard case .object(let list as FieldList)? = cls.lookup("__dataclass_fields__") else { return nil }
        return list.fields
    }

    static func fieldList(_ v: Value, _ message: String, instanceOnly: Bool = false) throws -> [FieldObject] {
        if instanceOnly, v.userInstance == nil { throw PyError.type(message) }
        guard let f = dataclassFields(v) else { throw PyError.type(message) }
        return f
    }

    static func process(_ cls: ClassObject, _ o: Options, _ rt: Runtime, _ frozenError: Value) throws {
        // Fields of base dataclasses first (most basic first), then this class's annotations.
        var fields: [FieldObject] = []
        for base in cls.mro.dropFirst().reversed() {
            guard case .object(let list as FieldList)? = base.ownAttribute("__dataclass_fields__") else { continue }
            for f in list.fields {
                if let k = fields.firstIndex(where: { $0.name == f.name }) { fields[k] = f } else { fields.append(f) }
            }
        }
        if case .dict(let ann)? = cls.ownAttribute("__annotations__") {
            for (k, t) in zip(ann.keys, ann.values) {
                guard case .str(let name) = k else { continue }
                let hint: String
                if case .str(let text) = t { hint = text } else { hint = TypingModule.argText(t) }
                if hint.hasPrefix("typing.ClassVar") || hint.hasPrefix("ClassVar") { continue }
                let f: FieldObject
                switch cls.ownAttribute(name) {
                case .object(let given as FieldObject)?:
                    f = given
                    if let d = given.defaultValue { try cls.setAttribute(name, d) } else { try? cls.deleteAttribute(name) }
                case let d?:
                    f = FieldObject()
                    f.defaultValue = d
                case nil:
                    f = FieldObject()
                }
                f.name = name
                f.type = t
                if let d = f.defaultValue {
                    var mutable = false
                    switch d {
                    case .list, .dict: mutable = true
                    case .object(let s as SetObject): mutable = !s.frozen
                    default: break
                    }
                    if mutable {
                        throw PyError.value("mutable default \(TypingModule.classRepr(d)) for field \(name) is not allowed: use default_factory")
                    }
                }
                if let k = fields.firstIndex(where: { $0.name == name }) { fields[k] = f } else { fields.append(f) }
            }
        }
        var seenDefault = false
        for f in fields where f.inInit {
            if f.hasDefault { seenDefault = true } else if seenDefault {
                throw PyError.type("non-default argument '\(f.name)' follows default argument")
            }
        }
        try cls.setAttribute("__dataclass_fields__", .object(FieldList(fields)))
        func method(_ name: String, _ body: @escaping (Value, [Value], [(String, Value)]) throws -> Value) throws {
            let f = BuiltinFunction(raw: name, signature: "\(cls.name).\(name)(self, ...)", doc: "") { _, a, kw in
                guard let me = a.first else { throw PyError.type("\(cls.name).\(name)() missing 1 required positional argument: 'self'") }
                return try body(me, Array(a.dropFirst()), kw)
            }
            try cls.setAttribute(name, .object(MethodFunction(f)))
        }
        let qual = cls.qualName
        if o.initializer {
            let initFields = fields.filter { $0.inInit }
            try method("__init__") { me, a, kw in
                let fname = "\(qual).__init__"
                guard a.count <= initFields.count else {
                    let required = initFields.filter { !$0.hasDefault }.count + 1, most = initFields.count + 1
                    let takes = required == most ? "\(most) positional argument\(most == 1 ? "" : "s")" : "from \(required) to \(most) positional arguments"
                    throw PyError.type("\(fname)() takes \(takes) but \(a.count + 1) were given")
                }
                var values = [Value](repeating: .unbound, count: initFields.count)
                for (k, v) in a.enumerated() { values[k] = v }
                for (n, v) in kw {
                    guard let k = initFields.firstIndex(where: { $0.name == n }) else {
                        throw PyError.type("\(fname)() got an unexpected keyword argument '\(n)'")
                    }
                    if !values[k].isUnboundMarker { throw PyError.type("\(fname)() got multiple values for argument '\(n)'") }
                    values[k] = v
                }
                var missingNames: [String] = []
                for (k, f) in initFields.enumerated() where values[k].isUnboundMarker {
                    if let d = f.defaultValue { values[k] = d } else if let factory = f.defaultFactory { values[k] = try rt.call(factory, []) } else { missingNames.append(f.name) }
                }
                if !missingNames.isEmpty {
                    let names = missingNames.map { "'\($0)'" }
                    let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
                    throw PyError.type("\(fname)() missing \(missingNames.count) required positional argument\(missingNames.count == 1 ? "" : "s"): \(list)")
                }
                guard let inst = me.userInstance else { return .none }
                for (k, f) in initFields.enumerated() { try inst.storeAttribute(f.name, values[k], bypassHook: true) }
                for f in fields where !f.inInit {
                    if let d = f.defaultValue { try inst.storeAttribute(f.name, d, bypassHook: true) } else if let factory = f.defaultFactory {
                        try inst.storeAttribute(f.name, try rt.call(factory, []), bypassHook: true)
                    }
                }
                if let post = inst.cls.lookup("__post_init__") { _ = try rt.call(post, [me]) }
                return .none
            }
        }
        if o.repr && cls.ownAttribute("__repr__") == nil {
            try method("__repr__") { me, _, _ in
                var parts: [String] = []
                for f in fields where f.inRepr {
                    let v = try Attributes.get(me, f.name)
                    parts.append("\(f.name)=" + (try v.userInstance.map { try $0.checkedRepr() } ?? Repr.repr(v)))
                }
                return .str(qual + "(" + parts.joined(separator: ", ") + ")")
            }
        }
        func values(_ v: Value) throws -> Value { .tuple(try fields.filter { $0.compare }.map { try Attributes.get(v, $0.name) }) }
        func sameClass(_ a: Value, _ b: Value) -> Bool {
            guard let x = a.userInstance, let y = b.userInstance else { return false }
            return x.cls === y.cls
        }
        if o.eq && cls.ownAttribute("__eq__") == nil {
            try method("__eq__") { me, a, _ in
                guard let other = a.first, sameClass(me, other) else { return .object(NotImplementedObject.shared) }
                return .bool(Compare.equal(try values(me), try values(other)))
            }
        }
        if o.order {
            for (name, op) in [("__lt__", CompareOp.lt), ("__le__", .le), ("__gt__", .gt), ("__ge__", .ge)] {
                if cls.ownAttribute(name) != nil {
                    throw PyError.type("Cannot overwrite attribute \(name) in class \(cls.name). Consider using functools.total_ordering")
                }
                try method(name) { me, a, _ in
                    guard let other = a.first, sameClass(me, other) else { return .object(NotImplementedObject.shared) }
                    return .bool(try Compare.compare(op, try values(me), try values(other)))
                }
            }
        }
        if o.frozen {
            try method("__setattr__") { _, a, _ in
                let n = a.first.map(Repr.str) ?? ""
                throw try Exceptions.toRaise(try rt.call(frozenError, [.str("cannot assign to field '\(n)'")]), rt)
            }
            try method("__delattr__") { _, a, _ in
                let n = a.first.map(Repr.str) ?? ""
                throw try Exceptions.toRaise(try rt.call(frozenError, [.str("cannot delete field '\(n)'")]), rt)
            }
        }
        // eq without frozen makes instances unhashable; eq with frozen (or unsafe_hash) hashes the fields.
        if cls.ownAttribute("__hash__") == nil {
            if o.eq && (o.frozen || o.unsafeHash) {
                try method("__hash__") { me, _, _ in .int(try ClassBuiltins.hash(try values(me))) }
            } else if o.eq {
                try cls.setAttribute("__hash__", .none)
            }
        }
        try cls.setAttribute("__match_args__", .tuple(fields.filter { $0.inInit }.map { .str($0.name) }))
    }

    /// asdict/astuple: dataclass instances become dicts (tuples), containers are rebuilt, other values deep-copied.
    static func convert(_ v: Value, asDict: Bool, _ rt: Runtime) throws -> Value {
        if v.userInstance != nil, let fs = dataclassFields(v) {
            if asDict {
                let d = DictObject()
                for f in fs { try d.set(.str(f.name), try convert(try Attributes.get(v, f.name), asDict: true, rt)) }
                return .dict(d)
            }
            return .tuple(try fs.map { try convert(try Attributes.get(v, $0.name), asDict: false, rt) })
        }
        switch v {
        case .list(let l): return .list(ListObject(try l.items.map { try convert($0, asDict: asDict, rt) }))
        case .tuple(let t): return .tuple(try t.items.map { try convert($0, asDict: asDict, rt) })
        case .dict(let src):
            let d = DictObject()
            for (k, x) in zip(src.keys, src.values) { try d.set(try convert(k, asDict: asDict, rt), try convert(x, asDict: asDict, rt)) }
            return .dict(d)
        default:
            var copier = CopyModule.DeepCopier(rt: rt)
            return try DeepCopyScope.during { try copier.copy(v) }
        }
    }
}

/// A dataclass field: `dataclasses.fields(x)` items, and what `field(...)` returns.
final class FieldObject: NativeObject {
    var name = ""
    var type: Value = .none
    var defaultValue: Value?
    var defaultFactory: Value?
    var inInit = true, inRepr = true, compare = true

    var hasDefault: Bool { defaultValue != nil || defaultFactory != nil }

    override var typeName: String { "Field" }
    override var repr: String {
        let missing = "dataclasses.MISSING"
        return "Field(name=\(Repr.repr(.str(name))),type=\(TypingModule.argText(type)),default=\(defaultValue.map(Repr.repr) ?? missing),"
            + "default_factory=\(defaultFactory.map(Repr.repr) ?? missing),init=\(inInit ? "True" : "False"),repr=\(inRepr ? "True" : "False"),"
            + "compare=\(compare ? "True" : "False"))"
    }
    override var attributeNames: [String] { ["compare", "default", "default_factory", "init", "name", "repr", "type"] }

    override func getAttribute(_ attr: String) throws -> Value {
        switch attr {
        case "name": return .str(name)
        case "type": return type
        case "default": return defaultValue ?? .object(DataclassesModule.MissingMarker.shared)
        case "default_factory": return defaultFactory ?? .object(DataclassesModule.MissingMarker.shared)
        case "init": return .bool(inInit)
        case "repr": return .bool(inRepr)
        case "compare": return .bool(compare)
        default: return try super.getAttribute(attr)
        }
    }
}

/// `cls.__dataclass_fields__`: the fields in order.
final class FieldList: NativeObject {
    let fields: [FieldObject]
    init(_ f: [FieldObject]) { fields = f }
    override var typeName: String { "dict" }
    override var repr: String { "{" + fields.map { "\(Repr.repr(.str($0.name))): \($0.repr)" }.joined(separator: ", ") + "}" }
    override func length() throws -> Int? { fields.count }
    override func makeIterator() throws -> () throws -> Value? { try Iteration.makeIterator(.list(ListObject(fields.map { .str($0.name) }))) }
    override func getItem(_ index: Value) throws -> Value {
        guard case .str(let n) = index, let f = fields.first(where: { $0.name == n }) else { throw PyError(.keyError, Repr.repr(index)) }
        return .object(f)
    }
}
