/// Validation shared by the optimizers' `load(_:)`: a saved state must be this optimizer's
/// kind and match its groups and parameter sizes before anything is replaced.
enum OptimizerStateCheck {
    static func structure(_ state: OptimizerState, groupSizes: [Int], parameterCounts: [Int], kind: String) throws {
        func mismatch(_ why: String) -> OptimizerError { .stateMismatch(optimizer: kind, reason: why) }
        guard state.kind == kind else { throw mismatch("the state is for \(state.kind), not \(kind)") }
        guard state.groups.count == groupSizes.count, state.groupSizes.count == groupSizes.count else {
            throw mismatch("the state has \(state.groups.count) parameter groups, this optimizer has \(groupSizes.count)")
        }
        guard state.groupSizes == groupSizes else {
            throw mismatch("group sizes \(state.groupSizes) differ from this optimizer's \(groupSizes)")
        }
        guard state.parameterCounts == parameterCounts else {
            if state.parameterCounts.count != parameterCounts.count {
                throw mismatch("the state is for \(state.parameterCounts.count) distinct parameters, this optimizer has \(parameterCounts.count)")
            }
            let i = parameterCounts.indices.first(where: { parameterCounts[$0] != state.parameterCounts[$0] }) ?? 0
            throw mismatch("parameter \(i) has \(parameterCounts[i]) elements but the state was saved for \(state.parameterCounts[i])")
        }
        var seen = Set<Int>()
        for e in state.entries {
            guard e.index >= 0, e.index < parameterCounts.count else {
                throw mismatch("state entry for parameter \(e.index), but there are \(parameterCounts.count)")
            }
            guard seen.insert(e.index).inserted else { throw mismatch("two state entries for parameter \(e.index)") }
        }
    }

    static func value(_ name: String, in dict: [String: Double], kind: String) throws -> Double {
        guard let v = dict[name], !v.isNaN else {
            throw OptimizerError.stateMismatch(optimizer: kind, reason: "hyper-parameter \"\(name)\" is missing")
        }
        return v
    }

    static func buffers(_ e: OptimizerState.Entry, required: [String], optional: [String], count: Int, kind: String) throws {
        func mismatch(_ why: String) -> OptimizerError { .stateMismatch(optimizer: kind, reason: why) }
        for name in required where e.buffers[name] == nil {
            throw mismatch("parameter \(e.index) has no \"\(name)\" buffer")
        }
        for (name, values) in e.buffers {
            guard required.contains(name) || optional.contains(name) else {
                throw mismatch("parameter \(e.index) has an unknown buffer \"\(name)\"")
            }
            guard values.count == count else {
                throw mismatch("buffer \"\(name)\" of parameter \(e.index) has \(values.count) values, expected \(count)")
            }
        }
    }
}
