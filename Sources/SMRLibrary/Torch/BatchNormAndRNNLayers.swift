import SMRLanguage
import SMRNeural
import SMRTensor

/// `nn.BatchNorm1d` and `nn.RNN`: constructor keywords, reprs and errors as PyTorch's.
extension NNModule {
    static func batchNorm1d() -> NativeType {
        let t = layerClass("BatchNorm1d", doc: "Batch normalisation over [N, C] or [N, C, L]: batch statistics in training, running ones in eval.",
                           params: [Param("num_features", .int), Param("eps", .float, default: .float(1e-5)), Param("momentum", .any, default: .float(0.1)),
                                    Param("affine", .bool, default: .bool(true)), Param("track_running_stats", .bool, default: .bool(true)),
                                    Param("bias", .bool, default: .bool(true))]) { a, _ in
            let momentum: Double? = a["momentum"].isNone ? nil : try a.double("momentum")
            let l = try BatchNorm1d(try a.int("num_features"), eps: Float(try a.double("eps")), momentum: momentum.map(Float.init),
                                    affine: try a.bool("affine"), bias: try a.bool("bias"), trackRunningStats: try a.bool("track_running_stats"))
            func flag(_ b: Bool) -> String { b ? "True" : "False" }
            let affine = try a.bool("affine"), hasBias = try a.bool("bias")
            let repr = "BatchNorm1d(\(l.numFeatures), eps=\(Repr.floatRepr(try a.double("eps"))), momentum=\(momentum.map(Repr.floatRepr) ?? "None"), affine=\(flag(affine)), bias=\(flag(affine && hasBias)), track_running_stats=\(flag(try a.bool("track_running_stats"))))"
            return (l, repr, { args, kw in
                guard args.count == 1, kw.isEmpty else { throw PyError(.typeError, "BatchNorm1d.forward() takes one tensor argument") }
                let x = try TorchArguments.tensor(args[0], "input")
                // PyTorch's messages and error types for the checks BatchNorm1d also makes.
                guard x.rank == 2 || x.rank == 3 else { throw PyError(.valueError, "expected 2D or 3D input (got \(x.rank)D input)") }
                if l.training, x.count / max(x.shape[1], 1) <= 1 {
                    throw PyError(.valueError, "Expected more than 1 value per channel when training, got input size \(SizeObject(x.shape).repr)")
                }
                if x.shape[1] != l.numFeatures {
                    throw PyError(.runtimeError, "running_mean should contain \(x.shape[1]) elements not \(l.numFeatures)")
                }
                return TorchArguments.out(try wrap { try l.forward(x) })
            })
        }
        func layer(_ o: NativeObject) throws -> BatchNorm1d {
            guard let m = (o as? ModuleObject)?.module as? BatchNorm1d else { throw PyError(.typeError, "not a BatchNorm1d") }
            return m
        }
        t.property("running_mean", doc: "Running mean of each channel (None when not tracked).") { o in
            try layer(o).runningMean.map { .object(TensorObject($0)) } ?? .none
        }
        t.property("running_var", doc: "Running (unbiased) variance of each channel (None when not tracked).") { o in
            try layer(o).runningVar.map { .object(TensorObject($0)) } ?? .none
        }
        t.property("num_batches_tracked", doc: "Training batches seen (an int tensor).") { o in
            try layer(o).numBatchesTracked.map { .object(TensorObject($0, isInt: true)) } ?? .none
        }
        t.property("num_features", doc: "Number of channels.") { o in .int(try layer(o).numFeatures) }
        return t
    }

    static func rnn() -> NativeType {
        layerClass("RNN", doc: "Multi-layer Elman RNN (tanh or relu); returns (output, h_n).",
                   params: recurrentParams + [Param("nonlinearity", .str, default: .str("tanh"))]) { a, _ in
            let nonlinearity = try a.string("nonlinearity")
            guard nonlinearity == "tanh" || nonlinearity == "relu" else {
                throw PyError(.valueError, "Unknown nonlinearity '\(nonlinearity)'. Select from 'tanh' or 'relu'.")
            }
            let l = try RNN(try a.int("input_size"), try a.int("hidden_size"), numLayers: try a.int("num_layers"),
                            nonlinearity: try a.string("nonlinearity"), bias: try a.bool("bias"),
                            batchFirst: try a.bool("batch_first"), dropout: Float(try a.double("dropout")))
            return (l, try recurrentRepr("RNN", a), { args, kw in
                guard let x = args.first else { throw PyError(.typeError, "RNN.forward() missing 1 required positional argument: 'input'") }
                let h = hx(args, kw)
                let r = try l.forward(try TorchArguments.tensor(x, "input"), state: h.isNone ? nil : try TorchArguments.tensor(h, "hx"))
                return .tuple([TorchArguments.out(r.output), TorchArguments.out(r.state)])
            })
        }
    }
}

