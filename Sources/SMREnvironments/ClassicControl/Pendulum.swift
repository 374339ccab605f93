import Foundation
import SMRTensor

/// gymnasium's `Pendulum-v1` (classic_control/pendulum.py), reproduced bit for bit.
///
/// A pendulum starts at a random angle and must be swung up and held upright.
/// State (float64): angle θ (never wrapped) and angular velocity θ̇. Observation (float32):
/// `[cos θ, sin θ, θ̇]`. Action: torque in `Box(-2, 2, (1,), float32)`. Reward:
/// `-(normalize(θ)² + 0.1·θ̇² + 0.001·u²)`, computed from the state before the update.
/// Dynamics: semi-implicit Euler with `dt = 0.05`, velocity clipped to ±8. Never terminates;
/// `make("Pendulum-v1")` adds gymnasium's 200-step `TimeLimit`.
///
/// Bit-exactness: under NumPy ≥ 2 a float32 torque keeps the terms `0.001·u²` and `3·u`
/// in float32 (Python floats are "weak" scalars); they are widened to float64 only when
/// added to the float64 terms. This port does the same.
public final class Pendulum: Environment {
    public let name = "Pendulum-v1"
    /// Gravity (gymnasium's `g` keyword, default 10).
    public let gravity: Double
    public let maxSpeed: Double = 8
    public let maxTorque: Float = 2
    public let dt: Double = 0.05
    public let mass: Double = 1
    public let length: Double = 1
    /// What to do with a finite torque outside ±2 (see `OutOfBoundsActions`).
    public let outOfBoundsActions: OutOfBoundsActions
    public let observationSpace: any Space
    public let actionSpace: any Space

    /// The float64 state `(θ, θ̇)`; `nil` before the first reset.
    @exclusivity(unchecked) public private(set) var state: (theta: Double, thetaDot: Double)?
    /// The generator `reset` draws from (gymnasium's `env.np_random`).
    public private(set) var npRandom: NumPyGenerator?
    let observationShape = [3]
    /// Reused for every observation: written in place when the caller has let go of the
    /// previous one (copy-on-write copies it otherwise), which saves an allocation per step.
    @exclusivity(unchecked) var observationBuffer = [Float](filled: 0, count: 3)
    /// `sin(θ)` of the current state, computed for the observation and reused by `step`.
    @exclusivity(unchecked) var sinTheta = 0.0
    /// 2, kept in mutable properties so that the optimizer cannot rewrite `pow(x, 2)` as
    /// `x * x` (LLVM does that for a constant exponent), which would differ from NumPy.
    private var squareExponent: Double = 2
    private var squareExponentFloat: Float = 2
    let gravityTerm: Double
    let torqueFactor: Float

    public init(gravity: Double = 10, outOfBoundsActions: OutOfBoundsActions = .clip) throws {
        guard gravity.isFinite else { throw EnvironmentError.invalidArgument("Pendulum: g must be finite, got \(gravity)") }
        self.gravity = gravity
        self.outOfBoundsActions = outOfBoundsActions
        observationSpace = try Box(low: [-1, -1, -8], high: [1, 1, 8])
        actionSpace = try Box(low: -2, high: 2, shape: [1])
        gravityTerm = 3 * gravity / (2 * length)
        torqueFactor = Float(3.0 / (mass * length * length))
    }

    /// Options: `x_init` (angle bound, default π) and `y_init` (velocity bound, default 1);
    /// the state is drawn as `np_random.uniform(low=-high, high=high)`.
    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        let high = [options?["x_init"] ?? Double.pi, options?["y_init"] ?? 1.0]
        guard high.allSatisfy(\.isFinite) else {
            throw EnvironmentError.invalidArgument("Pendulum.reset: x_init and y_init must be finite, got \(high)")
        }
        if seed != nil || npRandom == nil { npRandom = try GymnasiumSeeding.generator(seed: seed) }
        guard var rng = npRandom else { throw EnvironmentError.invalidArgument("Pendulum.reset: no generator") }
        let theta = rng.uniform(low: -high[0], high: high[0])
        let thetaDot = rng.uniform(low: -high[1], high: high[1])
        npRandom = rng
        state = (theta, thetaDot)
        return (observation(theta, thetaDot), Info())
    }

    public func step(_ action: Action) throws -> StepResult {
        guard let (theta, thetaDot) = state else {
            throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()")
        }
        let u = try torque(from: action)
        // NumPy's scalar `x**2` calls libm pow (which is not always x*x to the last bit);
        // `0.001 * u**2` stays in float32 (powf), as NumPy ≥ 2 computes it.
        let torqueCost = Float(0.001) * powf(u, squareExponentFloat)
        let costs = pow(Self.angleNormalize(theta), squareExponent) + 0.1 * pow(thetaDot, squareExponent) + Double(torqueCost)
        var newThetaDot = thetaDot + (gravityTerm * sinTheta + Double(torqueFactor * u)) * dt
        newThetaDot = min(max(newThetaDot, -maxSpeed), maxSpeed)
        let newTheta = theta + newThetaDot * dt
        state = (newTheta, newThetaDot)
        return (observation(newTheta, newThetaDot), -costs, false, false, Info())
    }

    /// The torque from an action: exactly one finite float (or ±∞ when clipping) inside ±2.
    @inline(__always)
    func torque(from action: Action) throws -> Float {
        guard case .continuous(let values) = action, values.count == 1 else {
            throw EnvironmentError.invalidAction(env: name, reason: "expected a float array of shape [1] for Box(-2.0, 2.0, [1], float32), got \(action)")
        }
        let u = values[0]
        if u >= -maxTorque && u <= maxTorque { return u }
        if u.isNaN { throw EnvironmentError.invalidAction(env: name, reason: "torque is NaN") }
        if outOfBoundsActions == .clip { return min(max(u, -maxTorque), maxTorque) }
        throw EnvironmentError.invalidAction(
            env: name,
            reason: "torque \(u) is outside [-2.0, 2.0] of Box(-2.0, 2.0, [1], float32) (this env was made with "
                + "clip_actions=False; by default Pendulum clips the torque as gymnasium does)")
    }

    @inline(__always)
    func observation(_ theta: Double, _ thetaDot: Double) -> Observation {
        let sine = sin(theta)
        sinTheta = sine
        observationBuffer.withUnsafeMutableBufferPointer { values in
            values[0] = Float(cos(theta)); values[1] = Float(sine); values[2] = Float(thetaDot)
        }
        return Observation(unchecked: observationBuffer, shape: observationShape)
    }

    /// `((x + π) mod 2π) − π` with NumPy's floor modulo (fmod, shifted into the divisor's sign).
    @inline(__always)
    static func angleNormalize(_ x: Double) -> Double {
        NumPyMath.floorRemainder(x + .pi, 2 * .pi) - .pi
    }
}
