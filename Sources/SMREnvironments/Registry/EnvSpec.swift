/// A registered environment, as gymnasium's `EnvSpec`: how to build it and which
/// `TimeLimit` `make` wraps it in.
public struct EnvSpec {
    /// The id passed to `make`, e.g. "Pendulum-v1".
    public let id: String
    /// The registered episode limit (`nil`: no `TimeLimit`).
    public let maxEpisodeSteps: Int?
    /// The return at which the task counts as solved, where gymnasium registers one.
    public let rewardThreshold: Double?
    /// Builds the bare environment from keyword arguments.
    public let entryPoint: (EnvArguments) throws -> any Environment

    public init(id: String, maxEpisodeSteps: Int?, rewardThreshold: Double? = nil,
                entryPoint: @escaping (EnvArguments) throws -> any Environment) {
        self.id = id
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardThreshold = rewardThreshold
        self.entryPoint = entryPoint
    }
}
