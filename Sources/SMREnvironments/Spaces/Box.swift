import Foundation
import SMRTensor

/// gymnasium's `Box(low, high, shape, dtype=float32)`: a product of closed intervals.
///
/// `sample()` draws bounded coordinates as gymnasium does, `uniform(low, high)` over the
/// bounded coordinates in order in float64, then rounds to float32, so a space seeded with
/// `seed(s)` samples the same values as gymnasium. Coordinates with an infinite bound are
/// drawn from a normal / exponential distribution, which is not bit-identical to NumPy's
/// ziggurat (and then the bounded coordinates differ from gymnasium's too).
public final class Box: Space {
    /// Lower bounds, one per coordinate (row-major), float32 like gymnasium's.
    public let low: [Float]
    /// Upper bounds, one per coordinate.
    public let high: [Float]
    public let shape: [Int]
    /// The element type; always float32 here (observations are float32 values).
    public let dtype = "float32"
    var generator: NumPyGenerator?

    /// `Box(low=low, high=high, shape=shape)` with scalar bounds broadcast to `shape`.
    public convenience init(low: Float, high: Float, shape: [Int]) throws {
        let count = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw EnvironmentError.invalidArgument("Box: shape \(shape) has a negative dimension")
        }
        try self.init(low: Array(repeating: low, count: count), high: Array(repeating: high, count: count), shape: shape)
    }

    /// `Box(low=[...], high=[...])` with per-coordinate bounds; `shape` defaults to `[low.count]`.
    public init(low: [Float], high: [Float], shape: [Int]? = nil) throws {
        let shape = shape ?? [low.count]
        guard shape.allSatisfy({ $0 >= 0 }), low.count == shape.reduce(1, *), high.count == low.count else {
            throw EnvironmentError.invalidArgument(
                "Box: low (\(low.count) values) and high (\(high.count) values) must both fill shape \(shape)")
        }
        for index in low.indices where low[index].isNaN || high[index].isNaN || low[index] > high[index] {
            throw EnvironmentError.invalidArgument("Box: low[\(index)] = \(low[index]) is not ≤ high[\(index)] = \(high[index])")
        }
        self.low = low
        self.high = high
        self.shape = shape
    }

    /// The number of coordinates.
    public var count: Int { low.count }

    public func seed(_ seed: Int?) throws {
        generator = try GymnasiumSeeding.generator(seed: seed)
    }

    /// A random element (see the type's note on unbounded coordinates).
    public func sample() -> [Float] {
        var rng = generator ?? .fromSystemEntropy()
        defer { generator = rng }
        var values = [Double](filled: 0, count: count)
        let bounded = low.indices.filter { low[$0].isFinite && high[$0].isFinite }
        let unbounded = low.indices.filter { !low[$0].isFinite && !high[$0].isFinite }
        let lowBounded = low.indices.filter { low[$0].isFinite && !high[$0].isFinite }
        let highBounded = low.indices.filter { !low[$0].isFinite && high[$0].isFinite }
        for index in unbounded { values[index] = Self.standardNormal(&rng) }
        for index in lowBounded { values[index] = -log1p(-rng.random()) + Double(low[index]) }
        for index in highBounded { values[index] = log1p(-rng.random()) + Double(high[index]) }
        for index in bounded { values[index] = rng.uniform(low: Double(low[index]), high: Double(high[index])) }
        return values.map { Float($0) }
    }

    /// A standard normal draw (Box–Muller on the NumPy stream; not NumPy's ziggurat).
    static func standardNormal(_ rng: inout NumPyGenerator) -> Double {
        let u1 = 1 - rng.random(), u2 = rng.random()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Whether `values` has the box's shape and lies inside it (NaN never does).
    public func contains(_ values: [Float]) -> Bool { violation(of: values) == nil }

    public func sampleAction() -> Action { .continuous(sample()) }

    public func violation(of action: Action) -> String? {
        guard case .continuous(let values) = action else {
            return "expected a float array of shape \(shape) for \(self), got \(action)"
        }
        return violation(of: values)
    }

    /// Why `values` is not in the box, or `nil`.
    @inline(__always)
    public func violation(of values: [Float]) -> String? {
        guard values.count == low.count else {
            return "expected \(low.count) values (shape \(shape)) for \(self), got \(values.count): \(values)"
        }
        for index in values.indices {
            let value = values[index]
            if !(value >= low[index] && value <= high[index]) {
                return value.isNaN
                    ? "value \(index) is NaN"
                    : "value \(index) = \(value) is outside [\(low[index]), \(high[index])] of \(self)"
            }
        }
        return nil
    }

    public var description: String {
        let uniformBounds = Set(low).count == 1 && Set(high).count == 1
        let lowText = uniformBounds ? "\(low.first ?? 0)" : "\(low)"
        let highText = uniformBounds ? "\(high.first ?? 0)" : "\(high)"
        return "Box(\(lowText), \(highText), \(shape), float32)"
    }
}
