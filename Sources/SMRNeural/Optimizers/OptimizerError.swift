/// An optimizer misuse: a bad hyper-parameter, a gradient whose size does not match its
/// parameter, or a saved state that does not fit. Always thrown, never a crash.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// A hyper-parameter outside its valid range (PyTorch raises ValueError for these).
    case invalidHyperparameter(optimizer: String, name: String, value: Double, reason: String)
    /// A parameter's gradient has a different number of elements than the parameter.
    case gradientMismatch(optimizer: String, parameterCount: Int, gradientCount: Int)
    /// A saved optimizer state that does not fit this optimizer.
    case stateMismatch(optimizer: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidHyperparameter(opt, name, value, reason):
            return "\(opt): invalid \(name) \(value): \(reason)"
        case let .gradientMismatch(opt, p, g):
            return "\(opt): a gradient has \(g) elements but its parameter has \(p)"
        case let .stateMismatch(opt, reason):
            return "\(opt): cannot load state: \(reason)"
        }
    }
}
