import XCTest
@testable import SMRTensor

/// The project's splittable stream: fixed values, independence of splits, distributions.
final class RandomGeneratorTests: XCTestCase {
    func testSameSeedSameStreamAndKnownValues() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42)
        let first = (0..<5).map { _ in a.next() }
        XCTAssertEqual(first, (0..<5).map { _ in b.next() })
        // Pinned so that a change of algorithm cannot pass unnoticed: seeded runs must
        // print the same numbers on every machine and in every version.
        var c = RandomGenerator(seed: 0)
        XCTAssertEqual(c.next(), RandomGeneratorTests.firstDrawSeed0)
    }

    static let firstDrawSeed0: UInt64 = {
        // xoshiro256++ over SplitMix64(0): computed independently here.
        var sm: UInt64 = 0
        func splitmix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let s0 = splitmix(), _ = splitmix(), _ = splitmix(), s3 = splitmix()
        let x = s0 &+ s3
        return ((x << 23) | (x >> 41)) &+ s0
    }()

    func testSplitGivesIndependentDeterministicChildren() {
        var parent = RandomGenerator(seed: 7)
        var child1 = parent.split()
        var child2 = parent.split()
        XCTAssertNotEqual(child1.next(), child2.next())
        var again = RandomGenerator(seed: 7)
        var child1Again = again.split()
        child1 = RandomGenerator(seed: 7)
        _ = child1
        var p2 = RandomGenerator(seed: 7)
        var c2 = p2.split()
        XCTAssertEqual(child1Again.next(), c2.next())
    }

    func testUniformAndNormalMoments() {
        var g = RandomGenerator(seed: 3)
        let n = 200_000
        var s = 0.0, s2 = 0.0
        for _ in 0..<n { let x = g.normal(); s += x; s2 += x * x }
        XCTAssertEqual(s / Double(n), 0, accuracy: 0.01)
        XCTAssertEqual(s2 / Double(n), 1, accuracy: 0.01)
        var u = 0.0
        for _ in 0..<n { let x = g.uniform(); XCTAssertTrue(x >= 0 && x < 1); u += x }
        XCTAssertEqual(u / Double(n), 0.5, accuracy: 0.005)
    }

    func testIntegersCategoricalPermutation() throws {
        var g = RandomGenerator(seed: 4)
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[try g.categorical(weights: [1, 2, 3])] += 1 }
        XCTAssertEqual(Double(counts[2]) / 30_000, 0.5, accuracy: 0.02)
        for _ in 0..<1000 {
            let v = try g.integer(low: -3, high: 4)
            XCTAssertTrue((-3..<4).contains(v))
        }
        XCTAssertEqual(g.permutation(50).sorted(), Array(0..<50))
    }

    func testStateRoundTrip() throws {
        var g = RandomGenerator(seed: 9)
        _ = g.normal()  // leaves a spare normal in the state
        let saved = g.state
        let expected = (0..<3).map { _ in g.normal() }
        var h = RandomGenerator(seed: 0)
        try h.restore(state: saved)
        XCTAssertEqual((0..<3).map { _ in h.normal() }, expected)
        XCTAssertThrowsError(try h.restore(state: [1, 2]))
    }
}
