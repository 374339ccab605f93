import CKernels
import XCTest
@testable import SMRTensor

/// The counter-based dropout mask equals its definition (see CKernelsRandom.h), computed
/// here independently, for odd and even offsets and lengths, whatever ISA the kernel uses.
final class DropoutMaskTests: XCTestCase {
    func reference(seed: UInt64, element e: UInt64) -> UInt32 {
        var z = seed &+ ((e >> 1) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return e & 1 == 1 ? UInt32(truncatingIfNeeded: z >> 32) : UInt32(truncatingIfNeeded: z)
    }

    func testMaskMatchesDefinition() {
        let mask = DropoutMask(p: 0.3, seed: 0xDEAD_BEEF)
        for (n, offset) in [(37, 0), (37, 1), (64, 5), (1, 3), (0, 2), (1000, 12345)] {
            var m = [Float](repeating: 1, count: n)
            m.withUnsafeMutableBufferPointer { mask.apply(UnsafeBufferPointer($0), into: $0, offset: offset) }
            for i in 0..<n {
                let keep = reference(seed: 0xDEAD_BEEF, element: UInt64(offset + i)) >= mask.threshold
                XCTAssertEqual(m[i], keep ? mask.scale : 0, "n \(n) offset \(offset) element \(i)")
            }
        }
    }

    func testDropRateAndBlocksAreConsistent() {
        let mask = DropoutMask(p: 0.1, seed: 42)
        var whole = [Float](repeating: 1, count: 100_000)
        whole.withUnsafeMutableBufferPointer { mask.apply(UnsafeBufferPointer($0), into: $0) }
        let dropped = whole.filter { $0 == 0 }.count
        XCTAssertEqual(Double(dropped) / 100_000, 0.1, accuracy: 0.005)
        // A block generated on its own equals the same slice of the whole mask.
        var part = [Float](repeating: 1, count: 999)
        part.withUnsafeMutableBufferPointer { mask.apply(UnsafeBufferPointer($0), into: $0, offset: 4321) }
        XCTAssertEqual(part, Array(whole[4321..<5320]))
    }
}
