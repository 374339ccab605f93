import XCTest
@testable import SMREnvironments

/// SB3 DummyVecEnv semantics: seeds seed+i, auto-reset, terminal_observation.
final class DummyVecEnvTests: XCTestCase {
    func testSeedsResetAndAutoReset() throws {
        let vec = try DummyVecEnv((0..<3).map { _ in try make("CartPole-v1") })
        vec.seed(10)
        let observations = try vec.reset()
        XCTAssertEqual(observations.shape, [3, 4])
        for index in 0..<3 {
            let single = try make("CartPole-v1")
            let expected = try single.reset(seed: 10 + index).observation.values
            XCTAssertEqual(Array(observations.values[(4 * index)..<(4 * index + 4)]), expected)
        }
        // Drive copy 0 right until it terminates; the others alternate.
        let reference = try make("CartPole-v1")
        _ = try reference.reset(seed: 10)
        var t = 0
        while true {
            let step = try vec.step([1, .discrete(t % 2), .discrete(t % 2)])
            let expected = try reference.step(1)
            XCTAssertEqual(step.rewards[0], Float(expected.reward))
            XCTAssertEqual(step.infos[0]["TimeLimit.truncated"], .bool(false))
            t += 1
            if step.dones[0] {
                XCTAssertTrue(expected.terminated)
                XCTAssertEqual(step.infos[0].terminalObservation?.values, expected.observation.values)
                let nextReset = try reference.reset().observation.values
                XCTAssertEqual(Array(step.observations.values[0..<4]), nextReset, "the returned row is the reset observation")
                break
            }
            XCTAssertEqual(Array(step.observations.values[0..<4]), expected.observation.values)
        }
    }

    func testBadActionsLeaveEveryCopyUnchanged() throws {
        let vec = try DummyVecEnv((0..<2).map { _ in try make("CartPole-v1") })
        vec.seed(0)
        _ = try vec.reset()
        let before = vec.envs.map { ($0.unwrapped as? CartPole)?.state }
        XCTAssertThrowsError(try vec.step([0, 2]))
        XCTAssertThrowsError(try vec.step([0]))
        XCTAssertThrowsError(try vec.step([0, [0.5]]))
        XCTAssertEqual(vec.envs.map { ($0.unwrapped as? CartPole)?.state }, before)
        XCTAssertThrowsError(try DummyVecEnv([]))
    }
}

final class MakeVecEnvTests: XCTestCase {
    func testMakeVecEnvSeedsLikeStableBaselines() throws {
        let vec = try makeVecEnv("Pendulum-v1", numEnvs: 2, seed: 3)
        let observations = try vec.reset()
        XCTAssertEqual(observations.shape, [2, 3])
        XCTAssertEqual(Array(observations.values[3..<6]), try make("Pendulum-v1").reset(seed: 4).observation.values)
        let space = try Box(low: -2, high: 2, shape: [1])
        try space.seed(4)
        XCTAssertEqual(vec.envs[1].actionSpace.sampleAction(), .continuous(space.sample()))
        var done = false
        var info: Info = [:]
        while !done {
            let step = try vec.step([[0], [0]])
            done = step.dones[0]
            info = step.infos[0]
        }
        XCTAssertEqual(info.episode?.length, 200)
        XCTAssertEqual(info["TimeLimit.truncated"], .bool(true))
        XCTAssertThrowsError(try makeVecEnv("Pendulum-v1", numEnvs: 0))
    }
}
