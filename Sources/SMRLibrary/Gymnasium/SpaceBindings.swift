import SMRTensor
import SMREnvironments
import SMRLanguage

/// `gym.spaces.Box`, `Discrete` and `MultiDiscrete` as language classes wrapping the
/// environment layer's spaces (so `env.action_space.seed(0)` seeds the env's own space).
enum SpaceBindings {
    static let box: NativeType = makeBox()
    static let discrete: NativeType = makeDiscrete()
    static let multiDiscrete: NativeType = makeMultiDiscrete()

    /// The language object for a space.
    static func wrap(_ space: any Space) -> Value {
        switch space {
        case let s as Box: return .object(SpaceInstance(type: box, space: s))
        case let s as Discrete: return .object(SpaceInstance(type: discrete, space: s))
        case let s as MultiDiscrete: return .object(SpaceInstance(type: multiDiscrete, space: s))
        default: return .object(SpaceInstance(type: box, space: space))
        }
    }

    static func space(_ obj: NativeInstance) throws -> any Space {
        guard let s = obj.payload as? any Space else { throw PyError(.typeError, "not a space") }
        return s
    }

    /// gymnasium's `short_repr`: one number when all bounds are equal, else the array's str.
    static func boundsText(_ values: [Float], shape: [Int]) -> String {
        if let first = values.first, values.allSatisfy({ $0 == first }) { return NumpyFormat.scalar(first) }
        return NumpyFormat.arrayStr(values, shape: shape)
    }

    static func seedMethod(_ type: NativeType) {
        type.method("seed", doc: "Seed the space's sampler (gymnasium's `space.seed(seed)`); returns the seed.",
                    params: [Param("seed", .int, default: .none)]) { obj, args in
            let seed = try args.optionalInt("seed")
            do { try space(obj).seed(seed) } catch { throw LibraryErrors.convert(error) }
            return seed.map { .int($0) } ?? .none
        }
    }

    static func containsMethod(_ type: NativeType) {
        type.method("contains", doc: "Whether x is an element of the space.", params: [Param("x")]) { obj, args in
            .bool(try SpaceInstance.contains(space(obj), args["x"]))
        }
    }

    static func makeBox() -> NativeType {
        let t = NativeType("Box", doc: """
            gymnasium.spaces.Box(low, high, shape=None, dtype=np.float32, seed=None): a box of float32 vectors.
            `low` and `high` are numbers (broadcast to `shape`) or arrays.
            """)
        t.initializer(params: [
            Param("low", .any, doc: "lower bound(s)"), Param("high", .any, doc: "upper bound(s)"),
            Param("shape", .any, default: .none, doc: "tuple of ints; defaults to the bounds' shape"),
            Param("dtype", .any, default: .none, doc: "only float32 is supported"),
            Param("seed", .int, default: .none, doc: "seed of the sampler"),
        ]) { args in
            let (low, lowShape) = try ValueConversion.numbers(args["low"], what: "low")
            let (high, highShape) = try ValueConversion.numbers(args["high"], what: "high")
            var shape: [Int]?
            if !args["shape"].isNone {
                let (dims, _) = try ValueConversion.numbers(args["shape"], what: "shape")
                shape = try ValueConversion.ints(dims, "shape")
            }
            let dtype = args["dtype"]
            if !dtype.isNone {
                let name = (dtype.asString ?? (try? dtype.repr) ?? "")
                if !(name.contains("float32") || name == "float32") {
                    throw PyError(.valueError, "Box: only dtype float32 is supported, got \(name)")
                }
            }
            let box: Box
            do {
                if lowShape.isEmpty && highShape.isEmpty {
                    box = try Box(low: Float(low[0]), high: Float(high[0]), shape: shape ?? [1])
                } else {
                    let target = shape ?? (lowShape.isEmpty ? highShape : lowShape)
                    let n = target.reduce(1, *)
                    let l = lowShape.isEmpty ? [Double](filled: low[0], count: n) : low
                    let h = highShape.isEmpty ? [Double](filled: high[0], count: n) : high
                    box = try Box(low: l.map(Float.init), high: h.map(Float.init), shape: target)
                }
                if let seed = try args.optionalInt("seed") { try box.seed(seed) }
            } catch { throw LibraryErrors.convert(error) }
            return .object(SpaceInstance(type: t, space: box))
        }
        t.method("sample", doc: "A random element (float32 array).") { obj, _ in
            guard let b = obj.payload as? Box else { throw PyError(.typeError, "not a Box") }
            return .object(Float32Array(data: b.sample(), shape: b.shape))
        }
        seedMethod(t)
        containsMethod(t)
        t.property("shape", doc: "Shape of an element.") { obj in .tuple(try space(obj).shape.map { .int($0) }) }
        t.property("low", doc: "Lower bounds (float32 array).") { obj in
            guard let b = obj.payload as? Box else { return .none }
            return .object(Float32Array(data: b.low, shape: b.shape))
        }
        t.property("high", doc: "Upper bounds (float32 array).") { obj in
            guard let b = obj.payload as? Box else { return .none }
            return .object(Float32Array(data: b.high, shape: b.shape))
        }
        t.property("dtype", doc: "Element type: float32.") { _ in .object(DTypeObject.float32) }
        return t
    }

