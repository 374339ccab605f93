import XCTest
@testable import SMREnvironments

/// bsuite's MemoryChain (memory_len / memory_size experiments) against bsuite 0.3.6.
final class BSuiteMemoryChainTests: XCTestCase {
    struct Fixture: Decodable {
        struct Episode: Decodable { let reset_obs: [Float]; let action: [Int]; let obs: [[Float]]; let reward: [Double]; let last: [Bool] }
        struct Run: Decodable { let experiment: String; let value: Int; let seed: Int; let episodes: [Episode] }
        let runs: [Run]
    }

    func testEpisodesMatchBsuite() throws {
        let fixture = try loadFixture("bsuite_memory", as: Fixture.self)
        XCTAssertEqual(fixture.runs.count, 18)
        for run in fixture.runs {
            let id = run.experiment == "memory_len" ? "bsuite/memory_len-v0" : "bsuite/memory_size-v0"
            let key = run.experiment == "memory_len" ? "memory_length" : "num_bits"
            // Built with the seed, like bsuite's load(value, seed): the first reset is unseeded.
            let env = try make(id, kwargs: [key: .int(run.value), "seed": .int(run.seed)])
            for (number, episode) in run.episodes.enumerated() {
                let label = "\(run.experiment) \(run.value) seed \(run.seed) episode \(number)"
                let reset = try env.reset()
                XCTAssertEqual(reset.observation.values, episode.reset_obs, label)
                for (t, action) in episode.action.enumerated() {
                    let result = try env.step(.discrete(action))
                    XCTAssertEqual(result.observation.values, episode.obs[t], "\(label) step \(t)")
                    XCTAssertEqual(result.reward, episode.reward[t], "\(label) step \(t)")
                    XCTAssertEqual(result.terminated, episode.last[t], "\(label) step \(t)")
                }
            }
        }
    }

    func testSeededResetEqualsAFreshSeededBuild() throws {
        let fixture = try loadFixture("bsuite_memory", as: Fixture.self)
        for run in fixture.runs where run.experiment == "memory_size" {
            let env = try MemoryChain(memoryLength: 2, numBits: run.value, seed: 99)
            XCTAssertEqual(try env.reset(seed: run.seed).observation.values, run.episodes[0].reset_obs)
            XCTAssertEqual(env.observationSpace.shape, [1, run.value + 2])
        }
    }

    func testValidation() throws {
        XCTAssertThrowsError(try MemoryChain(memoryLength: 0))
        XCTAssertThrowsError(try MemoryChain(memoryLength: 3, numBits: 0))
        XCTAssertThrowsError(try make("bsuite/memory_len-v0", kwargs: ["seed": -1]))
        let env = try MemoryChain(memoryLength: 1)
        XCTAssertThrowsError(try env.step(0))
        _ = try env.reset()
        XCTAssertThrowsError(try env.step(2))
        XCTAssertFalse(try env.step(0).terminated)
        XCTAssertTrue(try env.step(0).terminated)
        XCTAssertThrowsError(try env.step(0))
    }
}
