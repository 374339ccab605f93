/// Array allocation without the standard library's generic slow path.
///
/// `Array(repeating:count:)` and `Array(unsafeUninitializedCapacity:)` allocate through
/// `Array._allocateBufferUninitialized`, which the standard library keeps out of line and
/// unspecialised; it looks up the metadata of `_ContiguousArrayStorage<Element>` in the
/// runtime's locked generic-metadata table on every call (≈ 70 ns, 4% of a user-written NTM
/// training, with several arrays per tensor op). Building the array from a `Repeated` collection
/// goes through the inlinable copy path instead, specialised in our module with the metadata
/// cached. Large arrays take the standard path: there the lookup is noise and the standard
/// fill is a memset.
public enum ArrayAllocation {
    /// Arrays up to this many elements use the copy path.
    public static let inlineLimit = 4096
}

extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)`.
    @inlinable @inline(__always)
    public init(filled value: Element, count: Int) {
        if count <= ArrayAllocation.inlineLimit {
            self.init(repeatElement(value, count: count))
        } else {
            self.init(repeating: value, count: count)
        }
    }
}

extension Array where Element == Float {
    /// As `Array(unsafeUninitializedCapacity:initializingWith:)`: `body` fills the buffer and
    /// sets the count it initialised. Small arrays start zeroed (floats need no
    /// deinitialisation, so `body` may assign or initialise elements alike).
    @inlinable
    public init(capacity count: Int,
                initializingWith body: (inout UnsafeMutableBufferPointer<Float>, inout Int) throws -> Void) rethrows {
        if count <= ArrayAllocation.inlineLimit {
            self.init(repeatElement(0, count: count))
            var initialized = 0
            try withUnsafeMutableBufferPointer { buffer in try body(&buffer, &initialized) }
            if initialized < count { removeLast(count - initialized) }
        } else {
            try self.init(unsafeUninitializedCapacity: count, initializingWith: body)
        }
    }
}
