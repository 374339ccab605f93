import SMRLanguage
import SMRTensor

/// `numpy.random`: the legacy global functions on the shared `RandomState` stream (the one
/// the memory tasks draw from) and `default_rng(seed)` Generators (PCG64), all bit-exact
/// with NumPy. Sizes are None (a scalar) or one dimension (an array).
enum NumpyRandomModule {
    static func make(_ rs: LegacyRandomState) -> NativeModule {
        let m = NativeModule("numpy.random", doc: """
            NumPy's random functions: legacy np.random.* (MT19937, as np.random.seed seeds it)
            and np.random.default_rng(seed) (PCG64).
                np.random.seed(0); np.random.randint(0, 10, size=3)   # array([5, 0, 3])
            """)
        let size = Param("size", .any, default: .none)
        m.function("seed", doc: "Re-seed the global stream (an int in [0, 2**32); None: entropy).", params: [Param("seed", .any, default: .none)]) { a in
            rs.seed(try seed32(a["seed"]))
            return .none
        }
        m.function("random", doc: "Floats in [0, 1).", params: [size]) { a in try floats(a["size"]) { rs.randomSample() } }
        m.function("random_sample", doc: "Floats in [0, 1).", params: [size]) { a in try floats(a["size"]) { rs.randomSample() } }
        m.add("rand", .object(LibraryFunction("rand", signature: "rand(*size)", doc: "Floats in [0, 1) of the given size.") { args, kw, _ in
            try LibraryFunction.checkKeywords("rand", kw, allowed: [])
            return try floats(args.isEmpty ? .none : .tuple(TupleObject(args))) { rs.randomSample() }
        }))
        m.add("randn", .object(LibraryFunction("randn", signature: "randn(*size)", doc: "Standard normal floats of the given size.") { args, kw, _ in
            try LibraryFunction.checkKeywords("randn", kw, allowed: [])
            return try floats(args.isEmpty ? .none : .tuple(TupleObject(args))) { rs.gauss() }
        }))
        m.function("standard_normal", doc: "Standard normal floats.", params: [size]) { a in try floats(a["size"]) { rs.gauss() } }
        m.function("normal", doc: "Normal floats loc + scale·z.", params: [Param("loc", .float, default: .float(0)), Param("scale", .float, default: .float(1)), size]) { a in
            let loc = try a.double("loc"), scale = try a.double("scale")
            guard scale >= 0 else { throw PyError(.valueError, "scale < 0") }
            return try floats(a["size"]) { loc + scale * rs.gauss() }
        }
        m.function("uniform", doc: "Floats in [low, high).", params: [Param("low", .float, default: .float(0)), Param("high", .float, default: .float(1)), size]) { a in
            let low = try a.double("low"), high = try a.double("high")
            return try floats(a["size"]) { rs.uniform(low, high) }
        }
        m.function("randint", doc: "Ints in [low, high) (high None: [0, low)).", params: [Param("low", .int), Param("high", .int, default: .none), size]) { a in
            let (low, high) = a["high"].isNone ? (0, try a.int("low")) : (try a.int("low"), try a.int("high"))
            guard high > low else { throw PyError(.valueError, "high <= low") }
            return try ints(a["size"]) { try rs.randint(low, high) }
        }
        m.function("choice", doc: "Elements of a (or of range(a)) drawn uniformly, or with probabilities p; with replacement by default.",
                   params: NumpyChoice.params) { a in
            try NumpyChoice(dialect: .legacy, uniform: { rs.randomSample() }, index: { try rs.randint(0, $0) },
                            distinct: { n, k in Array(rs.permutation(n).prefix(k)) })(a)
        }
        m.function("shuffle", doc: "Shuffle a list in place.", params: [Param("x")]) { a in
            switch a["x"] {
            case .list(let l): rs.shuffle(&l.items)
            case .object(let arr as NDArray): rs.shuffle(&arr.data)
            default: throw PyError(.typeError, "shuffle() needs a list or array, not \(a["x"].typeName)")
            }
            return .none
        }
        m.function("permutation", doc: "A shuffled arange(x), or a shuffled copy of x.", params: [Param("x")]) { a in
            if let n = a["x"].asInt, case .int = a["x"] { return .object(NDArray(rs.permutation(n).map(Double.init), isInt: true)) }
            var items = try population(a["x"])
            rs.shuffle(&items)
            return array(items)
        }
        m.function("binomial", doc: "Binomial draws (n·min(p, 1−p) ≤ 30).", params: [Param("n", .int), Param("p", .float), size]) { a in
            let n = try a.int("n"), p = try a.double("p")
            return try ints(a["size"]) { try rs.binomial(n, p) }
        }
        m.function("default_rng", doc: "A Generator (PCG64) seeded through SeedSequence, as NumPy's.", params: [Param("seed", .any, default: .none)]) { a in
            let v = a["seed"]
            if v.isNone { return .object(NumpyGeneratorObject(NumPyGenerator.fromSystemEntropy())) }
            guard let s = v.asInt, s >= 0 else { throw PyError(.valueError, "default_rng(seed) needs a non-negative int here") }
            return .object(NumpyGeneratorObject(NumPyGenerator(seed: UInt64(s))))
        }
        return m
    }

