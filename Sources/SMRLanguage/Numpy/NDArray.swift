import Foundation

/// A numpy `ndarray` of any shape holding float64, float32, int64 or bool values (all
/// stored as doubles, rounded or truncated to the dtype): indexing with ints, slices,
/// tuples of them and boolean masks; arithmetic and comparisons with broadcasting and
/// numpy's type promotion; numpy's printing.
public final class NDArray: NativeObject {
    public var data: [Double]
    public let shape: [Int]
    public let dtype: NumpyDType

    public init(data: [Double], shape: [Int], dtype: NumpyDType) {
        self.data = data
        self.shape = shape
        self.dtype = dtype
    }

    /// A 1-D float64 (or int64) array.
    public convenience init(_ data: [Double], isInt: Bool = false) {
        self.init(data: data, shape: [data.count], dtype: isInt ? .int64 : .float64)
    }

    /// True for an int64 array.
    public var isInt: Bool { dtype == .int64 }

    /// How the host shows an array or a float32 element: the library turns float32 arrays
    /// into its own float32 type (what environments and tensors use).
    nonisolated(unsafe) public static var boxArray: (NDArray) -> Value = { .object($0) }
    nonisolated(unsafe) public static var boxFloat32: (Double) -> Value = { .float($0) }
    /// The reverse: the host's float32 arrays and scalars as NDArrays (nil for other objects).
    nonisolated(unsafe) public static var unbox: (NativeObject) -> NDArray? = { _ in nil }

    /// An array result, as the host shows it.
    public static func make(_ data: [Double], _ shape: [Int], _ dtype: NumpyDType) -> Value {
        boxArray(NDArray(data: data, shape: shape, dtype: dtype))
    }

    static let methodNames = ["tolist", "mean", "std", "var", "sum", "min", "max", "argmax", "argmin", "copy",
                              "astype", "reshape", "flatten", "item", "round", "any", "all"]

    public override var typeName: String { "ndarray" }
    public override var isTruthy: Bool { data.count == 1 ? data[0] != 0 : !data.isEmpty }
    public override func truthValue() throws -> Bool { try NDArray.truth(data) }

