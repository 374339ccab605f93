import SMRAgents
import SMRLanguage
import SMRNeural
import SMRTensor

/// The memory-augmented RL notebook's model classes as `torch.nn`-style layer objects: callable like the notebook's
/// `agent(obs_tensor, hidden)`, with `parameters()`, `named_parameters()`, `to(device)`,
/// `train()`/`eval()`, and PyTorch's module-tree repr.
enum AgentClasses {
    static func lstmActorCritic() -> NativeType {
        let t = NNModule.layerClass(
            "LSTMActorCritic",
            doc: "The notebook's LSTM actor-critic: nn.LSTM(obs_dim, hidden_size, batch_first=True), actor Linear → tanh, critic Linear.\nagent(obs, hidden) returns (action_mean, value, hidden); init_hidden() gives zeros (1, 1, hidden_size).",
            params: [Param("obs_dim", .int), Param("act_dim", .int), Param("hidden_size", .int, default: .int(128))]
        ) { a, _ in
            let m = try AgentArguments.run {
                try LSTMActorCritic(obsDim: try a.int("obs_dim"), actDim: try a.int("act_dim"), hiddenSize: try a.int("hidden_size"))
            }
            let repr = """
                LSTMActorCritic(
                  (lstm): LSTM(\(m.obsDim), \(m.hiddenSize), batch_first=True)
                  (actor): \(linearRepr(m.actor))
                  (critic): \(linearRepr(m.critic))
                )
                """
            return (m, repr, { args, kw in
                guard args.count == 2, kw.isEmpty else { throw PyError(.typeError, "LSTMActorCritic.forward() takes (obs, hidden)") }
                let obs = try TorchArguments.tensor(args[0], "obs")
                guard let (h, c) = try TorchArguments.pair(args[1], "hidden") else {
                    throw PyError(.typeError, "LSTMActorCritic.forward() needs hidden = agent.init_hidden()")
                }
                return try AgentArguments.run {
                    let out = try m.forward(obs, hidden: (h, c))
                    let state = Value.tuple([TorchArguments.out(try out.hidden.h.reshape([1, 1, m.hiddenSize])),
                                             TorchArguments.out(try out.hidden.c.reshape([1, 1, m.hiddenSize]))])
                    return .tuple([TorchArguments.out(out.actionMean), TorchArguments.out(out.value), state])
                }
            })
        }
        t.method("init_hidden", doc: "Zeros (h, c), each of shape (1, 1, hidden_size).") { o, _ in
            let m = try AgentArguments.module(.object(o), as: LSTMActorCritic.self, "init_hidden", "self", "LSTMActorCritic")
            let (h, c) = try AgentArguments.run { try m.initHidden() }
            return .tuple([TorchArguments.out(h), TorchArguments.out(c)])
        }
        return t
    }

    static func transformerActorCritic() -> NativeType {
        let t = NNModule.layerClass(
            "TransformerActorCritic",
            doc: "The notebook's transformer actor-critic: input_proj, a learned N(0, 1) pos_encoding, nn.TransformerEncoder (PyTorch defaults: feed-forward 2048, dropout 0.1, training mode), actor Linear → tanh and critic Linear on the last position.\npolicy(obs_seq) with obs_seq (batch, T, obs_dim) returns (action, value).",
            params: [Param("obs_dim", .int), Param("act_dim", .int), Param("seq_len", .int, default: .int(10)),
                     Param("hidden_dim", .int, default: .int(128)), Param("n_heads", .int, default: .int(4)),
                     Param("n_layers", .int, default: .int(2))]
        ) { a, _ in
            let m = try AgentArguments.run {
                try TransformerActorCritic(obsDim: try a.int("obs_dim"), actDim: try a.int("act_dim"), seqLen: try a.int("seq_len"),
                                           hiddenDim: try a.int("hidden_dim"), nHeads: try a.int("n_heads"), nLayers: try a.int("n_layers"))
            }
            return (m, transformerRepr(m), { args, kw in
                guard args.count == 1, kw.isEmpty else { throw PyError(.typeError, "TransformerActorCritic.forward() takes (obs_seq)") }
                let obs = try TorchArguments.tensor(args[0], "obs_seq")
                return try AgentArguments.run {
                    let out = try m.forward(obs)
                    return .tuple([TorchArguments.out(out.action), TorchArguments.out(out.value)])
                }
            })
        }
        t.property("seq_len", doc: "The window length (positions of pos_encoding).") { o in
            .int(try AgentArguments.module(.object(o), as: TransformerActorCritic.self, "seq_len", "self", "TransformerActorCritic").seqLen)
        }
        return t
    }

