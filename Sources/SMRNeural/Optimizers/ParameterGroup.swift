import SMRTensor

/// A list of parameters that share hyper-parameters (PyTorch `param_groups` entry).
/// A tensor may appear more than once; it is then updated once per appearance with one
/// shared state, exactly as PyTorch does with duplicate parameters.
public struct ParameterGroup<Options> {
    /// The tensors updated by this group, in order.
    public var parameters: [Tensor]
    /// The group's hyper-parameters.
    public var options: Options

    public init(_ parameters: [Tensor], options: Options) {
        self.parameters = parameters
        self.options = options
    }
}

/// Maps parameter occurrences to distinct tensors (first-appearance order), shared by the
/// optimizers to key state by tensor identity.
struct ParameterIndex {
    /// Each distinct tensor once.
    private(set) var unique: [Tensor] = []
    /// For each group, for each occurrence, its index into `unique`.
    private(set) var slots: [[Int]] = []

    init(groups: [[Tensor]]) {
        var position: [ObjectIdentifier: Int] = [:]
        for group in groups {
            var row: [Int] = []
            row.reserveCapacity(group.count)
            for t in group {
                let id = ObjectIdentifier(t)
                if let i = position[id] {
                    row.append(i)
                } else {
                    position[id] = unique.count
                    row.append(unique.count)
                    unique.append(t)
                }
            }
            slots.append(row)
        }
    }

    /// The old position of every distinct tensor that is still present, for carrying state over.
    func remap<S>(_ oldStates: [S?], from old: ParameterIndex) -> [S?] {
        var oldPosition: [ObjectIdentifier: Int] = [:]
        for (i, t) in old.unique.enumerated() { oldPosition[ObjectIdentifier(t)] = i }
        return unique.map { t in
            guard let i = oldPosition[ObjectIdentifier(t)], i < oldStates.count else { return nil }
            return oldStates[i]
        }
    }
}
