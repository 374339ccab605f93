import SMRLanguage
import SMRNeural
import SMRTensor

/// `torch.nn`: layer classes with PyTorch's constructor keywords and reprs.
enum NNModule {
    typealias Forward = ([Value], [(String, Value)]) throws -> Value

    static func make() -> NativeModule {
        let nn = NativeModule("torch.nn", doc: "Layers with PyTorch's names, defaults and numerics.")
        for t in [linear(), lstm(), gru(), lstmCell(), gruCell(), episodicMemory(), embedding(), layerNorm(), dropout(), multiheadAttention(),
                  transformerEncoderLayer(), transformerEncoder(), batchNorm1d(), rnn(), conv1d(),
                  activation("ReLU") { ReLU() }, activation("Tanh") { Tanh() }, activation("Sigmoid") { Sigmoid() },
                  activation("Identity") { Identity() }] {
            nn.add(t)
        }
        nn.add("Sequential", .object(sequential()))
        nn.add(UserModules.moduleType)
        nn.add(UserModules.moduleListType)
        nn.add(ModuleContainers.moduleDictType)
        nn.add(ModuleContainers.parameterListType)
        nn.add(ModuleContainers.parameterDictType)
        nn.add(UserModules.parameterFunction)
        let utils = NativeModule("torch.nn.utils", doc: "clip_grad_norm_.")
        utils.function("clip_grad_norm_", doc: "Scale gradients so their total norm is at most max_norm; returns the total norm.",
                       params: [Param("parameters"), Param("max_norm", .float), Param("norm_type", .float, default: .float(2)),
                                Param("error_if_nonfinite", .bool, default: .bool(false))]) { a in
            let params = try TorchArguments.tensors(a["parameters"], "parameters").map(\.tensor)
            let total = try wrap {
                try clipGradNorm(params, maxNorm: try a.double("max_norm"), normType: try a.double("norm_type"),
                                 errorIfNonfinite: try a.bool("error_if_nonfinite"))
            }
            return TorchArguments.out(Tensor(scalar: total))
        }
        nn.add("utils", .object(utils))
        let functional = NativeModule("torch.nn.functional", doc: "relu, tanh, softmax, mse_loss.")
        functional.function("relu", params: [Param("input")]) { a in TorchArguments.out(try TorchArguments.tensor(a["input"], "input").relu()) }
        functional.function("tanh", params: [Param("input")]) { a in TorchArguments.out(try TorchArguments.tensor(a["input"], "input").tanh()) }
        functional.function("softmax", params: [Param("input"), Param("dim", .int)]) { a in
            TorchArguments.out(try wrap { try TorchArguments.tensor(a["input"], "input").softmax(axis: try a.int("dim")) })
        }
        functional.function("mse_loss", doc: "Mean squared error.", params: [Param("input"), Param("target"), Param("reduction", .str, default: .str("mean"))]) { a in
            let r = Reduction(rawValue: try a.string("reduction")) ?? .mean
            return TorchArguments.out(try wrap { try TorchArguments.tensor(a["input"], "input").mseLoss(try TorchArguments.tensor(a["target"], "target"), reduction: r) })
        }
        NNFunctional.register(functional: functional, nn: nn)
        EinsumAndPad.installPad(into: functional)
        nn.add("functional", .object(functional))
        NNInitFunctions.install(into: nn)
        return nn
    }

    /// A layer class: `build` returns the layer, its repr and its forward.
    static func layerClass(_ name: String, doc: String, params: [Param], _ build: @escaping (Arguments, NativeType) throws -> (Module, String, Forward)) -> NativeType {
        let t = NativeType(name, doc: doc)
        // A layer remembers its arguments so that copy.deepcopy can build its twin.
        func make(_ args: Arguments) throws -> ModuleObject {
            let (m, repr, forward) = try wrap { try build(args, t) }
            let layer = ModuleObject(type: t, module: m, repr: repr, forward: forward)
            layer.rebuild = { copyValue in
                var copied = args
                copied.values = try args.values.map(copyValue)
                copied.extra = try args.extra.map(copyValue)
                return try make(copied)
            }
            return layer
        }
        t.initializer(params: params) { args in .object(try make(args)) }
        ModuleObject.addCommonMembers(t)
        return t
    }

    static func unaryForward(_ name: String, _ layer: any UnaryLayer) -> Forward {
        { args, kw in
            guard args.count == 1, kw.isEmpty else { throw PyError(.typeError, "\(name).forward() takes one tensor argument") }
            return TorchArguments.out(try layer.forward(try TorchArguments.tensor(args[0], "input")))
        }
    }

