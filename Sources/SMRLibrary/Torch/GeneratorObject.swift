import SMRLanguage
import SMRTensor

/// `torch.Generator`: a PyTorch CPU generator of its own, or (for the object
/// `torch.manual_seed` returns) a handle on the default one (`GlobalRandom`).
final class GeneratorObject: NativeInstance {
    private var own: RandomGenerator?

    /// A handle on the default generator.
    static func defaultGenerator() -> GeneratorObject { GeneratorObject(own: nil) }

    init(own: RandomGenerator?) {
        self.own = own
        super.init(type: GeneratorObject.type)
    }

    override var repr: String { "<torch._C.Generator object>" }

    /// Runs `body` on the stream this object stands for.
    func with<R>(_ body: (inout RandomGenerator) throws -> R) rethrows -> R {
        guard var g = own else { return try body(&GlobalRandom.generator) }
        defer { own = g }
        return try body(&g)
    }

    /// The generator a `generator=` argument names (None: the default one).
    static func from(_ v: Value) throws -> GeneratorObject {
        if v.isNone { return defaultGenerator() }
        guard case .object(let g as GeneratorObject) = v else {
            throw PyError(.typeError, "generator must be a torch.Generator, not \(v.typeName)")
        }
        return g
    }

    /// A uint8 tensor of PyTorch's 5056 state bytes.
    static func stateTensor(_ g: RandomGenerator) -> Value {
        .object(TensorObject(Tensor(g.torchState.map(Float.init)), isInt: true))
    }

    /// A generator from the bytes of a `get_rng_state()` tensor.
    static func generator(fromState v: Value) throws -> RandomGenerator {
        let t = try TorchArguments.tensor(v, "new_state")
        guard t.data.allSatisfy({ $0 >= 0 && $0 <= 255 && $0 == $0.rounded() }) else {
            throw PyError(.runtimeError, "RNG state must be a torch.ByteTensor")
        }
        do { return try RandomGenerator(torchState: t.data.map { UInt8($0) }) } catch {
            throw PyError(.runtimeError, String(describing: error))
        }
    }

    static let type: NativeType = {
        let t = NativeType("Generator", doc: """
            torch.Generator(device='cpu'): a PyTorch CPU random stream of its own (mt19937).
                g = torch.Generator().manual_seed(0)
                torch.randn(3, generator=g)
            """)
        t.initializer(params: [Param("device", .any, default: .str("cpu"))]) { _ in
            .object(GeneratorObject(own: RandomGenerator(seed: RandomGenerator.defaultSeed)))
        }
        func g(_ o: NativeInstance) throws -> GeneratorObject {
            guard let g = o as? GeneratorObject else { throw PyError(.typeError, "not a torch.Generator") }
            return g
        }
        t.method("manual_seed", doc: "Re-seed this stream; returns the generator.", params: [Param("seed", .int)]) { o, a in
            let gen = try g(o), seed = try a.int("seed")
            gen.with { $0 = RandomGenerator(seed: seed) }
            return .object(gen)
        }
        t.method("initial_seed", doc: "The seed this stream was last seeded with.") { o, _ in
            .int(Int(truncatingIfNeeded: try g(o).with { $0.initialSeed }))
        }
        t.method("seed", doc: "Re-seed from system entropy; returns the new seed.") { o, _ in
            let s = UInt64.random(in: 0 ... UInt64(Int64.max))
            try g(o).with { $0 = RandomGenerator(seed: s) }
            return .int(Int(s))
        }
        t.method("get_state", doc: "The state as a uint8 tensor (PyTorch's byte layout).") { o, _ in
            stateTensor(try g(o).with { $0 })
        }
        t.method("set_state", doc: "Restore a state from get_state().", params: [Param("new_state")]) { o, a in
            let restored = try generator(fromState: a["new_state"])
            let gen = try g(o)
            gen.with { $0 = restored }
            return .object(gen)
        }
        return t
    }()
}
