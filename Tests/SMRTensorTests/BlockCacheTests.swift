import CKernels
import Foundation
import XCTest

/// The per-thread cache of freed heap blocks in front of glibc's malloc (block_cache.c).
final class BlockCacheTests: XCTestCase {
    private func stats() -> (bytes: UInt, blocks: UInt, enabled: Bool) {
        var bytes: UInt = 0, blocks: UInt = 0
        var on: Int32 = 0
        smr_block_cache_stats(&bytes, &blocks, &on)
        return (bytes, blocks, on != 0)
    }

    /// The cache reads a block's size from its glibc chunk header itself (malloc_usable_size
    /// also reads the next chunk's header, a second cache miss): the same size for small,
    /// large, mmapped, aligned and calloc'd blocks.
    func testOwnUsableSizeEqualsGlibcs() throws {
        #if os(Linux)
        guard stats().enabled else { throw XCTSkip("the block cache is off (SMR_BLOCK_CACHE=0)") }
        var blocks: [UnsafeMutableRawPointer] = []
        for size in [1, 8, 24, 25, 100, 1000, 1024, 1025, 5000, 70_000, 200_000, 1 << 20, 5 << 20, 40 << 20] {
            if let p = malloc(size) { blocks.append(p) }
            if let p = calloc(1, size) { blocks.append(p) }
            var q: UnsafeMutableRawPointer?
            if posix_memalign(&q, 64, size) == 0, let q { blocks.append(q) }
        }
        for p in blocks {
            XCTAssertEqual(smr_block_usable_size(p), smr_glibc_usable_size(p))
            free(p)
        }
        #endif
    }

    /// Freed blocks of every size class come back to `malloc` intact and writable, a freed
    /// block is reused for the next request of its class, and the cache stays bounded.
    func testBlocksRoundTripAndAreReused() throws {
        #if os(Linux)
        guard stats().enabled else { throw XCTSkip("the block cache is off (SMR_BLOCK_CACHE=0)") }
        var sizes: [Int] = Array(1...1100)
        var n = 1100
        while n <= 5 << 20 { sizes.append(n); sizes.append(n + 1); n += n / 7 }
        for round in 0..<3 {
            var blocks: [(UnsafeMutableRawPointer, Int)] = []
            for (i, size) in sizes.enumerated() {
                guard let p = malloc(size) else { return XCTFail("malloc(\(size)) failed") }
                memset(p, Int32((i + round) & 0xff), size)
                blocks.append((p, size))
            }
            for (i, (p, size)) in blocks.enumerated() {
                let bytes = p.assumingMemoryBound(to: UInt8.self)
                let want = UInt8((i + round) & 0xff)
                XCTAssertEqual(bytes[0], want)
                XCTAssertEqual(bytes[size - 1], want)
                free(p)
            }
        }
        // A 40 KiB block freed and asked for again is the same block (the cache's LIFO).
        guard let a = malloc(40_000) else { return XCTFail("malloc failed") }
        free(a)
        guard let b = malloc(39_990) else { return XCTFail("malloc failed") }
        XCTAssertEqual(a, b)
        free(b)
        XCTAssertLessThanOrEqual(stats().bytes, 64 << 20)
        #else
        throw XCTSkip("the block cache exists on glibc only")
        #endif
    }

    /// Blocks allocated on one thread and freed on another, and a thread that exits with
    /// blocks in its cache, leave both threads' heaps consistent.
    func testCrossThreadFreesAndThreadExit() throws {
        #if os(Linux)
        let count = 2_000
        var allocated: [UnsafeMutableRawPointer] = []
        for i in 0..<count {
            guard let p = malloc(64 + (i % 40) * 100) else { return XCTFail("malloc failed") }
            allocated.append(p)
        }
        let pointers = allocated.map { UInt(bitPattern: $0) }  // addresses: Sendable
        let done = DispatchSemaphore(value: 0)
        let before = stats().blocks
        let worker = Thread {
            for p in pointers { free(UnsafeMutableRawPointer(bitPattern: p)) }  // into the worker's cache
            for i in 0..<count {                      // and reused there
                if let p = malloc(64 + (i % 40) * 100) { memset(p, 1, 64); free(p) }
            }
            done.signal()
        }
        worker.start()
        done.wait()
        XCTAssertLessThan(stats().blocks, before + 100, "the worker's frees went to its own cache")
        // The main thread keeps working normally after the worker's cache was released.
        let arrays = (0..<100).map { [Float](repeating: Float($0), count: 1_000 + $0) }
        XCTAssertEqual(arrays[99].count, 1_099)
        XCTAssertEqual(arrays[42][500], 42)
        #else
        throw XCTSkip("the block cache exists on glibc only")
        #endif
    }
}
