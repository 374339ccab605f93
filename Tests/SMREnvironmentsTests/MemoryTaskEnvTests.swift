import XCTest
import SMRTensor
@testable import SMREnvironments

/// MemoryTaskEnv against the reference repository's environments.py, run after
/// `np.random.seed(s)` (the reference draws from NumPy's global legacy stream).
final class MemoryTaskEnvTests: XCTestCase {
    struct Fixture: Decodable {
        struct Episode: Decodable {
            let reset_obs: [Float]; let target: Int; let action: [Int]; let obs: [[Float]]
            let reward: [Double]; let terminated: [Bool]
        }
        struct Run: Decodable { let delay: Int; let difficulty: Int; let seed: Int; let episodes: [Episode] }
        let runs: [Run]
    }

    func testEpisodesMatchTheReferenceImplementation() throws {
        let fixture = try loadFixture("memory_task", as: Fixture.self)
        XCTAssertEqual(fixture.runs.count, 18)
        for run in fixture.runs {
            let env = try MemoryTaskEnv(delay: run.delay, difficulty: run.difficulty)
            for (number, episode) in run.episodes.enumerated() {
                let label = "delay \(run.delay) difficulty \(run.difficulty) seed \(run.seed) episode \(number)"
                let reset = try env.reset(seed: number == 0 ? run.seed : nil)
                XCTAssertEqual(reset.observation.values, episode.reset_obs, label)
                XCTAssertEqual(env.target, episode.target, label)
                for (t, action) in episode.action.enumerated() {
                    let result = try env.step(.discrete(action))
                    XCTAssertEqual(result.observation.values, episode.obs[t], "\(label) step \(t)")
                    XCTAssertEqual(result.reward, episode.reward[t], "\(label) step \(t)")
                    XCTAssertEqual(result.terminated, episode.terminated[t], "\(label) step \(t)")
                    XCTAssertFalse(result.truncated)
                }
            }
        }
    }

    func testSharedStreamBehavesLikeTheGlobalOne() throws {
        let shared = LegacyRandomState(seed: 5)
        let a = try MemoryTaskEnv(delay: 2, difficulty: 1, randomState: shared)
        let b = try MemoryTaskEnv(delay: 2, difficulty: 1, randomState: shared)
        let reference = LegacyRandomState(seed: 5)
        let first = try a.reset().observation.values
        let second = try b.reset().observation.values
        let expected = try (0..<4).map { _ in Float(try reference.randint(0, 2)) }
        XCTAssertEqual([first[0], first[1], second[0], second[1]], expected)
    }

    func testConstructorArgumentsAreValidated() {
        XCTAssertThrowsError(try MemoryTaskEnv(delay: 0))
        XCTAssertThrowsError(try MemoryTaskEnv(delay: -3))
        XCTAssertThrowsError(try MemoryTaskEnv(delay: 4, difficulty: 2))
        XCTAssertThrowsError(try make("MemoryTask-v0", kwargs: ["delay": 0]))
        XCTAssertThrowsError(try make("MemoryTask-v0", kwargs: ["delay": 4.5]))
        XCTAssertThrowsError(try make("MemoryTask-v0", kwargs: ["dealy": 4]))
    }

    func testEpisodeLengthRewardAndErrors() throws {
        let env = try MemoryTaskEnv(delay: 3, difficulty: 0)
        XCTAssertThrowsError(try env.step(0))
        let (observation, _) = try env.reset(seed: 0)
        let target = try XCTUnwrap(env.target)
        XCTAssertEqual(observation.values, [Float(target), 0, 0])
        XCTAssertEqual(try env.step(0).reward, 0)
        XCTAssertThrowsError(try env.step(2))
        XCTAssertThrowsError(try env.step([0.5]))
        XCTAssertEqual(env.t, 1, "a rejected action leaves the state unchanged")
        XCTAssertEqual(try env.step(1).observation.values, [0, 0, 0])
        let last = try env.step(.discrete(target))
        XCTAssertEqual(last.reward, 1)
        XCTAssertTrue(last.terminated)
        XCTAssertThrowsError(try env.step(0))
        XCTAssertThrowsError(try env.reset(seed: -1))
        XCTAssertThrowsError(try env.reset(seed: 1 << 32))
    }
}
