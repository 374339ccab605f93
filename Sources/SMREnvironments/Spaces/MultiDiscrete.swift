import SMRTensor

/// gymnasium's `MultiDiscrete(nvec)`: a vector whose element `i` is an integer in
/// `0 ..< nvec[i]` (POPGym's CountRecall observes one).
///
/// `sample()` is gymnasium's `(np_random.random(shape) * nvec).astype(int64)`. Elements are
/// carried as float32 values in observations and as `.continuous` actions.
public final class MultiDiscrete: Space {
    /// The number of values of each element.
    public let nvec: [Int]
    var generator: NumPyGenerator?

    public init(_ nvec: [Int]) throws {
        guard !nvec.isEmpty, nvec.allSatisfy({ $0 >= 1 }) else {
            throw EnvironmentError.invalidArgument("MultiDiscrete: every entry of nvec must be ≥ 1, got \(nvec)")
        }
        self.nvec = nvec
    }

    public var shape: [Int] { [nvec.count] }

    public func seed(_ seed: Int?) throws {
        generator = try GymnasiumSeeding.generator(seed: seed)
    }

    /// A uniformly random element.
    public func sample() -> [Int] {
        var rng = generator ?? .fromSystemEntropy()
        defer { generator = rng }
        return nvec.map { Int(rng.random() * Double($0)) }
    }

    /// Whether `values` has one in-range integer per entry of `nvec`.
    public func contains(_ values: [Int]) -> Bool {
        values.count == nvec.count && zip(values, nvec).allSatisfy { $0 >= 0 && $0 < $1 }
    }

    public func sampleAction() -> Action { .continuous(sample().map(Float.init)) }

    public func violation(of action: Action) -> String? {
        guard case .continuous(let values) = action, values.count == nvec.count else {
            return "expected \(nvec.count) integers for \(self), got \(action)"
        }
        for (index, value) in values.enumerated() where !(value >= 0 && value < Float(nvec[index]) && value.rounded() == value) {
            return "value \(index) = \(value) is not an integer in 0..<\(nvec[index])"
        }
        return nil
    }

    public var description: String { "MultiDiscrete(\(nvec))" }
}
