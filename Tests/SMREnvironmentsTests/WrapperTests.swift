import XCTest
@testable import SMREnvironments

/// make / TimeLimit / OrderEnforcing / RecordEpisodeStatistics semantics.
final class WrapperTests: XCTestCase {
    func testMakeAppliesRegisteredTimeLimitAndOrderEnforcing() throws {
        let pendulum = try make("Pendulum-v1")
        XCTAssertEqual((pendulum as? TimeLimit)?.maxEpisodeSteps, 200)
        XCTAssertTrue((pendulum as? TimeLimit)?.env is OrderEnforcing)
        XCTAssertTrue(pendulum.unwrapped is Pendulum)
        XCTAssertEqual((try make("CartPole-v1") as? TimeLimit)?.maxEpisodeSteps, 500)
        XCTAssertEqual((try make("CartPole-v1", maxEpisodeSteps: 7) as? TimeLimit)?.maxEpisodeSteps, 7)
        XCTAssertEqual(EnvRegistry.shared.spec("CartPole-v1")?.rewardThreshold, 475)
        XCTAssertThrowsError(try make("Pendulum-v9")) { error in
            XCTAssertTrue("\(error)".contains("Pendulum-v1"), "lists the registered ids: \(error)")
        }
        XCTAssertThrowsError(try make("Pendulum-v1", kwargs: ["gravity": 9.8]))
        XCTAssertEqual((try make("Pendulum-v1", kwargs: ["g": 9.81]).unwrapped as? Pendulum)?.gravity, 9.81)
    }

    func testStepBeforeResetIsAnError() throws {
        for id in ["Pendulum-v1", "CartPole-v1", "MemoryTask-v0"] {
            let env = try make(id)
            XCTAssertThrowsError(try env.step(env.actionSpace.sampleAction()), id) { error in
                guard case EnvironmentError.resetNeeded = error else { return XCTFail("\(id): \(error)") }
            }
        }
    }

    func testTimeLimitTruncatesAndThenRequiresReset() throws {
        let env = try make("Pendulum-v1", maxEpisodeSteps: 3)
        _ = try env.reset(seed: 0)
        XCTAssertFalse(try env.step([0]).truncated)
        XCTAssertFalse(try env.step([0]).truncated)
        XCTAssertTrue(try env.step([0]).truncated)
        XCTAssertThrowsError(try env.step([0]))
        _ = try env.reset()
        XCTAssertFalse(try env.step([0]).truncated)
    }

    func testRecordEpisodeStatistics() throws {
        let env = RecordEpisodeStatistics(try make("CartPole-v1"), bufferLength: 2)
        _ = try env.reset(seed: 0)
        var total = 0.0, steps = 0
        var result = try env.step(1)
        total += result.reward; steps += 1
        XCTAssertNil(result.info.episode)
        while !(result.terminated || result.truncated) {
            result = try env.step(1)
            total += result.reward; steps += 1
        }
        let episode = try XCTUnwrap(result.info.episode)
        XCTAssertEqual(episode.episodeReturn, total)
        XCTAssertEqual(episode.length, steps)
        XCTAssertGreaterThanOrEqual(episode.seconds, 0)
        guard case .dictionary(let fields)? = result.info["episode"] else { return XCTFail("info[episode] missing") }
        XCTAssertEqual(Set(fields.keys), ["r", "l", "t"])
        for _ in 0..<2 {
            _ = try env.reset()
            repeat { result = try env.step(1) } while !result.terminated
        }
        XCTAssertEqual(env.episodeCount, 3)
        XCTAssertEqual(env.returnQueue.count, 2)
        XCTAssertEqual(env.lengthQueue.count, 2)
    }
}