/// `nn.Conv1d` with PyTorch's keywords (`padding` an int, a 1-tuple, 'valid' or 'same'), repr and errors.
extension NNModule {
    /// An int or a one-element tuple/list (`kernel_size=3` or `(3,)`).
    static func single(_ v: Value, _ name: String) throws -> Int {
        if let i = v.asInt { return i }
        let (d, _) = try ValueConversion.numbers(v, what: name)
        let ints = try ValueConversion.ints(d, name)
        guard ints.count == 1 else { throw PyError(.valueError, "\(name) must be an int or a 1-tuple for Conv1d, got \(Repr.repr(v))") }
        return ints[0]
    }

    static func conv1d() -> NativeType {
        layerClass("Conv1d", doc: "1-D convolution over [N, C_in, L] (groups=1, zero padding).",
                   params: [Param("in_channels", .int), Param("out_channels", .int), Param("kernel_size", .any), Param("stride", .any, default: .int(1)),
                            Param("padding", .any, default: .int(0)), Param("dilation", .any, default: .int(1)), Param("groups", .int, default: .int(1)),
                            Param("bias", .bool, default: .bool(true)), Param("padding_mode", .str, default: .str("zeros"))]) { a, _ in
            let k = try single(a["kernel_size"], "kernel_size"), stride = try single(a["stride"], "stride")
            let dilation = try single(a["dilation"], "dilation")
            guard try a.int("groups") == 1 else { throw PyError(.notImplementedError, "Conv1d: only groups=1 is supported") }
            guard try a.string("padding_mode") == "zeros" else { throw PyError(.notImplementedError, "Conv1d: only padding_mode='zeros' is supported") }
            var padding = (left: 0, right: 0)
            var paddingText: String?
            if case .str(let mode) = a["padding"] {
                guard mode == "same" || mode == "valid" else {
                    throw PyError(.valueError, "Invalid padding string '\(mode)', should be one of {'same', 'valid'}")
                }
                if mode == "same" {
                    guard stride == 1 else { throw PyError(.valueError, "padding='same' is not supported for strided convolutions") }
                    let total = dilation * (k - 1)
                    padding = (total / 2, total - total / 2)
                }
                paddingText = mode
            } else {
                let p = try single(a["padding"], "padding")
                padding = (p, p)
                if p != 0 { paddingText = "(\(p),)" }
            }
            let l = try Conv1d(try a.int("in_channels"), try a.int("out_channels"), kernelSize: k, stride: stride, padding: padding,
                               dilation: dilation, bias: try a.bool("bias"))
            var repr = "Conv1d(\(l.inChannels), \(l.outChannels), kernel_size=(\(k),), stride=(\(stride),)"
            if let paddingText { repr += ", padding=\(paddingText)" }
            if dilation != 1 { repr += ", dilation=(\(dilation),)" }
            if !l.hasBias { repr += ", bias=False" }
            return (l, repr + ")", { args, kw in
                guard args.count == 1, kw.isEmpty else { throw PyError(.typeError, "Conv1d.forward() takes one tensor argument") }
                let x = try TorchArguments.tensor(args[0], "input")
                guard x.rank == 2 || x.rank == 3 else {
                    throw PyError(.runtimeError, "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: \(Shape.describe(x.shape))")
                }
                let channels = x.shape[x.rank - 2]
                guard channels == l.inChannels else {
                    throw PyError(.runtimeError, "Given groups=1, weight of size \(Shape.describe(l.weight.shape)), expected input\(Shape.describe(x.rank == 3 ? x.shape : [1] + x.shape)) to have \(l.inChannels) channels, but got \(channels) channels instead")
                }
                let padded = x.shape[x.rank - 1] + l.padLeft + l.padRight
                guard padded >= l.dilation * (l.kernelSize - 1) + 1 else {
                    throw PyError(.runtimeError, "Calculated padded input size per channel: (\(padded)). Kernel size: (\(l.dilation * (l.kernelSize - 1) + 1)). Kernel size can't be greater than actual input size")
                }
                return TorchArguments.out(try wrap { try l.forward(x) })
            })
        }
    }
}
