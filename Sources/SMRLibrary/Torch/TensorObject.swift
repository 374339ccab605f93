import Foundation
import SMRLanguage
import SMRTensor

/// A `torch.Tensor` in the language: float32 (or int64-valued) data with autodiff,
/// printed exactly as PyTorch prints it.
public final class TensorObject: NativeInstance {
    /// The tensor held. An in-place op on a tensor with autograd history records the op and
    /// holds its result from then on, as PyTorch rewrites the graph (see `TensorInPlace`).
    public private(set) var storage: Tensor
    /// `p.data`: shares the values of `p` (in-place ops on it change `p`, as PyTorch's
    /// `p.data.mul_(tau)` does) but reads as a tensor without history.
    public let isDataView: Bool
    /// The tensor as operations read it.
    public var tensor: Tensor { isDataView ? storage.detach() : storage }
    /// True for tensors PyTorch would hold as int64 (`torch.tensor([1, 2])`), and for bools.
    public let isInt: Bool
    /// True for tensors PyTorch would hold as bool (comparisons: `x > 0`), values 0 and 1.
    public let isBool: Bool
    /// True for a layer's parameter or an `nn.Parameter`: printed as PyTorch prints them,
    /// under `Parameter containing:`, and registered when assigned to a module attribute.
    public var isParameter: Bool

    public init(_ tensor: Tensor, isInt: Bool = false, isBool: Bool = false, isParameter: Bool = false, isDataView: Bool = false) {
        self.storage = tensor
        self.isDataView = isDataView
        self.isInt = isInt || isBool
        self.isBool = isBool
        self.isParameter = isParameter
        super.init(type: TensorType.type, payload: tensor)
    }

    public override var typeName: String { "Tensor" }

    /// The parameter object for `t`: the one already handed out while it lives (so
    /// `layer.weight is list(layer.parameters())[0]`, as in PyTorch), else a new one.
    public static func parameter(_ t: Tensor) -> TensorObject {
        if let o = t.parameterObject as? TensorObject, o.storage === t, o.isParameter, !o.isDataView { return o }
        let o = TensorObject(t, isParameter: true)
        t.parameterObject = o
        return o
    }

    /// Holds `t` instead (an in-place op's recorded result).
    func rebind(_ t: Tensor) {
        storage = t
        payload = t
    }