    /// numpy's `bool(array)`: the value of a one-element array; ValueError otherwise.
    public static func truth<C: Collection>(_ data: C) throws -> Bool where C.Element: BinaryFloatingPoint {
        guard let first = data.first else {
            throw PyError(.valueError, "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.")
        }
        guard data.count == 1 else {
            throw PyError(.valueError, "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return first != 0
    }
    public override func length() throws -> Int? {
        guard let n = shape.first else { throw PyError.type("len() of unsized object") }
        return n
    }
    public override var attributeNames: [String] { ["shape", "size", "ndim", "dtype", "T"] + NDArray.methodNames }

    /// One element as a Python value (np.float32 for float32 arrays).
    func element(_ d: Double) -> Value {
        switch dtype {
        case .float64: return .object(NumpyScalar(float: d))
        case .float32: return NDArray.boxFloat32(d)
        case .int64: return .object(NumpyScalar(int: NDArray.int64(d)))
        case .bool: return .object(NumpyScalar(bool: d != 0))
        }
    }

    /// An int64 element stored as a double: wraps around as numpy's int64 does
    /// (2**62 * 4 is 0) instead of trapping; NaN becomes int64's minimum, as in numpy.
    static func int64(_ d: Double) -> Int {
        if d.isNaN || d.isInfinite { return Int.min }
        if d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 { return Int(d) }
        var m = fmod(d, 18446744073709551616.0)
        if m >= 9.223372036854775808e18 { m -= 18446744073709551616.0 }
        if m < -9.223372036854775808e18 { m += 18446744073709551616.0 }
        return m >= -9.223372036854775808e18 && m < 9.223372036854775808e18 ? Int(m) : Int.min
    }

    /// Row `k` along axis 0: an element of a 1-D array, a sub-array otherwise.
    func row(_ k: Int) -> Value {
        if shape.count <= 1 { return element(data[k]) }
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        return NDArray.make(Array(data[k * size ..< (k + 1) * size]), inner, dtype)
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

    // MARK: indexing

    /// The flat indices and shape an index selects: ints, slices, tuples of them, a
    /// boolean mask of the array's shape, or a list/array of ints along axis 0.
    func selection(_ index: Value) throws -> ([Int], [Int]) {
        if case .object(let mask as NDArray) = index, mask.dtype == .bool {
            guard mask.shape == shape else {
                let axis = (0..<Swift.min(mask.shape.count, shape.count)).first { mask.shape[$0] != shape[$0] } ?? 0
                throw PyError.index("boolean index did not match indexed array along axis \(axis); size of axis is \(axis < shape.count ? shape[axis] : 0) but size of corresponding boolean axis is \(axis < mask.shape.count ? mask.shape[axis] : 0)")
            }
            let picked = mask.data.indices.filter { mask.data[$0] != 0 }
            return (picked, [picked.count])
        }
        var rows: [Int]?
        if case .object(let ix as NDArray) = index, ix.dtype == .int64, ix.shape.count == 1 { rows = ix.data.map { NDArray.int64($0) } }
        if case .list(let l) = index {
            rows = try l.items.map { v in
                guard let i = v.asInt else { throw PyError.index(ArrayIndexing.invalidIndex) }
                return i
            }
        }
        if let rows {
            guard let n = shape.first else { throw PyError.index("too many indices for array: array is 0-dimensional, but 1 were indexed") }
            let inner = Array(shape.dropFirst())
            let size = inner.reduce(1, *)
            var out: [Int] = []
            for r in rows {
                let j = r < 0 ? r + n : r
                guard j >= 0 && j < n else { throw PyError.index("index \(r) is out of bounds for axis 0 with size \(n)") }
                out += (j * size ..< (j + 1) * size)
            }
            return (out, [rows.count] + inner)
        }
        let parts: [Value]
        if case .tuple(let t) = index { parts = t.items } else { parts = [index] }
        if parts.contains(where: { $0.isNone || $0.isEllipsis }) {
            // New axes and `...` by NumPy's rules (the plan tensors use).
            let plan = try IndexPlan(try parts.map(NDArray.indexItem), shape: shape)
            return (plan.positions, plan.shape)
        }
        if index.asInt == nil, case .object(let o) = index, !(o is SliceObject) { throw PyError.index(ArrayIndexing.invalidIndex) }
        return try ArrayIndexing.selectFlat(shape: shape, parts)
    }

    /// One part of an index tuple as an `IndexPlan` item (tensors index by arrays this way too).
    public static func indexItem(_ v: Value) throws -> IndexPlan.Item {
        if v.isNone { return .newAxis }
        if v.isEllipsis { return .ellipsis }
        if case .object(let sl as SliceObject) = v { return .slice(sl) }
        if case .object(let a as NDArray) = v {
            if a.dtype == .bool { return .mask(a.data.map { $0 != 0 }, shape: a.shape) }
            guard a.isInt else { throw PyError.index("arrays used as indices must be of integer (or boolean) type") }
            return .array(a.data.map { Int($0) }, shape: a.shape)
        }
        if case .list(let l) = v {
            let ints = try l.items.map { x in
                guard let i = x.asInt else { throw PyError.index(ArrayIndexing.invalidIndex) }
                return i
            }
            return .array(ints, shape: [ints.count])
        }
        if let i = v.asInt { return .int(i) }
        throw PyError.index(ArrayIndexing.invalidIndex)
    }

    public override func getItem(_ index: Value) throws -> Value {
        let (flat, newShape) = try selection(index)
        if newShape.isEmpty, let k = flat.first { return element(data[k]) }
        return NDArray.make(flat.map { data[$0] }, newShape, dtype)
    }

    public override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        try getItem(.object(SliceObject(lo.map(Value.int) ?? .none, hi.map(Value.int) ?? .none, step.map(Value.int) ?? .none)))
    }

    public override func setItem(_ index: Value, _ value: Value) throws {
        let (flat, newShape) = try selection(index)
        let (values, valueShape, _) = try NDArray.operand(value, "setitem")
        if values.count == 1 {
            let v = dtype.cast(values[0])
            for k in flat { data[k] = v }
            return
        }
        guard values.count == flat.count else {
            throw PyError.value("could not broadcast input array from shape \(NumpyFormat.compactShapeText(valueShape)) into shape \(NumpyFormat.compactShapeText(newShape))")
        }
        for (k, v) in zip(flat, values) { data[k] = dtype.cast(v) }
    }

    // MARK: attributes and methods

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "shape": return .tuple(TupleObject(shape.map { .int($0) }))
        case "size": return .int(data.count)
        case "ndim": return .int(shape.count)
        case "dtype": return .object(dtype.object)
        case "T": return transposed()
        default: break
        }
        if NDArray.methodNames.contains(name) {
            return .builtin(BuiltinFunction(raw: name, signature: "ndarray.\(name)()", doc: "") { [self] rt, a, kw in
                try self.callMethod(name, a, kw, runtime: rt)
            })
        }
        throw PyError(.attributeError, "'numpy.ndarray' object has no attribute '\(name)'")
    }

    func transposed() -> Value {
        guard shape.count == 2 else { return NDArray.boxArray(self) }
        var out = [Double](repeating: 0, count: data.count)
        for r in 0..<shape[0] { for c in 0..<shape[1] { out[c * shape[0] + r] = data[r * shape[1] + c] } }
        return NDArray.make(out, [shape[1], shape[0]], dtype)
    }

