/// `import abc`: `ABC`, `abstractmethod` (also under `property`, `classmethod` and
/// `staticmethod`) and the TypeError CPython raises when a class with abstract methods left
/// is instantiated.
enum AbcModule {
    static func make(_ rt: Runtime) -> NativeModule {
        let m = NativeModule("abc", doc: """
            Abstract base classes.
                class Shape(ABC):
                    @abstractmethod
                    def area(self): ...
            """)
        if let abc = try? ClassObject(name: "ABC", qualName: "ABC", bases: [], attrs: [("__module__", .str("abc"))], rt: rt) {
            m.add("ABC", .object(abc))
        }
        m.add(BuiltinFunction(raw: "abstractmethod", signature: "abstractmethod(funcobj)", doc: "Mark a method abstract: subclasses must override it before they can be instantiated.") { _, a, _ in
            guard a.count == 1 else { throw PyError.type("abstractmethod() takes exactly one argument (\(a.count) given)") }
            try Attributes.set(a[0], "__isabstractmethod__", .bool(true))
            return a[0]
        })
        return m
    }

    static func isAbstract(_ v: Value) -> Bool {
        var f = v
        switch v {
        case .object(let p as PropertyObject): f = p.fget ?? .none
        case .object(let c as ClassMethodObject): f = c.function
        case .object(let s as StaticMethodObject): f = s.function
        default: break
        }
        guard case .function = f, let flag = try? Attributes.get(f, "__isabstractmethod__") else { return false }
        return flag.isTruthy
    }

    /// The abstract methods of `cls` that no class in its MRO overrides, sorted; nil if none.
    static func abstractNames(_ cls: ClassObject) -> [String]? {
        var candidates = Set<String>()
        for c in cls.mro {
            for n in c.attributeNames where c.ownAttribute(n).map(isAbstract) == true { candidates.insert(n) }
        }
        let left = candidates.filter { n in cls.lookup(n).map(isAbstract) ?? false }.sorted()
        return left.isEmpty ? nil : left
    }

    static func cannotInstantiate(_ cls: ClassObject, _ names: [String]) -> PyError {
        return PyError.type("Can't instantiate abstract class \(cls.name) with abstract method\(names.count == 1 ? "" : "s") \(names.joined(separator: ", "))")
    }
}
