/// An action for `Environment.step`: an integer for `Discrete` spaces, float32 values for
/// `Box` spaces (gymnasium passes a NumPy array of the box's dtype).
///
/// ```swift
/// try env.step(.discrete(1))        // CartPole-v1: push right
/// try env.step(.continuous([0.5]))  // Pendulum-v1: torque 0.5
/// try env.step(1)                   // integer literal → .discrete
/// try env.step([0.5])               // array literal   → .continuous
/// ```
public enum Action: Equatable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral
{
    /// An element of a `Discrete` space.
    case discrete(Int)
    /// An element of a `Box` space, row-major.
    case continuous([Float])

    public init(integerLiteral value: Int) { self = .discrete(value) }
    public init(arrayLiteral elements: Float...) { self = .continuous(elements) }

    public var description: String {
        switch self {
        case .discrete(let value): return "discrete(\(value))"
        case .continuous(let values): return "continuous(\(values))"
        }
    }
}
