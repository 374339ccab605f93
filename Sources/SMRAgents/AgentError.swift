/// Errors of the agents and their training helpers, with the function's name first,
/// so the language can show them as Python's `ValueError` / `RuntimeError` would.
public struct AgentError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ function: String, _ message: String) { description = "\(function): \(message)" }
}
