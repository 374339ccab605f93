import SMRTensor

/// PyTorch's default initialisers (`torch.nn.init`), drawing from a `RandomGenerator`.
public enum Initialization {
    /// U(low, high) values for `shape`.
    public static func uniform(_ shape: [Int], low: Float, high: Float, generator: inout RandomGenerator) -> Tensor {
        let n = Shape.count(shape)
        var v = [Float](repeating: 0, count: n)
        for i in 0..<n { v[i] = low + (high - low) * generator.uniformFloat() }
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }

    /// `kaiming_uniform_(w, a=√5)` as `nn.Linear` uses it: U(−1/√fan_in, 1/√fan_in).
    public static func linearWeight(out: Int, in fanIn: Int, generator: inout RandomGenerator) -> Tensor {
        let bound = fanIn > 0 ? 1 / Float(fanIn).squareRoot() : 0
        return uniform([out, fanIn], low: -bound, high: bound, generator: &generator)
    }

    /// `xavier_uniform_`: U(−a, a) with a = √(6 / (fan_in + fan_out)).
    public static func xavierUniform(_ shape: [Int], generator: inout RandomGenerator) -> Tensor {
        let fanOut = shape.first ?? 1, fanIn = shape.count > 1 ? shape[1] : 1
        let a = (6 / Float(fanIn + fanOut)).squareRoot()
        return uniform(shape, low: -a, high: a, generator: &generator)
    }

    /// N(0, 1) values (`nn.Embedding`'s default).
    public static func standardNormal(_ shape: [Int], generator: inout RandomGenerator) -> Tensor {
        let n = Shape.count(shape)
        var v = [Float](repeating: 0, count: n)
        for i in 0..<n { v[i] = Float(generator.normal()) }
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }

    /// A constant-filled parameter (`zeros_`, `ones_`).
    public static func constant(_ shape: [Int], value: Float) -> Tensor {
        let v = [Float](repeating: value, count: Shape.count(shape))
        return (try? Tensor(v, shape: shape, requiresGrad: true)) ?? Tensor(v, requiresGrad: true)
    }
}

/// Errors of layer construction and use, with the layer's name in the message.
public struct LayerError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ layer: String, _ message: String) { description = "\(layer): \(message)" }
}
