import XCTest
@testable import SMREnvironments

/// Pendulum-v1 against gymnasium 1.4 trajectories (reference-figures §5's three action
/// sequences, seeds 0–4): observations, rewards and states must be bit-identical.
final class PendulumTests: XCTestCase {
    struct Fixture: Decodable {
        struct Run: Decodable {
            let actions: String; let seed: Int
            let reset_obs: [Float]; let reset_state: [Double]
            let action: [Float]; let obs: [[Float]]; let reward: [Double]
            let truncated_at: Int?; let final_state: [Double]; let next_reset_obs: [Float]
        }
        let runs: [Run]
    }

    func testTrajectoriesMatchGymnasiumBitForBit() throws {
        let fixture = try loadFixture("pendulum_v1", as: Fixture.self)
        XCTAssertEqual(fixture.runs.count, 15)
        for run in fixture.runs {
            let label = "\(run.actions) seed \(run.seed)"
            // sin3 exceeds ±2 on purpose: gymnasium clips, which needs the clipping mode.
            let env = try make("Pendulum-v1")  // default: clips like gymnasium (sin3 needs it)
            let pendulum = try XCTUnwrap(env.unwrapped as? Pendulum)
            let (resetObservation, _) = try env.reset(seed: run.seed)
            XCTAssertEqual(resetObservation.values, run.reset_obs, label)
            XCTAssertEqual(pendulum.state.map { [$0.theta, $0.thetaDot] }, run.reset_state, label)
            var truncatedAt: Int?
            for t in 0..<200 {
                let result = try env.step(.continuous([run.action[t]]))
                XCTAssertEqual(result.observation.values, run.obs[t], "\(label) step \(t)")
                XCTAssertEqual(result.reward, run.reward[t], "\(label) step \(t)")
                XCTAssertEqual(result.observation.shape, [3])
                XCTAssertFalse(result.terminated)
                if result.truncated { truncatedAt = t + 1 }
            }
            XCTAssertEqual(truncatedAt, run.truncated_at, label)
            XCTAssertEqual(pendulum.state.map { [$0.theta, $0.thetaDot] }, run.final_state, label)
            XCTAssertEqual(try env.reset().observation.values, run.next_reset_obs, "\(label): unseeded reset continues the stream")
        }
    }

    func testSequenceFormulasReproduceRecordedActions() throws {
        let fixture = try loadFixture("pendulum_v1", as: Fixture.self)
        for run in fixture.runs where run.seed == 0 {
            for t in 0..<200 {
                let value: Double
                switch run.actions {
                case "sin": value = min(max(2 * sin(0.1 * Double(t)), -2), 2)
                case "sin3": value = 3 * sin(0.05 * Double(t))
                default: value = 2
                }
                XCTAssertEqual(Float(value), run.action[t], "\(run.actions) t=\(t)")
            }
        }
    }

    func testResetOptionsBoundTheInitialState() throws {
        let env = try Pendulum()
        _ = try env.reset(seed: 3, options: ["x_init": 0.1, "y_init": 0.0])
        let state = try XCTUnwrap(env.state)
        XCTAssertLessThanOrEqual(abs(state.theta), 0.1)
        XCTAssertEqual(state.thetaDot, 0)
        XCTAssertThrowsError(try env.reset(seed: 0, options: ["x_init": .nan]))
    }

    func testAngleNormalizeUsesFloorModulo() {
        XCTAssertEqual(Pendulum.angleNormalize(0), 0)
        XCTAssertEqual(Pendulum.angleNormalize(.pi), -.pi, accuracy: 1e-15)
        XCTAssertEqual(Pendulum.angleNormalize(-4), -4 + 2 * .pi, accuracy: 1e-12)
        XCTAssertEqual(Pendulum.angleNormalize(72.6), 72.6 - 24 * .pi, accuracy: 1e-12)
    }
}
