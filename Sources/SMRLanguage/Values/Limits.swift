/// Sizes beyond which the language raises MemoryError (as CPython does when an
/// allocation fails) instead of letting the process run out of memory.
enum Limits {
    /// Items in one list, tuple or array built by the language (~0.5 GB of values).
    static let maxItems = 20_000_000
    /// UTF-8 bytes of one string built by repetition.
    static let maxStringBytes = 500_000_000

    static func memoryError() -> PyError { PyError(.memoryError, "") }

    /// Throws MemoryError when a container would exceed `maxItems`.
    @inline(__always)
    static func checkItems(_ n: Int) throws {
        if n > maxItems { throw memoryError() }
    }
}
