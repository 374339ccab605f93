/// One observation: float32 values in row-major order plus their shape, like the float32
/// NumPy arrays gymnasium's `Box` observation spaces produce.
///
/// A small value type so that environments stay independent of the tensor engine;
/// agents copy `values` into whatever tensor type they use.
public struct Observation: Equatable, Sendable, CustomStringConvertible {
    /// The values, row-major.
    public var values: [Float]
    /// The shape; the product of its entries equals `values.count`.
    public var shape: [Int]

    /// An observation with an explicit shape; throws when the shape does not fit the values.
    public init(values: [Float], shape: [Int]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw EnvironmentError.invalidArgument(
                "Observation: shape \(shape) does not hold \(values.count) values")
        }
        self.values = values
        self.shape = shape
    }

    /// A one-dimensional observation (shape `[values.count]`).
    public init(vector values: [Float]) {
        self.values = values
        self.shape = [values.count]
    }

    /// For environments, which already know that `shape` fits.
    @inline(__always)
    init(unchecked values: [Float], shape: [Int]) {
        self.values = values
        self.shape = shape
    }

    /// The number of values.
    public var count: Int { values.count }

    /// The value at a flat (row-major) index.
    public subscript(index: Int) -> Float { values[index] }

    public var description: String {
        "Observation(shape: \(shape), values: \(values))"
    }
}
