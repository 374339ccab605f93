import SMRTensor

/// gymnasium's `Discrete(n, start=0)`: the integers `start ..< start + n`.
///
/// `sample()` is `start + np_random.integers(n)`, so a space seeded with `seed(s)` samples
/// the same values as gymnasium's.
public final class Discrete: Space {
    /// The number of elements.
    public let n: Int
    /// The smallest element.
    public let start: Int
    var generator: NumPyGenerator?

    public init(_ n: Int, start: Int = 0) throws {
        guard n >= 1 else { throw EnvironmentError.invalidArgument("Discrete: n must be ≥ 1, got \(n)") }
        self.n = n
        self.start = start
    }

    public var shape: [Int] { [] }

    public func seed(_ seed: Int?) throws {
        generator = try GymnasiumSeeding.generator(seed: seed)
    }

    /// A uniformly random element.
    public func sample() -> Int {
        var rng = generator ?? .fromSystemEntropy()
        defer { generator = rng }
        // n ≥ 1 is checked in init, so integers(0, n) cannot throw.
        return start + ((try? rng.integers(0, n)) ?? 0)
    }

    /// Whether `value` is one of the space's integers.
    @inline(__always)
    public func contains(_ value: Int) -> Bool { value >= start && value - start < n }

    public func sampleAction() -> Action { .discrete(sample()) }

    @inline(__always)
    public func violation(of action: Action) -> String? {
        guard case .discrete(let value) = action else {
            return "expected an integer in \(self), got \(action)"
        }
        return contains(value) ? nil : "\(value) is not in \(self) (integers \(start)...\(start + n - 1))"
    }

    public var description: String { start == 0 ? "Discrete(\(n))" : "Discrete(\(n), start=\(start))" }
}
