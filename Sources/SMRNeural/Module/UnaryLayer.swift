import SMRTensor

/// A module with a single-tensor `forward`, usable inside `Sequential`.
public protocol UnaryLayer: Module {
    func forward(_ x: Tensor) throws -> Tensor
}

extension UnaryLayer {
    /// `layer(x)` as in PyTorch.
    public func callAsFunction(_ x: Tensor) throws -> Tensor { try forward(x) }
}
