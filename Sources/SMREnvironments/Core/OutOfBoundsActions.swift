/// What a continuous-control environment does with a finite action outside its `Box`.
///
/// gymnasium's Pendulum clips the torque into range as part of its dynamics
/// (`np.clip(u, -2, 2)`), and trajectories published against it rely on that, so `.clip` is
/// Pendulum's default; `.reject` (`clip_actions=False`) makes an out-of-range torque an
/// error instead. NaN and wrong shapes are errors either way.
public enum OutOfBoundsActions: Equatable, Sendable {
    /// Throw `EnvironmentError.invalidAction` and leave the state unchanged.
    case reject
    /// Clip into the box, as gymnasium does.
    case clip
}
