/// What a continuous-control environment does with a finite action outside its `Box`.
///
/// Issue 4 asks for an error (`.reject`, the default). gymnasium's Pendulum instead clips
/// the torque into range as part of its dynamics (`np.clip(u, -2, 2)`); `.clip` reproduces
/// that for code and fixtures that rely on it. NaN and wrong shapes are errors either way.
public enum OutOfBoundsActions: Equatable, Sendable {
    /// Throw `EnvironmentError.invalidAction` and leave the state unchanged.
    case reject
    /// Clip into the box, as gymnasium does.
    case clip
}
