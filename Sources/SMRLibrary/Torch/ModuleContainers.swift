import SMRLanguage
import SMRNeural
import SMRTensor

/// `nn.ModuleDict`, `nn.ParameterList` and `nn.ParameterDict`: containers whose entries are
/// registered on a module under their key or position, so that `named_parameters()` and
/// `state_dict()` of an enclosing module read `heads.policy.weight`, `ps.0`, `pd.w`.
enum ModuleContainers {
    /// What every container answers like a module: its parameters, their names, its state.
    static func addModuleMethods(_ t: NativeType) {
        func state(_ o: NativeObject) throws -> UserModuleState {
            guard let c = (o as? ModuleContainer)?.container else { throw PyError(.typeError, "not a module container") }
            return c
        }
        t.method("parameters", doc: "The learnable tensors of every entry.") { o, _ in
            .list(try state(o).parameters().map { .object(TensorObject.parameter($0)) })
        }
        t.method("named_parameters", doc: "(dotted name, parameter) pairs.") { o, _ in
            .list(try state(o).namedParameters().map { .tuple([.str($0.name), .object(TensorObject.parameter($0.tensor))]) })
        }
        t.method("state_dict", doc: "Parameters and buffers by dotted name.") { o, _ in
            .dict(ModuleHooks.stateEntries(try state(o), "").map { ($0.0, .object(TensorObject($0.1.detach()))) })
        }
        t.method("zero_grad", doc: "Clear every parameter's gradient.") { o, _ in
            try state(o).zeroGrad()
            return .none
        }
    }

    /// A key as PyTorch accepts it for a named entry.
    static func key(_ v: Value, _ container: String) throws -> String {
        guard case .str(let k) = v else {
            throw PyError(.typeError, "\(container) keys must be strings, not \(v.typeName)")
        }
        guard !k.contains(".") else { throw PyError(.keyError, Repr.repr(.str("module name can't contain \".\", got: \(k)"))) }
        guard !k.isEmpty else { throw PyError(.keyError, Repr.repr(.str("module name can't be empty string \"\""))) }
        return k
    }

    /// (key, value) pairs of a dict, a list of pairs, or another container of the same kind.
    static func pairs(_ v: Value) throws -> [(Value, Value)] {
        switch v {
        case .dict(let d): return Array(zip(d.keys, d.values))
        case .object(let m as NamedEntriesObject): return m.entries.map { (.str($0.key), $0.value) }
        case .list, .tuple:
            return try UserModules.iterate(v).enumerated().map { (i, item) in
                guard case .tuple(let t) = item, t.items.count == 2 else {
                    if case .list(let l) = item, l.items.count == 2 { return (l.items[0], l.items[1]) }
                    throw PyError(.valueError, "dictionary update sequence element #\(i) has the wrong length; 2 is required")
                }
                return (t.items[0], t.items[1])
            }
        default: throw PyError(.typeError, "expected a dict or a list of (key, value) pairs, not \(v.typeName)")
        }
    }

    /// An `nn.Parameter` value for `v` (a parameter itself, or a tensor made into one).
    static func parameter(_ v: Value, _ container: String) throws -> TensorObject {
        guard case .object(let t as TensorObject) = v else {
            throw PyError(.typeError, "\(container) entries must be tensors or parameters, not \(v.typeName)")
        }
        if t.isParameter { return t }
        let p = try wrap { try Tensor(t.tensor.data, shape: t.tensor.shape, requiresGrad: true) }
        return TensorObject.parameter(p)
    }

    /// PyTorch's one-line description of a parameter inside a parameter container.
    static func parameterLine(_ key: String, _ t: Tensor, typeName: String) -> String {
        "  (\(key)): Parameter containing: [\(typeName) of size \(t.shape.map(String.init).joined(separator: "x"))]"
    }

    /// The repr of a module whose only content is its `extra_repr` lines.
    /// An iterator over the items as they were when iteration began (a container changed
    /// inside the loop does not disturb it), as the list containers iterate.
    static func snapshotIterator(_ items: [Value]) -> () throws -> Value? {
        var k = 0
        return {
            guard k < items.count else { return nil }
            k += 1
            return items[k - 1]
        }
    }

    static func extraRepr(_ name: String, _ lines: [String]) -> String {
        switch lines.count {
        case 0: return "\(name)()"
        case 1: return "\(name)(\(lines[0]))"
        default: return "\(name)(\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n)"
        }
    }

    /// `keys()`, `values()` and `items()` of a ModuleDict or ParameterDict, in insertion order.
    static func addMappingMethods(_ t: NativeType, of what: String) {
        func entries(_ o: NativeInstance) -> [(key: String, value: Value)] { (o as? NamedEntriesObject)?.entries ?? [] }
        t.method("keys", doc: "The names, in insertion order.") { o, _ in .list(entries(o).map { .str($0.key) }) }
        t.method("values", doc: "The \(what)s.") { o, _ in .list(entries(o).map(\.value)) }
        t.method("items", doc: "(name, \(what)) pairs.") { o, _ in .list(entries(o).map { .tuple([.str($0.key), $0.value]) }) }
    }

