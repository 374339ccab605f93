/// A gymnasium space: the set that observations or actions belong to, with its own seeded
/// sampler (gymnasium's `Space.np_random`, seeded by `space.seed(s)`, otherwise from
/// operating-system entropy on first use).
///
/// Spaces are classes because sampling advances the space's generator, as
/// `env.action_space.sample()` does in gymnasium.
public protocol Space: AnyObject, CustomStringConvertible {
    /// The shape of one element (`[]` for `Discrete`).
    var shape: [Int] { get }
    /// Re-seeds the space's generator as `space.seed(seed)`; `nil` draws fresh entropy.
    func seed(_ seed: Int?) throws
    /// A random element, as an action.
    func sampleAction() -> Action
    /// Whether `action` is an element of the space (right kind, shape and bounds).
    func contains(_ action: Action) -> Bool
    /// Why `action` is not an element, or `nil` when it is one.
    func violation(of action: Action) -> String?
}

extension Space {
    public func contains(_ action: Action) -> Bool { violation(of: action) == nil }
}
