import Foundation
import XCTest
@testable import SMRTensor

/// Checks the NumPy-compatible generators bit for bit against draws recorded from NumPy
/// by `scripts/make_numpy_random_fixtures.py`.
final class NumPyRandomTests: XCTestCase {
    struct Fixture: Decodable {
        struct SeedSeq: Decodable { let entropy_words: [UInt32]; let pool: [UInt32]; let state32: [UInt32]; let state64: [String] }
        struct PCG: Decodable { let seed: UInt64; let state: String; let inc: String; let random_k: [UInt64] }
        struct Uniform: Decodable { let seed: UInt64; let scalar: [Double]; let array: [Double]; let float32_box: [Double] }
        struct IntegerDraw: Decodable { let low: Int; let high: Int; let values: [Int]; let then_random_k: UInt64 }
        struct Integers: Decodable { let seed: UInt64; let draws: [IntegerDraw] }
        struct Legacy: Decodable {
            let seed: UInt32; let random_sample_k: [UInt64]; let randint_0_2: [Int]
            let randint_m3_1000: [Int]; let randint_0_2p40: [Int]; let then_random_k: UInt64
        }
        struct Shuffle: Decodable { let seed: UInt64; let sizes: [Int]; let shuffled: [[Int]]; let then_random_k: UInt64 }
        struct Binomial: Decodable { let seed: UInt32; let bits: [Int]; let n5_p03: [Int]; let n10_p08: [Int]; let then_random_k: UInt64 }
        struct Normal: Decodable { let seed: UInt64; let first: [Double]; let max: Double; let min: Double; let then_random_k: UInt64 }
        let generator_normal: [Normal]
        let shuffles: [Shuffle]
        let legacy_binomial: [Binomial]
        let seed_sequences: [SeedSeq]
        let pcg64: [PCG]
        let uniform: [Uniform]
        let integers: [Integers]
        let legacy: [Legacy]
    }

