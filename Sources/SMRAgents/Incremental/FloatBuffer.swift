/// A growable, manually managed float buffer: a stable base pointer between growths, so the
/// incremental encoders can keep per-episode tapes and scratch space without reallocating
/// every step (capacity is kept across episodes).
final class FloatBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }

    /// Makes room for `count` floats, keeping the first `keeping` values.
    func reserve(_ count: Int, keeping: Int = 0) {
        guard count > capacity else { return }
        let grown = max(count, capacity * 2)
        let fresh = UnsafeMutablePointer<Float>.allocate(capacity: grown)
        if keeping > 0 { fresh.update(from: pointer, count: min(keeping, capacity)) }
        pointer.deallocate()
        pointer = fresh
        capacity = grown
    }

    /// Room for `count` floats, all zero.
    func zeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        reserve(count)
        pointer.update(repeating: 0, count: count)
        return pointer
    }

    /// The values `[0, count)` as an array.
    func array(_ count: Int) -> [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
