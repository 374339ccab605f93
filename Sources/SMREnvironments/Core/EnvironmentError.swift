/// Every error the environment layer throws: bad input never crashes, it throws one of
/// these with a message that names the environment and what was wrong.
public enum EnvironmentError: Error, Equatable, CustomStringConvertible {
    /// An action outside the action space, of the wrong kind or shape, or not finite.
    /// The environment's state is unchanged.
    case invalidAction(env: String, reason: String)
    /// `step` before the first `reset`, or after the episode ended (terminated or truncated).
    case resetNeeded(env: String, reason: String)
    /// A bad constructor argument, seed, option or keyword.
    case invalidArgument(String)
    /// `make` with an id that is not registered.
    case unknownEnvironment(id: String, known: [String])

    public var description: String {
        switch self {
        case let .invalidAction(env, reason):
            return "\(env).step: invalid action: \(reason)"
        case let .resetNeeded(env, reason):
            return "\(env): \(reason)"
        case let .invalidArgument(reason):
            return reason
        case let .unknownEnvironment(id, known):
            return "No registered environment with id '\(id)'. Registered: \(known.joined(separator: ", "))"
        }
    }
}