    static func makeDiscrete() -> NativeType {
        let t = NativeType("Discrete", doc: "gymnasium.spaces.Discrete(n, seed=None, start=0): the integers start … start+n-1.")
        t.initializer(params: [
            Param("n", .int, doc: "number of elements"),
            Param("seed", .int, default: .none, doc: "seed of the sampler"),
            Param("start", .int, default: .int(0), doc: "smallest element"),
        ]) { args in
            do {
                let d = try Discrete(try args.int("n"), start: try args.int("start"))
                if let seed = try args.optionalInt("seed") { try d.seed(seed) }
                return .object(SpaceInstance(type: t, space: d))
            } catch { throw LibraryErrors.convert(error) }
        }
        t.method("sample", doc: "A random element (int).") { obj, _ in
            guard let d = obj.payload as? Discrete else { throw PyError(.typeError, "not a Discrete") }
            return .int(d.sample())
        }
        seedMethod(t)
        containsMethod(t)
        t.property("n", doc: "Number of elements.") { obj in .int((obj.payload as? Discrete)?.n ?? 0) }
        t.property("start", doc: "Smallest element.") { obj in .int((obj.payload as? Discrete)?.start ?? 0) }
        t.property("shape", doc: "Shape of an element: ().") { _ in .tuple([]) }
        t.property("dtype", doc: "Element type: int64.") { _ in .object(DTypeObject(name: "int64", repr: "dtype('int64')")) }
        return t
    }

    static func makeMultiDiscrete() -> NativeType {
        let t = NativeType("MultiDiscrete", doc: "gymnasium.spaces.MultiDiscrete(nvec, seed=None): vectors with element i in 0 … nvec[i]-1.")
        t.initializer(params: [Param("nvec", .list, doc: "number of values of each element"),
                               Param("seed", .int, default: .none, doc: "seed of the sampler")]) { args in
            do {
                let (nvec, _) = try ValueConversion.numbers(args["nvec"], what: "nvec")
                let m = try MultiDiscrete(try ValueConversion.ints(nvec, "nvec"))
                if let seed = try args.optionalInt("seed") { try m.seed(seed) }
                return .object(SpaceInstance(type: t, space: m))
            } catch { throw LibraryErrors.convert(error) }
        }
        t.method("sample", doc: "A random element (list of ints).") { obj, _ in
            guard let m = obj.payload as? MultiDiscrete else { throw PyError(.typeError, "not a MultiDiscrete") }
            return .list(m.sample().map { .int($0) })
        }
        seedMethod(t)
        containsMethod(t)
        t.property("nvec", doc: "Number of values of each element.") { obj in .list(((obj.payload as? MultiDiscrete)?.nvec ?? []).map { .int($0) }) }
        t.property("shape", doc: "Shape of an element.") { obj in .tuple(try space(obj).shape.map { .int($0) }) }
        return t
    }
}

/// A space object in the language: gymnasium's repr, `x in space`, equality by identity.
final class SpaceInstance: NativeInstance {
    let space: any Space

    init(type: NativeType, space: any Space) {
        self.space = space
        super.init(type: type, payload: space)
    }

    override var repr: String {
        switch space {
        case let b as Box:
            return "Box(\(SpaceBindings.boundsText(b.low, shape: b.shape)), \(SpaceBindings.boundsText(b.high, shape: b.shape)), \(NumpyFormat.shapeText(b.shape)), float32)"
        case let m as MultiDiscrete: return "MultiDiscrete(\(Repr.repr(.list(m.nvec.map { .int($0) }))))".replacingOccurrences(of: ", ", with: " ")
        default: return space.description
        }
    }

    override func contains(_ item: Value) throws -> Bool { try SpaceInstance.contains(space, item) }

    /// gymnasium's `space.contains(x)` for the values a notebook holds.
    static func contains(_ space: any Space, _ x: Value) throws -> Bool {
        switch space {
        case let d as Discrete:
            guard let i = x.asInt else { return false }
            return d.contains(i)
        case let b as Box:
            guard let (values, shape) = try? ValueConversion.numbers(x) else { return false }
            return shape == b.shape && b.contains(values.map(Float.init))
        case let m as MultiDiscrete:
            guard let (values, _) = try? ValueConversion.numbers(x) else { return false }
            guard values.allSatisfy({ $0.rounded() == $0 }), let ints = try? ValueConversion.ints(values, "x") else { return false }
            return m.contains(ints)
        default: return false
        }
    }
}