    static func explicitMemoryAgent() -> NativeType {
        let t = NNModule.layerClass(
            "ExplicitMemoryAgent",
            doc: "The notebook's NTM-like agent: a GRUCell controller, a memory_slots × memory_dim memory read and written through softmax heads, actor and critic on [hidden, read vector].\nagent(obs, hidden) returns (action, value, hidden) and writes to agent.memory; reset_memory() clears it.",
            params: [Param("obs_dim", .int), Param("act_dim", .int), Param("memory_slots", .int, default: .int(20)),
                     Param("memory_dim", .int, default: .int(32)), Param("hidden_dim", .int, default: .int(128))]
        ) { a, _ in
            let m = try AgentArguments.run {
                try ExplicitMemoryAgent(obsDim: try a.int("obs_dim"), actDim: try a.int("act_dim"), memorySlots: try a.int("memory_slots"),
                                        memoryDim: try a.int("memory_dim"), hiddenDim: try a.int("hidden_dim"))
            }
            let repr = """
                ExplicitMemoryAgent(
                  (controller): GRUCell(\(m.obsDim + m.memoryDim), \(m.hiddenDim))
                  (read_head): \(linearRepr(m.readHead))
                  (write_head): \(linearRepr(m.writeHead))
                  (write_projection): \(linearRepr(m.writeProjection))
                  (actor): \(linearRepr(m.actor))
                  (critic): \(linearRepr(m.critic))
                )
                """
            return (m, repr, { args, kw in
                guard args.count == 2, kw.isEmpty else { throw PyError(.typeError, "ExplicitMemoryAgent.forward() takes (obs, hidden)") }
                let obs = try TorchArguments.tensor(args[0], "obs")
                let hidden = try TorchArguments.tensor(args[1], "hidden")
                return try AgentArguments.run {
                    let out = try m.forward(obs, hidden: hidden)
                    return .tuple([TorchArguments.out(out.action), TorchArguments.out(out.value), TorchArguments.out(out.hidden)])
                }
            })
        }
        t.method("init_hidden", doc: "Zeros of shape (1, hidden_dim).") { o, _ in
            let m = try AgentArguments.module(.object(o), as: ExplicitMemoryAgent.self, "init_hidden", "self", "ExplicitMemoryAgent")
            return TorchArguments.out(try AgentArguments.run { try m.initHidden() })
        }
        t.method("reset_memory", doc: "A fresh zero memory.") { o, _ in
            let m = try AgentArguments.module(.object(o), as: ExplicitMemoryAgent.self, "reset_memory", "self", "ExplicitMemoryAgent")
            try AgentArguments.run { try m.resetMemory() }
            return .none
        }
        t.property("memory", doc: "The memory matrix (memory_slots, memory_dim).") { o in
            TorchArguments.out(try AgentArguments.module(.object(o), as: ExplicitMemoryAgent.self, "memory", "self", "ExplicitMemoryAgent").memory)
        }
        return t
    }

    static func linearRepr(_ l: Linear) -> String {
        "Linear(in_features=\(l.inFeatures), out_features=\(l.outFeatures), bias=\(l.bias != nil ? "True" : "False"))"
    }

    /// PyTorch's repr of the transformer model (identical layers folded as `(0-1): 2 x …`).
    static func transformerRepr(_ m: TransformerActorCritic) -> String {
        let d = m.hiddenDim
        let layers = m.nLayers == 1 ? "(0)" : "(0-\(m.nLayers - 1)): \(m.nLayers) x"
        let ff = m.transformerEncoder.layers.first?.dimFeedforward ?? 2048
        let p = m.transformerEncoder.layers.first.map { Repr.floatRepr(Double($0.dropoutP)) } ?? "0.1"
        return """
            TransformerActorCritic(
              (input_proj): \(linearRepr(m.inputProj))
              (transformer_encoder): TransformerEncoder(
                (layers): ModuleList(
                  \(layers) TransformerEncoderLayer(
                    (self_attn): MultiheadAttention(
                      (out_proj): NonDynamicallyQuantizableLinear(in_features=\(d), out_features=\(d), bias=True)
                    )
                    (linear1): Linear(in_features=\(d), out_features=\(ff), bias=True)
                    (dropout): Dropout(p=\(p), inplace=False)
                    (linear2): Linear(in_features=\(ff), out_features=\(d), bias=True)
                    (norm1): LayerNorm((\(d),), eps=1e-05, elementwise_affine=True)
                    (norm2): LayerNorm((\(d),), eps=1e-05, elementwise_affine=True)
                    (dropout1): Dropout(p=\(p), inplace=False)
                    (dropout2): Dropout(p=\(p), inplace=False)
                  )
                )
              )
              (actor): \(linearRepr(m.actor))
              (critic): \(linearRepr(m.critic))
            )
            """
    }
}
