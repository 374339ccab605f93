import SMRLanguage
import SMRTensor

/// The tensors one `copy.deepcopy` call has copied, original → copy, so that every
/// reference to one tensor (a model's parameter, the same parameter in an optimizer, a
/// `TensorObject` made for each attribute access) ends up as one copy.
final class TensorCopies {
    private var copies: [ObjectIdentifier: Tensor] = [:]
    private var originals: [Tensor] = []  // keeps the keys' objects alive for the scope

    static var current: TensorCopies { DeepCopyScope.value("torch.tensors") { TensorCopies() } }

    /// The copy of `t` made in this deep copy, or a new one (values, requires_grad and the
    /// gradient, as PyTorch's deepcopy of a tensor).
    func copy(of t: Tensor) throws -> Tensor {
        if let c = copies[ObjectIdentifier(t)] { return c }
        let c = try Tensor(t.data, shape: t.shape, requiresGrad: t.requiresGrad)
        if t.requiresGrad, let g = t.grad { try c.setGrad(g.data) }
        record(t, copy: c)
        return c
    }

    /// Notes that `copy` stands for `original` (a module copy made its own tensors).
    func record(_ original: Tensor, copy: Tensor) {
        copies[ObjectIdentifier(original)] = copy
        originals.append(original)
    }
}
