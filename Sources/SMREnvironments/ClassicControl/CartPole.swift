import Foundation
import SMRTensor

/// gymnasium's `CartPole-v1` (classic_control/cartpole.py), reproduced bit for bit.
///
/// A pole is hinged on a cart; push the cart left (0) or right (1) to keep the pole up.
/// State (float64): `[x, ẋ, θ, θ̇]`, starting uniform in ±0.05; observation: the state as
/// float32. Dynamics: explicit Euler, `tau = 0.02`, force ±10. The episode terminates when
/// `|x| > 2.4` or `|θ| > 12°`. Reward 1 per step, the terminating step included
/// (`sutton_barto_reward`: 0 per step and −1 on termination). `make("CartPole-v1")` adds
/// the 500-step `TimeLimit`.
///
/// gymnasium only warns when `step` is called after termination; here it is an error.
public final class CartPole: Environment {
    public let name = "CartPole-v1"
    public let gravity = 9.8
    public let massCart = 1.0
    public let massPole = 0.1
    public let totalMass: Double
    /// Half the pole's length, as gymnasium names it `length`.
    public let length = 0.5
    public let poleMassLength: Double
    public let forceMagnitude = 10.0
    public let tau = 0.02
    public let thetaThresholdRadians = 12 * 2 * Double.pi / 360
    public let xThreshold = 2.4
    /// gymnasium's `sutton_barto_reward` keyword.
    public let suttonBartoReward: Bool
    public let observationSpace: any Space
    public let actionSpace: any Space

    /// The float64 state `[x, ẋ, θ, θ̇]`; `nil` before the first reset.
    public var state: [Double]? { hasState ? [x, xDot, theta, thetaDot] : nil }
    // Hot state: single-threaded by contract, so no dynamic exclusivity checks.
    @exclusivity(unchecked) var x = 0.0
    @exclusivity(unchecked) var xDot = 0.0
    @exclusivity(unchecked) var theta = 0.0
    @exclusivity(unchecked) var thetaDot = 0.0
    @exclusivity(unchecked) var hasState = false
    /// Whether the last step terminated (then `step` needs a `reset` first).
    @exclusivity(unchecked) public private(set) var isTerminated = false
    /// The generator `reset` draws from (gymnasium's `env.np_random`).
    public private(set) var npRandom: NumPyGenerator?
    let observationShape = [4]
    /// Reused for every observation: written in place when the caller has let go of the
    /// previous one (copy-on-write copies it otherwise), which saves an allocation per step.
    @exclusivity(unchecked) var observationBuffer = [Float](filled: 0, count: 4)
    let discreteActions: Discrete

    public init(suttonBartoReward: Bool = false) throws {
        self.suttonBartoReward = suttonBartoReward
        totalMass = massPole + massCart
        poleMassLength = massPole * length
        let high: [Float] = [Float(xThreshold * 2), .infinity, Float(thetaThresholdRadians * 2), .infinity]
        observationSpace = try Box(low: high.map { -$0 }, high: high)
        discreteActions = try Discrete(2)
        actionSpace = discreteActions
    }

    /// Options: `low` and `high` bound the initial state (default ±0.05), as
    /// `utils.maybe_parse_reset_bounds`; the state is `np_random.uniform(low, high, size=4)`.
    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        let low = options?["low"] ?? -0.05, high = options?["high"] ?? 0.05
        guard low.isFinite, high.isFinite, low <= high else {
            throw EnvironmentError.invalidArgument("CartPole.reset: need finite low ≤ high, got low \(low), high \(high)")
        }
        if seed != nil || npRandom == nil { npRandom = try GymnasiumSeeding.generator(seed: seed) }
        guard var rng = npRandom else { throw EnvironmentError.invalidArgument("CartPole.reset: no generator") }
        let newState = rng.uniform(low: low, high: high, count: 4)
        npRandom = rng
        (x, xDot, theta, thetaDot) = (newState[0], newState[1], newState[2], newState[3])
        hasState = true
        isTerminated = false
        return (observation(), Info())
    }

    public func step(_ action: Action) throws -> StepResult {
        guard hasState else {
            throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()")
        }
        guard !isTerminated else {
            throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode terminated; call reset() first")
        }
        guard case .discrete(let push) = action, discreteActions.contains(push) else {
            throw EnvironmentError.invalidAction(env: name, reason: discreteActions.violation(of: action) ?? "\(action)")
        }
        let force = push == 1 ? forceMagnitude : -forceMagnitude
        let cosTheta = cos(theta)
        let sinTheta = sin(theta)
        let temp = (force + poleMassLength * (thetaDot * thetaDot) * sinTheta) / totalMass
        let thetaAcc = (gravity * sinTheta - cosTheta * temp)
            / (length * (4.0 / 3.0 - massPole * (cosTheta * cosTheta) / totalMass))
        let xAcc = temp - poleMassLength * thetaAcc * cosTheta / totalMass
        x = x + tau * xDot
        xDot = xDot + tau * xAcc
        theta = theta + tau * thetaDot
        thetaDot = thetaDot + tau * thetaAcc
        let terminated = x < -xThreshold || x > xThreshold || theta < -thetaThresholdRadians || theta > thetaThresholdRadians
        isTerminated = terminated
        let reward: Double = terminated ? (suttonBartoReward ? -1 : 1) : (suttonBartoReward ? 0 : 1)
        return (observation(), reward, terminated, false, Info())
    }

    @inline(__always)
    func observation() -> Observation {
        observationBuffer.withUnsafeMutableBufferPointer { values in
            values[0] = Float(x); values[1] = Float(xDot); values[2] = Float(theta); values[3] = Float(thetaDot)
        }
        return Observation(unchecked: observationBuffer, shape: observationShape)
    }
}