    static let fixture: Fixture = {
        guard let url = Bundle.module.url(forResource: "numpy_random", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let decoded = try? JSONDecoder().decode(Fixture.self, from: data)
        else { fatalError("Fixtures/numpy_random.json is missing or malformed; run scripts/make_numpy_random_fixtures.py") }
        return decoded
    }()

    /// The integer k with u = k · 2⁻⁵³ (the form the fixture stores doubles in [0, 1) in).
    func k(_ u: Double) -> UInt64 { UInt64(u * 9_007_199_254_740_992.0) }

    func hex128(_ value: UInt128) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 32 - text.count) + text
    }

    func testSeedSequencePoolAndGeneratedState() {
        for case_ in Self.fixture.seed_sequences {
            let sequence = SeedSequence(entropyWords: case_.entropy_words)
            XCTAssertEqual(sequence.pool, case_.pool, "pool for entropy \(case_.entropy_words)")
            XCTAssertEqual(sequence.generateState(count: 8), case_.state32)
            XCTAssertEqual(sequence.generateState64(count: 4).map { String($0) }, case_.state64)
        }
        XCTAssertEqual(SeedSequence(seed: 1 << 40 | 5).entropy, [5, 256])
        XCTAssertEqual(SeedSequence(seed: 0).entropy, [0])
    }

    func testPCG64StateAfterSeeding() {
        for case_ in Self.fixture.pcg64 {
            let generator = PCG64(seed: case_.seed)
            XCTAssertEqual(hex128(generator.state), case_.state, "state, seed \(case_.seed)")
            XCTAssertEqual(hex128(generator.increment), case_.inc, "increment, seed \(case_.seed)")
        }
    }

    /// Issue 2's bar: the first 1,000 `random()` draws for seeds 0…4 equal NumPy's.
    func testFirstThousandRandomDrawsMatchNumPy() {
        for case_ in Self.fixture.pcg64 {
            var rng = NumPyGenerator(seed: case_.seed)
            let draws = rng.random(count: 1000).map(k)
            XCTAssertEqual(draws.count, 1000)
            XCTAssertEqual(draws, case_.random_k, "seed \(case_.seed)")
        }
        var rng = NumPyGenerator(seed: 0)
        XCTAssertEqual(rng.random(), 0.6369616873214543)
        XCTAssertEqual(rng.random(), 0.2697867137638703)
    }

    func testUniformScalarAndArrayBounds() throws {
        for case_ in Self.fixture.uniform {
            var rng = NumPyGenerator(seed: case_.seed)
            let scalar = (0..<20).map { _ in rng.uniform(low: -2.5, high: 7.25) }
            XCTAssertEqual(scalar, case_.scalar, "seed \(case_.seed)")
            XCTAssertEqual(try rng.uniform(lows: [-.pi, -1, 0], highs: [.pi, 1, 10]), case_.array)
            let f32: [Float] = [-4.8, -3.4028235e38, -0.41887903, -3.4028235e38]
            let box = try rng.uniform(lows: f32.map(Double.init), highs: f32.map { Double(-$0) })
            XCTAssertEqual(box, case_.float32_box)
        }
        var rng = NumPyGenerator(seed: 0)
        XCTAssertThrowsError(try rng.uniform(lows: [0, 1], highs: [1]))
    }

    func testIntegersMatchNumPyIncludingBufferedHalves() throws {
        for case_ in Self.fixture.integers {
            var rng = NumPyGenerator(seed: case_.seed)
            for draw in case_.draws {
                let values = try rng.integers(draw.low, draw.high, count: draw.values.count)
                XCTAssertEqual(values, draw.values, "seed \(case_.seed), integers(\(draw.low), \(draw.high))")
                XCTAssertEqual(k(rng.random()), draw.then_random_k, "random() after integers(\(draw.low), \(draw.high))")
            }
        }
        var rng = NumPyGenerator(seed: 0)
        XCTAssertThrowsError(try rng.integers(3, 3))
        XCTAssertThrowsError(try rng.integers(5, 1))
    }

    func testLegacyRandomStateMatchesGlobalNumPyStream() throws {
        for case_ in Self.fixture.legacy {
            let state = LegacyRandomState(seed: case_.seed)
            XCTAssertEqual((0..<50).map { _ in k(state.randomSample()) }, case_.random_sample_k, "seed \(case_.seed)")
            XCTAssertEqual(try (0..<50).map { _ in try state.randint(0, 2) }, case_.randint_0_2)
            XCTAssertEqual(try (0..<20).map { _ in try state.randint(-3, 1000) }, case_.randint_m3_1000)
            XCTAssertEqual(try (0..<5).map { _ in try state.randint(0, 1 << 40) }, case_.randint_0_2p40)
            XCTAssertEqual(k(state.randomSample()), case_.then_random_k)
        }
        XCTAssertThrowsError(try LegacyRandomState(seed: 0).randint(1, 1))
    }

    func testShuffleMatchesGeneratorShuffle() {
        for case_ in Self.fixture.shuffles {
            var rng = NumPyGenerator(seed: case_.seed)
            for (size, expected) in zip(case_.sizes, case_.shuffled) {
                var deck = Array(0..<size)
                rng.shuffle(&deck)
                XCTAssertEqual(deck, expected, "seed \(case_.seed), size \(size)")
            }
            XCTAssertEqual(k(rng.random()), case_.then_random_k)
        }
    }

    func testLegacyBinomialMatchesRandomState() throws {
        for case_ in Self.fixture.legacy_binomial {
            let state = LegacyRandomState(seed: case_.seed)
            XCTAssertEqual(try (0..<10).flatMap { _ in try state.binomial(1, 0.5, count: 3) }, case_.bits, "seed \(case_.seed)")
            XCTAssertEqual(try state.binomial(5, 0.3, count: 10), case_.n5_p03)
            XCTAssertEqual(try state.binomial(10, 0.8, count: 10), case_.n10_p08)
            XCTAssertEqual(k(state.randomSample()), case_.then_random_k)
        }
        XCTAssertThrowsError(try LegacyRandomState(seed: 0).binomial(1000, 0.5))
        XCTAssertThrowsError(try LegacyRandomState(seed: 0).binomial(1, 1.5))
    }

    /// The ziggurat: the first draws bit for bit, and after 100,000 more (thousands through
    /// the wedge and the tail) the same extremes and the stream still in step.
    func testStandardNormalMatchesGeneratorZiggurat() {
        for case_ in Self.fixture.generator_normal {
            var rng = NumPyGenerator(seed: case_.seed)
            XCTAssertEqual((0..<case_.first.count).map { _ in rng.standardNormal() }, case_.first, "seed \(case_.seed)")
            var high = -Double.infinity, low = Double.infinity
            for _ in 0..<100_000 {
                let z = rng.standardNormal()
                high = max(high, z); low = min(low, z)
            }
            XCTAssertEqual(high, case_.max, "seed \(case_.seed)")
            XCTAssertEqual(low, case_.min, "seed \(case_.seed)")
            XCTAssertEqual(k(rng.random()), case_.then_random_k, "seed \(case_.seed)")
        }
        var rng = NumPyGenerator(seed: 0)
        let z = rng.standardNormal()
        var again = NumPyGenerator(seed: 0)
        XCTAssertEqual(again.normal(loc: 2, scale: 0.5), 2 + 0.5 * z)
    }

    func testGeneratorsAreValueTypesThatReplay() {
        var a = NumPyGenerator(seed: 7)
        _ = a.random()
        var b = a
        XCTAssertEqual(a.random(), b.random())
    }
}
