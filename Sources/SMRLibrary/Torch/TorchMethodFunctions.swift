import SMRLanguage
import SMRTensor

/// `torch.f(input, …)` for the functions PyTorch also offers as the method `input.f(…)`
/// with the same arguments (`torch.sum(x, dim=1)` is `x.sum(dim=1)`): each is the method
/// itself, so the two forms cannot drift apart in checks, defaults, help or errors. Also
/// the matrix products that PyTorch keeps as functions only (`mm`, `bmm`, `dot`, `outer`)
/// and `eye`.
enum TorchMethodFunctions {
    /// The method-backed functions (registered after the module's own, replacing narrower ones).
    static let names = ["sum", "mean", "std", "var", "prod", "norm", "flatten", "squeeze", "unsqueeze", "pow",
                        "log_softmax", "transpose", "reshape", "permute", "numel", "clone", "detach", "masked_fill",
                        "sign", "select", "t", "logical_not", "isnan", "isinf", "flip", "sort", "chunk", "split", "clip"]

    static func register(tensorType t: NativeType, torch: NativeModule) {
        for name in names {
            let params = t.methods[name]?.params
            let signature = "\(name)(" + (["input"] + (params ?? []).map(\.signatureText) + (params == nil ? ["..."] : [])).joined(separator: ", ") + ")"
            let doc = t.methods[name]?.doc ?? "As Tensor.\(name)."
            torch.add(BuiltinFunction.variadic(name, signature: signature, doc: doc + " Same as input.\(name)(…).") { rt, pos, kw in
                var pos = pos, kw = kw
                let input: Value
                if !pos.isEmpty {
                    input = pos.removeFirst()
                } else if let k = kw.firstIndex(where: { $0.0 == "input" }) {
                    input = kw.remove(at: k).1
                } else {
                    throw PyError(.typeError, "\(name)() missing 1 required positional argument: 'input'")
                }
                guard case .object(let x as TensorObject) = input else {
                    throw PyError(.typeError, "\(name)(): argument 'input' (position 1) must be Tensor, not \(input.typeName)")
                }
                return try x.callMethod(name, pos, kw, runtime: rt)
            })
        }
        registerProducts(torch)
        torch.function("eye", doc: "The n×m identity matrix (m defaults to n).",
                       params: [Param("n", .int), Param("m", .int, default: .none), Param("dtype", .any, default: .none),
                                Param("device", .any, default: .none), Param("requires_grad", .bool, default: .bool(false))]) { a in
            let n = try a.int("n"), m = try a.optionalInt("m") ?? n
            guard n >= 0, m >= 0 else { throw PyError(.runtimeError, "n and m must be non-negative, got n=\(n), m=\(m)") }
            var isInt = false
            if case .object(let d as DTypeObject) = a["dtype"] { isInt = d.name == "int64" }
            var values = [Float](filled: 0, count: n * m)
            for i in 0..<min(n, m) { values[i * m + i] = 1 }
            return .object(TensorObject(try wrap { try Tensor(values, shape: [n, m], requiresGrad: try a.bool("requires_grad")) }, isInt: isInt))
        }
    }

    /// The products whose operands PyTorch checks strictly, unlike `matmul`.
    private static func registerProducts(_ torch: NativeModule) {
        func operands(_ a: Arguments, _ first: String, _ second: String) throws -> (TensorObject, TensorObject) {
            (try TorchArguments.tensorObject(a[first], first), try TorchArguments.tensorObject(a[second], second))
        }
        func described(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }
        torch.function("mm", doc: "Product of two matrices ([n, m] · [m, p]).", params: [Param("input"), Param("mat2")]) { a in
            let (x, y) = try operands(a, "input", "mat2")
            guard x.tensor.rank == 2 else { throw PyError(.runtimeError, "self must be a matrix") }
            guard y.tensor.rank == 2 else { throw PyError(.runtimeError, "mat2 must be a matrix") }
            guard x.tensor.shape[1] == y.tensor.shape[0] else {
                throw PyError(.runtimeError, "mm: mat1 and mat2 shapes cannot be multiplied (\(x.tensor.shape[0])x\(x.tensor.shape[1]) and \(y.tensor.shape[0])x\(y.tensor.shape[1]))")
            }
            return .object(TensorObject(try wrap { try x.tensor.matmul(y.tensor).named("MmBackward0", from: x.tensor) }, isInt: x.isInt && y.isInt))
        }
        torch.function("bmm", doc: "Batched matrix product ([b, n, m] · [b, m, p]).", params: [Param("input"), Param("mat2")]) { a in
            let (x, y) = try operands(a, "input", "mat2")
            guard x.tensor.rank == 3 else { throw PyError(.runtimeError, "batch1 must be a 3D tensor") }
            guard y.tensor.rank == 3 else { throw PyError(.runtimeError, "batch2 must be a 3D tensor") }
            guard x.tensor.shape[0] == y.tensor.shape[0], x.tensor.shape[2] == y.tensor.shape[1] else {
                throw PyError(.runtimeError, "Expected size for first two dimensions of batch2 tensor to be: [\(x.tensor.shape[0]), \(x.tensor.shape[2])] but got: [\(y.tensor.shape[0]), \(y.tensor.shape[1])].")
            }
            return .object(TensorObject(try wrap { try x.tensor.matmul(y.tensor).named("BmmBackward0", from: x.tensor) }, isInt: x.isInt && y.isInt))
        }
        torch.function("dot", doc: "Dot product of two 1-D tensors of the same length.", params: [Param("input"), Param("tensor")]) { a in
            let (x, y) = try operands(a, "input", "tensor")
            guard x.tensor.rank == 1, y.tensor.rank == 1 else {
                throw PyError(.runtimeError, "1D tensors expected, but got \(x.tensor.rank)D and \(y.tensor.rank)D tensors")
            }
            guard x.tensor.count == y.tensor.count else {
                throw PyError(.runtimeError, "inconsistent tensor size, expected tensor [\(x.tensor.count)] and src [\(y.tensor.count)] to have the same number of elements, but got \(x.tensor.count) and \(y.tensor.count) elements respectively")
            }
            return .object(TensorObject(try wrap { try x.tensor.matmul(y.tensor) }, isInt: x.isInt && y.isInt))
        }
        torch.function("outer", doc: "Outer product of two 1-D tensors ([n] ⊗ [m] → [n, m]).", params: [Param("input"), Param("vec2")]) { a in
            let (x, y) = try operands(a, "input", "vec2")
            guard x.tensor.rank == 1, y.tensor.rank == 1 else {
                throw PyError(.runtimeError, "outer: expected 1-D tensors, got shapes \(described(x.tensor.shape)) and \(described(y.tensor.shape))")
            }
            let r = try wrap { try x.tensor.reshape([x.tensor.count, 1]) * y.tensor.reshape([1, y.tensor.count]) }
            return .object(TensorObject(r, isInt: x.isInt && y.isInt))
        }
    }
}
