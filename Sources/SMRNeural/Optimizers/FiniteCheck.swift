import CKernels
import SMRTensor

/// A NaN or infinity that a training loop found in a loss, a gradient or a parameter just
/// before its optimizer step, which it then did not take (the language shows it as Python's
/// `FloatingPointError`).
///
/// `"NaN in the policy loss at episode 12; parameters left at their last good values"`
public struct NumericalFault: Error, CustomStringConvertible, Equatable {
    /// `"NaN"`, `"inf"` or `"-inf"`.
    public let value: String
    /// What held it: `"the policy loss"`, `"the gradient of policy_head.weight"`.
    public let tensor: String
    /// Where training was: `"episode 12"`, `"rollout 3 (epoch 2, minibatch 5)"`.
    public let position: String
    /// A parameter that was already non-finite before the step (nil when all were finite:
    /// then the parameters are the last good ones).
    public let badParameter: String?

    public init(value: Float, tensor: String, position: String, badParameter: String? = nil) {
        self.value = value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf")
        self.tensor = tensor
        self.position = position
        self.badParameter = badParameter
    }

    public var description: String {
        let state = badParameter.map { "the parameter \($0) was already non-finite before this step (a learning rate too large?)" }
            ?? "parameters left at their last good values"
        return "\(value) in \(tensor) at \(position); \(state)"
    }
}

/// The numerical-fault checks of the training loops: scalars (losses) are free; gradients
/// cost one vectorised pass over their buffers (`smr_all_finite`), run just before the step.
/// Names are looked up only when something is wrong.
public enum FiniteCheck {
    /// Whether every value is finite (one branch-free pass).
    public static func allFinite(_ values: [Float]) -> Bool {
        values.withUnsafeBufferPointer { smr_all_finite($0.count, $0.baseAddress) != 0 }
    }

    /// Throws a `NumericalFault` naming `name` when `value` is NaN or infinite.
    /// `parameters` are searched for the cause (a non-finite parameter) only then.
    public static func scalar(_ value: Float, _ name: @autoclosure () -> String, at position: @autoclosure () -> String,
                              parameters: @autoclosure () -> [(name: String, tensor: Tensor)] = []) throws {
        guard !value.isFinite else { return }
        throw NumericalFault(value: value, tensor: name(), position: position(), badParameter: firstNonFinite(parameters()))
    }

    /// Each `(name, tensor)` loss term in turn (their first elements), then nothing else.
    public static func losses(_ terms: [(String, Tensor)], at position: @autoclosure () -> String,
                              parameters: @autoclosure () -> [(name: String, tensor: Tensor)] = []) throws {
        for (name, t) in terms where !(t.data.first ?? 0).isFinite {
            try scalar(t.data[0], name, at: position(), parameters: parameters())
        }
    }

    /// One pass over the gradients of `tensors` (those without one are skipped). On a fault
    /// the error names the parameter from `names` ("the gradient of policy_head.weight").
    public static func gradients(_ tensors: [Tensor], names: @autoclosure () -> [(name: String, tensor: Tensor)],
                                 at position: @autoclosure () -> String) throws {
        for t in tensors {
            guard let g = t.gradData, !allFinite(g) else { continue }
            let named = names()
            let name = named.first { $0.tensor === t }?.name ?? "a parameter of shape \(Shape.describe(t.shape))"
            let bad = g.first { !$0.isFinite } ?? .nan
            throw NumericalFault(value: bad, tensor: "the gradient of \(name)", position: position(),
                                 badParameter: firstNonFinite(named))
        }
    }

    /// Everything a training loop checks just before `optimizer.step()`: the loss terms,
    /// then the gradients of the optimizer's parameters (named from `names` on a fault) but
    /// those in `alreadyChecked` (found finite where they were written, while in cache).
    public static func beforeStep(losses terms: [(String, Tensor)], optimizer: any Optimizer,
                                  names: @autoclosure () -> [(name: String, tensor: Tensor)],
                                  at position: @autoclosure () -> String, alreadyChecked: [Tensor] = []) throws {
        try losses(terms, at: position(), parameters: names())
        var remaining = optimizer.parameterList
        if !alreadyChecked.isEmpty {
            let skip = Set(alreadyChecked.map(ObjectIdentifier.init))
            remaining.removeAll { skip.contains(ObjectIdentifier($0)) }
        }
        try gradients(remaining, names: names(), at: position())
    }

    /// The name of the first parameter holding a NaN or infinity.
    static func firstNonFinite(_ parameters: [(name: String, tensor: Tensor)]) -> String? {
        parameters.first { !allFinite($0.tensor.data) }?.name
    }
}
