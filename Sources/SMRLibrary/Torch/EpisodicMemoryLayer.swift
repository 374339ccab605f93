import SMRLanguage
import SMRNeural
import SMRTensor

/// `nn.EpisodicMemory(input_size, hidden_size, memory_size=64, key_size=16, top_k=8, cell="lstm", ...)`:
/// the episodic-memory RNN with `nn.LSTM`'s call and state (`nn.GRU`'s with `cell="gru"`).
/// Its help text, keyword defaults and repr all come from `params` below.
extension NNModule {
    static let episodicMemoryParams: [Param] = {
        let d = SMRNeural.EpisodicMemoryDefaults.self
        return [
            Param("input_size", .int, doc: "Features of x_t."),
            Param("hidden_size", .int, doc: "Features of the controller's h_t."),
            Param("memory_size", .int, default: .int(d.memorySize), doc: "Rows of the circular buffer."),
            Param("key_size", .int, default: .int(d.keySize), doc: "Length of keys and queries."),
            Param("top_k", .int, default: .int(d.topK), doc: "Rows read per step (the most similar keys)."),
            Param("cell", .str, default: .str(d.cell.rawValue), doc: "Controller: 'lstm' (state (h, c)) or 'gru' (state h)."),
            Param("weighting", .str, default: .str(d.weighting.rawValue), doc: "'softmax': attention weights softmax(s) over the top_k rows (as MRA); 'dot': rows times their raw similarity s, as the post words it."),
            Param("batch_first", .bool, default: .bool(false), doc: "Input [batch, T, in] instead of [T, batch, in]."),
        ]
    }()

    static func episodicMemory() -> NativeType {
        let params = episodicMemoryParams
        let t = layerClass("EpisodicMemory", doc: """
            An RNN with an episodic memory (GoodAI's post, after the MRA of Fortunato et al. 2019): a circular buffer of rows [x_t, h_t, key_t], key = Linear([x_t, h_t]); each step writes the previous step's row, reads the top_k rows whose keys best match query = Linear([x_t, h_{t-1}]) (m_t = sum of w_i [x_i, h_i], w = softmax of the similarities, or the raw similarities with weighting='dot') and steps the controller on [x_t, m_t].
            A drop-in for nn.LSTM (nn.GRU with cell='gru'): out, (h, c) = mem(x, hx). hx=None starts a new sequence and clears the memory; passing the returned state continues it, so a sequence can be fed one step at a time. Gradients flow through the reads.
            """, params: params) { a, _ in
            guard let cell = EpisodicMemory.Cell(rawValue: try a.string("cell")) else {
                throw PyError(.valueError, "EpisodicMemory: cell must be 'lstm' or 'gru', got '\(try a.string("cell"))'")
            }
            guard let weighting = Tensor.ReadWeighting(rawValue: try a.string("weighting")) else {
                throw PyError(.valueError, "EpisodicMemory: weighting must be 'dot' or 'softmax', got '\(try a.string("weighting"))'")
            }
            let m = try EpisodicMemory(try a.int("input_size"), try a.int("hidden_size"), memorySize: try a.int("memory_size"),
                                       keySize: try a.int("key_size"), topK: try a.int("top_k"), cell: cell, weighting: weighting,
                                       batchFirst: try a.bool("batch_first"))
            return (m, declaredRepr("EpisodicMemory", params, a), { args, kw in
                guard let x = args.first else { throw PyError(.typeError, "EpisodicMemory.forward() missing 1 required positional argument: 'input'") }
                let hx = args.count > 1 ? args[1] : (kw.first { $0.0 == "hx" }?.1 ?? .none)
                let state: (h: Tensor, c: Tensor?)?
                switch cell {
                case .lstm: state = try TorchArguments.pair(hx, "hx").map { (h: $0.0, c: $0.1) }
                case .gru: state = hx.isNone ? nil : (h: try TorchArguments.tensor(hx, "hx"), c: nil)
                }
                let r = try m.forward(try TorchArguments.tensor(x, "input"), state: state)
                let out = TorchArguments.out(r.output), h = TorchArguments.out(r.state.h)
                guard let c = r.state.c else { return .tuple([out, h]) }
                return .tuple([out, .tuple([h, TorchArguments.out(c)])])
            })
        }
        t.method("reset_memory", doc: "Empty the memory (a call with hx=None does this itself).") { o, _ in
            try episodic(o).resetMemory()
            return .none
        }
        t.property("memory_filled", doc: "Rows currently stored (at most memory_size).") { o in .int(try episodic(o).memoryKeys.count) }
        return t
    }

    static func episodic(_ o: NativeInstance) throws -> EpisodicMemory {
        guard let m = try ModuleObject.module(o) as? EpisodicMemory else { throw PyError(.typeError, "not an EpisodicMemory") }
        return m
    }

    /// `Name(required, ..., keyword=value, ...)` from a declaration: required parameters by value,
    /// the others only when they differ from their default (as PyTorch's reprs).
    static func declaredRepr(_ name: String, _ params: [Param], _ a: Arguments) -> String {
        var parts: [String] = []
        for p in params {
            let v = a[p.name]
            if let d = p.defaultValue {
                if Repr.repr(v) != Repr.repr(d.value) { parts.append("\(p.name)=\(Repr.repr(v))") }
            } else {
                parts.append(Repr.repr(v))
            }
        }
        return "\(name)(" + parts.joined(separator: ", ") + ")"
    }
}
