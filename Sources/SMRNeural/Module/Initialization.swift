import SMRTensor

/// PyTorch's default initialisers (`torch.nn.init`), drawing from a `RandomGenerator`.
public enum Initialization {
    /// U(low, high) values for `shape`, drawn as `init.uniform_` draws them.
    public static func uniform(_ shape: [Int], low: Float, high: Float, generator: inout RandomGenerator) -> Tensor {
        parameter(shape) { try Tensor.uniform(shape, low: low, high: high, generator: &generator, requiresGrad: true) }
    }

    /// U(−bound, bound) with the bound computed in double as PyTorch computes it and
    /// rounded to float once (as `uniform_` casts its arguments).
    public static func uniform(_ shape: [Int], bound: Double, generator: inout RandomGenerator) -> Tensor {
        uniform(shape, low: Float(-bound), high: Float(bound), generator: &generator)
    }

    /// `kaiming_uniform_(w, a=√5)` as `nn.Linear` uses it: bound = √3 · gain/√fan_in with
    /// gain = √(2/(1 + a²)), in double.
    public static func linearWeight(out: Int, in fanIn: Int, generator: inout RandomGenerator) -> Tensor {
        let a = 5.0.squareRoot()
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let bound = fanIn > 0 ? 3.0.squareRoot() * (gain / Double(fanIn).squareRoot()) : 0
        return uniform([out, fanIn], bound: bound, generator: &generator)
    }

    /// `nn.Linear`'s bias bound, 1/√fan_in (0 without inputs).
    public static func linearBiasBound(fanIn: Int) -> Double {
        fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    }

    /// `xavier_uniform_(w, gain)`: U(−a, a) with a = √3 · gain · √(2/(fan_in + fan_out)).
    public static func xavierUniform(_ shape: [Int], gain: Double = 1, generator: inout RandomGenerator) -> Tensor {
        let (fanIn, fanOut) = fans(shape)
        let a = 3.0.squareRoot() * (gain * (2.0 / Double(fanIn + fanOut)).squareRoot())
        return uniform(shape, bound: a, generator: &generator)
    }

    /// PyTorch's `_calculate_fan_in_and_fan_out`: dims 1 and 0 times the receptive field.
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else { return (shape.first ?? 1, shape.first ?? 1) }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// N(0, 1) values (`nn.Embedding`'s default, `normal_`).
    public static func standardNormal(_ shape: [Int], generator: inout RandomGenerator) -> Tensor {
        normal(shape, mean: 0, std: 1, generator: &generator)
    }

    /// N(mean, std) values drawn as `normal_` draws them.
    public static func normal(_ shape: [Int], mean: Float, std: Float, generator: inout RandomGenerator) -> Tensor {
        parameter(shape) { try Tensor.normal(shape, mean: mean, std: std, generator: &generator, requiresGrad: true) }
    }

    /// A parameter built by `make`; shapes here are the layers' own (non-negative), so the
    /// fallback (an empty parameter) is never taken.
    private static func parameter(_ shape: [Int], _ make: () throws -> Tensor) -> Tensor {
        (try? make()) ?? Tensor([Float](), requiresGrad: true)
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
