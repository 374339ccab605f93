import SMRTensor
import Foundation
import SMRLanguage

/// A numpy float32 `ndarray` of any shape: what gymnasium observations and Box samples
/// are. Indexing gives `np.float32` scalars (1-D) or sub-arrays; arithmetic with Python
/// numbers stays float32 (NEP 50); `repr` is numpy's.
public final class Float32Array: NativeObject {
    public var data: [Float]
    public let shape: [Int]

    public init(data: [Float], shape: [Int]) {
        self.data = data
        self.shape = shape
    }

    /// A 1-D array.
    public convenience init(_ data: [Float]) { self.init(data: data, shape: [data.count]) }

    static let memberNames = ["shape", "dtype", "ndim", "size", "tolist", "item", "copy", "astype", "reshape",
                              "flatten", "sum", "mean", "min", "max", "argmax", "argmin", "std", "var", "round", "T"]

    public override var typeName: String { "ndarray" }
    public override var repr: String { NumpyFormat.arrayRepr(data, shape: shape) }
    public override var str: String { NumpyFormat.arrayStr(data, shape: shape) }
    public override var attributeNames: [String] { Float32Array.memberNames }
    public override var helpText: String {
        "numpy.ndarray of float32, shape \(NumpyFormat.shapeText(shape)).\n\nAttributes: " + Float32Array.memberNames.joined(separator: ", ")
    }
    public override var isTruthy: Bool { data.count == 1 ? data[0] != 0 : !data.isEmpty }
    public override func truthValue() throws -> Bool { try NDArray.truth(data) }

    /// The same array as the language's `NDArray` (dtype float32), which does what this
    /// type does not do itself (masks, astype, comparisons, promotion with other dtypes).
    func asNDArray() -> NDArray { NDArray(data: data.map(Double.init), shape: shape, dtype: .float32) }

    // MARK: indexing

    func element(at flatIndex: Int, axis: Int = 0) -> Value {
        if shape.count <= 1 { return .object(Float32Scalar(data[flatIndex])) }
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        return .object(Float32Array(data: Array(data[flatIndex * size ..< (flatIndex + 1) * size]), shape: inner))
    }

    public override func length() throws -> Int? {
        guard let first = shape.first else { throw PyError(.typeError, "len() of unsized object") }
        return first
    }

    public override func getItem(_ index: Value) throws -> Value {
        switch index {
        case .object(let o) where !(o is SliceObject): return try asNDArray().getItem(index)
        case .list: return try asNDArray().getItem(index)
        default: break
        }
        if case .tuple(let t) = index {
            let (values, newShape) = try ArrayIndexing.select(data, shape: shape, t.items)
            if newShape.isEmpty, let x = values.first { return .object(Float32Scalar(x)) }
            return .object(Float32Array(data: values, shape: newShape))
        }
        guard let i = index.asInt else {
            throw PyError(.indexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
        }
        guard let n = shape.first else { throw PyError(.indexError, "too many indices for array: array is 0-dimensional, but 1 were indexed") }
        let j = i < 0 ? i + n : i
        guard j >= 0 && j < n else { throw PyError(.indexError, "index \(i) is out of bounds for axis 0 with size \(n)") }
        return element(at: j)
    }

    public override func setItem(_ index: Value, _ value: Value) throws {
        guard shape.count == 1, let i = index.asInt else {
            let array = asNDArray()
            try array.setItem(index, NumpyBridge.widen(value))
            data = array.data.map { Float($0) }
            return
        }
        let n = data.count
        let j = i < 0 ? i + n : i
        guard j >= 0 && j < n else { throw PyError(.indexError, "index \(i) is out of bounds for axis 0 with size \(n)") }
        guard let f = Float32Math.weakScalar(value) else { throw PyError(.typeError, "float() argument must be a real number, not '\(value.typeName)'") }
        data[j] = f
    }

    public override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        guard let n = shape.first else { throw PyError(.indexError, "too many indices for array") }
        let rows = try ArrayIndexing.sliceIndices(count: n, lo, hi, step)
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        var out: [Float] = []
        out.reserveCapacity(rows.count * size)
        for r in rows { out.append(contentsOf: data[r * size ..< (r + 1) * size]) }
        return .object(Float32Array(data: out, shape: [rows.count] + inner))
    }

    public override func makeIterator() throws -> () throws -> Value? {
        guard let n = shape.first else { throw PyError(.typeError, "iteration over a 0-d array") }
        var k = 0
        return { [self] in
            guard k < n else { return nil }
            k += 1
            return element(at: k - 1)
        }
    }

