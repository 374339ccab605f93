import SMRTensor

/// Base class of every layer and model: named parameters and sub-modules in PyTorch's
/// registration order and naming (`weight`, `self_attn.in_proj_weight`, `layers.0.linear1.bias`),
/// train/eval mode, and parameter counting.
///
/// Subclasses register what they own in their initialiser:
/// ```swift
/// final class TwoLayer: Module {
///     let fc1: Linear, fc2: Linear
///     init() throws {
///         fc1 = try Linear(4, 8); fc2 = try Linear(8, 2)
///         super.init()
///         register(module: fc1, as: "fc1")
///         register(module: fc2, as: "fc2")
///     }
/// }
/// ```
open class Module {
    /// Training mode (dropout active) or evaluation mode, as `nn.Module.training`.
    public private(set) var training = true
    /// This module's own parameters, in registration order.
    public private(set) var ownParameters: [(name: String, tensor: Tensor)] = []
    /// Direct sub-modules, in registration order.
    public private(set) var children: [(name: String, module: Module)] = []
    /// Non-trainable state saved with checkpoints (PyTorch buffers, e.g. running stats).
    public private(set) var ownBuffers: [(name: String, tensor: Tensor)] = []

    public init() {}

    /// Registers (or replaces) a trainable parameter; it is marked `requiresGrad`.
    public func register(parameter tensor: Tensor, as name: String) {
        try? tensor.setRequiresGrad(true)
        if let i = ownParameters.firstIndex(where: { $0.name == name }) {
            ownParameters[i].tensor = tensor
        } else {
            ownParameters.append((name, tensor))
        }
    }

    /// Registers (or replaces) a sub-module.
    public func register(module: Module, as name: String) {
        if let i = children.firstIndex(where: { $0.name == name }) {
            children[i].module = module
        } else {
            children.append((name, module))
        }
    }

    /// Removes the sub-module registered as `name`, if any (`ModuleDict.pop`).
    public func removeModule(named name: String) {
        children.removeAll { $0.name == name }
    }

    /// Registers (or replaces) a non-trainable buffer.
    public func register(buffer tensor: Tensor, as name: String) {
        if let i = ownBuffers.firstIndex(where: { $0.name == name }) {
            ownBuffers[i].tensor = tensor
        } else {
            ownBuffers.append((name, tensor))
        }
    }

    /// Every parameter with its dotted path, own parameters first, then each child's,
    /// each tensor once (PyTorch `named_parameters()` with duplicate removal).
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(String, Tensor)] = []
        collect(prefix: "", into: &out, seen: &seen, buffers: false)
        return out
    }

    /// Every buffer with its dotted path.
    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(String, Tensor)] = []
        collect(prefix: "", into: &out, seen: &seen, buffers: true)
        return out
    }

    private func collect(prefix: String, into out: inout [(String, Tensor)],
                         seen: inout Set<ObjectIdentifier>, buffers: Bool) {
        for (name, t) in buffers ? ownBuffers : ownParameters where seen.insert(ObjectIdentifier(t)).inserted {
            out.append((prefix + name, t))
        }
        for (name, child) in children {
            child.collect(prefix: prefix + name + ".", into: &out, seen: &seen, buffers: buffers)
        }
    }

    /// The parameters in `namedParameters()` order (PyTorch `parameters()`).
    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// Every sub-module with its dotted path, depth first, `self` first as "".
    public func namedModules() -> [(name: String, module: Module)] {
        var out: [(String, Module)] = [("", self)]
        for (name, child) in children {
            out += child.namedModules().map { ($0.0.isEmpty ? name : name + "." + $0.0, $0.1) }
        }
        return out
    }

    /// Number of parameter values (each shared tensor counted once).
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Sets training mode on this module and every descendant (PyTorch `train(mode)`).
    public func train(_ mode: Bool = true) {
        training = mode
        for (_, child) in children { child.train(mode) }
    }

    /// Evaluation mode (PyTorch `eval()`): dropout becomes the identity.
    public func eval() { train(false) }

    /// Clears every parameter's gradient (PyTorch `zero_grad()`).
    public func zeroGrad() { for p in parameters() { p.zeroGrad() } }
}
