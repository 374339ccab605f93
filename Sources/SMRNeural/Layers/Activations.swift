import SMRTensor

/// `nn.ReLU()`.
public final class ReLU: Module, UnaryLayer {
    public override init() { super.init() }
    public func forward(_ x: Tensor) throws -> Tensor { x.relu() }
}

/// `nn.Tanh()`.
public final class Tanh: Module, UnaryLayer {
    public override init() { super.init() }
    public func forward(_ x: Tensor) throws -> Tensor { x.tanh() }
}

/// `nn.Sigmoid()`.
public final class Sigmoid: Module, UnaryLayer {
    public override init() { super.init() }
    public func forward(_ x: Tensor) throws -> Tensor { x.sigmoid() }
}

/// `nn.Softmax(dim)`.
public final class Softmax: Module, UnaryLayer {
    public let axis: Int
    public init(axis: Int) { self.axis = axis; super.init() }
    public func forward(_ x: Tensor) throws -> Tensor { try x.softmax(axis: axis) }
}

/// `nn.Identity()`.
public final class Identity: Module, UnaryLayer {
    public override init() { super.init() }
    public func forward(_ x: Tensor) throws -> Tensor { x }
}

/// `nn.Sequential(*layers)`: applies its layers in order; children are named "0", "1", ….
public final class Sequential: Module, UnaryLayer {
    public let layers: [any UnaryLayer]

    public init(_ layers: [any UnaryLayer]) {
        self.layers = layers
        super.init()
        for (i, layer) in layers.enumerated() { register(module: layer, as: String(i)) }
    }

    public func forward(_ x: Tensor) throws -> Tensor {
        var y = x
        for layer in layers { y = try layer.forward(y) }
        return y
    }
}

/// A layer without parameters that applies a tensor function (`nn.GELU()`, `nn.LeakyReLU(0.2)`,
/// `nn.Flatten()`, and the loss modules, whose forward the library binds itself).
public final class FunctionLayer: Module, UnaryLayer {
    private let function: (Tensor) throws -> Tensor
    public init(_ function: @escaping (Tensor) throws -> Tensor) {
        self.function = function
        super.init()
    }
    public func forward(_ x: Tensor) throws -> Tensor { try function(x) }
}
