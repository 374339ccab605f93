import SMRLanguage
import SMRNeural
import SMRTensor

/// The registry behind a user `nn.Module` subclass: an SMRNeural module whose parameters
/// and children are what the user assigned, plus the language values of the children
/// (for the repr, which is derived from the module tree as PyTorch prints it).
final class UserModuleState: Module, DeepCopyableState {
    var childValues: [(name: String, value: Value)] = []
    /// The language values (`nn.Parameter` tensors, buffers) behind `ownParameters` and
    /// `ownBuffers`, so that a deep copy's attributes and registry hold the same copies.
    var tensorValues: [String: Value] = [:]

    /// `copy.deepcopy` of a user module: its parameters, buffers and children copied
    /// through the copier's memo (an attribute and the registry end up sharing one copy).
    func deepCopy(_ copyValue: (Value) throws -> Value) throws -> AnyObject {
        let twin = UserModuleState()
        func tensorCopy(_ name: String, _ t: Tensor) throws -> Tensor {
            if let v = tensorValues[name], case .object(let c as TensorObject) = try copyValue(v) {
                twin.tensorValues[name] = .object(c)
                return c.tensor
            }
            return try wrap { try Tensor(t.data, shape: t.shape, requiresGrad: t.requiresGrad) }
        }
        for p in ownParameters { twin.register(parameter: try tensorCopy(p.name, p.tensor), as: p.name) }
        for b in ownBuffers { twin.register(buffer: try tensorCopy(b.name, b.tensor), as: b.name) }
        for (name, value) in childValues {
            let c = try copyValue(value)
            guard let m = UserModules.module(of: c) else { throw PyError(.typeError, "copy.deepcopy(): could not copy the sub-module '\(name)'") }
            twin.register(module: m, as: name)
            twin.childValues.append((name, c))
        }
        UserModules.copyTrainingFlags(from: self, to: twin)
        return twin
    }
}

/// `nn.Module` and `nn.ModuleList` for user classes, and `nn.Parameter`.
enum UserModules {
    static let moduleType: NativeType = {
        let t = NativeType("Module", doc: "Base class of models: assign nn.Parameter tensors and layers as attributes, define forward().")
        t.subclassHooks = ModuleHooks()
        return t
    }()

    static let moduleListType: NativeType = {
        let t = NativeType("ModuleList", doc: "A list of layers whose parameters belong to the enclosing module.")
        t.initializer(params: [Param("modules", .any, default: .none)]) { a in
            let l = ModuleListObject()
            if !a["modules"].isNone {
                for v in try iterate(a["modules"]) { try l.append(v) }
            }
            return .object(l)
        }
        t.method("append", doc: "Add a layer at the end.", params: [Param("module")]) { o, a in
            try (o as? ModuleListObject)?.append(a["module"])
            return .object(o)
        }
        t.method("extend", doc: "Add layers at the end.", params: [Param("modules")]) { o, a in
            for v in try iterate(a["modules"]) { try (o as? ModuleListObject)?.append(v) }
            return .object(o)
        }
        t.method("parameters", doc: "The learnable tensors of every layer.") { o, _ in
            .list(((o as? ModuleListObject)?.container.parameters() ?? []).map { .object(TensorObject.parameter($0)) })
        }
        return t
    }()

    static func iterate(_ v: Value) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t.items
        case .object(let l as ModuleListObject): return l.items
        default: throw PyError(.typeError, "expected a list of modules, not \(v.typeName)")
        }
    }

    /// `nn.Parameter(tensor, requires_grad=True)`.
    static let parameterFunction = BuiltinFunction("Parameter", doc: "A tensor that is a learnable parameter of the module it is assigned to.",
                                                   params: [Param("data"), Param("requires_grad", .bool, default: .bool(true))]) { a in
        // A fresh leaf holding a copy of the data, as PyTorch's Parameter.
        let data = try TorchArguments.tensor(a["data"], "data")
        let t = try wrap { try Tensor(data.data, shape: data.shape, requiresGrad: try a.bool("requires_grad")) }
        return .object(TensorObject.parameter(t))
    }

    /// The SMRNeural module behind a layer value (library layer, user module, ModuleList).
    static func module(of v: Value) -> Module? {
        switch v {
        case .object(let m as ModuleObject): return m.module
        case .object(let l as ModuleListObject): return l.container
        case .object(let c as ModuleContainer): return c.container
        case .object(let i as InstanceObject): return i.nativeState as? UserModuleState
        default: return nil
        }
    }

    /// Copies parameter and buffer values, gradients, `requires_grad` and training flags
    /// from `source` onto `twin`, a module of the same structure (for `copy.deepcopy`).
    static func copyTensors(from source: Module, to twin: Module) throws {
        let mine = source.namedParameters(), theirs = twin.namedParameters()
        let myBuffers = source.namedBuffers(), theirBuffers = twin.namedBuffers()
        guard mine.map(\.name) == theirs.map(\.name), myBuffers.map(\.name) == theirBuffers.map(\.name) else {
            throw PyError(.runtimeError, "copy.deepcopy(): the copied module's parameters differ from the original's")
        }
        try wrap {
            for (a, b) in zip(mine, theirs) {
                try b.tensor.assign(a.tensor.data)
                try b.tensor.setRequiresGrad(a.tensor.requiresGrad)
                if let g = a.tensor.grad, a.tensor.requiresGrad { try b.tensor.setGrad(g.data) }
            }
            for (a, b) in zip(myBuffers, theirBuffers) { try b.tensor.assign(a.tensor.data) }
        }
        copyTrainingFlags(from: source, to: twin)
    }

    /// Gives every module of `twin` the training flag of its counterpart in `source`.
    static func copyTrainingFlags(from source: Module, to twin: Module) {
        // Pre-order (parents first), so a child's own flag wins over its parent's.
        for (a, b) in zip(source.namedModules(), twin.namedModules()) where a.module.training != b.module.training {
            b.module.train(a.module.training)
        }
    }

    /// PyTorch's module repr: `Name(\n  (child): repr\n)`.
    static func treeRepr(_ name: String, _ children: [(String, String)]) -> String {
        if children.isEmpty { return "\(name)()" }
        let lines = children.map { "  (\($0.0)): " + $0.1.replacingOccurrences(of: "\n", with: "\n  ") }
        return "\(name)(\n" + lines.joined(separator: "\n") + "\n)"
    }
}

