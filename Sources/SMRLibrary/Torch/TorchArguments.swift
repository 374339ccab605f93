import SMRLanguage
import SMRTensor

/// Conversions of language values to tensors for the torch bindings.
enum TorchArguments {
    /// A tensor argument; numbers and lists become float32 tensors.
    static func tensor(_ v: Value, _ what: String) throws -> Tensor {
        if case .object(let o as TensorObject) = v { return o.tensor }
        let (values, shape) = try ValueConversion.numbers(v, what: what)
        return try wrap { try Tensor(values.map(Float.init), shape: shape) }
    }

    static func tensorObject(_ v: Value, _ what: String) throws -> TensorObject {
        if case .object(let o as TensorObject) = v { return o }
        return TensorObject(try tensor(v, what))
    }

    /// A list of tensors (`torch.cat([a, b])`).
    static func tensors(_ v: Value, _ what: String) throws -> [TensorObject] {
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t.items
        default: throw PyError(.typeError, "\(what) must be a list or tuple of tensors, not \(v.typeName)")
        }
        return try items.map { try tensorObject($0, what) }
    }

    /// `(h, c)` state tuples.
    static func pair(_ v: Value, _ what: String) throws -> (Tensor, Tensor)? {
        if v.isNone { return nil }
        guard case .tuple(let t) = v, t.items.count == 2 else { throw PyError(.typeError, "\(what) must be a tuple (h, c)") }
        return (try tensor(t.items[0], what), try tensor(t.items[1], what))
    }

    static func out(_ t: Tensor) -> Value { .object(TensorObject(t)) }
}