    static func seed32(_ v: Value) throws -> UInt32 {
        if v.isNone { return UInt32.random(in: .min ... .max) }
        guard let n = v.asInt, n >= 0, n <= Int(UInt32.max) else {
            throw PyError(.valueError, "Seed must be between 0 and 2**32 - 1")
        }
        return UInt32(n)
    }

    /// The element count of a size argument (None: nil; an int or a 1-tuple).
    static func count(_ size: Value) throws -> Int? {
        if size.isNone { return nil }
        if let n = size.asInt, case .int = size { guard n >= 0 else { throw PyError(.valueError, "negative dimensions are not allowed") }; return n }
        if case .tuple(let t) = size, t.items.count == 1 { return try count(t.items[0]) }
        if case .tuple(let t) = size, t.items.isEmpty { return nil }
        throw PyError(.valueError, "size must be None, an int or a 1-tuple here (only 1-D arrays)")
    }

    static func floats(_ size: Value, _ draw: () throws -> Double) throws -> Value {
        guard let n = try count(size) else { return .float(try draw()) }
        return .object(NDArray(try (0..<n).map { _ in try draw() }))
    }

    static func ints(_ size: Value, _ draw: () throws -> Int) throws -> Value {
        do {
            guard let n = try count(size) else { return .int(try draw()) }
            return .object(NDArray(try (0..<n).map { _ in Double(try draw()) }, isInt: true))
        } catch let e as TensorError {
            throw PyError(.valueError, String(describing: e))
        }
    }

    static func pick(_ size: Value, _ pool: [Value], _ index: () throws -> Int) throws -> Value {
        guard let n = try count(size) else { return pool[try index()] }
        return array(try (0..<n).map { _ in pool[try index()] })
    }

    /// `a` of `choice`/`permutation`: an int n means range(n).
    static func population(_ v: Value) throws -> [Value] {
        if case .int(let n) = v {
            guard n >= 0, n <= 10_000_000 else { throw PyError(.valueError, "a must be a positive integer (at most 10**7 here)") }
            return (0..<n).map { .int($0) }
        }
        if case .object(let arr as NDArray) = v { return arr.data.map { arr.isInt ? .int(Int($0)) : .float($0) } }
        if case .object(let arr as StringArray) = v, arr.shape.count == 1 { return arr.items.map { .str($0) } }
        return try PythonRandomModule.sequence(v, "choice")
    }

    /// An array of numbers (ints stay ints) or of strings, or a list for other values.
    static func array(_ items: [Value]) -> Value {
        if !items.isEmpty, let strings = StringArray.strings(.list(ListObject(items))) { return .object(StringArray(strings)) }
        if items.allSatisfy({ if case .int = $0 { return true }; return false }) {
            return .object(NDArray(items.map { Double($0.asInt ?? 0) }, isInt: true))
        }
        if items.allSatisfy({ $0.asDouble != nil }) { return .object(NDArray(items.map { $0.asDouble ?? 0 })) }
        return .list(ListObject(items))
    }
}

