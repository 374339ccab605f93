/// A serialisable snapshot of an optimizer (PyTorch `optimizer.state_dict()`): the
/// hyper-parameters of each group and, per distinct parameter, its step count and buffers.
///
/// Parameters are identified by position: the order in which distinct tensors first
/// appear in the optimizer's groups (a tensor listed twice has one entry), as in PyTorch.
public struct OptimizerState: Equatable, Sendable {
    /// The optimizer kind ("Adam", "AdamW", "SGD").
    public var kind: String
    /// Hyper-parameters of each group by PyTorch's names ("lr", "beta1", "weight_decay", …);
    /// booleans are stored as 0 / 1.
    public var groups: [[String: Double]]
    /// Number of parameter occurrences in each group (duplicates included).
    public var groupSizes: [Int]
    /// Element count of each distinct parameter, in first-appearance order.
    public var parameterCounts: [Int]
    /// State of the parameters that have been updated at least once.
    public var entries: [Entry]

    /// The state of one distinct parameter.
    public struct Entry: Equatable, Sendable {
        /// Index into `parameterCounts` (first-appearance order).
        public var index: Int
        /// Number of updates applied (Adam's `state["step"]`; 0 for SGD).
        public var step: Double
        /// Named buffers ("exp_avg", "exp_avg_sq", "max_exp_avg_sq", "momentum_buffer").
        public var buffers: [String: [Float]]

        public init(index: Int, step: Double, buffers: [String: [Float]]) {
            self.index = index
            self.step = step
            self.buffers = buffers
        }
    }

    public init(kind: String, groups: [[String: Double]], groupSizes: [Int],
                parameterCounts: [Int], entries: [Entry]) {
        self.kind = kind
        self.groups = groups
        self.groupSizes = groupSizes
        self.parameterCounts = parameterCounts
        self.entries = entries
    }
}
