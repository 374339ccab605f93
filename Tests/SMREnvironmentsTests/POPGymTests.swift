import XCTest
@testable import SMREnvironments

/// POPGym 1.0.7's RepeatFirst, RepeatPrevious, CountRecall and PositionOnlyCartPole
/// ("Stateless CartPole") at Easy / Medium / Hard.
final class POPGymTests: XCTestCase {
    struct Fixture: Decodable {
        struct CardEpisode: Decodable {
            let reset_obs: [Int]; let action: [Int]; let obs: [[Int]]; let reward_units: [Int]; let terminated: Int
        }
        struct CardRun: Decodable { let env: String; let seed: Int; let scale: Double; let episodes: [CardEpisode] }
        struct CartEpisode: Decodable {
            let reset_obs: [Float]; let action: [Int]; let obs: [[Float]]; let reward: [Double]
            let terminated: Bool; let truncated: Bool; let obs_every: Int?
        }
        struct CartRun: Decodable { let env: String; let seed: Int; let episodes: [CartEpisode] }
        let card_runs: [CardRun]
        let cartpole_runs: [CartRun]
    }

    func testCardGamesMatchPOPGym() throws {
        let fixture = try loadFixture("popgym", as: Fixture.self)
        XCTAssertEqual(fixture.card_runs.count, 18)
        for run in fixture.card_runs {
            let env = try make("popgym-\(run.env)-v0")
            for (number, episode) in run.episodes.enumerated() {
                let label = "\(run.env) seed \(run.seed) episode \(number)"
                let reset = try env.reset(seed: number == 0 ? run.seed : nil)
                XCTAssertEqual(reset.observation.values, episode.reset_obs.map(Float.init), label)
                XCTAssertTrue(env.observationSpace.contains(.continuous(reset.observation.values))
                              || env.observationSpace.contains(.discrete(Int(reset.observation.values[0]))), label)
                for (t, action) in episode.action.enumerated() {
                    let result = try env.step(.discrete(action))
                    XCTAssertEqual(result.observation.values, episode.obs[t].map(Float.init), "\(label) step \(t)")
                    XCTAssertEqual(result.reward, Double(episode.reward_units[t]) * run.scale, "\(label) step \(t)")
                    XCTAssertEqual(result.terminated, t + 1 == episode.terminated, "\(label) step \(t)")
                    XCTAssertFalse(result.truncated)
                }
                XCTAssertThrowsError(try env.step(0), "\(label): stepping after the end")
            }
        }
    }

    func testStatelessCartPoleMatchesPOPGym() throws {
        let fixture = try loadFixture("popgym", as: Fixture.self)
        for run in fixture.cartpole_runs {
            let env = try make("popgym-\(run.env)-v0")
            for (number, episode) in run.episodes.enumerated() {
                let label = "\(run.env) seed \(run.seed) episode \(number)"
                XCTAssertEqual(try env.reset(seed: number == 0 ? run.seed : nil).observation.values, episode.reset_obs, label)
                var observations: [[Float]] = []
                for (t, action) in episode.action.enumerated() {
                    let result = try env.step(.discrete(action))
                    observations.append(result.observation.values)
                    XCTAssertEqual(result.reward, episode.reward[t], "\(label) step \(t)")
                    let isLast = t == episode.action.count - 1
                    XCTAssertEqual(result.terminated, isLast && episode.terminated, "\(label) step \(t)")
                    XCTAssertEqual(result.truncated, isLast && episode.truncated, "\(label) step \(t)")
                }
                let every = episode.obs_every ?? 1
                let kept = stride(from: 0, to: observations.count, by: every).map { observations[$0] }
                    + (episode.obs_every == nil ? [] : [observations[observations.count - 1]])
                XCTAssertEqual(kept, episode.obs, label)
            }
        }
    }

    func testValidation() throws {
        XCTAssertThrowsError(try RepeatFirst(numDecks: 0))
        XCTAssertThrowsError(try RepeatPrevious(numDecks: 1, k: 52))
        XCTAssertThrowsError(try RepeatPrevious(numDecks: 1, k: 0))
        XCTAssertThrowsError(try CountRecall(numDecks: 0))
        XCTAssertThrowsError(try StatelessCartPole(maxEpisodeLength: 0))
        let env = try RepeatFirst()
        XCTAssertThrowsError(try env.step(0))
        _ = try env.reset(seed: 0)
        XCTAssertThrowsError(try env.step(4))
        XCTAssertThrowsError(try env.step([1]))
        let recall = try CountRecall(difficulty: .hard)
        XCTAssertEqual((recall.actionSpace as? Discrete)?.n, 17)
        XCTAssertEqual((recall.observationSpace as? MultiDiscrete)?.nvec, [13, 13])
    }
}