    public override func callMethod(_ name: String, _ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        switch name {
        case "tolist": return ArrayIndexing.nestedList(data.map(pythonValue), shape: shape)
        case "item":
            guard data.count == 1 else { throw PyError.value("can only convert an array of size 1 to a Python scalar") }
            return pythonValue(data[0])
        case "copy": return NDArray.make(data, shape, dtype)
        case "flatten": return NDArray.make(data, [data.count], dtype)
        case "astype":
            guard let target = args.first ?? keywords.first(where: { $0.0 == "dtype" })?.1 else {
                throw PyError.type("astype() missing required argument 'dtype' (pos 0)")
            }
            guard let d = try NumpyDType.parse(target) else { throw PyError.type("astype() argument 'dtype' must not be None") }
            return NDArray.make(data.map(d.cast), shape, d)
        case "reshape":
            var dims: [Int] = []
            for a in args {
                if case .tuple(let t) = a {
                    for x in t.items {
                        guard let i = x.asInt else { throw PyError.type("'\(x.typeName)' object cannot be interpreted as an integer") }
                        dims.append(i)
                    }
                } else if case .list(let l) = a {
                    dims += try l.items.map { x in
                        guard let i = x.asInt else { throw PyError.type("'\(x.typeName)' object cannot be interpreted as an integer") }
                        return i
                    }
                } else if let i = a.asInt { dims.append(i) } else {
                    throw PyError.type("'\(a.typeName)' object cannot be interpreted as an integer")
                }
            }
            return NDArray.make(data, try ArrayIndexing.resolveShape(dims, count: data.count), dtype)
        default:
            guard let f = NumpyModule.shared.member(name) else { break }
            return try runtime.call(f, [NDArray.boxArray(self)] + args, keywords: keywords)
        }
        throw PyError(.attributeError, "'numpy.ndarray' object has no attribute '\(name)'")
    }

    /// `tolist()`/`item()` values: Python floats (also for float32), ints and bools.
    func pythonValue(_ d: Double) -> Value {
        switch dtype {
        case .float64, .float32: return .float(d)
        case .int64: return .int(NDArray.int64(d))
        case .bool: return .bool(d != 0)
        }
    }

    // MARK: arithmetic

    /// Values, shape and dtype of an operand: an array, a Python number (weak: dtype nil)
    /// or a (nested) list of numbers.
    static func operand(_ v: Value, _ what: String) throws -> ([Double], [Int], NumpyDType?) {
        switch v {
        case .int, .bool, .float: return ([v.asDouble ?? 0], [], nil)
        case .object(let o as NDArray): return (o.data, o.shape, o.dtype)
        case .object(let s as NumpyScalar): return ([s.value.asDouble ?? 0], [], s.dtype)  // not weak, as in numpy
        case .object(let o) where unbox(o) != nil:
            guard let a = unbox(o) else { return ([], [0], nil) }
            return (a.data, a.shape, a.dtype)
        case .list, .tuple:
            let a = try NumpyModule.array(v, dtype: nil)
            return (a.data, a.shape, a.dtype)
        default:
            if let d = v.asDouble { return ([d], [], nil) }
            throw PyError.type("unsupported operand type for \(what): 'numpy.ndarray' and '\(v.typeName)'")
        }
    }

    static let comparisons = ["<", "<=", ">", ">=", "==", "!="]

