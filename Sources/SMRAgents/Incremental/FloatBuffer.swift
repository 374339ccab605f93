#if canImport(Glibc)
import Glibc
#endif

/// A growable, manually managed float buffer: a stable base pointer between growths, so the
/// incremental encoders can keep per-episode tapes and scratch space without reallocating
/// every step (capacity is kept across episodes). Large buffers (the delay-256 tape is
/// ~270 MB) are 2 MiB-aligned and advised as transparent huge pages: the first episode's
/// page faults, slow in a VM, drop 512-fold.
final class FloatBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int
    private var hugePages = false

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 1)
        (pointer, hugePages) = Self.allocate(self.capacity)
    }

    deinit { Self.release(pointer, hugePages) }

    private static let hugeThreshold = 1 << 20  // floats (4 MiB)

    private static func allocate(_ count: Int) -> (UnsafeMutablePointer<Float>, Bool) {
        #if canImport(Glibc)
        if count >= hugeThreshold {
            let bytes = count * MemoryLayout<Float>.stride
            var raw: UnsafeMutableRawPointer?
            if posix_memalign(&raw, 1 << 21, bytes) == 0, let raw {
                _ = madvise(raw, bytes, MADV_HUGEPAGE)
                return (raw.bindMemory(to: Float.self, capacity: count), true)
            }
        }
        #endif
        return (.allocate(capacity: count), false)
    }

    private static func release(_ p: UnsafeMutablePointer<Float>, _ huge: Bool) {
        #if canImport(Glibc)
        if huge { free(p); return }
        #endif
        p.deallocate()
    }

    /// Makes room for `count` floats, keeping the first `keeping` values.
    func reserve(_ count: Int, keeping: Int = 0) {
        guard count > capacity else { return }
        let grown = max(count, capacity * 2)
        let (fresh, huge) = Self.allocate(grown)
        if keeping > 0 { fresh.update(from: pointer, count: min(keeping, capacity)) }
        Self.release(pointer, hugePages)
        pointer = fresh
        hugePages = huge
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
