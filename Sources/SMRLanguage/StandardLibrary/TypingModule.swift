/// `import typing` and generic aliases (`list[int]`): type hints are evaluated where CPython
/// evaluates them (class-body annotations, `dataclass` fields) and print as CPython prints
/// them (`typing.Optional[int]`, `dict[str, list[int]]`); they check nothing.
enum TypingModule {
    /// Builtin classes that are subscriptable in annotations (`list[int]`).
    static let genericBuiltins: Set<String> = ["list", "dict", "tuple", "set", "frozenset", "type"]

    static let specialForms = ["Any", "List", "Dict", "Tuple", "Set", "FrozenSet", "Optional", "Union", "Callable",
                               "Iterable", "Iterator", "Generator", "Sequence", "Mapping", "MutableMapping",
                               "MutableSequence", "Type", "ClassVar", "Final", "Literal", "Deque", "DefaultDict",
                               "OrderedDict", "Counter", "NoReturn", "Generic", "Protocol", "Hashable", "Sized",
                               "Collection", "Container", "Awaitable", "Coroutine", "AnyStr", "Text", "Annotated"]

    static func make() -> NativeModule {
        let m = NativeModule("typing", doc: """
            Type hints (checked by nothing at run time).
                from typing import List, Optional
                def first(xs: List[int]) -> Optional[int]: ...
            """)
        for name in specialForms { m.add(name, .object(TypeHint("typing." + name))) }
        m.add("TYPE_CHECKING", .bool(false))
        m.add(BuiltinFunction(raw: "TypeVar", signature: "TypeVar(name, *constraints, bound=None)", doc: "A type variable.") { _, a, _ in
            guard case .str(let n)? = a.first else { throw PyError.type("TypeVar() missing required argument 'name' (pos 1)") }
            return .object(TypeHint("~" + n))
        })
        m.add(BuiltinFunction(raw: "cast", signature: "cast(typ, val)", doc: "val, unchanged.") { _, a, _ in
            guard a.count == 2 else { throw PyError.type("cast() missing 2 required positional arguments: 'typ' and 'val'") }
            return a[1]
        })
        m.add(BuiltinFunction(raw: "NewType", signature: "NewType(name, tp)", doc: "A callable that returns its argument.") { _, a, _ in
            guard a.count == 2 else { throw PyError.type("NewType.__init__() missing 2 required positional arguments: 'name' and 'tp'") }
            return .builtin(BuiltinFunction(raw: Repr.str(a[0]), signature: "\(Repr.str(a[0]))(x)", doc: "") { _, x, _ in
                guard x.count == 1 else { throw PyError.type("\(Repr.str(a[0]))() takes 1 positional argument") }
                return x[0]
            })
        })
        for name in ["overload", "final", "no_type_check", "runtime_checkable"] {
            m.add(BuiltinFunction(raw: name, signature: "\(name)(f)", doc: "f, unchanged.") { _, a, _ in
                guard a.count == 1 else { throw PyError.type("\(name)() takes 1 positional argument but \(a.count) were given") }
                return a[0]
            })
        }
        return m
    }

    /// `repr(type(v))` for builtin values: `<class 'list'>`.
    static func classRepr(_ v: Value) -> String { "<class '\(v.typeName)'>" }

    /// How a type argument appears inside a hint's brackets.
    static func argText(_ v: Value) -> String {
        switch v {
        case .builtin(let b) where b.isType: return b.name
        case .object(let c as ClassObject): return "__main__." + c.qualName
        case .object(let t as NativeType): return t.name
        case .none: return "None"
        case .list(let l): return "[" + l.items.map(argText).joined(separator: ", ") + "]"
        case .object(let o) where o is EllipsisObject: return "..."
        default: return Repr.repr(v)
        }
    }
}

/// A type hint: `typing.List`, `typing.Optional[int]`, `list[str]`, a TypeVar `~T`.
final class TypeHint: NativeObject {
    let name: String
    let args: [Value]?

    init(_ name: String, args: [Value]? = nil) {
        self.name = name
        self.args = args
    }

    override var typeName: String { name.hasPrefix("typing.") ? "_SpecialForm" : "types.GenericAlias" }
    override var repr: String {
        guard let args else { return name }
        return name + "[" + args.map(TypingModule.argText).joined(separator: ", ") + "]"
    }

    override func getItem(_ index: Value) throws -> Value {
        if case .tuple(let t) = index { return .object(TypeHint(name, args: t.items)) }
        return .object(TypeHint(name, args: [index]))
    }

    override func getAttribute(_ attr: String) throws -> Value {
        switch attr {
        case "__args__": return .tuple(args ?? [])
        case "__name__": return .str(String(name.split(separator: ".").last ?? ""))
        default: return try super.getAttribute(attr)
        }
    }
}