    static let moduleDictType: NativeType = {
        let t = NativeType("ModuleDict", doc: "Layers by name, registered as children of the enclosing module: ModuleDict({'actor': nn.Linear(4, 2)}).")
        t.initializer(params: [Param("modules", .any, default: .none)]) { a in
            let d = ModuleDictObject()
            if !a["modules"].isNone { for (k, v) in try pairs(a["modules"]) { try d.set(k, v) } }
            return .object(d)
        }
        addMappingMethods(t, of: "layer")
        t.method("update", doc: "Add or replace layers from a dict or pairs.", params: [Param("modules")]) { o, a in
            for (k, v) in try pairs(a["modules"]) { try (o as? ModuleDictObject)?.set(k, v) }
            return .none
        }
        t.method("pop", doc: "Remove a layer and return it.", params: [Param("key")]) { o, a in
            guard let d = o as? ModuleDictObject else { return .none }
            return try d.remove(try key(a["key"], "ModuleDict"))
        }
        addModuleMethods(t)
        return t
    }()

    static let parameterListType: NativeType = {
        let t = NativeType("ParameterList", doc: "Parameters by position, registered on the enclosing module as '0', '1', ….")
        t.initializer(params: [Param("values", .any, default: .none)]) { a in
            let l = ParameterListObject()
            if !a["values"].isNone { for v in try UserModules.iterate(a["values"]) { try l.append(v) } }
            return .object(l)
        }
        t.method("append", doc: "Add a parameter at the end.", params: [Param("value")]) { o, a in
            try (o as? ParameterListObject)?.append(a["value"])
            return .object(o)
        }
        t.method("extend", doc: "Add parameters at the end.", params: [Param("values")]) { o, a in
            for v in try UserModules.iterate(a["values"]) { try (o as? ParameterListObject)?.append(v) }
            return .object(o)
        }
        addModuleMethods(t)
        return t
    }()

    static let parameterDictType: NativeType = {
        let t = NativeType("ParameterDict", doc: "Parameters by name (a plain dict's keys are sorted, as PyTorch does), registered on the enclosing module.")
        t.initializer(params: [Param("parameters", .any, default: .none)]) { a in
            let d = ParameterDictObject()
            if !a["parameters"].isNone { try d.update(a["parameters"]) }
            return .object(d)
        }
        addMappingMethods(t, of: "parameter")
        t.method("update", doc: "Add or replace parameters from a dict or pairs.", params: [Param("parameters")]) { o, a in
            try (o as? ParameterDictObject)?.update(a["parameters"])
            return .none
        }
        addModuleMethods(t)
        return t
    }()
}

/// A container whose entries are registered on `container`.
protocol ModuleContainer: AnyObject {
    var container: UserModuleState { get }
}

/// The mapping behaviour ModuleDict and ParameterDict share: insertion-ordered entries by
/// name, iterated as keys, looked up by `d[name]`; `set` (each container's registration) is
/// what `d[name] = v` calls.
class NamedEntriesObject: NativeInstance {
    private(set) var entries: [(key: String, value: Value)] = []

    /// Adds `name`, or replaces its value where it stands.
    func store(_ name: String, _ value: Value) {
        if let i = entries.firstIndex(where: { $0.key == name }) { entries[i].value = value } else { entries.append((name, value)) }
    }

    /// Removes `name`'s entry and returns its value (nil when absent).
    func removeEntry(_ name: String) -> Value? {
        guard let i = entries.firstIndex(where: { $0.key == name }) else { return nil }
        return entries.remove(at: i).value
    }

    func set(_ k: Value, _ v: Value) throws { throw PyError(.typeError, "'\(typeName)' object does not support item assignment") }

    override func length() throws -> Int? { entries.count }
    override func makeIterator() throws -> () throws -> Value? {
        var k = 0
        let keys = entries.map(\.key)
        return {
            guard k < keys.count else { return nil }
            k += 1
            return .str(keys[k - 1])
        }
    }
    override func contains(_ item: Value) throws -> Bool {
        guard case .str(let k) = item else { return false }
        return entries.contains { $0.key == k }
    }
    override func getItem(_ index: Value) throws -> Value {
        guard case .str(let k) = index, let e = entries.first(where: { $0.key == k }) else { throw PyError(.keyError, Repr.repr(index)) }
        return e.value
    }
    override func setItem(_ index: Value, _ value: Value) throws { try set(index, value) }
}

/// `nn.ModuleDict`: insertion-ordered layers by name.
final class ModuleDictObject: NamedEntriesObject, ModuleContainer {
    let container = UserModuleState()

