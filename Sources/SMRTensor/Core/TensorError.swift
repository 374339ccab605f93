/// An error from a tensor operation: always thrown, never a crash, and always naming
/// the operation and the offending shapes or arguments.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// Two or more shapes that the operation cannot combine.
    case shapeMismatch(op: String, shapes: [[Int]], reason: String)
    /// An axis outside `-rank..<rank`.
    case invalidAxis(op: String, axis: Int, rank: Int)
    /// Any other invalid argument (negative size, index out of range, bad probability…).
    case invalidArgument(op: String, reason: String)
    /// Misuse of the autodiff tape (backward from a non-scalar, twice through a freed graph…).
    case autograd(String)
    /// A tensor too large for this machine's memory, refused before allocating.
    case outOfMemory(op: String, shape: [Int])

    public var description: String {
        switch self {
        case let .shapeMismatch(op, shapes, reason):
            let list = shapes.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }
            return "\(op): shapes \(list.joined(separator: " and ")) are incompatible: \(reason)"
        case let .invalidAxis(op, axis, rank):
            return "\(op): axis \(axis) is out of range for a tensor of rank \(rank) (expected \(-max(rank, 1))...\(max(rank, 1) - 1))"
        case let .invalidArgument(op, reason):
            return "\(op): \(reason)"
        case let .autograd(reason):
            return "autograd: \(reason)"
        case let .outOfMemory(op, shape):
            let (count, overflow) = Shape.checkedCount(shape)
            let (bytes, tooMany) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
            let size = overflow || tooMany ? "more than \(Int.max) bytes" : "\(bytes) bytes"
            return "\(op): can't allocate memory: you tried to allocate \(size) for a tensor of size \(Shape.describe(shape))"
        }
    }
}