    // MARK: attributes

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "shape": return .tuple(shape.map { .int($0) })
        case "dtype": return .object(DTypeObject.float32)
        case "ndim": return .int(shape.count)
        case "size": return .int(data.count)
        case "T":
            guard shape.count == 2 else { return .object(self) }
            var out = [Float](filled: 0, count: data.count)
            for r in 0..<shape[0] { for c in 0..<shape[1] { out[c * shape[0] + r] = data[r * shape[1] + c] } }
            return .object(Float32Array(data: out, shape: [shape[1], shape[0]]))
        default: break
        }
        guard Float32Array.memberNames.contains(name) else { return try super.getAttribute(name) }
        return .builtin(BuiltinFunction(name, doc: "ndarray.\(name)", params: [], acceptsExtraPositional: true) { [self] args in
            try self.callMethod(name, args.extra, [], runtime: args.runtime)
        })
    }

    public override func callMethod(_ name: String, _ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        switch name {
        case "tolist": return ArrayIndexing.nestedList(data.map { .float(Double($0)) }, shape: shape)
        case "item":
            guard data.count == 1 else { throw PyError(.valueError, "can only convert an array of size 1 to a Python scalar") }
            return .float(Double(data[0]))
        case "copy": return .object(Float32Array(data: data, shape: shape))
        case "flatten": return .object(Float32Array(data))
        case "reshape":
            var dims: [Int] = []
            for a in args {
                if case .tuple(let t) = a { dims += t.items.compactMap { $0.asInt } } else if let i = a.asInt { dims.append(i) }
            }
            let shape = try ArrayIndexing.resolveShape(dims, count: data.count)
            return .object(Float32Array(data: data, shape: shape))
        case "sum", "mean", "min", "max", "argmax", "argmin", "std":
            // Over every element, in float32 as numpy accumulates; axis= goes through NDArray.
            if args.isEmpty && keywords.isEmpty { return try Float32Reductions.reduce(name, data) }
            return try asNDArray().callMethod(name, args.map(NumpyBridge.widen), keywords.map { ($0.0, NumpyBridge.widen($0.1)) }, runtime: runtime)
        default:
            return try asNDArray().callMethod(name, args.map(NumpyBridge.widen), keywords.map { ($0.0, NumpyBridge.widen($0.1)) }, runtime: runtime)
        }
    }

    // MARK: arithmetic

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        let otherData: [Float]
        let otherShape: [Int]
        switch other {
        case .object(let o as Float32Array): otherData = o.data; otherShape = o.shape
        case .object(let o as NDArray): return try asNDArray().binaryOp(op, .object(o), reflected: reflected)
        case .object(let o as NumpyScalar):
            // numpy's float64/int64 scalars are not weak: float32 with them gives float64.
            return try asNDArray().binaryOp(op, .object(NDArray(data: [o.value.asDouble ?? 0], shape: [], dtype: o.dtype)), reflected: reflected)
        case .list, .tuple: return try asNDArray().binaryOp(op, NumpyBridge.widen(other), reflected: reflected)
        default:
            guard let s = Float32Math.weakScalar(other) else { return nil }
            otherData = [s]; otherShape = []
        }
        let (outShape, pairs) = try ArrayIndexing.broadcast(shape, otherShape)
        var out = [Float](filled: 0, count: pairs.count)
        for (k, (i, j)) in pairs.enumerated() {
            let a = data[i], b = otherData[j]
            guard let r = reflected ? Float32Math.apply(op, b, a) : Float32Math.apply(op, a, b) else { return nil }
            out[k] = r
        }
        return .object(Float32Array(data: out, shape: outShape))
    }

    public override func elementwiseCompare(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        try asNDArray().elementwiseCompare(op, NumpyBridge.widen(other), reflected: reflected)
    }

    public override func unaryOp(_ op: String) throws -> Value? {
        switch op {
        case "-": return .object(Float32Array(data: data.map { -$0 }, shape: shape))
        case "abs": return .object(Float32Array(data: data.map { abs($0) }, shape: shape))
        case "float", "int":
            guard data.count == 1 else { throw PyError(.typeError, "only 0-dimensional arrays can be converted to Python scalars") }
            return try Float32Scalar(data[0]).unaryOp(op)
        default: return nil
        }
    }

    public override func equals(_ other: Value) -> Bool {
        if case .object(let o) = other { return o === self }
        return false
    }
}