    static func linear() -> NativeType {
        layerClass("Linear", doc: "y = x Wᵀ + b, initialised as PyTorch (kaiming-uniform).",
                   params: [Param("in_features", .int), Param("out_features", .int), Param("bias", .bool, default: .bool(true))]) { a, _ in
            let l = try Linear(try a.int("in_features"), try a.int("out_features"), bias: try a.bool("bias"))
            return (l, "Linear(in_features=\(l.inFeatures), out_features=\(l.outFeatures), bias=\(l.bias != nil ? "True" : "False"))", unaryForward("Linear", l))
        }
    }

    static func activation(_ name: String, _ make: @escaping () -> any UnaryLayer) -> NativeType {
        layerClass(name, doc: "The \(name) activation as a layer.", params: []) { _, _ in
            let l = make()
            return (l, "\(name)()", unaryForward(name, l))
        }
    }

    /// The parameters nn.LSTM and nn.GRU share, in PyTorch's order.
    static let recurrentParams = [Param("input_size", .int), Param("hidden_size", .int), Param("num_layers", .int, default: .int(1)),
                                  Param("bias", .bool, default: .bool(true)), Param("batch_first", .bool, default: .bool(false)),
                                  Param("dropout", .float, default: .float(0))]

    /// `LSTM(3, 8, batch_first=True)`: the sizes, then only the arguments off their defaults, as PyTorch prints.
    static func recurrentRepr(_ name: String, _ a: Arguments) throws -> String {
        var parts = ["\(try a.int("input_size"))", "\(try a.int("hidden_size"))"]
        if try a.int("num_layers") != 1 { parts.append("num_layers=\(try a.int("num_layers"))") }
        if !(try a.bool("bias")) { parts.append("bias=False") }
        if try a.bool("batch_first") { parts.append("batch_first=True") }
        if try a.double("dropout") != 0 { parts.append("dropout=\(Repr.floatRepr(try a.double("dropout")))") }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }

    /// The `hx` argument of a recurrent layer's call (positional or keyword), `.none` when absent.
    static func hx(_ args: [Value], _ kw: [(String, Value)]) -> Value {
        args.count > 1 ? args[1] : (kw.first { $0.0 == "hx" }?.1 ?? .none)
    }

    static func lstm() -> NativeType {
        layerClass("LSTM", doc: "Multi-layer LSTM; returns (output, (h_n, c_n)).", params: recurrentParams) { a, _ in
            let l = try LSTM(try a.int("input_size"), try a.int("hidden_size"), numLayers: try a.int("num_layers"), bias: try a.bool("bias"),
                             batchFirst: try a.bool("batch_first"), dropout: Float(try a.double("dropout")))
            return (l, try recurrentRepr("LSTM", a), { args, kw in
                guard let x = args.first else { throw PyError(.typeError, "LSTM.forward() missing 1 required positional argument: 'input'") }
                let state = try TorchArguments.pair(hx(args, kw), "hx").map { (h: $0.0, c: $0.1) }
                let r = try l.forward(try TorchArguments.tensor(x, "input"), state: state)
                return .tuple([TorchArguments.out(r.output), .tuple([TorchArguments.out(r.state.h), TorchArguments.out(r.state.c)])])
            })
        }
    }

    static func gru() -> NativeType {
        layerClass("GRU", doc: "Multi-layer GRU; returns (output, h_n).", params: recurrentParams) { a, _ in
            let l = try GRU(try a.int("input_size"), try a.int("hidden_size"), numLayers: try a.int("num_layers"), bias: try a.bool("bias"),
                            batchFirst: try a.bool("batch_first"), dropout: Float(try a.double("dropout")))
            return (l, try recurrentRepr("GRU", a), { args, kw in
                guard let x = args.first else { throw PyError(.typeError, "GRU.forward() missing 1 required positional argument: 'input'") }
                let h = hx(args, kw)
                let r = try l.forward(try TorchArguments.tensor(x, "input"), state: h.isNone ? nil : try TorchArguments.tensor(h, "hx"))
                return .tuple([TorchArguments.out(r.output), TorchArguments.out(r.state)])
            })
        }
    }

