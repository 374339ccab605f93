import Foundation
import SMRLanguage
import SMRNeural
import SMRTensor

/// `torch.nn.init` (`nn.Parameter` is in `UserModules`): in-place initialisers with PyTorch's bounds (computed
/// in double, as torch.nn.init computes them) and draws from the default generator.
enum NNInitFunctions {
    static func install(into nn: NativeModule) {
        nn.add("init", .object(makeInit()))
        if case .object(let functional as NativeModule)? = try? nn.getAttribute("functional") {
            functional.function("dropout", doc: "Zero each element with probability p and scale the rest by 1/(1-p) (training=True), drawing PyTorch's masks.",
                                params: [Param("input"), Param("p", .float, default: .float(0.5)), Param("training", .bool, default: .bool(true)),
                                         Param("inplace", .bool, default: .bool(false))]) { a in
                let x = try TorchArguments.tensor(a["input"], "input")
                return TorchArguments.out(try wrap { try x.dropout(p: Float(try a.double("p")), training: try a.bool("training")) })
            }
        }
    }

    static func makeInit() -> NativeModule {
        let m = NativeModule("torch.nn.init", doc: "In-place initialisers (uniform_, normal_, xavier_uniform_, kaiming_uniform_, …).")
        let tensor = Param("tensor")
        m.function("calculate_gain", doc: "The recommended gain for a nonlinearity.", params: [Param("nonlinearity", .str), Param("param", .any, default: .none)]) { a in
            // PyTorch returns the int 1 for the linear functions and sigmoid.
            let name = try a.string("nonlinearity")
            let g = try gain(name, a["param"].asDouble)
            let integral = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid"].contains(name)
            return integral ? .int(1) : .float(g)
        }
        m.function("uniform_", doc: "Fill with U(a, b).", params: [tensor, Param("a", .float, default: .float(0)), Param("b", .float, default: .float(1)), Param("generator", .any, default: .none)]) { a in
            let low = Float(try a.double("a")), high = Float(try a.double("b"))
            return try fill(a) { shape, g in try Tensor.uniform(shape, low: low, high: high, generator: &g).data }
        }
        m.function("normal_", doc: "Fill with N(mean, std).", params: [tensor, Param("mean", .float, default: .float(0)), Param("std", .float, default: .float(1)), Param("generator", .any, default: .none)]) { a in
            let mean = Float(try a.double("mean")), std = Float(try a.double("std"))
            return try fill(a) { shape, g in try Tensor.normal(shape, mean: mean, std: std, generator: &g).data }
        }
        m.function("xavier_uniform_", doc: "U(−a, a) with a = gain·√(6/(fan_in + fan_out)).", params: [tensor, Param("gain", .float, default: .float(1)), Param("generator", .any, default: .none)]) { a in
            let gain = try a.double("gain")
            return try fill(a) { shape, g in try checkedFans(shape); return try Initialization.xavierUniform(shape, gain: gain, generator: &g).data }
        }
        m.function("xavier_normal_", doc: "N(0, gain·√(2/(fan_in + fan_out))).", params: [tensor, Param("gain", .float, default: .float(1)), Param("generator", .any, default: .none)]) { a in
            let gainValue = try a.double("gain")
            return try fill(a) { shape, g in
                let (fi, fo) = try checkedFans(shape)
                let std = gainValue * (2.0 / Double(fi + fo)).squareRoot()
                return try Tensor.normal(shape, mean: 0, std: Float(std), generator: &g).data
            }
        }
        for (name, normal) in [("kaiming_uniform_", false), ("kaiming_normal_", true)] {
            m.function(name, doc: normal ? "N(0, gain/√fan)." : "U(−b, b) with b = √3·gain/√fan.",
                       params: [tensor, Param("a", .float, default: .float(0)), Param("mode", .str, default: .str("fan_in")),
                                Param("nonlinearity", .str, default: .str("leaky_relu")), Param("generator", .any, default: .none)]) { a in
                let slope = try a.double("a"), mode = try a.string("mode"), nl = try a.string("nonlinearity")
                guard mode == "fan_in" || mode == "fan_out" else { throw PyError(.valueError, "Mode \(mode) not supported, please use one of fan_in, fan_out") }
                return try fill(a) { shape, g in
                    let (fi, fo) = try checkedFans(shape)
                    let std = try gain(nl, slope) / Double(mode == "fan_in" ? fi : fo).squareRoot()
                    if normal { return try Tensor.normal(shape, mean: 0, std: Float(std), generator: &g).data }
                    let bound = 3.0.squareRoot() * std
                    return try Tensor.uniform(shape, low: Float(-bound), high: Float(bound), generator: &g).data
                }
            }
        }
        m.function("orthogonal_", doc: "A (semi-)orthogonal matrix times gain: QR of a normal_ draw, signs fixed by diag(R) (Saxe et al. 2013).",
                   params: [tensor, Param("gain", .float, default: .float(1)), Param("generator", .any, default: .none)]) { a in
            let gainValue = Float(try a.double("gain"))
            return try fill(a) { shape, g in
                guard shape.count >= 2 else { throw PyError(.valueError, "Only tensors with 2 or more dimensions are supported") }
                return try Initialization.orthogonal(shape, gain: gainValue, generator: &g).data
            }
        }
        m.function("eye_", doc: "The identity matrix (ones on the diagonal of a 2-D tensor).", params: [tensor]) { a in
            try fill(a) { shape, _ in
                guard shape.count == 2 else { throw PyError(.valueError, "Only tensors with 2 dimensions are supported") }
                var v = [Float](filled: 0, count: shape[0] * shape[1])
                for i in 0..<Swift.min(shape[0], shape[1]) { v[i * shape[1] + i] = 1 }
                return v
            }
        }
        for (name, value) in [("zeros_", Float(0)), ("ones_", Float(1))] {
            m.function(name, doc: "Fill with \(Int(value)).", params: [tensor]) { a in
                try fill(a) { shape, _ in [Float](filled: value, count: shape.reduce(1, *)) }
            }
        }
        m.function("constant_", doc: "Fill with val.", params: [tensor, Param("val", .float)]) { a in
            let v = Float(try a.double("val"))
            return try fill(a) { shape, _ in [Float](filled: v, count: shape.reduce(1, *)) }
        }
        return m
    }

    /// PyTorch's `calculate_gain`.
    static func gain(_ nonlinearity: String, _ param: Double?) throws -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid": return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = param ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw PyError(.valueError, "Unsupported nonlinearity \(nonlinearity)")
        }
    }

    @discardableResult
    static func checkedFans(_ shape: [Int]) throws -> (Int, Int) {
        guard shape.count >= 2 else {
            throw PyError(.valueError, "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        return Initialization.fans(shape)
    }

    /// Overwrites `tensor` in place with `draw(shape, generator)`; returns it.
    static func fill(_ a: Arguments, _ draw: ([Int], inout RandomGenerator) throws -> [Float]) throws -> Value {
        let obj = try TorchArguments.tensorObject(a["tensor"], "tensor")
        let shape = obj.tensor.shape
        let gen = try GeneratorObject.from(a["generator"])
        let values = try gen.with { g in try wrap { try draw(shape, &g) } }
        obj.storage.withMutableData { $0 = values }
        return .object(obj)
    }
}
