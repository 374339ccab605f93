import SMRTensor

/// Common interface of the optimizers (PyTorch `torch.optim.Optimizer`): one update from
/// the parameters' accumulated gradients, clearing gradients, and exporting / importing
/// the internal state for checkpoints.
///
/// ```swift
/// let opt = try Adam(model.parameters(), lr: 1e-3)
/// opt.zeroGrad()
/// try loss.backward()
/// try opt.step()
/// ```
public protocol Optimizer: AnyObject {
    /// Name written to checkpoints ("Adam", "AdamW", "SGD"); a state only loads into the same kind.
    var kind: String { get }
    /// Every parameter occurrence, group by group, duplicates included (what `step()` visits).
    var parameterList: [Tensor] { get }
    /// Applies one update to every parameter that has a gradient (others are skipped, as in torch).
    func step() throws
    /// Clears every parameter's gradient (PyTorch `zero_grad(set_to_none=True)`).
    func zeroGrad()
    /// A copy of the hyper-parameters and per-parameter state (PyTorch `state_dict()`).
    func stateDict() -> OptimizerState
    /// Throws if `state` cannot be loaded into this optimizer; changes nothing.
    func validate(_ state: OptimizerState) throws
    /// Replaces hyper-parameters and state with `state` after validating it; on error nothing changes.
    func load(_ state: OptimizerState) throws
}

extension Optimizer {
    public func zeroGrad() {
        for p in parameterList { p.zeroGrad() }
    }
}