/// `nn.ModuleList`: indexable, iterable, its layers registered as children "0", "1", ….
final class ModuleListObject: NativeInstance {
    private(set) var items: [Value] = []
    let container = UserModuleState()

    init() { super.init(type: UserModules.moduleListType) }

    func append(_ v: Value) throws {
        guard let m = UserModules.module(of: v) else { throw PyError(.typeError, "ModuleList.append() argument must be a Module, not \(v.typeName)") }
        container.register(module: m, as: String(items.count))
        items.append(v)
    }

    override var repr: String {
        // PyTorch 2 groups runs of identical layers: `(0-2): 3 x Linear(...)`.
        var groups: [(String, String)] = []
        var k = 0
        while k < items.count {
            let r = Repr.repr(items[k])
            var j = k
            while j + 1 < items.count, Repr.repr(items[j + 1]) == r { j += 1 }
            groups.append(j == k ? ("\(k)", r) : ("\(k)-\(j)", "\(j - k + 1) x \(r)"))
            k = j + 1
        }
        return UserModules.treeRepr("ModuleList", groups)
    }

    /// `copy.deepcopy`: a list of copies of the layers (through the copier's memo).
    override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        guard deep else { return nil }
        let twin = ModuleListObject()
        for v in items { try twin.append(try copyValue(v)) }
        UserModules.copyTrainingFlags(from: container, to: twin.container)
        return .object(twin)
    }

    override func length() throws -> Int? { items.count }
    override func makeIterator() throws -> () throws -> Value? { ModuleContainers.snapshotIterator(items) }

    override func getItem(_ index: Value) throws -> Value {
        guard let i = index.asInt else { throw PyError(.typeError, "ModuleList indices must be integers, not \(index.typeName)") }
        let j = i < 0 ? i + items.count : i
        guard j >= 0 && j < items.count else { throw PyError(.indexError, "index \(i) is out of range") }
        return items[j]
    }
}

/// How a user class deriving from `nn.Module` behaves.
final class ModuleHooks: SubclassHooks {
    func makeState(_ instance: InstanceObject, _ rt: Runtime) throws -> AnyObject? { UserModuleState() }

    static func state(_ i: InstanceObject) -> UserModuleState? { i.nativeState as? UserModuleState }

    var interceptsStores: Bool { true }

    func willSetAttribute(_ instance: InstanceObject, _ name: String, _ value: Value, _ rt: Runtime) throws {
        guard let st = ModuleHooks.state(instance) else { return }
        if let child = UserModules.module(of: value) {
            st.register(module: child, as: name)
            if let k = st.childValues.firstIndex(where: { $0.name == name }) { st.childValues[k].value = value } else { st.childValues.append((name, value)) }
        } else if case .object(let t as TensorObject) = value, t.isParameter {
            st.register(parameter: t.tensor, as: name)
            st.tensorValues[name] = value
        }
    }

    func repr(_ instance: InstanceObject, _ rt: Runtime) -> String? {
        let children = ModuleHooks.state(instance)?.childValues.map { ($0.name, Repr.repr($0.value)) } ?? []
        return UserModules.treeRepr(instance.className, children)
    }

    func call(_ instance: InstanceObject, _ args: [Value], _ keywords: [(String, Value)], _ rt: Runtime) throws -> Value? {
        try rt.call(try instance.attribute("forward"), args, keywords: keywords)
    }

