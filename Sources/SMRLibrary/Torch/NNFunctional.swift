import SMRLanguage
import SMRNeural
import SMRTensor

/// `torch.nn.functional`'s activations and losses, and the `torch.nn` layer classes that
/// wrap them (`nn.GELU()`, `nn.CrossEntropyLoss()`): one table of declarations gives the
/// function, the layer, its constructor keywords and its repr, with PyTorch's defaults.
enum NNFunctional {
    /// An activation: its extra parameters (after `input`), the tensor function, and the
    /// layer's repr arguments from the bound parameters.
    struct Activation {
        let function: String, layer: String?
        let params: [Param]
        let apply: (Tensor, Arguments) throws -> Tensor
        let repr: (Arguments) throws -> String
    }

    static let activations: [Activation] = [
        Activation(function: "relu", layer: nil, params: [Param("inplace", .bool, default: .bool(false))], apply: { x, _ in x.relu() }, repr: { _ in "" }),
        Activation(function: "tanh", layer: nil, params: [], apply: { x, _ in x.tanh() }, repr: { _ in "" }),
        Activation(function: "sigmoid", layer: nil, params: [], apply: { x, _ in x.sigmoid() }, repr: { _ in "" }),
        Activation(function: "gelu", layer: "GELU", params: [Param("approximate", .str, default: .str("none"))], apply: { x, a in
            let mode = try a.string("approximate")
            guard mode == "none" || mode == "tanh" else { throw PyError(.runtimeError, "approximate argument must be either none or tanh.") }
            return x.gelu(approximate: mode == "tanh")
        }, repr: { a in "approximate='\(try a.string("approximate"))'" }),
        Activation(function: "leaky_relu", layer: "LeakyReLU", params: [Param("negative_slope", .float, default: .float(0.01)), Param("inplace", .bool, default: .bool(false))],
                   apply: { x, a in x.leakyRelu(negativeSlope: Float(try a.double("negative_slope"))) },
                   repr: { a in "negative_slope=\(Repr.floatRepr(try a.double("negative_slope")))" }),
        Activation(function: "elu", layer: "ELU", params: [Param("alpha", .float, default: .float(1)), Param("inplace", .bool, default: .bool(false))],
                   apply: { x, a in x.elu(alpha: Float(try a.double("alpha"))) }, repr: { a in "alpha=\(Repr.floatRepr(try a.double("alpha")))" }),
        Activation(function: "softplus", layer: "Softplus", params: [Param("beta", .float, default: .float(1)), Param("threshold", .float, default: .float(20))],
                   apply: { x, a in x.softplus(beta: Float(try a.double("beta")), threshold: Float(try a.double("threshold"))) },
                   repr: { a in "beta=\(Repr.floatRepr(try a.double("beta"))), threshold=\(Repr.floatRepr(try a.double("threshold")))" }),
        Activation(function: "softmax", layer: "Softmax", params: [Param("dim", .int, default: .none)], apply: { x, a in
            try x.softmax(axis: try a.optionalInt("dim") ?? implicitDim(x))
        }, repr: { a in "dim=\(try a.optionalInt("dim").map(String.init) ?? "None")" }),
        Activation(function: "log_softmax", layer: "LogSoftmax", params: [Param("dim", .int, default: .none)], apply: { x, a in
            try x.logSoftmax(axis: try a.optionalInt("dim") ?? implicitDim(x))
        }, repr: { a in "dim=\(try a.optionalInt("dim").map(String.init) ?? "None")" }),
    ]

    /// PyTorch's `_get_softmax_dim` for a call without `dim` (it also warns): 0 for 0-, 1- and 3-D input, else 1.
    static func implicitDim(_ x: Tensor) -> Int { x.rank == 0 || x.rank == 1 || x.rank == 3 ? 0 : 1 }

    /// A loss: the function's name, the layer's, its keyword parameters and the tensor function.
    struct Loss {
        let function: String, layer: String
        let params: [Param]
        let apply: (Value, Value, Arguments) throws -> Value
    }

    static let reductionParam = Param("reduction", .str, default: .str("mean"))

    static func reduction(_ a: Arguments) throws -> Reduction {
        let name = try a.string("reduction")
        guard let r = Reduction(rawValue: name) else { throw PyError(.valueError, "\(name) is not a valid value for reduction") }
        return r
    }

    static func tensorLoss(_ body: @escaping (Tensor, Tensor, Arguments) throws -> Tensor) -> (Value, Value, Arguments) throws -> Value {
        { input, target, a in
            TorchArguments.out(try wrap { try body(try TorchArguments.tensor(input, "input"), try TorchArguments.tensor(target, "target"), a) })
        }
    }

    /// Class indices of a classification target (an int tensor or list).
    static func classIndices(_ v: Value) throws -> [Int] {
        let t = try TorchArguments.tensor(v, "target")
        return t.data.map { Int($0) }
    }

