import XCTest
@testable import SMREnvironments

/// CartPole-v1 against gymnasium 1.4: several episodes per seed (the later ones reset
/// without a seed, continuing the stream), to termination or the 500-step limit.
final class CartPoleTests: XCTestCase {
    struct Fixture: Decodable {
        struct Episode: Decodable {
            let reset_obs: [Float]; let action: [Int]; let obs: [[Float]]; let reward: [Double]
            let terminated: Bool; let truncated: Bool; let obs_every: Int?
        }
        struct Run: Decodable { let policy: String; let seed: Int; let episodes: [Episode] }
        let runs: [Run]
    }

    func testEpisodesMatchGymnasium() throws {
        let fixture = try loadFixture("cartpole_v1", as: Fixture.self)
        XCTAssertEqual(fixture.runs.count, 15)
        for run in fixture.runs {
            let env = try make("CartPole-v1")
            for (number, episode) in run.episodes.enumerated() {
                let label = "\(run.policy) seed \(run.seed) episode \(number)"
                let reset = try env.reset(seed: number == 0 ? run.seed : nil)
                XCTAssertEqual(reset.observation.values, episode.reset_obs, label)
                var observations: [[Float]] = []
                var last: StepResult?
                for (t, action) in episode.action.enumerated() {
                    let result = try env.step(.discrete(action))
                    observations.append(result.observation.values)
                    XCTAssertEqual(result.reward, episode.reward[t], "\(label) step \(t)")
                    let isLast = t == episode.action.count - 1
                    XCTAssertEqual(result.terminated, isLast && episode.terminated, "\(label) step \(t)")
                    XCTAssertEqual(result.truncated, isLast && episode.truncated, "\(label) step \(t)")
                    last = result
                }
                XCTAssertNotNil(last)
                let expected: [[Float]]
                if let every = episode.obs_every {
                    expected = stride(from: 0, to: observations.count, by: every).map { observations[$0] } + [observations[observations.count - 1]]
                } else {
                    expected = observations
                }
                XCTAssertEqual(expected.count, episode.obs.count, label)
                for (index, values) in expected.enumerated() {
                    assertClose(values, episode.obs[index], tolerance: 1e-5, "\(label) observation \(index)")
                    XCTAssertEqual(values, episode.obs[index], "\(label) observation \(index) (bit-exact)")
                }
            }
        }
    }

    func testStepAfterTerminationIsAnError() throws {
        let env = try CartPole()
        _ = try env.reset(seed: 0)
        var result = try env.step(1)
        while !result.terminated { result = try env.step(1) }
        XCTAssertThrowsError(try env.step(1)) { error in
            XCTAssertTrue("\(error)".contains("reset"), "\(error)")
        }
        _ = try env.reset()
        XCTAssertNoThrow(try env.step(0))
    }

    func testSuttonBartoReward() throws {
        let env = try make("CartPole-v1", kwargs: ["sutton_barto_reward": true])
        _ = try env.reset(seed: 1)
        var result = try env.step(1)
        XCTAssertEqual(result.reward, 0)
        while !result.terminated { result = try env.step(1) }
        XCTAssertEqual(result.reward, -1)
    }
}
