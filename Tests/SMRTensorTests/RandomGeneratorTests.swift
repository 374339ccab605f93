import XCTest
@testable import SMRTensor

/// The generator's own contract: same seed, same stream; state round trips; the mt19937
/// words themselves (PyTorch's and NumPy's legacy seeding are the same Knuth init).
final class RandomGeneratorTests: XCTestCase {
    func testSeedingMatchesMT19937ReferenceWords() {
        // The first outputs of mt19937 seeded with 5489 (the reference implementation's
        // default seed, also std::mt19937's): 3499211612, 581869302, 3890346734.
        var g = RandomGenerator(seed: 5489)
        XCTAssertEqual((0..<3).map { _ in g.random() }, [3_499_211_612, 581_869_302, 3_890_346_734])
        // Only the low 32 bits of the seed reach the engine; the full seed is remembered.
        var h = RandomGenerator(seed: UInt64(5489) + (1 << 32))
        XCTAssertEqual(h.random(), 3_499_211_612)
        XCTAssertEqual(h.initialSeed, UInt64(5489) + (1 << 32))
    }

    func testBulkFillEqualsSingleDraws() {
        var a = RandomGenerator(seed: 11), b = a
        _ = a.random(); _ = b.random()
        var words = [UInt32](repeating: 0, count: 2000)
        words.withUnsafeMutableBufferPointer { a.fill($0.baseAddress!, count: 2000) }
        XCTAssertEqual(words, (0..<2000).map { _ in b.random() })
        XCTAssertEqual(a, b)
    }

    func testStateRoundTripKeepsTheCachedNormal() throws {
        var g = RandomGenerator(seed: 9)
        _ = g.normal()  // leaves the second deviate of the pair in the cache
        let saved = g.state, bytes = g.torchState
        let expected = (0..<3).map { _ in g.normal() }
        var h = RandomGenerator(seed: 0)
        try h.restore(state: saved)
        XCTAssertEqual((0..<3).map { _ in h.normal() }, expected)
        var t = try RandomGenerator(torchState: bytes)
        XCTAssertEqual((0..<3).map { _ in t.normal() }, expected)
        XCTAssertThrowsError(try h.restore(state: [1, 2]))
        XCTAssertThrowsError(try RandomGenerator(torchState: [1, 2, 3]))
        var bad = bytes
        bad[12] = 0  // unseeded
        XCTAssertThrowsError(try RandomGenerator(torchState: bad))
    }

    func testErrorsInsteadOfTraps() {
        var g = RandomGenerator(seed: 1)
        XCTAssertThrowsError(try g.integer(low: 3, high: 3))
        XCTAssertThrowsError(try g.categorical(probabilities: [0, 0]))
        XCTAssertThrowsError(try g.categorical(probabilities: [1, -1]))
        XCTAssertThrowsError(try g.multinomialWithReplacement(probabilities: [.nan, 1], samples: 2))
        XCTAssertThrowsError(try g.multinomialWithoutReplacement(probabilities: [1, 1], samples: 3))
        XCTAssertEqual(g.permutation(0), [])
        XCTAssertEqual(g.permutation(-2), [])
    }

    /// The vectorised mask kernel equals one double uniform per element, whatever the
    /// engine position (odd positions split a pair across a twist and misalign the bits).
    func testDropoutMaskEqualsScalarBernoulliAtEveryPosition() {
        for skip in [0, 1, 2, 3, 7, 500, 623, 624, 625] {
            for n in [1, 63, 64, 65, 700, 2500] {
                var g = RandomGenerator(seed: 3)
                for _ in 0..<skip { _ = g.random() }
                var reference = g
                let mask = DropoutMask(p: 0.3, count: n, generator: &g)
                let expected = (0..<n).map { _ in reference.uniform() < 1 - 0.3 }
                XCTAssertEqual((0..<n).map { mask.keeps($0) }, expected, "skip \(skip) n \(n)")
                XCTAssertEqual(g, reference, "skip \(skip) n \(n): stream position")
                var x = [Float](repeating: -2, count: n), y = x
                x.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { mask.apply(xb.baseAddress!, count: n, into: $0.baseAddress!, offset: 0) } }
                XCTAssertEqual(y.map(\.bitPattern), expected.map { ($0 ? -2 * mask.scale : -0.0).bitPattern })
            }
        }
    }
}
