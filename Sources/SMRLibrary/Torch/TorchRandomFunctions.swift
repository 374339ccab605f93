import SMRLanguage
import SMRNeural
import SMRTensor

/// torch's random functions (`manual_seed`, `rand`, `randn`, `randint`, `randperm`, `normal`,
/// `bernoulli`, `multinomial`, `get_rng_state`, …), each drawing as PyTorch's CPU kernels
/// draw, from the default generator or a `generator=` `torch.Generator`.
enum TorchRandomFunctions {
    static func install(into torch: NativeModule) {
        torch.add("Generator", .object(GeneratorObject.type))
        torch.add("default_generator", .object(GeneratorObject.defaultGenerator()))
        torch.function("manual_seed", doc: "Seed the default generator (layer initialisation, sampling, dropout); returns it.",
                       params: [Param("seed", .int)]) { a in
            GlobalRandom.seed(try a.int("seed"))
            return .object(GeneratorObject.defaultGenerator())
        }
        torch.function("initial_seed", doc: "The default generator's seed.", params: []) { _ in
            .int(Int(truncatingIfNeeded: GlobalRandom.generator.initialSeed))
        }
        torch.function("seed", doc: "Re-seed the default generator from system entropy; returns the seed.", params: []) { _ in
            let s = UInt64.random(in: 0 ... UInt64(Int64.max))
            GlobalRandom.generator = RandomGenerator(seed: s)
            return .int(Int(s))
        }
        torch.function("get_rng_state", doc: "The default generator's state as a uint8 tensor (PyTorch's 5056-byte layout).", params: []) { _ in
            GeneratorObject.stateTensor(GlobalRandom.generator)
        }
        torch.function("set_rng_state", doc: "Restore the default generator from get_rng_state().", params: [Param("new_state")]) { a in
            GlobalRandom.generator = try GeneratorObject.generator(fromState: a["new_state"])
            return .none
        }
        torch.add("rand", .object(sizedFactory("rand", "Uniform [0, 1) values.") { shape, g in
            try Tensor.uniform(shape, generator: &g)
        }))
        torch.add("randn", .object(sizedFactory("randn", "Standard normal values.") { shape, g in
            try Tensor.normal(shape, generator: &g)
        }))
        for (name, normal) in [("rand_like", false), ("randn_like", true)] {
            torch.function(name, doc: normal ? "Standard normal values shaped like input." : "Uniform [0, 1) values shaped like input.",
                           params: [Param("input"), Param("generator", .any, default: .none)]) { a in
                let shape = try TorchArguments.tensor(a["input"], "input").shape
                let t = try GeneratorObject.from(a["generator"]).with { g in
                    try wrap { normal ? try Tensor.normal(shape, generator: &g) : try Tensor.uniform(shape, generator: &g) }
                }
                return TorchArguments.out(t)
            }
        }
        torch.add("randint", .object(randint()))
        torch.function("randperm", doc: "A random permutation of 0..n-1 (int64).",
                       params: [Param("n", .int), Param("generator", .any, default: .none)]) { a in
            let n = try a.int("n")
            guard n >= 0 else { throw PyError(.runtimeError, "n must be non-negative, got\(n)") }
            let p = try GeneratorObject.from(a["generator"]).with { $0.permutation(n) }
            return .object(TensorObject(Tensor(p.map(Float.init)), isInt: true))
        }
        torch.function("normal", doc: "normal(mean, std, size=None): tensors of means and stds, or floats with a size.",
                       params: [Param("mean"), Param("std"), Param("size", .any, default: .none), Param("generator", .any, default: .none)]) { a in
            let gen = try GeneratorObject.from(a["generator"])
            if let m = a["mean"].asDouble, let s = a["std"].asDouble, !a["size"].isNone {
                let shape = try TensorType.newSize([a["size"]])
                return TorchArguments.out(try gen.with { g in try wrap { try Tensor.normal(shape, mean: Float(m), std: Float(s), generator: &g) } })
            }
            // torch.normal(mean, std) on tensors: normal_(0, 1) over the broadcast shape, then ·std + mean.
            let mean = try TorchArguments.tensor(a["mean"], "mean"), std = try TorchArguments.tensor(a["std"], "std")
            let shape = mean.shape.count >= std.shape.count ? mean.shape : std.shape
            return TorchArguments.out(try gen.with { g in try wrap { try Tensor.normal(shape, generator: &g) * std + mean } }.detach())
        }
        torch.function("bernoulli", doc: "0/1 draws with the probabilities in input.",
                       params: [Param("input"), Param("p", .any, default: .none), Param("generator", .any, default: .none)]) { a in
            let input = try TorchArguments.tensor(a["input"], "input")
            let gen = try GeneratorObject.from(a["generator"])
            if let p = a["p"].asDouble {
                return TorchArguments.out(try gen.with { g in try wrap { try Tensor.bernoulli(input.shape, p: p, generator: &g) } })
            }
            return TorchArguments.out(try gen.with { g in try wrap { try Tensor.bernoulli(probabilities: input, generator: &g) } })
        }
        torch.function("multinomial", doc: "Indices drawn from the rows of input (weights), with or without replacement (int64).",
                       params: [Param("input"), Param("num_samples", .int), Param("replacement", .bool, default: .bool(false)),
                                Param("generator", .any, default: .none)]) { a in
            let input = try TorchArguments.tensor(a["input"], "input")
            let n = try a.int("num_samples"), replace = try a.bool("replacement")
            guard input.shape.count == 1 || input.shape.count == 2, let k = input.shape.last, k > 0 else {
                throw PyError(.runtimeError, "prob_dist must be 1 or 2 dim")
            }
            guard n > 0 else { throw PyError(.runtimeError, "cannot sample n_sample <= 0 samples") }
            let rows = input.count / k
            let draws: [Int] = try GeneratorObject.from(a["generator"]).with { g in
                try wrap {
                    try (0..<rows).flatMap { r -> [Int] in
                        let row = Array(input.data[(r * k)..<((r + 1) * k)])
                        if n == 1 && replace { return [try g.categorical(probabilities: row)] }
                        return replace ? try g.multinomialWithReplacement(probabilities: row, samples: n)
                            : try g.multinomialWithoutReplacement(probabilities: row, samples: n)
                    }
                }
            }
            let shape = input.shape.count == 1 ? [n] : [rows, n]
            return .object(TensorObject(try wrap { try Tensor(draws.map(Float.init), shape: shape) }, isInt: true))
        }
    }

