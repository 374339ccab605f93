import XCTest
@testable import SMREnvironments

/// The blog post's tasks: sequential digits (data checked against scikit-learn's
/// load_digits) and the guessing game.
final class BlogTasksTests: XCTestCase {
    func testDigitsDataMatchesScikitLearn() throws {
        XCTAssertEqual(SequentialDigits.imageCount, 1797)
        var perClass = [Int](repeating: 0, count: 10)
        var pixelSum = 0
        for index in 0..<1797 {
            let (pixels, label) = try XCTUnwrap(SequentialDigits.image(index))
            perClass[label] += 1
            pixelSum += pixels.reduce(0) { $0 + Int($1) }
        }
        XCTAssertEqual(perClass, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        XCTAssertEqual(pixelSum, 561_718)
        let five = try XCTUnwrap(SequentialDigits.image(5))
        XCTAssertEqual(five.label, 5)
        XCTAssertEqual(Array(five.pixels[0..<16]), [0, 0, 12, 10, 0, 0, 0, 0, 0, 0, 14, 16, 16, 14, 0, 0])
        XCTAssertNil(SequentialDigits.image(1797))
    }

    func testSequentialDigitsEpisode() throws {
        let env = try make("SequentialDigits-v0")
        let (first, info) = try env.reset(seed: 0)
        XCTAssertEqual(info["image_index"], .int(1528), "np.random.default_rng(0).integers(0, 1797)")
        let (pixels, label) = try XCTUnwrap(SequentialDigits.image(1528))
        XCTAssertEqual(first.values, pixels[0..<8].map { Float($0) / 16 })
        for row in 1..<8 {
            let result = try env.step(0)
            XCTAssertEqual(result.observation.values, pixels[(8 * row)..<(8 * row + 8)].map { Float($0) / 16 })
            XCTAssertEqual(result.reward, 0)
            XCTAssertFalse(result.terminated)
        }
        let decision = try env.step(.discrete(label))
        XCTAssertEqual(decision.reward, 1)
        XCTAssertTrue(decision.terminated)
        XCTAssertEqual(decision.info["label"], .int(label))
        XCTAssertThrowsError(try env.step(0))

        let test = try make("SequentialDigits-v0", kwargs: ["split": "test", "pixels_per_step": 16])
        XCTAssertEqual(try test.reset(seed: 1).info["image_index"], .int(1607))
        XCTAssertEqual(test.observationSpace.shape, [16])
        XCTAssertThrowsError(try make("SequentialDigits-v0", kwargs: ["split": "validation"]))
        XCTAssertThrowsError(try SequentialDigits(pixelsPerStep: 7))
        XCTAssertThrowsError(try test.step(10))
    }

    func testGuessingGame() throws {
        let env = try make("GuessingGame-v0", kwargs: ["dimension": 3, "steps": 2])
        let game = try XCTUnwrap(env.unwrapped as? GuessingGame)
        let (observation, _) = try env.reset(seed: 0)
        XCTAssertEqual(game.target, [0.2739233746429086, -0.4604265724722594, -0.9180529521276106])
        XCTAssertEqual(observation.values, [Float(0.3766159555748443)])
        let target = try XCTUnwrap(game.target).map(Float.init)
        let perfect = try env.step(.continuous(target))
        XCTAssertLessThan(-perfect.reward, 1e-12)
        XCTAssertFalse(perfect.terminated)
        XCTAssertThrowsError(try env.step([0, 0]))
        XCTAssertThrowsError(try env.step([2, 0, 0]))
        XCTAssertThrowsError(try env.step([.nan, 0, 0]))
        let last = try env.step([0, 0, 0])
        XCTAssertEqual(last.reward, -0.3766159555748443, accuracy: 1e-7)
        XCTAssertTrue(last.terminated)
        XCTAssertThrowsError(try env.step([0, 0, 0]))
        XCTAssertThrowsError(try GuessingGame(dimension: 0))
        XCTAssertThrowsError(try GuessingGame(steps: 0))
    }
}
