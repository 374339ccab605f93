import SMREnvironments

/// How an agent turns an environment's observations into its network's input, as SB3's
/// `preprocess_obs` does: a Box of any shape is flattened, a Discrete one is one-hot encoded.
public struct ObservationEncoder: Sendable {
    /// Input width of the network.
    public let size: Int
    /// (start, n) for a Discrete observation space.
    let oneHot: (start: Int, n: Int)?

    /// Throws (naming `agent`) for a space the agents cannot read.
    public init(_ space: any Space, agent: String) throws {
        if let d = space as? Discrete {
            oneHot = (d.start, d.n)
            size = d.n
        } else {
            let shape = space.shape
            let count = shape.reduce(1, *)
            guard !shape.isEmpty, count > 0 else {
                throw AgentError(agent, "env: observations must be a Box with at least one value or Discrete, got shape \(shape)")
            }
            oneHot = nil
            size = count
        }
    }

    /// The network input for one observation; throws when it does not fit the space.
    public func encode(_ o: Observation, agent: String) throws -> [Float] {
        if let (start, n) = oneHot {
            let index = Int(o.values.first ?? -1) - start
            guard o.count == 1, (0..<n).contains(index) else {
                throw AgentError(agent, "the environment returned observation \(o.values), outside its Discrete(\(n)) space")
            }
            var v = [Float](repeating: 0, count: n)
            v[index] = 1
            return v
        }
        guard o.count == size else {
            throw AgentError(agent, "the environment returned an observation of \(o.count) values; the policy expects \(size)")
        }
        return o.values
    }
}
