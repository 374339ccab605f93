/// A keyword argument for `make` (gymnasium's `gym.make(id, **kwargs)`), e.g.
/// `["g": 9.81]` for Pendulum or `["delay": 16, "difficulty": 1]` for the memory task.
public enum EnvArgument: Equatable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringLiteral
{
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    public var description: String {
        switch self {
        case .int(let v): return "\(v)"
        case .double(let v): return "\(v)"
        case .bool(let v): return v ? "True" : "False"
        case .string(let v): return "'\(v)'"
        }
    }
}

/// Reads typed keyword arguments and rejects unknown ones, as Python rejects an unexpected
/// keyword argument.
public struct EnvArguments {
    let id: String
    let values: [String: EnvArgument]

    public init(id: String, _ values: [String: EnvArgument]) {
        self.id = id
        self.values = values
    }

    /// Throws when a keyword outside `known` was given.
    public func requireOnly(_ known: Set<String>) throws {
        let unknown = Set(values.keys).subtracting(known)
        guard unknown.isEmpty else {
            throw EnvironmentError.invalidArgument(
                "make('\(id)'): unexpected keyword argument(s) \(unknown.sorted()); accepted: \(known.sorted())")
        }
    }

    public func int(_ key: String, default value: Int) throws -> Int {
        switch values[key] {
        case nil: return value
        case .int(let v)?: return v
        case let other?: throw typeError(key, "an integer", other)
        }
    }

    public func double(_ key: String, default value: Double) throws -> Double {
        switch values[key] {
        case nil: return value
        case .int(let v)?: return Double(v)
        case .double(let v)?: return v
        case let other?: throw typeError(key, "a number", other)
        }
    }

    public func bool(_ key: String, default value: Bool) throws -> Bool {
        switch values[key] {
        case nil: return value
        case .bool(let v)?: return v
        case let other?: throw typeError(key, "True or False", other)
        }
    }

    public func string(_ key: String, default value: String) throws -> String {
        switch values[key] {
        case nil: return value
        case .string(let v)?: return v
        case let other?: throw typeError(key, "a string", other)
        }
    }

    func typeError(_ key: String, _ expected: String, _ got: EnvArgument) -> EnvironmentError {
        .invalidArgument("make('\(id)'): keyword '\(key)' must be \(expected), got \(got)")
    }
}
