/// A numpy array of strings (dtype `<U{n}`, n the longest element's length), as
/// `np.array(["a", "bb"])` and `rng.choice(["a", "b", "c"], size=3)` make: printed as numpy
/// prints it (`['b' 'a' 'c']`, `array(['b', 'a', 'c'], dtype='<U1')`), with `len`, iteration,
/// indexing and slicing, `tolist()`, `in`, and element-wise `==` / `!=` giving a bool array.
/// Elements come out as Python strings (numpy's `np.str_` prints the same with `print`).
public final class StringArray: NativeObject {
    public let items: [String]
    public let shape: [Int]

    public init(_ items: [String], shape: [Int]? = nil) {
        self.items = items
        self.shape = shape ?? [items.count]
    }

    /// The items of a non-empty flat list or tuple of strings (or of a string array); nil otherwise.
    public static func strings(_ v: Value) -> [String]? {
        let items: [Value]
        switch v {
        case .list(let l): items = l.items
        case .tuple(let t): items = t.items
        case .object(let a as StringArray): return a.shape.count == 1 ? a.items : nil
        default: return nil
        }
        var out: [String] = []
        for x in items {
            guard case .str(let s) = x else { return nil }
            out.append(s)
        }
        return out.isEmpty ? nil : out
    }

    /// numpy's dtype string: `<U` and the longest element's length in characters (at least 1).
    public var dtypeText: String { "<U\(max(1, items.map(\.count).max() ?? 0))" }

    public override var typeName: String { "ndarray" }
    public override var attributeNames: [String] { ["shape", "size", "ndim", "dtype", "tolist", "copy"] }

    public override var repr: String {
        NumpyFormat.arrayRepr(words: items.map { Repr.repr(.str($0)) }, shape: shape, dtype: "'\(dtypeText)'", showDtype: true)
    }

    public override var str: String { NumpyFormat.arrayStr(words: items.map { Repr.repr(.str($0)) }, shape: shape) }

    public override var isTruthy: Bool { items.count == 1 ? !items[0].isEmpty : !items.isEmpty }

    public override func truthValue() throws -> Bool {
        guard let first = items.first else {
            throw PyError(.valueError, "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.")
        }
        guard items.count == 1 else {
            throw PyError(.valueError, "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return !first.isEmpty
    }

    public override func length() throws -> Int? {
        guard let n = shape.first else { throw PyError.type("len() of unsized object") }
        return n
    }

    /// Row `k` along axis 0: a string of a 1-D array, a sub-array otherwise.
    func row(_ k: Int) -> Value {
        if shape.count <= 1 { return .str(items[k]) }
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        return .object(StringArray(Array(items[k * size ..< (k + 1) * size]), shape: inner))
    }

    public override func makeIterator() throws -> () throws -> Value? {
        guard let n = shape.first else { throw PyError.type("iteration over a 0-d array") }
        var k = 0
        return { [self] in
            guard k < n else { return nil }
            k += 1
            return row(k - 1)
        }
    }

    public override func getItem(_ index: Value) throws -> Value {
        let parts: [Value]
        if case .tuple(let t) = index { parts = t.items } else { parts = [index] }
        let (picked, newShape) = try ArrayIndexing.select(items, shape: shape, parts)
        if newShape.isEmpty, let s = picked.first { return .str(s) }
        return .object(StringArray(picked, shape: newShape))
    }

    public override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        try getItem(.object(SliceObject(lo.map(Value.int) ?? .none, hi.map(Value.int) ?? .none, step.map(Value.int) ?? .none)))
    }

    public override func contains(_ item: Value) throws -> Bool {
        guard case .str(let s) = item else { return false }
        return items.contains(s)
    }

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "shape": return .tuple(shape.map { .int($0) })
        case "size": return .int(items.count)
        case "ndim": return .int(shape.count)
        case "dtype": return .object(DTypeObject(name: dtypeText, repr: "dtype('\(dtypeText)')"))
        case "tolist":
            return .builtin(BuiltinFunction("tolist", params: []) { [self] _ in
                ArrayIndexing.nestedList(items.map { .str($0) }, shape: shape)
            })
        case "copy":
            return .builtin(BuiltinFunction("copy", params: []) { [self] _ in .object(StringArray(items, shape: shape)) })
        default: return try super.getAttribute(name)
        }
    }

    /// `a == "x"`, `a != b`: a bool array (another string array must have the same shape).
    public override func elementwiseCompare(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        guard op == "==" || op == "!=" else { return nil }
        let same = op == "=="
        let result: [Bool]
        switch other {
        case .str(let s): result = items.map { ($0 == s) == same }
        case .object(let o as StringArray):
            guard o.shape == shape else {
                throw PyError(.valueError, "operands could not be broadcast together with shapes \(NumpyFormat.shapeText(shape)) \(NumpyFormat.shapeText(o.shape)) ")
            }
            result = zip(items, o.items).map { ($0 == $1) == same }
        default: result = items.map { _ in !same }
        }
        return NDArray.make(result.map { $0 ? 1 : 0 }, shape, .bool)
    }

    public override func equals(_ other: Value) -> Bool {
        if case .object(let o) = other { return o === self }
        return false
    }

    public override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        .object(StringArray(items, shape: shape))
    }
}