    /// `copy.copy` / `copy.deepcopy`: a new leaf tensor with the same values, dtype and
    /// `requires_grad` (as torch's `__deepcopy__` makes for a leaf); a parameter stays one.
    public override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        let t = deep ? try TensorCopies.current.copy(of: tensor)
                     : try Tensor(tensor.data, shape: tensor.shape, requiresGrad: tensor.requiresGrad)
        return .object(TensorObject(t, isInt: isInt, isBool: isBool, isParameter: isParameter))
    }
    public override var repr: String {
        let text = isBool ? TensorLogic.boolDescription(tensor) : isInt ? TensorObject.intDescription(tensor) : tensor.description
        return isParameter ? "Parameter containing:\n" + text : text
    }

    /// PyTorch's printing of an int64 tensor.
    static func intDescription(_ t: Tensor) -> String {
        elementDescription(t, items: t.data.map { String(ValueConversion.clampedInt($0)) })
    }

    /// PyTorch's printing of integer-like elements (right-aligned to the widest).
    static func elementDescription(_ t: Tensor, items: [String]) -> String {
        if t.shape.isEmpty { return "tensor(\(items.first ?? "0"))" }
        if t.data.isEmpty { return "tensor([], dtype=torch.int64)".replacingOccurrences(of: ", dtype=torch.int64", with: "") }
        let width = items.map(\.count).max() ?? 1
        let padded = items.map { String(repeating: " ", count: width - $0.count) + $0 }
        func render(_ dim: Int, _ offset: Int, _ indent: Int) -> String {
            let n = t.shape[dim]
            let stride = t.shape[(dim + 1)...].reduce(1, *)
            if dim == t.shape.count - 1 {
                let perLine = max(1, (80 - indent) / (width + 2))
                var lines: [String] = []
                var i = 0
                while i < n {
                    lines.append(padded[(offset + i)..<(offset + min(i + perLine, n))].joined(separator: ", "))
                    i += perLine
                }
                return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
            }
            let parts = (0..<n).map { render(dim + 1, offset + $0 * stride, indent + 1) }
            return "[" + parts.joined(separator: "," + String(repeating: "\n", count: t.shape.count - dim - 1) + String(repeating: " ", count: indent + 1)) + "]"
        }
        return "tensor(" + render(0, 0, 7) + ")"
    }

    // MARK: indexing

    public override func length() throws -> Int? {
        guard let n = tensor.shape.first else { throw PyError(.typeError, "len() of a 0-d tensor") }
        return n
    }

    public override func getItem(_ index: Value) throws -> Value {
        if TensorIndexing.needsPlan(index) { return try TensorIndexing.get(self, index) }
        guard let i = index.asInt else {
            if case .tuple(let t) = index {
                if t.items.count > tensor.rank { throw PyError(.indexError, "too many indices for tensor of dimension \(tensor.rank)") }
                // x[:, -1], x[0, 1:3]: an integer removes its axis, a slice keeps it.
                var current: TensorObject = self
                var axis = 0
                for (k, part) in t.items.enumerated() {
                    if case .object(let sl as SliceObject) = part {
                        guard axis < current.tensor.shape.count else {
                            throw PyError(.indexError, "too many indices for tensor of dimension \(tensor.shape.count)")
                        }
                        let n = current.tensor.shape[axis]
                        let (a, b, st) = try sl.indices(n)
                        guard st > 0 else { throw PyError(.valueError, "step must be greater than zero") }
                        // A whole-axis slice is skipped, as PyTorch's indexing does (x[:, -1] is
                        // one SelectBackward0); an index of only those still returns a new tensor.
                        if a == 0 && b >= n && st == 1 && (current !== self || k < t.items.count - 1) {
                            axis += 1
                            continue
                        }
                        let src = current.tensor, ax = axis
                        current = TensorObject(try wrap { try src.slice(axis: ax, start: a, end: Swift.max(a, b), step: st) }, isInt: isInt)
                        axis += 1
                    } else if let k = part.asInt {
                        current = try current.select(axis: axis, index: k)
                    } else {
                        throw PyError(.indexError, "only integers, slices and tuples of them are valid tensor indices")
                    }
                }
                return .object(current)
            }
            throw PyError(.indexError, "only integers, slices and tuples of integers are valid tensor indices")
        }
        return .object(try select(axis: 0, index: i))
    }

    public override func setItem(_ index: Value, _ value: Value) throws {
        try TensorIndexing.set(self, index, value)
    }

    func select(axis: Int, index: Int) throws -> TensorObject {
        guard axis < tensor.shape.count else { throw PyError(.indexError, "invalid index of a 0-dim tensor. Use `tensor.item()`") }
        let n = tensor.shape[axis]
        let j = index < 0 ? index + n : index
        guard j >= 0 && j < n else { throw PyError(.indexError, "index \(index) is out of bounds for dimension \(axis) with size \(n)") }
        return TensorObject(try wrap { try tensor.select(axis: axis, index: j) }, isInt: isInt)
    }

    public override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        guard let n = tensor.shape.first else { throw PyError(.indexError, "slicing a 0-d tensor") }
        let st = step ?? 1
        guard st > 0 else { throw PyError(.valueError, "step must be greater than zero") }
        func clamp(_ v: Int?, _ d: Int) -> Int {
            guard var x = v else { return d }
            if x < 0 { x += n }
            return Swift.min(Swift.max(x, 0), n)
        }
        let a = clamp(lo, 0), b = Swift.max(clamp(hi, n), clamp(lo, 0))
        return .object(TensorObject(try wrap { try tensor.slice(axis: 0, start: a, end: b, step: st) }, isInt: isInt))
    }

    public override func makeIterator() throws -> () throws -> Value? {
        guard let n = tensor.shape.first else { throw PyError(.typeError, "iteration over a 0-d tensor") }
        var k = 0
        return { [self] in
            guard k < n else { return nil }
            k += 1
            return .object(try select(axis: 0, index: k - 1))
        }
    }

    // MARK: arithmetic

    public override func elementwiseCompare(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        try TensorLogic.compare(self, op, other, reflected: reflected)
    }

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        if op == "&" || op == "|" || op == "^" { return try TensorLogic.bitwise(self, op, other) }
        if op == "@" {  // x @ w, as torch.matmul
            guard case .object(let o as TensorObject) = other else { return nil }
            let (a, b) = reflected ? (o.tensor, tensor) : (tensor, o.tensor)
            return .object(TensorObject(try wrap { try a.matmul(b) }, isInt: isInt && o.isInt))
        }
        switch other {
        case .int, .bool, .float:
            if let r = scalarArithmetic(op, Float(other.asDouble ?? 0), reflected: reflected) {
                return .object(TensorObject(r, isInt: isInt && other.asInt != nil))
            }
        default: break
        }
        let otherTensor: Tensor
        var otherInt = false
        switch other {
        case .object(let o as TensorObject): otherTensor = o.tensor; otherInt = o.isInt
        case .int, .bool, .float:
            otherInt = other.asInt != nil
            otherTensor = Tensor(scalar: Float(other.asDouble ?? 0))
        case .object(let o as Float32Scalar): otherTensor = Tensor(scalar: o.value)
        case .object(let o as NumpyScalar):
            otherInt = o.dtype == .int64
            otherTensor = Tensor(scalar: Float(o.value.asDouble ?? 0))
        default: return nil
        }
        let (a, b) = reflected ? (otherTensor, tensor) : (tensor, otherTensor)
        let result: Tensor = try wrap {
            switch op {
            case "+": return try a + b
            case "-": return try a - b
            case "*": return try a * b
            case "/": return try a / b
            case "**":
                if b.shape.isEmpty && b.count == 1 && !b.requiresGrad { return a.pow(b.data[0]) }
                return try Tensor.pow(a, b)
            default: throw PyError(.typeError, "unsupported operand type(s) for \(op): 'Tensor' and '\(other.typeName)'")
            }
        }
        return .object(TensorObject(result, isInt: isInt && otherInt && op != "/" && op != "**"))
    }

    /// `t + s`, `t - s`, `s - t` and `t * s` for a Python number as one scaled shift: the
    /// same values and gradients as broadcasting a scalar tensor, without making one.
    /// (A zero shift would keep a -0 that adding or subtracting 0 turns into +0: not here.)
    private func scalarArithmetic(_ op: String, _ s: Float, reflected: Bool) -> Tensor? {
        if s == 0 && op != "*" { return nil }
        switch op {
        case "+": return tensor.affine(scale: 1, shift: s, gradFn: "AddBackward0")
        case "-": return reflected ? tensor.affine(scale: -1, shift: s, gradFn: "SubBackward0")
                                   : tensor.affine(scale: 1, shift: -s, gradFn: "SubBackward0")
        case "*": return tensor.affine(scale: s, shift: 0, gradFn: "MulBackward0")
        default: return nil
        }
    }

    public override func unaryOp(_ op: String) throws -> Value? {
        switch op {
        case "-":
            if isBool { throw PyError(.runtimeError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.") }
            return .object(TensorObject(-tensor, isInt: isInt))
        case "~": return try TensorLogic.invert(self)
        case "abs": return .object(TensorObject(tensor.abs(), isInt: isInt))
        case "float", "int":
            guard tensor.count == 1 else { throw PyError(.runtimeError, "a Tensor with \(tensor.count) elements cannot be converted to Scalar") }
            return op == "float" ? .float(Double(tensor.data[0])) : .int(try ValueConversion.int(Double(tensor.data[0])))
        default: return nil
        }
    }

    public override func compare(_ other: Value) throws -> Int? {
        guard tensor.count == 1, let b = other.asDouble else { return nil }
        let a = Double(tensor.data[0])
        return a < b ? -1 : (a > b ? 1 : 0)
    }

    public override var isTruthy: Bool { tensor.count == 1 ? tensor.data[0] != 0 : true }

    // MARK: methods taking sizes as separate arguments

    /// Methods that take sizes as separate arguments (`x.view(1, -1)`).
    static let variadicMethods = ["view", "reshape", "permute", "repeat", "expand"]

    public override var attributeNames: [String] { nativeType.memberNames + TensorObject.variadicMethods }

    public override func getAttribute(_ name: String) throws -> Value {
        if TensorObject.variadicMethods.contains(name) {
            return .object(LibraryFunction(name, signature: "Tensor.\(name)(*shape)", doc: "Tensor.\(name) with sizes as arguments or one tuple.") { [self] args, kw, rt in
                try self.callMethod(name, args, kw, runtime: rt)
            })
        }
        return try super.getAttribute(name)
    }

    /// The methods taking sizes as separate arguments (`x.view(2, 3)` as well as
    /// `x.view((2, 3))`), handled by `callMethod` below rather than the type's table.
    static let sizeArgumentMethods: Set<String> = ["view", "reshape", "permute", "repeat", "expand"]

    public override class func interceptsMethod(_ name: String) -> Bool { sizeArgumentMethods.contains(name) }

    public override func callMethod(_ name: String, _ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        switch name {
        case "view", "reshape":
            let dims = try TensorType.dims(args)
            let shape = try ArrayIndexing.resolveShape(dims, count: tensor.count)
            return .object(TensorObject(try wrap { try tensor.reshape(shape) }, isInt: isInt))
        case "permute":
            return .object(TensorObject(try wrap { try tensor.permute(try TensorType.dims(args)) }, isInt: isInt))
        case "repeat", "expand":
            let dims = try TensorType.dims(args)
            if name == "expand" {
                guard dims.count >= tensor.shape.count else {
                    throw PyError(.runtimeError, "expand(torch.FloatTensor{\(Shape.describe(tensor.shape))}, size=\(Shape.describe(dims))): the number of sizes provided (\(dims.count)) must be greater or equal to the number of dimensions in the tensor (\(tensor.shape.count))")
                }
                let target = zip(dims, [Int](filled: 1, count: dims.count - tensor.shape.count) + tensor.shape).map { $0 == -1 ? $1 : $0 }
                try TensorType.checkNewSize(target)
                return .object(TensorObject(try wrap { try tensor.broadcast(to: target) }, isInt: isInt))
            }
            guard dims.count == tensor.shape.count else { throw PyError(.runtimeError, "repeat: give one count per dimension") }
            try TensorType.checkNewSize(zip(dims, tensor.shape).map { $0 < 0 ? $0 : $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 })
            var current = tensor
            for (axis, n) in dims.enumerated() where n != 1 {
                let copies = [Tensor](repeating: current, count: n)
                current = try wrap { try Tensor.concat(copies, axis: axis) }
            }
            return .object(TensorObject(current, isInt: isInt))
        default:
            return try super.callMethod(name, args, keywords, runtime: runtime)
        }
    }
}

/// Runs a tensor operation, turning its errors into Python errors.
func wrap<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw LibraryErrors.convert(error) }
}

