import SMRNeural
import SMRTensor

/// A plug-in auxiliary task of the Strategic Memory Retrieval policy (the reference's
/// `MraAuxiliaryModule`): a head on the policy's features `[feat, memory readout]`, a loss
/// added to the agent's objective with weight 0.1, and metrics for the `aux_train/` log
/// section. The agent supplies each step's target by the module's `name`: "cue" (the first
/// observation's first value), "confidence" (1 − the policy's entropy), "next_obs" (the next
/// observation), "event" (the env's `event_flag`), "oracle_action" (the env's `oracle_action`);
/// any other name gets 0. Subclass and override `loss` (and `metrics`) for a new task.
open class AuxiliaryModule: Module {
    /// Task kind: classification (accuracy metric) or regression (MSE of the sigmoid).
    public enum Task: String, Sendable { case classification, regression }

    public let name: String
    public let task: Task
    public let head: Linear

    public init(name: String, task: Task, featDim: Int, outputs: Int, generator: inout RandomGenerator) throws {
        guard featDim > 0, outputs > 0 else { throw AgentError(name, "feat_dim and the number of outputs must be positive") }
        self.name = name
        self.task = task
        head = try Linear(featDim, outputs, generator: &generator)
        super.init()
        register(module: head, as: "head")
    }

    /// Predictions `[T, outputs]` for the features `[T, feat_dim]`.
    public func predict(_ features: Tensor) throws -> Tensor { try head.forward(features) }

    /// The loss of predictions `[T, outputs]` against per-step targets (each a vector).
    open func loss(_ predictions: Tensor, targets: [[Float]]) throws -> Tensor {
        switch task {
        case .classification:
            return try predictions.crossEntropy(targets: targets.map { Int($0.first ?? 0) })
        case .regression:
            return try predictions.reshape(targetShape(predictions, targets)).sigmoid().mseLoss(targetTensor(targets))
        }
    }

    /// Diagnostic metrics: `acc` for classification, `mse` (of the sigmoid) for regression.
    open func metrics(_ predictions: Tensor, targets: [[Float]]) throws -> [(String, Double)] {
        switch task {
        case .classification:
            let labels = try predictions.argmax(axis: -1)
            let correct = zip(labels, targets).filter { $0.0 == Int($0.1.first ?? -1) }.count
            return [("acc", Double(correct) / Double(max(1, targets.count)))]
        case .regression:
            let mse = try predictions.reshape(targetShape(predictions, targets)).sigmoid().mseLoss(targetTensor(targets))
            return [("mse", Double(mse.data[0]))]
        }
    }

    func targetTensor(_ targets: [[Float]]) throws -> Tensor {
        let width = targets.first?.count ?? 1
        return try Tensor(targets.flatMap { $0 }, shape: width == 1 ? [targets.count] : [targets.count, width])
    }

    func targetShape(_ predictions: Tensor, _ targets: [[Float]]) -> [Int] {
        let width = targets.first?.count ?? 1
        return width == 1 ? [predictions.count] : predictions.shape
    }
}

/// Classifies the episode's cue (the first observation's first value), cross-entropy.
public final class CueAuxModule: AuxiliaryModule {
    public init(featDim: Int, nClasses: Int = 2, generator: inout RandomGenerator) throws {
        try super.init(name: "cue", task: .classification, featDim: featDim, outputs: nClasses, generator: &generator)
    }
}

/// Regresses the policy's confidence (1 − entropy) through a sigmoid, MSE.
public final class ConfidenceAuxModule: AuxiliaryModule {
    public init(featDim: Int, generator: inout RandomGenerator) throws {
        try super.init(name: "confidence", task: .regression, featDim: featDim, outputs: 1, generator: &generator)
    }
}

/// Predicts the next observation (sigmoid, MSE): the reference's agent supplies this target
/// but ships no module for it.
public final class NextObsAuxModule: AuxiliaryModule {
    public init(featDim: Int, obsDim: Int, generator: inout RandomGenerator) throws {
        try super.init(name: "next_obs", task: .regression, featDim: featDim, outputs: obsDim, generator: &generator)
    }
}

/// Classifies the environment's `event_flag` (0 when the env has none).
public final class EventAuxModule: AuxiliaryModule {
    public init(featDim: Int, nClasses: Int = 2, generator: inout RandomGenerator) throws {
        try super.init(name: "event", task: .classification, featDim: featDim, outputs: nClasses, generator: &generator)
    }
}

/// Classifies the environment's `oracle_action` (the action an oracle would take).
public final class OracleActionAuxModule: AuxiliaryModule {
    public init(featDim: Int, nActions: Int = 2, generator: inout RandomGenerator) throws {
        try super.init(name: "oracle_action", task: .classification, featDim: featDim, outputs: nActions, generator: &generator)
    }
}
