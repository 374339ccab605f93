import SMRAgents
import SMREnvironments
import SMRLanguage
import SMRNeural
import SMRTensor

/// Conversions of the training helpers' arguments, with Python's `TypeError` wording.
enum AgentArguments {
    static func environment(_ v: Value, _ function: String) throws -> any Environment {
        if case .object(let o as NativeInstance) = v, let env = o.payload as? any Environment { return env }
        if let user = try UserEnvironment.adapter(v) { return user }
        throw PyError(.typeError, "\(function)() argument 'env' must be an environment (gym.make(...) or a gym.Env subclass), not \(v.typeName)")
    }

    static func optimizer(_ v: Value, _ function: String) throws -> any Optimizer {
        if case .object(let o as NativeInstance) = v, let opt = o.payload as? any Optimizer { return opt }
        throw PyError(.typeError, "\(function)() argument 'optimizer' must be an optimizer (optim.Adam(...)), not \(v.typeName)")
    }

    static func module<M: Module>(_ v: Value, as: M.Type, _ function: String, _ name: String, _ expected: String) throws -> M {
        if case .object(let o as ModuleObject) = v, let m = o.module as? M { return m }
        throw PyError(.typeError, "\(function)() argument '\(name)' must be a \(expected), not \(v.typeName)")
    }

    /// A list of observations / actions: each item a float32 array, list or tensor of numbers.
    static func rows(_ v: Value, _ function: String, _ name: String) throws -> [[Float]] {
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t.items
        default: throw PyError(.typeError, "\(function)() argument '\(name)' must be a list, not \(v.typeName)")
        }
        return try items.map { item in
            if case .object(let t as TensorObject) = item { return t.tensor.data }
            return try ValueConversion.numbers(item, what: name).values.map { Float($0) }
        }
    }

    static func numbers(_ v: Value, _ function: String, _ name: String) throws -> [Double] {
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t.items
        default: throw PyError(.typeError, "\(function)() argument '\(name)' must be a list, not \(v.typeName)")
        }
        return try items.map { item in
            let (values, _) = try ValueConversion.numbers(item, what: name)
            guard values.count == 1 else { throw PyError(.typeError, "\(function)() argument '\(name)' must hold numbers") }
            return values[0]
        }
    }

    static func strings(_ v: Value, _ function: String, _ name: String) throws -> [String] {
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t.items
        default: throw PyError(.typeError, "\(function)() argument '\(name)' must be a list of strings, not \(v.typeName)")
        }
        return try items.map { item in
            guard case .str(let s) = item else { throw PyError(.typeError, "\(function)() argument '\(name)' must hold strings, got \(item.typeName)") }
            return s
        }
    }

    /// Runs an agent operation with the library's Python errors (`AgentError` is a ValueError).
    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as AgentError {
            throw PyError(.valueError, e.description)
        } catch {
            throw LibraryErrors.convert(error)
        }
    }
}