/// `torch.Size([1, 3])`: a tuple of ints that prints as PyTorch prints it.
final class SizeObject: NativeObject {
    let dims: [Int]
    init(_ dims: [Int]) { self.dims = dims }
    override var typeName: String { "Size" }
    override var repr: String { "torch.Size([" + dims.map(String.init).joined(separator: ", ") + "])" }
    override func length() throws -> Int? { dims.count }
    override func getItem(_ index: Value) throws -> Value {
        guard let i = index.asInt else { throw PyError(.typeError, "tuple indices must be integers or slices, not \(index.typeName)") }
        let j = i < 0 ? i + dims.count : i
        guard j >= 0 && j < dims.count else { throw PyError(.indexError, "tuple index out of range") }
        return .int(dims[j])
    }
    override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        .object(SizeObject(try ArrayIndexing.sliceIndices(count: dims.count, lo, hi, step).map { dims[$0] }))
    }
    override func makeIterator() throws -> () throws -> Value? {
        var k = 0
        return { [dims] in
            guard k < dims.count else { return nil }
            k += 1
            return .int(dims[k - 1])
        }
    }
    override func equals(_ other: Value) -> Bool {
        switch other {
        case .tuple(let t): return t.items.map { $0.asInt ?? -1 } == dims
        case .list(let l): return l.items.map { $0.asInt ?? -1 } == dims
        case .object(let o as SizeObject): return o.dims == dims
        default: return false
        }
    }
}

/// `torch.device("cpu")`.
final class DeviceObject: NativeObject {
    let name: String
    init(name: String) { self.name = name }
    override var typeName: String { "device" }
    override var repr: String { "device(type='\(name)')" }
    override var str: String { name }
    override var attributeNames: [String] { ["type"] }
    override func getAttribute(_ attr: String) throws -> Value {
        if attr == "type" { return .str(name) }
        return try super.getAttribute(attr)
    }
}