    init() { super.init(type: ModuleContainers.moduleDictType) }

    override func set(_ k: Value, _ v: Value) throws {
        let name = try ModuleContainers.key(k, "ModuleDict")
        guard let m = UserModules.module(of: v) else { throw PyError(.typeError, "\(v.typeName) is not a Module subclass") }
        container.register(module: m, as: name)
        container.childValues.removeAll { $0.name == name }
        container.childValues.append((name, v))
        store(name, v)
    }

    func remove(_ name: String) throws -> Value {
        guard let v = removeEntry(name) else { throw PyError(.keyError, Repr.repr(.str(name))) }
        container.removeModule(named: name)
        container.childValues.removeAll { $0.name == name }
        return v
    }

    override var repr: String { UserModules.treeRepr("ModuleDict", entries.map { ($0.key, Repr.repr($0.value)) }) }

    override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        guard deep else { return nil }
        let twin = ModuleDictObject()
        for e in entries { try twin.set(.str(e.key), try copyValue(e.value)) }
        UserModules.copyTrainingFlags(from: container, to: twin.container)
        return .object(twin)
    }
}

/// `nn.ParameterList`: parameters registered as "0", "1", ….
final class ParameterListObject: NativeInstance, ModuleContainer {
    private(set) var items: [TensorObject] = []
    let container = UserModuleState()

    init() { super.init(type: ModuleContainers.parameterListType) }

    func append(_ v: Value) throws {
        let p = try ModuleContainers.parameter(v, "ParameterList")
        container.register(parameter: p.tensor, as: String(items.count))
        container.tensorValues[String(items.count)] = .object(p)
        items.append(p)
    }

    override var repr: String {
        ModuleContainers.extraRepr("ParameterList", items.enumerated().map {
            ModuleContainers.parameterLine(String($0.offset), $0.element.tensor, typeName: "torch.float32")
        })
    }
    override func length() throws -> Int? { items.count }
    override func makeIterator() throws -> () throws -> Value? {
        ModuleContainers.snapshotIterator(items.map { .object($0) })
    }
    override func getItem(_ index: Value) throws -> Value {
        guard let i = index.asInt else { throw PyError(.typeError, "ParameterList indices must be integers, not \(index.typeName)") }
        let j = i < 0 ? i + items.count : i
        guard j >= 0 && j < items.count else { throw PyError(.indexError, "index \(i) is out of range") }
        return .object(items[j])
    }
    override func setItem(_ index: Value, _ value: Value) throws {
        guard let i = index.asInt else { throw PyError(.typeError, "ParameterList indices must be integers, not \(index.typeName)") }
        let j = i < 0 ? i + items.count : i
        guard j >= 0 && j < items.count else { throw PyError(.indexError, "index \(i) is out of range") }
        let p = try ModuleContainers.parameter(value, "ParameterList")
        container.register(parameter: p.tensor, as: String(j))
        container.tensorValues[String(j)] = .object(p)
        items[j] = p
    }

    override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        guard deep else { return nil }
        let twin = ParameterListObject()
        for p in items { try twin.append(try copyValue(.object(p))) }
        return .object(twin)
    }
}

/// `nn.ParameterDict`: parameters by name.
final class ParameterDictObject: NamedEntriesObject, ModuleContainer {
    let container = UserModuleState()

    init() { super.init(type: ModuleContainers.parameterDictType) }

    /// PyTorch sorts a plain dict's items (its `update` keeps order only for ordered mappings
    /// and other ParameterDicts); a list of pairs keeps its order.
    func update(_ v: Value) throws {
        var pairs = try ModuleContainers.pairs(v)
        if case .dict = v {
            guard pairs.allSatisfy({ $0.0.asString != nil }) else { throw PyError(.typeError, "ParameterDict keys must be strings") }
            pairs.sort { ($0.0.asString ?? "") < ($1.0.asString ?? "") }
        }
        for (k, value) in pairs { try set(k, value) }
    }

    override func set(_ k: Value, _ v: Value) throws {
        let name = try ModuleContainers.key(k, "ParameterDict")
        let p = try ModuleContainers.parameter(v, "ParameterDict")
        container.register(parameter: p.tensor, as: name)
        container.tensorValues[name] = .object(p)
        store(name, .object(p))
    }

    override var repr: String {
        ModuleContainers.extraRepr("ParameterDict", entries.compactMap { e in
            guard case .object(let t as TensorObject) = e.value else { return nil }
            return ModuleContainers.parameterLine(e.key, t.tensor, typeName: "torch.FloatTensor")
        })
    }

    override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        guard deep else { return nil }
        let twin = ParameterDictObject()
        for e in entries { try twin.set(.str(e.key), try copyValue(e.value)) }
        return .object(twin)
    }
}
