/// Constructors for common tensors (PyTorch `zeros`, `ones`, `full`, `arange`, `rand`, `randn`).
extension Tensor {
    private static func checked(_ shape: [Int], _ op: String) throws -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument(op: op, reason: "negative dimension in shape \(Shape.describe(shape))")
        }
        return Shape.count(shape)
    }

    /// A tensor filled with `value`.
    public static func full(_ shape: [Int], value: Float, requiresGrad: Bool = false) throws -> Tensor {
        try Tensor([Float](repeating: value, count: checked(shape, "full")), shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) throws -> Tensor {
        try full(shape, value: 0, requiresGrad: requiresGrad)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) throws -> Tensor {
        try full(shape, value: 1, requiresGrad: requiresGrad)
    }

    /// `start, start+step, …` below `end` as a 1-D tensor.
    public static func arange(_ start: Float = 0, _ end: Float, step: Float = 1) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw TensorError.invalidArgument(op: "arange", reason: "step must be non-zero and bounds finite")
        }
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return Tensor((0..<n).map { start + Float($0) * step })
    }

    /// Uniform values in [low, high).
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1,
                               generator: inout RandomGenerator, requiresGrad: Bool = false) throws -> Tensor {
        let n = try checked(shape, "uniform")
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = low + (high - low) * generator.uniformFloat() }
        return try Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// Normal values with the given mean and standard deviation.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1,
                              generator: inout RandomGenerator, requiresGrad: Bool = false) throws -> Tensor {
        let n = try checked(shape, "normal")
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = Float(generator.normal(mean: Double(mean), std: Double(std))) }
        return try Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// Uniform [0, 1) values from the global stream (PyTorch `torch.rand`).
    public static func rand(_ shape: [Int]) throws -> Tensor {
        try uniform(shape, generator: &GlobalRandom.generator)
    }

    /// Standard normal values from the global stream (PyTorch `torch.randn`).
    public static func randn(_ shape: [Int]) throws -> Tensor {
        try normal(shape, generator: &GlobalRandom.generator)
    }
}
