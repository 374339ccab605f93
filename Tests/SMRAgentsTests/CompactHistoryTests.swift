import Foundation
import SMRAgents
import XCTest

/// `CompactHistory` reads back exactly what was appended, in the narrowest form that holds it.
final class CompactHistoryTests: XCTestCase {
    func testFixedLengthsTakeNoStorage() {
        var lengths: CompactHistory<Int> = []
        for _ in 0..<100_000 { lengths.append(32) }
        XCTAssertEqual(lengths.count, 100_000)
        XCTAssertEqual(lengths.storageBytes, 0)
        XCTAssertEqual(lengths[99_999], 32)
        lengths.append(7)
        XCTAssertEqual(lengths.storageBytes, 100_001)
        XCTAssertEqual(Array(lengths.suffix(2)), [32, 7])
    }

    func testEachValueWidensTheFormOnlyAsFarAsNeeded() {
        var h: CompactHistory<Double> = []
        var expected: [Double] = []
        func add(_ v: Double, bytes: Int) {
            h.append(v)
            expected.append(v)
            XCTAssertEqual(h.storageBytes, bytes * expected.count, "after \(v)")
            XCTAssertEqual(h.map(\.bitPattern), expected.map(\.bitPattern), "after \(v)")
        }
        add(1, bytes: 0)
        add(-1, bytes: 1)
        add(127, bytes: 1)
        add(300, bytes: 2)
        add(0.5, bytes: 4)
        add(-0.0, bytes: 4)
        add(0.1, bytes: 8)
        add(.nan, bytes: 8)
        add(1e300, bytes: 8)
        XCTAssertEqual(CompactHistory(expected.prefix(3)), CompactHistory([1.0, -1, 127]))
    }

    func testNegativeZeroAndLargeIntegersStayExact() {
        let doubles = CompactHistory<Double>([0, -0.0, 0])
        XCTAssertEqual(doubles.map { $0.sign }, [.plus, .minus, .plus])
        let ints = CompactHistory<Int>([1, Int.max, Int.min, 1 << 24 + 1])
        XCTAssertEqual(Array(ints), [1, Int.max, Int.min, 1 << 24 + 1])
    }

    func testManyAppendsGrowInPlace() {
        // A copy per append would make this quadratic (minutes); in place it is milliseconds.
        var h: CompactHistory<Double> = []
        let start = Date()
        for i in 0..<1_000_000 { h.append(Double(i % 3) - 1) }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertEqual(h.storageBytes, 1_000_000)
        XCTAssertEqual(h.reduce(0, +), -1)
    }
}