    static let losses: [Loss] = [
        Loss(function: "mse_loss", layer: "MSELoss", params: [reductionParam], apply: tensorLoss { x, t, a in try x.mseLoss(t, reduction: try reduction(a)) }),
        Loss(function: "l1_loss", layer: "L1Loss", params: [reductionParam], apply: tensorLoss { x, t, a in
            let d = try (x - t).abs()
            switch try reduction(a) {
            case .none: return d
            case .sum: return d.sum()
            case .mean: return try d.mean()
            }
        }),
        Loss(function: "smooth_l1_loss", layer: "SmoothL1Loss", params: [reductionParam, Param("beta", .float, default: .float(1))],
             apply: tensorLoss { x, t, a in try x.smoothL1Loss(t, beta: Float(try a.double("beta")), reduction: try reduction(a)) }),
        Loss(function: "huber_loss", layer: "HuberLoss", params: [reductionParam, Param("delta", .float, default: .float(1))],
             apply: tensorLoss { x, t, a in try x.huberLoss(t, delta: Float(try a.double("delta")), reduction: try reduction(a)) }),
        Loss(function: "binary_cross_entropy", layer: "BCELoss", params: [Param("weight", .any, default: .none), reductionParam],
             apply: tensorLoss { x, t, a in
                 guard a["weight"].isNone else { throw PyError(.notImplementedError, "binary_cross_entropy: weight is not supported yet") }
                 guard x.shape == t.shape else {
                     throw PyError(.valueError, "Using a target size (\(SizeObject(t.shape).repr)) that is different to the input size (\(SizeObject(x.shape).repr)) is deprecated. Please ensure they have the same size.")
                 }
                 guard x.data.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { throw PyError(.runtimeError, "all elements of input should be between 0 and 1") }
                 return try x.binaryCrossEntropy(t, reduction: try reduction(a))
             }),
        Loss(function: "binary_cross_entropy_with_logits", layer: "BCEWithLogitsLoss",
             params: [Param("weight", .any, default: .none), reductionParam, Param("pos_weight", .any, default: .none)],
             apply: tensorLoss { x, t, a in
                 guard a["weight"].isNone, a["pos_weight"].isNone else {
                     throw PyError(.notImplementedError, "binary_cross_entropy_with_logits: weight and pos_weight are not supported yet")
                 }
                 guard x.shape == t.shape else {
                     throw PyError(.valueError, "Target size (\(SizeObject(t.shape).repr)) must be the same as input size (\(SizeObject(x.shape).repr))")
                 }
                 return try x.binaryCrossEntropyWithLogits(t, reduction: try reduction(a))
             }),
        Loss(function: "cross_entropy", layer: "CrossEntropyLoss",
             params: [Param("weight", .any, default: .none), reductionParam, Param("label_smoothing", .float, default: .float(0))],
             apply: { input, target, a in
                 guard a["weight"].isNone, try a.double("label_smoothing") == 0 else {
                     throw PyError(.notImplementedError, "cross_entropy: weight and label_smoothing are not supported yet")
                 }
                 let x = try TorchArguments.tensor(input, "input")
                 return TorchArguments.out(try wrap { try x.crossEntropy(targets: try classIndices(target), reduction: try reduction(a)) })
             }),
        Loss(function: "nll_loss", layer: "NLLLoss", params: [Param("weight", .any, default: .none), reductionParam], apply: { input, target, a in
            guard a["weight"].isNone else { throw PyError(.notImplementedError, "nll_loss: weight is not supported yet") }
            let x = try TorchArguments.tensor(input, "input")
            let targets = try classIndices(target)
            guard x.rank == 1 || x.rank == 2 else { throw PyError(.valueError, "Expected 1 or 2 dimensions (got \(x.rank))") }
            let n = x.rank == 2 ? x.shape[0] : 1, c = x.shape[x.rank - 1]
            guard targets.count == n else { throw PyError(.valueError, "Expected input batch_size (\(n)) to match target batch_size (\(targets.count)).") }
            if let bad = targets.first(where: { $0 < 0 || $0 >= c }) { throw PyError(.indexError, "Target \(bad) is out of bounds.") }
            let picked = try wrap { try x.reshape([n, c]).gatherElements(axis: 1, index: targets, indexShape: [n, 1]).reshape(x.rank == 2 ? [n] : []).neg() }
            let loss: Tensor
            switch try reduction(a) {
            case .none: loss = picked
            case .sum: loss = picked.sum()
            case .mean: loss = try wrap { try picked.mean() }
            }
            return TorchArguments.out(loss.named("NllLossBackward0", from: x))
        }),
    ]