    static func lstmCell() -> NativeType {
        layerClass("LSTMCell", doc: "One LSTM step; returns (h, c).",
                   params: [Param("input_size", .int), Param("hidden_size", .int), Param("bias", .bool, default: .bool(true))]) { a, _ in
            let l = try LSTMCell(try a.int("input_size"), try a.int("hidden_size"), bias: try a.bool("bias"))
            return (l, "LSTMCell(\(l.inputSize), \(l.hiddenSize))", { args, kw in
                guard let x = args.first else { throw PyError(.typeError, "LSTMCell.forward() missing 1 required positional argument: 'input'") }
                let state = try TorchArguments.pair(hx(args, kw), "hx").map { (h: $0.0, c: $0.1) }
                let r = try l.forward(try TorchArguments.tensor(x, "input"), state: state)
                return .tuple([TorchArguments.out(r.h), TorchArguments.out(r.c)])
            })
        }
    }

    static func gruCell() -> NativeType {
        layerClass("GRUCell", doc: "One GRU step; returns h.",
                   params: [Param("input_size", .int), Param("hidden_size", .int), Param("bias", .bool, default: .bool(true))]) { a, _ in
            let l = try GRUCell(try a.int("input_size"), try a.int("hidden_size"), bias: try a.bool("bias"))
            return (l, "GRUCell(\(l.inputSize), \(l.hiddenSize))", { args, kw in
                guard let x = args.first else { throw PyError(.typeError, "GRUCell.forward() missing 1 required positional argument: 'input'") }
                let h0 = hx(args, kw)
                let h = h0.isNone ? nil : try TorchArguments.tensor(h0, "hx")
                return TorchArguments.out(try l.forward(try TorchArguments.tensor(x, "input"), state: h))
            })
        }
    }

    static func embedding() -> NativeType {
        layerClass("Embedding", doc: "A lookup table of num_embeddings vectors.",
                   params: [Param("num_embeddings", .int), Param("embedding_dim", .int), Param("padding_idx", .int, default: .none)]) { a, _ in
            let l = try Embedding(try a.int("num_embeddings"), try a.int("embedding_dim"), paddingIndex: try a.optionalInt("padding_idx"))
            let repr = "Embedding(\(l.numEmbeddings), \(l.embeddingDim)" + (l.paddingIndex.map { ", padding_idx=\($0)" } ?? "") + ")"
            return (l, repr, { args, _ in
                guard let x = args.first else { throw PyError(.typeError, "Embedding.forward() missing 1 required positional argument: 'input'") }
                let (values, shape) = try ValueConversion.numbers(x, what: "input")
                return TorchArguments.out(try l.forward(try ValueConversion.ints(values, "input"), indexShape: shape))
            })
        }
    }

    static func layerNorm() -> NativeType {
        layerClass("LayerNorm", doc: "Layer normalisation over the last axes.",
                   params: [Param("normalized_shape", .any), Param("eps", .float, default: .float(1e-5)),
                            Param("elementwise_affine", .bool, default: .bool(true)), Param("bias", .bool, default: .bool(true))]) { a, _ in
            let (dims, _) = try ValueConversion.numbers(a["normalized_shape"], what: "normalized_shape")
            let shape = try ValueConversion.ints(dims, "normalized_shape")
            let l = try LayerNorm(shape, eps: Float(try a.double("eps")), elementwiseAffine: try a.bool("elementwise_affine"), bias: try a.bool("bias"))
            let repr = "LayerNorm(\(NumpyFormat.shapeText(shape)), eps=\(Repr.floatRepr(try a.double("eps"))), elementwise_affine=\(try a.bool("elementwise_affine") ? "True" : "False"))"
            return (l, repr, unaryForward("LayerNorm", l))
        }
    }

    static func dropout() -> NativeType {
        layerClass("Dropout", doc: "Zeroes elements with probability p in training mode.", params: [Param("p", .float, default: .float(0.5))]) { a, _ in
            let l = try Dropout(Float(try a.double("p")))
            return (l, "Dropout(p=\(Repr.floatRepr(try a.double("p"))), inplace=False)", unaryForward("Dropout", l))
        }
    }