/// `np.random.default_rng(seed)`: a NumPy `Generator` on PCG64.
final class NumpyGeneratorObject: NativeInstance {
    var rng: NumPyGenerator
    init(_ rng: NumPyGenerator) {
        self.rng = rng
        super.init(type: NumpyGeneratorObject.type)
    }
    override var repr: String { "Generator(PCG64)" }

    static let type: NativeType = {
        let t = NativeType("Generator", doc: "numpy.random.Generator (PCG64): random, integers, uniform, standard_normal, normal, choice, permutation, shuffle.")
        func g(_ o: NativeInstance) throws -> NumpyGeneratorObject {
            guard let g = o as? NumpyGeneratorObject else { throw PyError(.typeError, "not a numpy Generator") }
            return g
        }
        let size = Param("size", .any, default: .none)
        t.method("random", doc: "Floats in [0, 1).", params: [size]) { o, a in
            let gen = try g(o)
            return try NumpyRandomModule.floats(a["size"]) { gen.rng.random() }
        }
        t.method("uniform", doc: "Floats in [low, high).", params: [Param("low", .float, default: .float(0)), Param("high", .float, default: .float(1)), size]) { o, a in
            let gen = try g(o), low = try a.double("low"), high = try a.double("high")
            return try NumpyRandomModule.floats(a["size"]) { gen.rng.uniform(low: low, high: high) }
        }
        t.method("integers", doc: "Ints in [low, high) (high None: [0, low)); endpoint=True includes high.",
                 params: [Param("low", .int), Param("high", .int, default: .none), size, Param("endpoint", .bool, default: .bool(false))]) { o, a in
            let gen = try g(o)
            var (low, high) = a["high"].isNone ? (0, try a.int("low")) : (try a.int("low"), try a.int("high"))
            if try a.bool("endpoint") { high += 1 }
            guard high > low else { throw PyError(.valueError, "high <= low") }
            return try NumpyRandomModule.ints(a["size"]) { try gen.rng.integers(low, high) }
        }
        t.method("standard_normal", doc: "Standard normal floats (NumPy's ziggurat).", params: [size]) { o, a in
            let gen = try g(o)
            return try NumpyRandomModule.floats(a["size"]) { gen.rng.standardNormal() }
        }
        t.method("normal", doc: "Normal floats loc + scale·z.", params: [Param("loc", .float, default: .float(0)), Param("scale", .float, default: .float(1)), size]) { o, a in
            let gen = try g(o), loc = try a.double("loc"), scale = try a.double("scale")
            guard scale >= 0 else { throw PyError(.valueError, "scale < 0") }
            return try NumpyRandomModule.floats(a["size"]) { gen.rng.normal(loc: loc, scale: scale) }
        }
        t.method("choice", doc: "Elements of a (or of range(a)) drawn uniformly, or with probabilities p; with replacement by default.",
                 params: NumpyChoice.params) { o, a in
            let gen = try g(o)
            return try NumpyChoice(dialect: .generator, uniform: { gen.rng.random() }, index: { try gen.rng.integers(0, $0) },
                                   distinct: { n, k in gen.rng.indicesWithoutReplacement(population: n, count: k) })(a)
        }
        t.method("permutation", doc: "A shuffled arange(n).", params: [Param("x", .int)]) { o, a in
            let gen = try g(o), n = try a.int("x")
            guard n >= 0 else { throw PyError(.valueError, "negative dimensions are not allowed") }
            return .object(NDArray(gen.rng.permutation(n).map(Double.init), isInt: true))
        }
        t.method("shuffle", doc: "Shuffle a list or array in place.", params: [Param("x")]) { o, a in
            let gen = try g(o)
            switch a["x"] {
            case .list(let l): gen.rng.shuffle(&l.items)
            case .object(let arr as NDArray): gen.rng.shuffle(&arr.data)
            default: throw PyError(.typeError, "shuffle() needs a list or array, not \(a["x"].typeName)")
            }
            return .none
        }
        return t
    }()
}
