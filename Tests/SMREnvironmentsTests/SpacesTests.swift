import XCTest
@testable import SMREnvironments

/// Seeded space samples against gymnasium's, plus `contains`.
final class SpacesTests: XCTestCase {
    struct Fixture: Decodable {
        struct Samples: Decodable {
            let seed: Int; let discrete2: [Int]; let discrete5_start_m2: [Int]
            let pendulum_action: [[Float]]; let pendulum_observation: [[Float]]
        }
        let samples: [Samples]
    }

    func testSeededSamplesMatchGymnasium() throws {
        for expected in try loadFixture("spaces", as: Fixture.self).samples {
            let discrete = try Discrete(2)
            try discrete.seed(expected.seed)
            XCTAssertEqual((0..<20).map { _ in discrete.sample() }, expected.discrete2)
            let shifted = try Discrete(5, start: -2)
            try shifted.seed(expected.seed)
            XCTAssertEqual((0..<20).map { _ in shifted.sample() }, expected.discrete5_start_m2)
            let actions = try Box(low: -2, high: 2, shape: [1])
            try actions.seed(expected.seed)
            XCTAssertEqual((0..<5).map { _ in actions.sample() }, expected.pendulum_action)
            let observations = try Box(low: [-1, -1, -8], high: [1, 1, 8])
            try observations.seed(expected.seed)
            XCTAssertEqual((0..<5).map { _ in observations.sample() }, expected.pendulum_observation)
        }
    }

    func testContains() throws {
        let box = try Box(low: -2, high: 2, shape: [1])
        XCTAssertTrue(box.contains([2]))
        XCTAssertFalse(box.contains([2.0001]))
        XCTAssertFalse(box.contains([.nan]))
        XCTAssertFalse(box.contains([0, 0]))
        XCTAssertFalse(box.contains(.discrete(0)))
        let discrete = try Discrete(3, start: 1)
        XCTAssertTrue(discrete.contains(1))
        XCTAssertTrue(discrete.contains(3))
        XCTAssertFalse(discrete.contains(0))
        XCTAssertFalse(discrete.contains(4))
        XCTAssertFalse(discrete.contains(.continuous([1])))
        XCTAssertEqual(discrete.description, "Discrete(3, start=1)")
    }

    func testUnboundedCoordinatesStillSample() throws {
        let cartPole = try CartPole()
        let space = try XCTUnwrap(cartPole.observationSpace as? Box)
        try space.seed(0)
        let sample = space.sample()
        XCTAssertEqual(sample.count, 4)
        XCTAssertTrue(sample.allSatisfy(\.isFinite))
        XCTAssertTrue(abs(sample[0]) <= 4.8 && abs(sample[2]) <= space.high[2])
    }

    func testInvalidSpacesThrow() {
        XCTAssertThrowsError(try Discrete(0))
        XCTAssertThrowsError(try Box(low: [1], high: [0]))
        XCTAssertThrowsError(try Box(low: [0, 0], high: [1]))
        XCTAssertThrowsError(try Box(low: 0, high: 1, shape: [-1]))
        XCTAssertThrowsError(try Discrete(2).seed(-1))
    }
}

final class ActionConversionTests: XCTestCase {
    func testActionFromNumbers() throws {
        XCTAssertEqual(try Discrete(2).action(from: [1]), .discrete(1))
        XCTAssertThrowsError(try Discrete(2).action(from: [1.5]))
        XCTAssertThrowsError(try Discrete(2).action(from: [2]))
        XCTAssertThrowsError(try Discrete(2).action(from: [.nan]))
        XCTAssertThrowsError(try Discrete(2).action(from: [0, 1]))
        XCTAssertEqual(try Box(low: -2, high: 2, shape: [1]).action(from: [0.5]), .continuous([0.5]))
        XCTAssertThrowsError(try Box(low: -2, high: 2, shape: [1]).action(from: [3]))
        XCTAssertEqual(try MultiDiscrete([2, 3]).action(from: [1, 2]), .continuous([1, 2]))
        XCTAssertThrowsError(try MultiDiscrete([2, 3]).action(from: [1, 3]))
    }
}
