import XCTest
@testable import SMREnvironments

/// Bad input (issue 4, item 5): clear errors, state unchanged, no traps.
final class ValidationTests: XCTestCase {
    func testPendulumRejectsBadActionsWithoutChangingState() throws {
        let env = try make("Pendulum-v1", kwargs: ["clip_actions": .bool(false)])
        _ = try env.reset(seed: 0)
        let pendulum = try XCTUnwrap(env.unwrapped as? Pendulum)
        let before = try XCTUnwrap(pendulum.state)
        let bad: [Action] = [[3], [-2.5], [.nan], [.infinity], [0, 0], [], .discrete(1)]
        for action in bad {
            XCTAssertThrowsError(try env.step(action), "\(action)") { error in
                guard case EnvironmentError.invalidAction(_, let reason) = error else { return XCTFail("\(error)") }
                XCTAssertFalse(reason.isEmpty)
            }
            let after = try XCTUnwrap(pendulum.state)
            XCTAssertEqual(after.theta, before.theta)
            XCTAssertEqual(after.thetaDot, before.thetaDot)
        }
        XCTAssertEqual((env as? TimeLimit)?.elapsedSteps, 0, "rejected actions do not count as steps")
        XCTAssertNoThrow(try env.step([2]))
    }

    func testClippingModeStillRejectsNaNAndShape() throws {
        let env = try Pendulum(outOfBoundsActions: .clip)
        _ = try env.reset(seed: 0)
        XCTAssertNoThrow(try env.step([5]))
        XCTAssertThrowsError(try env.step([.nan]))
        XCTAssertThrowsError(try env.step([1, 1]))
    }

    func testPendulumClipsOutOfRangeTorqueByDefaultAsGymnasium() throws {
        let a = try make("Pendulum-v1"), b = try make("Pendulum-v1")
        _ = try a.reset(seed: 3)
        _ = try b.reset(seed: 3)
        let clipped = try a.step([7.5]), atLimit = try b.step([2])
        XCTAssertEqual(clipped.observation.values, atLimit.observation.values)
        XCTAssertEqual(clipped.reward, atLimit.reward)
        XCTAssertThrowsError(try a.step([.nan]))
    }

    func testCartPoleRejectsBadActionsWithoutChangingState() throws {
        let env = try make("CartPole-v1")
        _ = try env.reset(seed: 0)
        let cartPole = try XCTUnwrap(env.unwrapped as? CartPole)
        let before = cartPole.state
        for action: Action in [2, -1, [1], .continuous([])] {
            XCTAssertThrowsError(try env.step(action), "\(action)")
        }
        XCTAssertEqual(cartPole.state, before)
    }

    func testBadSeedsAndOptions() throws {
        XCTAssertThrowsError(try make("Pendulum-v1").reset(seed: -1))
        XCTAssertThrowsError(try make("CartPole-v1").reset(seed: 0, options: ["low": 1, "high": -1]))
        XCTAssertThrowsError(try Pendulum(gravity: .nan))
        XCTAssertThrowsError(try TimeLimit(try CartPole(), maxEpisodeSteps: 0))
        XCTAssertThrowsError(try Observation(values: [1, 2, 3], shape: [2, 2]))
    }

    func testErrorMessagesNameTheEnvironment() throws {
        let env = try make("CartPole-v1")
        _ = try env.reset(seed: 0)
        XCTAssertThrowsError(try env.step(5)) { error in
            XCTAssertEqual("\(error)", "CartPole-v1.step: invalid action: 5 is not in Discrete(2) (integers 0...1)")
        }
    }
}
