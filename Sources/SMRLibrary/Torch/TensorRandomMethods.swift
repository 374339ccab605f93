import SMRLanguage
import SMRTensor

/// The in-place random fills of `torch.Tensor` (`normal_`, `uniform_`, `bernoulli_`,
/// `exponential_`, `random_`), drawing as PyTorch's CPU kernels draw.
enum TensorRandomMethods {
    static func install(on t: NativeType) {
        let gen = Param("generator", .any, default: .none)
        t.method("normal_", doc: "Fill with N(mean, std) values in place.", params: [Param("mean", .float, default: .float(0)), Param("std", .float, default: .float(1)), gen]) { o, a in
            let mean = Float(try a.double("mean")), std = Float(try a.double("std"))
            return try fill(o, a) { shape, g in try Tensor.normal(shape, mean: mean, std: std, generator: &g).data }
        }
        t.method("uniform_", doc: "Fill with U(from, to) values in place.", params: [Param("from", .float, default: .float(0)), Param("to", .float, default: .float(1)), gen]) { o, a in
            let low = Float(try a.double("from")), high = Float(try a.double("to"))
            return try fill(o, a) { shape, g in try Tensor.uniform(shape, low: low, high: high, generator: &g).data }
        }
        t.method("bernoulli_", doc: "Fill with 0/1 draws, 1 with probability p, in place.", params: [Param("p", .float, default: .float(0.5)), gen]) { o, a in
            let p = try a.double("p")
            return try fill(o, a) { shape, g in try Tensor.bernoulli(shape, p: p, generator: &g).data }
        }
        t.method("exponential_", doc: "Fill with Exp(lambd) values in place.", params: [Param("lambd", .float, default: .float(1)), gen]) { o, a in
            let lambda = try a.double("lambd")
            return try fill(o, a) { shape, g in try Tensor.exponential(shape, lambda: lambda, generator: &g).data }
        }
        t.method("random_", doc: "Fill with integers in [from, to) in place.", params: [Param("from", .int, default: .int(0)), Param("to", .int, default: .none), gen]) { o, a in
            guard let high = a["to"].asInt else { throw PyError(.typeError, "random_() needs `to` here (float32 tensors)") }
            let low = try a.int("from")
            return try fill(o, a) { shape, g in try (0..<shape.reduce(1, *)).map { _ in Float(try g.integer(low: low, high: high)) } }
        }
    }

    /// Replaces the tensor's values with `draw(shape, generator)`; returns the tensor.
    private static func fill(_ o: NativeInstance, _ a: Arguments, _ draw: ([Int], inout RandomGenerator) throws -> [Float]) throws -> Value {
        let obj = try TensorType.t(o)
        let shape = obj.tensor.shape
        let values = try GeneratorObject.from(a["generator"]).with { g in try wrap { try draw(shape, &g) } }
        obj.storage.withMutableData { $0 = values }
        return .object(obj)
    }
}
