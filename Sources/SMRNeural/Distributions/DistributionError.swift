/// An invalid distribution parameter or value, thrown where PyTorch (with
/// `validate_args=True`, its default) raises `ValueError`. Never a crash.
public enum DistributionError: Error, Equatable, CustomStringConvertible {
    /// A parameter outside its constraint (NaN logits, non-positive std, wrong rank…).
    case invalidParameter(distribution: String, reason: String)
    /// A value outside the support or of an incompatible shape (action out of range…).
    case invalidValue(distribution: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(d, reason): return "\(d): invalid parameter: \(reason)"
        case let .invalidValue(d, reason): return "\(d): invalid value: \(reason)"
        }
    }
}
