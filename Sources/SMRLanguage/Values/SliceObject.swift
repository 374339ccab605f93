/// A slice value, `slice(start, stop, step)`. Subscripts with several parts pass their
/// slices as these: `x[:, -1]` gives the object's `getItem` the tuple
/// `(slice(None, None, None), -1)`, as Python does, so array bindings can index any axis.
/// A lone `x[a:b]` still reaches `NativeObject.getSlice` with integer bounds.
public final class SliceObject: NativeObject {
    public let start: Value
    public let stop: Value
    public let step: Value

    public init(_ start: Value, _ stop: Value, _ step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    public override var typeName: String { "slice" }
    public override var repr: String { "slice(\(Repr.repr(start)), \(Repr.repr(stop)), \(Repr.repr(step)))" }
    public override var attributeNames: [String] { ["indices", "start", "step", "stop"] }

    /// The bounds as optional ints (None → nil); TypeError for anything else.
    public func intBounds() throws -> (Int?, Int?, Int?) {
        (try Subscript.sliceBound(start), try Subscript.sliceBound(stop), try Subscript.sliceBound(step))
    }

    /// Python's `slice.indices(n)`: concrete start, stop and step for a length-n sequence.
    public func indices(_ n: Int) throws -> (start: Int, stop: Int, step: Int) {
        let (a, b, c) = try intBounds()
        return try Subscript.sliceIndices(a, b, c, n)
    }

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "start": return start
        case "stop": return stop
        case "step": return step
        case "indices":
            return .builtin(BuiltinFunction(raw: "indices", signature: "slice.indices(length)", doc: "") { [self] _, a, kw in
                try Methods.arity("indices", a, kw, 1, 1)
                guard let n = a[0].asInt else { throw PyError.type("'\(a[0].typeName)' object cannot be interpreted as an integer") }
                if n < 0 { throw PyError.value("length should not be negative") }
                let r = try indices(n)
                return .tuple(TupleObject([.int(r.start), .int(r.stop), .int(r.step)]))
            })
        default: return try super.getAttribute(name)
        }
    }

    public override func equals(_ other: Value) -> Bool {
        guard case .object(let o as SliceObject) = other else { return false }
        return Compare.equal(start, o.start) && Compare.equal(stop, o.stop) && Compare.equal(step, o.step)
    }
}
