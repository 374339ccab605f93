import SMRLanguage

/// What `max(dim)`, `min(dim)` and `topk` return in PyTorch: a `torch.return_types.NAME`
/// pair of `values` and `indices` — a tuple (`v, i = x.max(dim=1)`, `r[0]`) with named
/// fields (`r.values`), printed over three lines as PyTorch prints it.
final class TorchReturnType: NativeInstance {
    let name: String
    let values: Value, indices: Value

    init(_ name: String, values: Value, indices: Value) {
        self.name = name
        self.values = values
        self.indices = indices
        super.init(type: TorchReturnType.type)
    }

    static let type = NativeType("return_types", doc: "torch.return_types: a (values, indices) pair with named fields.")

    override var typeName: String { name }
    override var repr: String { "torch.return_types.\(name)(\nvalues=\(Repr.repr(values)),\nindices=\(Repr.repr(indices)))" }
    override var attributeNames: [String] { ["values", "indices"] }
    override func length() throws -> Int? { 2 }

    override func makeIterator() throws -> () throws -> Value? {
        var k = 0
        let items = [values, indices]
        return {
            guard k < 2 else { return nil }
            k += 1
            return items[k - 1]
        }
    }

    override func getItem(_ index: Value) throws -> Value {
        guard let i = index.asInt else { throw PyError(.typeError, "tuple indices must be integers or slices, not \(index.typeName)") }
        guard i >= -2 && i < 2 else { throw PyError(.indexError, "tuple index out of range") }
        return (i + 2) % 2 == 0 ? values : indices
    }

    override func getAttribute(_ attr: String) throws -> Value {
        switch attr {
        case "values": return values
        case "indices": return indices
        default: throw PyError(.attributeError, "'torch.return_types.\(name)' object has no attribute '\(attr)'")
        }
    }
}
