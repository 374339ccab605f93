import SMRLanguage
import SMRNeural
import SMRTensor

/// A `torch.nn` layer in the language: callable (`layer(x)`), with `parameters()`,
/// `named_parameters()`, `train()`, `eval()`, `zero_grad()` and its parameters as attributes.
public final class ModuleObject: NativeInstance {
    public let module: Module
    let forward: ([Value], [(String, Value)]) throws -> Value
    let reprText: String

    init(type: NativeType, module: Module, repr: String, forward: @escaping ([Value], [(String, Value)]) throws -> Value) {
        self.module = module
        self.forward = forward
        self.reprText = repr
        super.init(type: type, payload: module)
    }

    /// Builds a layer of the same configuration (its constructor arguments passed through
    /// the deep-copy function); nil for layers that cannot be copied.
    var rebuild: (((Value) throws -> Value) throws -> ModuleObject)?

    public override var repr: String { reprText }

    /// The layers of an `nn.Sequential` with the number each shows in the repr (a slice keeps
    /// them, as PyTorch's does), and how to build a Sequential of some of them:
    /// `seq[i]`, `seq[a:b]`, `len(seq)`, `for layer in seq`.
    var sequenceItems: (items: [Value], numbers: [Int], make: ([Value], [Int]) throws -> ModuleObject)?

    public override func length() throws -> Int? {
        guard let s = sequenceItems else { return try super.length() }
        return s.items.count
    }

    public override func makeIterator() throws -> () throws -> Value? {
        guard let s = sequenceItems else { return try super.makeIterator() }
        return ModuleContainers.snapshotIterator(s.items)
    }

    /// `seq[a:b:c]`: a Sequential of those layers (shared, not copied), as PyTorch slices.
    public override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        guard let s = sequenceItems else { return try super.getSlice(lo, hi, step) }
        let picked = try ArrayIndexing.sliceIndices(count: s.items.count, lo, hi, step)
        return .object(try s.make(picked.map { s.items[$0] }, picked.map { s.numbers[$0] }))
    }

    public override func getItem(_ index: Value) throws -> Value {
        guard let s = sequenceItems else { return try super.getItem(index) }
        if case .object(let slice as SliceObject) = index {
            let (lo, hi, step) = try slice.intBounds()
            return try getSlice(lo, hi, step)
        }
        guard let i = index.asInt else { throw PyError(.typeError, "'\(index.typeName)' object cannot be interpreted as an integer") }
        let j = i < 0 ? i + s.items.count : i
        guard j >= 0 && j < s.items.count else { throw PyError(.indexError, "index \(i) is out of range") }
        return s.items[j]
    }

    /// `copy.deepcopy(layer)`: a twin built from the same arguments — without drawing from
    /// the random stream, as PyTorch's deepcopy draws nothing — holding copies of the
    /// parameters, buffers, gradients and the training flag. `copy.copy` is not supported.
    public override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        guard deep, let rebuild else { return nil }
        let saved = GlobalRandom.generator
        let twin: ModuleObject
        do {
            twin = try rebuild(copyValue)
            GlobalRandom.generator = saved
        } catch {
            GlobalRandom.generator = saved
            throw error
        }
        try UserModules.copyTensors(from: module, to: twin.module)
        let copies = TensorCopies.current
        for (a, b) in zip(module.namedParameters(), twin.module.namedParameters()) { copies.record(a.tensor, copy: b.tensor) }
        for (a, b) in zip(module.namedBuffers(), twin.module.namedBuffers()) { copies.record(a.tensor, copy: b.tensor) }
        return .object(twin)
    }
    public override var attributeNames: [String] { nativeType.memberNames + module.ownParameters.map(\.name) }

    public override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        do { return try forward(args, keywords) } catch { throw LibraryErrors.convert(error) }
    }

    public override func getAttribute(_ name: String) throws -> Value {
        if nativeType.properties[name] == nil && nativeType.methods[name] == nil,
           let p = module.namedParameters().first(where: { $0.name == name }) {
            return .object(TensorObject.parameter(p.tensor))
        }
        return try super.getAttribute(name)
    }

    /// Declare the methods every layer has.
    static func addCommonMembers(_ t: NativeType) {
        t.method("parameters", doc: "The learnable tensors (pass them to an optimizer).") { o, _ in
            .list(try module(o).parameters().map { .object(TensorObject.parameter($0)) })
        }
        t.method("named_parameters", doc: "(name, tensor) pairs with PyTorch's dotted names.") { o, _ in
            .list(try module(o).namedParameters().map { .tuple([.str($0.name), .object(TensorObject.parameter($0.tensor))]) })
        }
        t.method("state_dict", doc: "name → tensor (detached) for every parameter and buffer, with PyTorch's dotted names.") { o, _ in
            .dict(ModuleHooks.stateEntries(try module(o), "").map { ($0.0, .object(TensorObject($0.1.detach()))) })
        }
        t.method("load_state_dict", doc: "Copy a state dict's tensors in; every key must match (PyTorch's errors otherwise), and nothing changes unless all do.",
                 params: [Param("state_dict")]) { o, a in
            try ModuleHooks.loadStateDict(try module(o), className: o.typeName, a["state_dict"])
            return .none
        }
        t.method("train", doc: "Training mode (dropout active); returns the layer.", params: [Param("mode", .bool, default: .bool(true))]) { o, a in
            try module(o).train(try a.bool("mode"))
            return .object(o)
        }
        t.method("eval", doc: "Evaluation mode (dropout off); returns the layer.") { o, _ in
            try module(o).eval()
            return .object(o)
        }
        t.method("zero_grad", doc: "Clear the gradients of every parameter.") { o, _ in
            try module(o).zeroGrad()
            return .none
        }
        t.method("to", doc: "The layer itself (everything runs on the CPU).", params: [Param("device", .any, default: .none)]) { o, _ in .object(o) }
        t.property("training", doc: "True in training mode.") { o in .bool(try module(o).training) }
    }

    static func module(_ o: NativeInstance) throws -> Module {
        guard let m = o as? ModuleObject else { throw PyError(.typeError, "not a layer") }
        return m.module
    }
}