    func getAttribute(_ instance: InstanceObject, _ name: String, _ rt: Runtime) throws -> Value? {
        guard let st = ModuleHooks.state(instance) else { return nil }
        func method(_ sig: String, _ body: @escaping ([Value], [(String, Value)]) throws -> Value) -> Value {
            .builtin(BuiltinFunction.variadic(name, signature: sig, body))
        }
        let me = Value.object(instance)
        switch name {
        case "__init__": return method("Module.__init__()") { _, _ in .none }
        case "forward":
            return method("forward()") { _, _ in
                throw PyError(.notImplementedError, "Module [\(instance.className)] is missing the required \"forward\" function")
            }
        case "parameters":
            return method("parameters(recurse=True)") { _, _ in .list(st.parameters().map { .object(TensorObject.parameter($0)) }) }
        case "named_parameters":
            return method("named_parameters()") { _, _ in .list(st.namedParameters().map { .tuple([.str($0.name), .object(TensorObject.parameter($0.tensor))]) }) }
        case "children":
            return method("children()") { _, _ in .list(st.childValues.map(\.value)) }
        case "named_children":
            return method("named_children()") { _, _ in .list(st.childValues.map { .tuple([.str($0.name), $0.value]) }) }
        case "state_dict":
            return method("state_dict()") { _, _ in
                .dict(ModuleHooks.stateEntries(st, "").map { ($0.0, .object(TensorObject($0.1.detach()))) })
            }
        case "load_state_dict":
            return method("load_state_dict(state_dict)") { a, _ in
                try ModuleHooks.loadStateDict(st, className: instance.className, a.first)
                return .none
            }
        case "train":
            return method("train(mode=True)") { a, _ in
                st.train(a.first?.isTruthy ?? true)
                return me
            }
        case "eval":
            return method("eval()") { _, _ in
                st.eval()
                return me
            }
        case "zero_grad":
            return method("zero_grad()") { _, _ in
                st.zeroGrad()
                return .none
            }
        case "to", "cpu", "float", "double", "requires_grad_":
            return method("\(name)()") { _, _ in me }
        case "training": return .bool(st.training)
        case "register_buffer":
            return method("register_buffer(name, tensor)") { a, _ in
                guard a.count >= 2, case .str(let n) = a[0], case .object(let t as TensorObject) = a[1] else {
                    throw PyError(.typeError, "register_buffer(name, tensor) needs a name and a tensor")
                }
                st.register(buffer: t.tensor, as: n)
                st.tensorValues[n] = a[1]
                instance.setPlainAttribute(n, a[1])
                return .none
            }
        case "add_module", "register_module":
            return method("add_module(name, module)") { a, _ in
                guard a.count == 2, case .str(let n) = a[0] else { throw PyError(.typeError, "add_module(name, module) needs a name and a module") }
                try instance.setAttribute(n, a[1])
                return .none
            }
        default: return nil
        }
    }

    /// Parameters and buffers with dotted names, per module (own first, then children), as `state_dict()` orders them.
    /// `load_state_dict(d)` for a user module or a library layer: every key present with its
    /// shape, PyTorch's messages for missing, unexpected and mis-shaped entries, nothing
    /// changed unless all match.
    static func loadStateDict(_ m: Module, className: String, _ value: Value?) throws {
        guard case .dict(let d)? = value else { throw PyError(.typeError, "load_state_dict() expects a dict of tensors") }
        let entries = stateEntries(m, "")
        let expected = Set(entries.map(\.0))
        var given: [String: Tensor] = [:]
        for (k, v) in zip(d.keys, d.values) {
            guard case .str(let ks) = k, case .object(let t as TensorObject) = v else { throw PyError(.typeError, "load_state_dict(): keys must be names and values tensors") }
            given[ks] = t.tensor
        }
        let missing = entries.map(\.0).filter { given[$0] == nil }
        let unexpected = given.keys.filter { !expected.contains($0) }.sorted()
        if !missing.isEmpty || !unexpected.isEmpty {
            var msg = "Error(s) in loading state_dict for \(className):"
            if !missing.isEmpty { msg += "\n\tMissing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ". " }
            if !unexpected.isEmpty { msg += "\n\tUnexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ") + ". " }
            throw PyError(.runtimeError, msg)
        }
        for (k, t) in entries {
            guard let src = given[k], src.shape != t.shape else { continue }
            throw PyError(.runtimeError, "Error(s) in loading state_dict for \(className):\n\tsize mismatch for \(k): copying a param with shape \(src.shape) from checkpoint, the shape in current model is \(t.shape).")
        }
        for (k, t) in entries {
            guard let src = given[k] else { continue }
            try wrap { try t.assign(src.data) }
        }
    }

    static func stateEntries(_ m: Module, _ prefix: String) -> [(String, Tensor)] {
        var out = m.ownParameters.map { (prefix + $0.name, $0.tensor) } + m.ownBuffers.map { (prefix + $0.name, $0.tensor) }
        for (n, c) in m.children { out += stateEntries(c, prefix + n + ".") }
        return out
    }
}