    /// `torch.randint(high, size)` / `torch.randint(low, high, size)` (int64).
    static func randint() -> LibraryFunction {
        LibraryFunction("randint", signature: "randint(low=0, high, size, *, generator=None, dtype=None, device=None)",
                        doc: "Uniform integers in [low, high) (int64), drawn as PyTorch draws them.") { args, kw, _ in
            try LibraryFunction.checkKeywords("randint", kw, allowed: ["low", "high", "size", "generator", "dtype", "device", "requires_grad"])
            var named: [String: Value] = [:]
            for (k, v) in kw { named[k] = v }
            var pos = args
            if named["size"] == nil, let last = pos.popLast() { named["size"] = last }
            if pos.count == 2 { named["low"] = pos[0]; named["high"] = pos[1] } else if pos.count == 1 {
                if named["high"] == nil { named["high"] = pos[0] } else { named["low"] = pos[0] }
            } else if !pos.isEmpty { throw PyError(.typeError, "randint() takes at most 3 positional arguments") }
            guard let high = named["high"]?.asInt, let size = named["size"] else {
                throw PyError(.typeError, "randint() missing required arguments 'high' and 'size'")
            }
            let low = named["low"]?.asInt ?? 0
            let shape = try TensorType.newSize([size])
            guard shape.allSatisfy({ $0 >= 0 }) else { throw PyError(.runtimeError, "negative dimension in size") }
            let n = shape.reduce(1, *)
            let values = try GeneratorObject.from(named["generator"] ?? .none).with { g in
                try wrap { try (0..<n).map { _ in Float(try g.integer(low: low, high: high)) } }
            }
            return .object(TensorObject(try wrap { try Tensor(values, shape: shape) }, isInt: true))
        }
    }

    /// `torch.rand(2, 3, generator=g)` style factories.
    static func sizedFactory(_ name: String, _ doc: String, _ build: @escaping ([Int], inout RandomGenerator) throws -> Tensor) -> LibraryFunction {
        LibraryFunction(name, signature: "\(name)(*size, generator=None, dtype=None, device=None, requires_grad=False)", doc: doc) { args, kw, _ in
            try LibraryFunction.checkKeywords(name, kw, allowed: ["size", "generator", "dtype", "device", "requires_grad"])
            var size = args
            if let s = kw.first(where: { $0.0 == "size" })?.1 { size = [s] }
            let dims = try TensorType.newSize(size)
            let gen = try GeneratorObject.from(kw.first { $0.0 == "generator" }?.1 ?? .none)
            let t = try gen.with { g in try wrap { try build(dims, &g) } }
            if kw.first(where: { $0.0 == "requires_grad" })?.1.isTruthy ?? false { try wrap { try t.setRequiresGrad(true) } }
            return .object(TensorObject(t))
        }
    }
}
