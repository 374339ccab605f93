#if canImport(Glibc)
import Glibc
#endif

/// A growable, manually managed float buffer: a stable base pointer between growths, so the
/// incremental encoders can keep per-episode tapes and scratch space without reallocating
/// every step (capacity is kept across episodes).
///
/// Large buffers (the delay-256 tape is ~270 MB) are carved from a reserved range of address
/// space (1 GiB or 4× the request, untouched pages cost nothing) advised as transparent huge
/// pages: growing within it neither copies nor faults the old part again, and the kernel zeroes
/// each page once, on first touch. With doubling reallocation instead, the first delay-256
/// episode faulted in and zeroed about twice the tape (~1.9 s in this VM, 15% of a 20-episode
/// benchmark). Where the reservation fails (strict overcommit) it falls back to the heap.
final class FloatBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int
    private var storage: Storage

    /// Where the floats live, for releasing them.
    private enum Storage {
        case heap
        /// An anonymous mapping: its own base and length (the pointer is 2 MiB-aligned inside).
        case mapping(base: UnsafeMutableRawPointer, length: Int)
    }

    init(capacity: Int = 16) {
        (pointer, self.capacity, storage) = Self.allocate(max(capacity, 1))
    }

    deinit { Self.release(storage, pointer) }

    private static let hugeThreshold = 1 << 20  // floats (4 MiB)
    private static let hugePage = 1 << 21
    private static let minimumReservation = 1 << 30  // bytes

    /// Room for at least `count` floats: the pointer, the capacity granted and its storage.
    private static func allocate(_ count: Int) -> (UnsafeMutablePointer<Float>, Int, Storage) {
        #if canImport(Glibc)
        if count >= hugeThreshold {
            let bytes = count * MemoryLayout<Float>.stride
            let wanted = max(bytes.multipliedReportingOverflow(by: 4).overflow ? bytes : bytes * 4, minimumReservation)
            let reserved = (wanted + hugePage - 1) / hugePage * hugePage
            let length = reserved + hugePage  // slack to align the start to a huge page
            let raw = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            if let raw, Int(bitPattern: raw) != -1 {  // MAP_FAILED
                let address = Int(bitPattern: raw)
                let aligned = UnsafeMutableRawPointer(bitPattern: (address + hugePage - 1) / hugePage * hugePage) ?? raw
                _ = madvise(aligned, reserved, MADV_HUGEPAGE)
                return (aligned.bindMemory(to: Float.self, capacity: reserved / 4), reserved / 4,
                        .mapping(base: raw, length: length))
            }
        }
        #endif
        return (.allocate(capacity: count), count, .heap)
    }

    private static func release(_ storage: Storage, _ p: UnsafeMutablePointer<Float>) {
        switch storage {
        case .heap: p.deallocate()
        case .mapping(let base, let length):
            #if canImport(Glibc)
            _ = munmap(base, length)
            #endif
        }
    }

    /// Makes room for `count` floats, keeping the first `keeping` values.
    func reserve(_ count: Int, keeping: Int = 0) {
        guard count > capacity else { return }
        let (fresh, granted, freshStorage) = Self.allocate(max(count, capacity * 2))
        if keeping > 0 { fresh.update(from: pointer, count: min(keeping, capacity)) }
        Self.release(storage, pointer)
        (pointer, capacity, storage) = (fresh, granted, freshStorage)
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