    func combine(_ other: Value, _ op: String, reflected: Bool) throws -> Value? {
        guard NDArray.comparisons.contains(op) || ["+", "-", "*", "/", "//", "%", "**", "&", "|", "^"].contains(op) else { return nil }
        let (otherData, otherShape, otherDtype): ([Double], [Int], NumpyDType?)
        do { (otherData, otherShape, otherDtype) = try NDArray.operand(other, op) } catch { return nil }
        let (aShape, bShape) = reflected ? (otherShape, shape) : (shape, otherShape)
        let (outShape, pairs) = try ArrayIndexing.broadcast(aShape, bShape)
        let isCompare = NDArray.comparisons.contains(op)
        var dt = otherDtype.map { NumpyDType.promote(dtype, $0) } ?? NumpyDType.promoteWeak(dtype, scalar: other)
        if op == "/" && !dt.isFloat { dt = .float64 }
        if ["&", "|", "^"].contains(op) && dt.isFloat {
            throw PyError.type("ufunc 'bitwise_\(op == "&" ? "and" : op == "|" ? "or" : "xor")' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
        }
        if op == "-" && dt == .bool && !isCompare {
            throw PyError.type("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
        }
        if dt == .bool && ["/", "//", "%", "**"].contains(op) { dt = op == "/" ? .float64 : .int64 }
        let (xs, ys) = reflected ? (otherData, data) : (data, otherData)
        var out = [Double](repeating: 0, count: pairs.count)
        for (k, (i, j)) in pairs.enumerated() {
            let a = xs[i], b = ys[j]
            if isCompare {
                let r: Bool
                switch op {
                case "<": r = a < b
                case "<=": r = a <= b
                case ">": r = a > b
                case ">=": r = a >= b
                case "==": r = a == b
                default: r = a != b
                }
                out[k] = r ? 1 : 0
                continue
            }
            if dt == .int64 || dt == .bool {
                out[k] = Double(try NDArray.intOp(op, NDArray.int64(a), NDArray.int64(b)))
                if dt == .bool { out[k] = out[k] != 0 ? 1 : 0 }
                continue
            }
            let r: Double
            switch op {
            case "+": r = a + b
            case "-": r = a - b
            case "*": r = a * b
            case "/": r = a / b
            case "**": r = Foundation.pow(a, b)
            case "//": r = b == 0 ? (a == 0 || a.isNaN ? .nan : a / b) : Arith.floatDivmod(a, b).0
            default: r = b == 0 ? .nan : Arith.floatDivmod(a, b).1
            }
            out[k] = dt.cast(r)
        }
        return NDArray.make(out, outShape, isCompare ? .bool : dt)
    }

    /// numpy's int64 arithmetic: wrap-around, division by zero gives 0.
    static func intOp(_ op: String, _ a: Int, _ b: Int) throws -> Int {
        switch op {
        case "+": return a &+ b
        case "-": return a &- b
        case "*": return a &* b
        case "//":
            if b == 0 { return 0 }
            if b == -1 { return 0 &- a }
            let q = a / b
            return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
        case "%":
            if b == 0 || b == -1 { return 0 }
            let r = a % b
            return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r
        case "**":
            if b < 0 { throw PyError.value("Integers to negative integer powers are not allowed.") }
            var result = 1, base = a, e = b
            while e > 0 {
                if e & 1 == 1 { result = result &* base }
                base = base &* base
                e >>= 1
            }
            return result
        case "&": return a & b
        case "|": return a | b
        default: return a ^ b
        }
    }

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        if case .object(let big as BigIntObject) = other {
            // A Python int past 64 bits: a float array takes it as a float; numpy cannot make it an int64.
            guard dtype.isFloat else { throw BigIntArith.tooLargeForNumpy }
            return try binaryOp(op, .float(try BigIntArith.toDouble(big.value)), reflected: reflected)
        }
        if op == "@" {
            let me = NumpyMatmul.Operand(data: data, shape: shape, dtype: dtype)
            guard let o = try? NumpyMatmul.operand(other, "@") else { return nil }
            return try reflected ? NumpyMatmul.product(o, me, name: "matmul") : NumpyMatmul.product(me, o, name: "matmul")
        }
        return try combine(other, op, reflected: reflected)
    }

    public override func elementwiseCompare(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        try combine(other, op, reflected: reflected)
    }

    public override func unaryOp(_ op: String) throws -> Value? {
        switch op {
        case "-":
            if dtype == .bool { throw PyError.type("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.") }
            return NDArray.make(data.map { dtype == .int64 ? Double(0 &- NDArray.int64($0)) : -$0 }, shape, dtype)
        case "+": return NDArray.make(data, shape, dtype)
        case "abs": return NDArray.make(data.map { Swift.abs($0) }, shape, dtype)
        case "~":
            if dtype.isFloat { throw PyError.type("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''") }
            return NDArray.make(data.map { dtype == .bool ? ($0 != 0 ? 0 : 1) : Double(~NDArray.int64($0)) }, shape, dtype)
        case "float", "int":
            guard data.count == 1 else { throw PyError.type("only 0-dimensional arrays can be converted to Python scalars") }
            if op == "float" { return .float(data[0]) }
            return .int(try NumpyModule.checkedInt(data[0]))
        default: return nil
        }
    }

    public override func equals(_ other: Value) -> Bool {
        if case .object(let o) = other { return o === self }
        return false
    }

    // MARK: printing like numpy

    /// Element texts padded as numpy pads them.
    func elementTexts() -> [String] {
        switch dtype {
        case .float64: return NumpyFormat.elementTexts(data)
        case .float32: return NumpyFormat.elementTexts(data.map { Float($0) })
        case .int64: return NumpyFormat.intTexts(data.map(NDArray.int64))
        case .bool: return NumpyFormat.boolTexts(data.map { $0 != 0 })
        }
    }

    public override var repr: String {
        NumpyFormat.arrayRepr(words: elementTexts(), shape: shape, dtype: dtype.rawValue, showDtype: dtype == .float32)
    }

    public override var str: String { NumpyFormat.arrayStr(words: elementTexts(), shape: shape) }
}
