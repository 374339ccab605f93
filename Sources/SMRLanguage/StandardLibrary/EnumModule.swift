/// `import enum`: `Enum` and `auto()`. A class statement deriving from `Enum` turns its
/// plain class attributes into members (instances with `name` and `value`, printed
/// `Color.RED`, shown `<Color.RED: 1>`); the class iterates over them, `Color(1)` finds one
/// by value and `Color["RED"]` by name, with CPython's errors.
enum EnumModule {
    static func make(_ rt: Runtime) -> NativeModule {
        let m = NativeModule("enum", doc: """
            Enumerations.
                class Color(Enum):
                    RED = 1
                    GREEN = auto()
            """)
        func method(_ name: String, _ body: @escaping (InstanceObject) throws -> Value) -> (String, Value) {
            (name, .object(MethodFunction(BuiltinFunction(raw: name, signature: "Enum.\(name)(self)", doc: "") { _, a, _ in
                guard let me = a.first?.userInstance else { throw PyError.type("Enum.\(name)() needs a member") }
                return try body(me)
            })))
        }
        let attrs: [(String, Value)] = [
            ("__module__", .str("enum")), ("__enum_base__", .bool(true)),
            method("__repr__") { me in
                let v = try me.attribute("_value_")
                return .str("<\(me.cls.name).\(Repr.str(try me.attribute("_name_"))): \(try v.userInstance.map { try $0.checkedRepr() } ?? Repr.repr(v))>")
            },
            method("__str__") { me in .str("\(me.cls.name).\(Repr.str(try me.attribute("_name_")))") },
        ]
        if let base = try? ClassObject(name: "Enum", qualName: "Enum", bases: [], attrs: attrs, rt: rt) {
            m.add("Enum", .object(base))
        }
        m.add(BuiltinFunction(raw: "auto", signature: "auto()", doc: "The next value: one more than the last int value (1 first).") { _, a, _ in
            guard a.isEmpty else { throw PyError.type("auto() takes no arguments") }
            return .object(AutoValue())
        })
        m.add(BuiltinFunction(raw: "unique", signature: "unique(enumeration)", doc: "Check that no two members share a value.") { _, a, _ in
            guard a.count == 1, case .object(let cls as ClassObject) = a[0], cls.enumMembers != nil,
                  case .dict(let all)? = cls.ownAttribute("__members__") else { return a.first ?? .none }
            var aliases: [String] = []
            for (k, member) in zip(all.keys, all.values) {
                let canonical = Repr.str(try Attributes.get(member, "name"))
                if case .str(let n) = k, n != canonical { aliases.append("\(n) -> \(canonical)") }
            }
            if !aliases.isEmpty { throw PyError.value("duplicate values found in <enum '\(cls.name)'>: \(aliases.joined(separator: ", "))") }
            return a[0]
        })
        return m
    }

    /// What `auto()` returns until the class statement replaces it by a value.
    final class AutoValue: NativeObject {
        override var repr: String { "auto()" }
    }

    static func isMemberCandidate(_ name: String, _ v: Value) -> Bool {
        if name.hasPrefix("_") { return false }
        switch v {
        case .function, .builtin: return false
        case .object(let o):
            return !(o is PropertyObject || o is StaticMethodObject || o is ClassMethodObject || o.bindsAsMethod || o is ClassObject)
        default: return true
        }
    }

    /// At the end of `class C(Enum):` — the members, in definition order.
    static func makeMembers(_ cls: ClassObject) throws {
        guard cls.mro.dropFirst().contains(where: { $0.ownAttribute("__enum_base__") != nil }) else { return }
        var members: [Value] = []
        let all = DictObject()
        var lastInt = 0
        for name in cls.attrOrder {
            guard var v = cls.ownAttribute(name), isMemberCandidate(name, v) else { continue }
            if case .object(is AutoValue) = v { v = .int(lastInt + 1) }
            if case .int(let i) = v { lastInt = i }
            if let existing = members.first(where: { (try? Attributes.get($0, "_value_")).map { Compare.equal($0, v) } ?? false }) {
                try all.set(.str(name), existing)  // an alias of the first member with this value
                try cls.setAttribute(name, existing)
                continue
            }
            let member = InstanceObject(cls)
            for (k, x) in [("_name_", Value.str(name)), ("_value_", v), ("name", .str(name)), ("value", v)] {
                try member.storeAttribute(k, x, bypassHook: true)
            }
            members.append(.object(member))
            try all.set(.str(name), .object(member))
            try cls.setAttribute(name, .object(member))
        }
        try cls.setAttribute("__members__", .dict(all))
        cls.enumMembers = members
    }

    /// `Color(1)`: the member with that value.
    static func member(_ cls: ClassObject, withValue args: [Value], _ kw: [(String, Value)]) throws -> Value {
        guard args.count == 1, kw.isEmpty else { throw PyError.type("\(cls.name)() takes exactly one argument (the value)") }
        let v = args[0]
        if let inst = v.userInstance, inst.cls === cls { return v }
        for m in cls.enumMembers ?? [] where Compare.equal(try Attributes.get(m, "_value_"), v) { return m }
        throw PyError.value("\(Repr.repr(v)) is not a valid \(cls.qualName)")
    }

    /// `Color["RED"]`: the member with that name (aliases included).
    static func member(_ cls: ClassObject, named index: Value) throws -> Value {
        if case .dict(let all)? = cls.ownAttribute("__members__"), let m = try all.lookup(index) { return m }
        throw PyError(.keyError, Repr.repr(index))
    }
}
