/// An environment that wraps another and by default forwards everything to it, like
/// `gymnasium.Wrapper`. Concrete wrappers override `reset` / `step`.
public protocol Wrapper: Environment {
    /// The wrapped environment.
    var env: any Environment { get }
}

extension Wrapper {
    public var name: String { env.name }
    public var observationSpace: any Space { env.observationSpace }
    public var actionSpace: any Space { env.actionSpace }
    public var unwrapped: any Environment { env.unwrapped }
}