    static func multiheadAttention() -> NativeType {
        layerClass("MultiheadAttention", doc: "Multi-head attention; returns (output, averaged attention weights).",
                   params: [Param("embed_dim", .int), Param("num_heads", .int), Param("dropout", .float, default: .float(0)),
                            Param("bias", .bool, default: .bool(true)), Param("batch_first", .bool, default: .bool(false))]) { a, _ in
            let l = try MultiheadAttention(embedDim: try a.int("embed_dim"), numHeads: try a.int("num_heads"), dropout: Float(try a.double("dropout")),
                                           bias: try a.bool("bias"), batchFirst: try a.bool("batch_first"))
            let repr = "MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear(in_features=\(l.embedDim), out_features=\(l.embedDim), bias=\(try a.bool("bias") ? "True" : "False"))\n)"
            return (l, repr, { args, kw in
                guard args.count >= 3 else { throw PyError(.typeError, "MultiheadAttention.forward() needs query, key and value") }
                let need = kw.first { $0.0 == "need_weights" }?.1.isTruthy ?? true
                let r = try l.forward(query: try TorchArguments.tensor(args[0], "query"), key: try TorchArguments.tensor(args[1], "key"),
                                      value: try TorchArguments.tensor(args[2], "value"), needWeights: need)
                return .tuple([TorchArguments.out(r.output), r.weights.map(TorchArguments.out) ?? .none])
            })
        }
    }

    static func transformerEncoderLayer() -> NativeType {
        layerClass("TransformerEncoderLayer", doc: "Self-attention + feed-forward block (post-norm by default, as PyTorch).",
                   params: [Param("d_model", .int), Param("nhead", .int), Param("dim_feedforward", .int, default: .int(2048)),
                            Param("dropout", .float, default: .float(0.1)), Param("batch_first", .bool, default: .bool(false)),
                            Param("norm_first", .bool, default: .bool(false))]) { a, _ in
            let l = try TransformerEncoderLayer(dModel: try a.int("d_model"), nhead: try a.int("nhead"), dimFeedforward: try a.int("dim_feedforward"),
                                                dropout: Float(try a.double("dropout")), batchFirst: try a.bool("batch_first"), normFirst: try a.bool("norm_first"))
            return (l, "TransformerEncoderLayer(d_model=\(l.dModel), nhead=\(l.nhead), dim_feedforward=\(l.dimFeedforward))", unaryForward("TransformerEncoderLayer", l))
        }
    }

    static func transformerEncoder() -> NativeType {
        layerClass("TransformerEncoder", doc: "num_layers copies of encoder_layer.",
                   params: [Param("encoder_layer", .object("TransformerEncoderLayer")), Param("num_layers", .int), Param("norm", .any, default: .none)]) { a, _ in
            guard case .object(let o as ModuleObject) = a["encoder_layer"], let layer = o.module as? TransformerEncoderLayer else {
                throw PyError(.typeError, "TransformerEncoder() argument 'encoder_layer' must be a TransformerEncoderLayer")
            }
            var norm: LayerNorm?
            if case .object(let n as ModuleObject) = a["norm"] { norm = n.module as? LayerNorm }
            let l = try TransformerEncoder(layer, numLayers: try a.int("num_layers"), norm: norm)
            return (l, "TransformerEncoder(num_layers=\(l.layers.count))", unaryForward("TransformerEncoder", l))
        }
    }

    static func sequential() -> LibraryFunction {
        let t = NativeType("Sequential", doc: "Layers applied in order: Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)).")
        ModuleObject.addCommonMembers(t)
        /// `numbers`: each layer's number in the repr (nil: 0, 1, …; a slice keeps the original ones).
        func make(_ args: [Value], numbers given: [Int]? = nil) throws -> ModuleObject {
            let numbers = given ?? Array(args.indices)
            var layers: [any UnaryLayer] = []
            var lines: [String] = []
            for (k, v) in args.enumerated() {
                guard case .object(let o as ModuleObject) = v, let u = o.module as? any UnaryLayer else {
                    throw PyError(.typeError, "Sequential(): argument \(k) is not a single-input layer (\(v.typeName))")
                }
                layers.append(u)
                lines.append("  (\(numbers[k])): " + o.reprText.replacingOccurrences(of: "\n", with: "\n  "))
            }
            let s = Sequential(layers)
            let repr = lines.isEmpty ? "Sequential()" : "Sequential(\n" + lines.joined(separator: "\n") + "\n)"
            let layer = ModuleObject(type: t, module: s, repr: repr, forward: unaryForward("Sequential", s))
            // copy.deepcopy builds the twin from copies of the layers.
            layer.rebuild = { copyValue in try make(try args.map(copyValue), numbers: numbers) }
            layer.sequenceItems = (args, numbers, { try make($0, numbers: $1) })
            return layer
        }
        let ctor = LibraryFunction("Sequential", signature: "Sequential(*layers)", doc: t.doc) { args, kw, _ in
            guard kw.isEmpty else { throw PyError(.typeError, "Sequential() takes layers as positional arguments") }
            return .object(try make(args))
        }
        return ctor
    }
}
