extension Space {
    /// Builds an action of this space from plain numbers, checking it belongs to the space:
    /// one integral number for `Discrete`, one number per coordinate for `Box` and
    /// `MultiDiscrete`. For callers that hold numbers rather than typed actions (the
    /// language bindings, replayed logs).
    ///
    /// ```swift
    /// let action = try env.actionSpace.action(from: [1])   // .discrete(1) for CartPole
    /// ```
    public func action(from values: [Double]) throws -> Action {
        let action: Action
        if self is Discrete {
            guard values.count == 1, let value = values.first, value.rounded() == value, abs(value) < 9.0e15 else {
                throw EnvironmentError.invalidArgument("\(self): expected one integer, got \(values)")
            }
            action = .discrete(Int(value))
        } else {
            action = .continuous(values.map(Float.init))
        }
        if let problem = violation(of: action) {
            throw EnvironmentError.invalidArgument("\(self): \(problem)")
        }
        return action
    }
}
