import SMRTensor
import SMREnvironments

/// How SB3's `preprocess_obs` turns an observation into network input: a Box is flattened as
/// float32, a Discrete one is one-hot encoded.
struct ObservationEncoder {
    let size: Int
    let oneHot: (start: Int, n: Int)?

    init(_ space: any Space, function: String) throws {
        if let d = space as? Discrete {
            oneHot = (d.start, d.n); size = d.n
        } else if let b = space as? Box {
            oneHot = nil; size = b.shape.reduce(1, *)
        } else {
            throw AgentError(function, "observation space must be Box or Discrete, got \(space)")
        }
        guard size > 0 else { throw AgentError(function, "observation space has no values") }
    }

    func encode(_ values: [Float], function: String = "predict") throws -> [Float] {
        if let (start, n) = oneHot {
            guard values.count == 1, values[0].rounded() == values[0] else {
                throw AgentError(function, "a Discrete observation must be one integer, got \(values)")
            }
            let k = Int(values[0]) - start
            guard k >= 0, k < n else { throw AgentError(function, "observation \(Int(values[0])) is outside Discrete(\(n))") }
            var v = [Float](filled: 0, count: n); v[k] = 1
            return v
        }
        guard values.count == size else {
            throw AgentError(function, "observation has \(values.count) values, expected \(size)")
        }
        return values
    }
}