    static func register(functional f: NativeModule, nn: NativeModule) {
        for act in activations {
            f.function(act.function, doc: "Elementwise \(act.function) (PyTorch's formula).", params: [Param("input")] + act.params) { a in
                TorchArguments.out(try wrap { try act.apply(try TorchArguments.tensor(a["input"], "input"), a) })
            }
            guard let layer = act.layer else { continue }
            nn.add(NNModule.layerClass(layer, doc: "The \(act.function) activation as a layer.", params: act.params) { a, _ in
                let l = FunctionLayer { x in try act.apply(x, a) }
                return (l, "\(layer)(\(try act.repr(a)))", NNModule.unaryForward(layer, l))
            })
        }
        for loss in losses {
            f.function(loss.function, doc: "The \(loss.function.replacingOccurrences(of: "_", with: " ")) of input against target.",
                       params: [Param("input"), Param("target")] + loss.params) { a in
                try loss.apply(a["input"], a["target"], a)
            }
            nn.add(NNModule.layerClass(loss.layer, doc: "F.\(loss.function) as a module: loss(input, target).", params: loss.params) { a, _ in
                let forward: NNModule.Forward = { args, kw in
                    guard args.count == 2, kw.isEmpty else { throw PyError(.typeError, "\(loss.layer).forward() takes input and target") }
                    return try loss.apply(args[0], args[1], a)
                }
                return (FunctionLayer { $0 }, "\(loss.layer)()", forward)
            })
        }
        f.function("linear", doc: "x·Wᵀ + b.", params: [Param("input"), Param("weight"), Param("bias", .any, default: .none)]) { a in
            let bias = a["bias"].isNone ? nil : try TorchArguments.tensor(a["bias"], "bias")
            return TorchArguments.out(try wrap { try Tensor.linear(try TorchArguments.tensor(a["input"], "input"), weight: try TorchArguments.tensor(a["weight"], "weight"), bias: bias) })
        }
        f.function("one_hot", doc: "Class indices as one-hot rows (int64); num_classes=-1 takes max + 1.",
                   params: [Param("tensor"), Param("num_classes", .int, default: .int(-1))]) { a in
            let t = try TorchArguments.tensorObject(a["tensor"], "tensor")
            guard t.isInt else { throw PyError(.runtimeError, "one_hot is only applicable to index tensor of type LongTensor.") }
            let idx = t.tensor.data.map { Int($0) }
            if idx.contains(where: { $0 < 0 }) { throw PyError(.runtimeError, "Class values must be non-negative.") }
            var c = try a.int("num_classes")
            if c == -1 { c = (idx.max() ?? -1) + 1 }
            if idx.contains(where: { $0 >= c }) { throw PyError(.runtimeError, "Class values must be smaller than num_classes.") }
            var values = [Float](filled: 0, count: idx.count * c)
            for (k, i) in idx.enumerated() { values[k * c + i] = 1 }
            return .object(TensorObject(try wrap { try Tensor(values, shape: t.tensor.shape + [c]) }, isInt: true))
        }
        f.function("normalize", doc: "x / max(‖x‖_p, eps) along dim.",
                   params: [Param("input"), Param("p", .float, default: .float(2)), Param("dim", .int, default: .int(1)), Param("eps", .float, default: .float(1e-12))]) { a in
            let x = try TorchArguments.tensor(a["input"], "input")
            guard try a.double("p") == 2 else { throw PyError(.notImplementedError, "normalize: only p=2 is supported") }
            let r = try wrap {
                let norm = try x.pow(2).sum(axes: [try a.int("dim")], keepDim: true).sqrt().clamp(min: Float(try a.double("eps")))
                return try x / norm
            }
            return TorchArguments.out(r)
        }
        f.function("cosine_similarity", doc: "Cosine of the angle between x1 and x2 along dim.",
                   params: [Param("x1"), Param("x2"), Param("dim", .int, default: .int(1)), Param("eps", .float, default: .float(1e-8))]) { a in
            let x1 = try TorchArguments.tensor(a["x1"], "x1"), x2 = try TorchArguments.tensor(a["x2"], "x2")
            let dim = try a.int("dim"), eps = Float(try a.double("eps"))
            let r = try wrap {
                let n1 = try x1.pow(2).sum(axes: [dim], keepDim: true).sqrt().clamp(min: eps)
                let n2 = try x2.pow(2).sum(axes: [dim], keepDim: true).sqrt().clamp(min: eps)
                return try ((x1 / n1) * (x2 / n2)).sum(axes: [dim])
            }
            return TorchArguments.out(r)
        }
        nn.add(NNModule.layerClass("Flatten", doc: "Flattens axes start_dim…end_dim.",
                                   params: [Param("start_dim", .int, default: .int(1)), Param("end_dim", .int, default: .int(-1))]) { a, _ in
            let s = try a.int("start_dim"), e = try a.int("end_dim")
            let l = FunctionLayer { x in try x.flatten(startAxis: s, endAxis: e) }
            return (l, "Flatten(start_dim=\(s), end_dim=\(e))", NNModule.unaryForward("Flatten", l))
        })
    }
}
