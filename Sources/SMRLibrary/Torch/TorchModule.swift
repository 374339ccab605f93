import SMRLanguage
import SMRNeural
import SMRTensor

/// `import torch`: tensor factories and functions, plus `torch.nn`, `torch.optim`,
/// `torch.distributions` (also importable as `import torch.nn as nn`).
enum TorchModule {
    static func make() -> [NativeModule] {
        let nn = NNModule.make()
        let optim = OptimModule.make()
        let distributions = DistributionsModule.make()
        let cuda = NativeModule("torch.cuda", doc: "No GPU here: is_available() is False.")
        cuda.function("is_available", params: []) { _ in .bool(false) }

        let torch = NativeModule("torch", doc: """
            PyTorch's tensor API on smr's float32 autodiff engine.
                x = torch.tensor([1.0, 2.0], requires_grad=True)
                y = (x * x).sum(); y.backward(); print(x.grad)
            """)
        torch.add("nn", .object(nn))
        torch.add("optim", .object(optim))
        torch.add("distributions", .object(distributions))
        torch.add("cuda", .object(cuda))
        let autograd = NativeModule("torch.autograd", doc: "Anomaly detection for backward().")
        autograd.function("set_detect_anomaly", doc: "With True, backward() stops at the first op whose backward produces a NaN or inf gradient and names it and the line of the forward call that recorded it (Function 'LogBackward0' returned nan values in its 0th output. Traceback of forward call that caused the error: File ..., line N).",
                          params: [Param("mode", .bool)]) { a in
            let mode = try a.bool("mode")
            GradMode.detectAnomaly = mode
            // Each op recorded from now on keeps the user-code site it was called from.
            OperationSite.setTracking(mode)
            GradMode.forwardSite = mode ? { OperationSite.current } : nil
            return .none
        }
        autograd.function("is_anomaly_enabled", doc: "Whether backward() checks for NaN/inf gradients.", params: []) { _ in
            .bool(GradMode.detectAnomaly)
        }
        torch.add("autograd", .object(autograd))
        torch.add("Tensor", .object(TensorType.type))
        torch.add("float32", .object(DTypeObject.torchFloat32))
        torch.add("float", .object(DTypeObject.torchFloat32))
        torch.add("int64", .object(DTypeObject.torchInt64))
        torch.add("long", .object(DTypeObject.torchInt64))
        torch.add("__version__", .str("2.15.0"))
        GradModeContext.install(into: torch)

        torch.function("tensor", doc: "A tensor from numbers, (nested) lists or arrays; ints give an int64 tensor.",
                       params: [Param("data"), Param("dtype", .any, default: .none), Param("device", .any, default: .none),
                                Param("requires_grad", .bool, default: .bool(false))]) { a in
            let data = a["data"]
            if case .object(let o as TensorObject) = data { return .object(TensorObject(o.tensor.detach(), isInt: o.isInt)) }
            let (values, shape) = try ValueConversion.numbers(data, what: "data")
            let dtype = a["dtype"]
            var isInt = ValueConversion.isIntegral(data) || (data.asInt != nil && data.asDouble != nil && { if case .float = data { return false }; return true }())
            var isBool = dtype.isNone && ValueConversion.isBoolean(data)
            if case .object(let d as DTypeObject) = dtype { isInt = d.name == "int64"; isBool = d.name == "bool" }
            if case .object(let o as NDArray) = data, dtype.isNone { isInt = o.isInt; isBool = o.dtype == .bool }
            if try isBool && a.bool("requires_grad") {
                throw PyError(.runtimeError, "Only Tensors of floating point and complex dtype can require gradients")
            }
            let t = try wrap { try Tensor(values.map { isBool ? ($0 != 0 ? 1 : 0) : Float($0) }, shape: shape, requiresGrad: try a.bool("requires_grad")) }
            return .object(TensorObject(t, isInt: isInt || isBool, isBool: isBool))
        }
        torch.add("zeros", .object(factory("zeros") { try Tensor.zeros($0, requiresGrad: $1) }))
        torch.add("ones", .object(factory("ones") { try Tensor.ones($0, requiresGrad: $1) }))
        TorchRandomFunctions.install(into: torch)
        torch.function("device", doc: "A device; everything runs on the CPU.", params: [Param("type", .str, default: .str("cpu"))]) { a in
            .object(DeviceObject(name: try a.string("type")))
        }
        for (name, join) in [("cat", false), ("stack", true)] {
            torch.function(name, doc: join ? "Stack tensors along a new axis `dim`." : "Concatenate tensors along `dim`.",
                           params: [Param("tensors"), Param("dim", .int, default: .int(0))]) { a in
                let ts = try TorchArguments.tensors(a["tensors"], "tensors")
                guard !ts.isEmpty else { throw PyError(.runtimeError, "\(name)(): expected a non-empty list of Tensors") }
                let dim = try a.int("dim")
                let out = try wrap { join ? try Tensor.stack(ts.map(\.tensor), axis: dim) : try Tensor.concat(ts.map(\.tensor), axis: dim) }
                return .object(TensorObject(out, isInt: ts.allSatisfy(\.isInt)))
            }
        }
        let unary: [(String, (Tensor) -> Tensor)] = [("tanh", { $0.tanh() }), ("relu", { $0.relu() }), ("sigmoid", { $0.sigmoid() }),
                                                      ("exp", { $0.exp() }), ("log", { $0.log() }), ("sqrt", { $0.sqrt() }), ("abs", { $0.abs() })]
        for (name, f) in unary {
            torch.function(name, doc: "Elementwise \(name).", params: [Param("input")]) { a in
                TorchArguments.out(f(try TorchArguments.tensor(a["input"], "input")))
            }
        }
        torch.function("softmax", doc: "Softmax along `dim`.", params: [Param("input"), Param("dim", .int)]) { a in
            TorchArguments.out(try wrap { try TorchArguments.tensor(a["input"], "input").softmax(axis: try a.int("dim")) })
        }
        torch.function("matmul", doc: "Matrix product.", params: [Param("input"), Param("other")]) { a in
            TorchArguments.out(try wrap { try TorchArguments.tensor(a["input"], "input").matmul(try TorchArguments.tensor(a["other"], "other")) })
        }
        EinsumAndPad.installEinsum(into: torch)
        torch.function("sum", doc: "Sum of all elements.", params: [Param("input")]) { a in TorchArguments.out(try TorchArguments.tensor(a["input"], "input").sum()) }
        torch.function("mean", doc: "Mean of all elements.", params: [Param("input")]) { a in
            TorchArguments.out(try wrap { try TorchArguments.tensor(a["input"], "input").mean() })
        }
        torch.function("clamp", doc: "Clamp into [min, max].", params: [Param("input"), Param("min", .float, default: .none), Param("max", .float, default: .none)]) { a in
            TorchArguments.out(try wrap { try TorchArguments.tensor(a["input"], "input").clamp(min: try a.optionalDouble("min").map(Float.init), max: try a.optionalDouble("max").map(Float.init)) })
        }
        torch.function("equal", doc: "True if both tensors have the same shape and elements.", params: [Param("input"), Param("other")]) { a in
            let x = try TorchArguments.tensor(a["input"], "input"), y = try TorchArguments.tensor(a["other"], "other")
            return .bool(x.shape == y.shape && x.data == y.data)
        }
        torch.function("zeros_like", params: [Param("input")]) { a in
            TorchArguments.out(try wrap { try Tensor.zeros(try TorchArguments.tensor(a["input"], "input").shape) })
        }
        torch.function("ones_like", params: [Param("input")]) { a in
            TorchArguments.out(try wrap { try Tensor.ones(try TorchArguments.tensor(a["input"], "input").shape) })
        }
        torch.function("arange", doc: "Values start, start+step, … below end: int64 when all three are ints, else float32 (or as `dtype` says).",
                       // .any, not .float: a float parameter would turn the ints that make an int64 result into floats.
                       params: [Param("start", .any), Param("end", .any, default: .none), Param("step", .any, default: .int(1)),
                                Param("dtype", .any, default: .none), Param("device", .any, default: .none),
                                Param("requires_grad", .bool, default: .bool(false))]) { a in
            let (s, e) = a["end"].isNone ? (0.0, try a.double("start")) : (try a.double("start"), try a.double("end"))
            var isInt = [a["start"], a["end"], a["step"]].allSatisfy { v in
                if case .float = v { return false }
                return v.isNone || v.asInt != nil
            }
            if case .object(let d as DTypeObject) = a["dtype"] { isInt = d.name == "int64" }
            let requiresGrad = try a.bool("requires_grad")
            if requiresGrad && isInt {
                throw PyError(.runtimeError, "Only Tensors of floating point and complex dtype can require gradients")
            }
            return .object(TensorObject(try wrap { try Tensor.arange(Float(s), Float(e), step: Float(try a.double("step")), requiresGrad: requiresGrad) }, isInt: isInt))
        }
        TensorLogic.register(tensorType: TensorType.type, torch: torch)
        TensorStatistics.register(tensorType: TensorType.type, torch: torch)
        TensorScans.register(tensorType: TensorType.type, torch: torch)
        TorchSerialization.register(torch)
        TorchMethodFunctions.register(tensorType: TensorType.type, torch: torch)
        TorchConstructors.register(torch: torch)
        return [torch, nn, optim, distributions, cuda, autograd,
                (try? nn.getAttribute("utils")).flatMap { if case .object(let m as NativeModule) = $0 { return m }; return nil },
                (try? optim.getAttribute("lr_scheduler")).flatMap { if case .object(let m as NativeModule) = $0 { return m }; return nil },
                (try? nn.getAttribute("functional")).flatMap { if case .object(let m as NativeModule) = $0 { return m }; return nil }].compactMap { $0 }
    }

    /// `torch.zeros(1, 1, 128)` or `torch.zeros((1, 128))`, with `requires_grad=`.
    static func factory(_ name: String, _ build: @escaping ([Int], Bool) throws -> Tensor) -> LibraryFunction {
        LibraryFunction(name, signature: "\(name)(*size, dtype=None, device=None, requires_grad=False)", doc: "A new tensor of the given size.") { args, kw, _ in
            try LibraryFunction.checkKeywords(name, kw, allowed: ["dtype", "device", "requires_grad", "size"])
            var size = args
            if let s = kw.first(where: { $0.0 == "size" })?.1 { size = [s] }
            let dims = try TensorType.newSize(size)
            let grad = kw.first { $0.0 == "requires_grad" }?.1.isTruthy ?? false
            var isInt = false
            if case .object(let d as DTypeObject)? = kw.first(where: { $0.0 == "dtype" })?.1 { isInt = d.name == "int64" }
            return .object(TensorObject(try build(dims, grad), isInt: isInt))
        }
    }
}
