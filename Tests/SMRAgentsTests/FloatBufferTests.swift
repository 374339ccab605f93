import XCTest
@testable import SMRAgents

/// The incremental engine's tape buffer: growth keeps the values asked for, large buffers sit
/// in a reservation that later growth uses without moving, and zeroed() clears what it returns.
final class FloatBufferTests: XCTestCase {
    func testGrowthKeepsValuesAcrossTheLargeBufferThreshold() {
        let buffer = FloatBuffer(capacity: 8)
        for i in 0..<8 { buffer.pointer[i] = Float(i) }
        buffer.reserve(3 << 20, keeping: 8)  // past 4 MiB: a reserved mapping
        XCTAssertGreaterThanOrEqual(buffer.capacity, 3 << 20)
        XCTAssertEqual((0..<8).map { buffer.pointer[$0] }, (0..<8).map(Float.init))
        XCTAssertEqual(Int(bitPattern: buffer.pointer) % (1 << 21), 0, "huge-page aligned")
        buffer.pointer[(3 << 20) - 1] = 42
        let base = buffer.pointer, reserved = buffer.capacity
        buffer.reserve(reserved / 2, keeping: 3 << 20)
        XCTAssertEqual(buffer.pointer, base, "growth within the reservation does not move")
        buffer.reserve(reserved + 1, keeping: 3 << 20)  // past the reservation: moves, keeps
        XCTAssertGreaterThan(buffer.capacity, reserved)
        XCTAssertEqual(buffer.pointer[7], 7)
        XCTAssertEqual(buffer.pointer[(3 << 20) - 1], 42)
        let z = buffer.zeroed(1000)
        XCTAssertEqual((0..<1000).map { z[$0] }, [Float](repeating: 0, count: 1000))
    }
}
