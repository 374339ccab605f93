import Foundation
import XCTest
@testable import SMRNeural
@testable import SMRTensor

/// Every layer against PyTorch: fixtures written by scripts/make_layer_fixtures.py hold
/// weights, inputs, outputs and the gradients of L = Σ sum(outᵢ·Wᵢ) for each case; we
/// load the weights, run the same inputs and require outputs and gradients to 1e-5.
final class LayerParityTests: XCTestCase {
    struct Blob: Decodable { let shape: [Int]; let data: [Float] }
    struct Case: Decodable {
        let config: [String: ConfigValue]
        let mode: String
        let params: [String: Blob]
        let inputs: [String: Blob]
        let int_inputs: [String: [[Int]]]
        let outputs: [String: Blob]
        let loss_weights: [String: Blob]
        let grads: [String: Blob]
    }
    enum ConfigValue: Decodable {
        case int(Int), double(Double), bool(Bool), list([Int])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int.self) { self = .int(i) }
            else if let d = try? c.decode(Double.self) { self = .double(d) }
            else { self = .list(try c.decode([Int].self)) }
        }
        var int: Int { if case .int(let i) = self { return i }; return 0 }
        var float: Float { switch self { case .double(let d): return Float(d); case .int(let i): return Float(i); default: return 0 } }
        var bool: Bool { if case .bool(let b) = self { return b }; return false }
        var list: [Int] { if case .list(let l) = self { return l }; return [] }
    }
    struct File: Decodable { let cases: [String: Case] }

    static let fixtures: [String: Case] = {
        guard let url = Bundle.module.url(forResource: "layers", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [:] }
        return file.cases
    }()

    func fixture(_ name: String) throws -> Case {
        guard let c = Self.fixtures[name] else { throw LayerError("fixture", "missing case \(name)") }
        return c
    }

    func tensor(_ b: Blob, grad: Bool = false) throws -> Tensor { try Tensor(b.data, shape: b.shape, requiresGrad: grad) }

    /// Loads parameters by name, runs `forward`, backpropagates the weighted loss and
    /// compares outputs and gradients.
    func check(_ name: String, _ module: Module, file: StaticString = #filePath, line: UInt = #line,
               forward: ([String: Tensor], [String: [[Int]]]) throws -> [String: Tensor]) throws {
        let c = try fixture(name)
        let params = Dictionary(uniqueKeysWithValues: module.namedParameters().map { ($0.name, $0.tensor) })
        XCTAssertEqual(Set(params.keys), Set(c.params.keys), "\(name): parameter names", file: file, line: line)
        for (k, blob) in c.params {
            guard let p = params[k] else { continue }
            XCTAssertEqual(p.shape, blob.shape, "\(name): shape of \(k)", file: file, line: line)
            try p.assign(blob.data)
        }
        module.train(c.mode == "train")
        module.zeroGrad()
        let inputs = try c.inputs.mapValues { try tensor($0, grad: true) }
        let outs = try forward(inputs, c.int_inputs)
        var loss = Tensor(scalar: 0)
        for (k, w) in c.loss_weights {
            guard let o = outs[k] else { XCTFail("\(name): no output \(k)", file: file, line: line); continue }
            compare("\(name) output \(k)", o, c.outputs[k], file: file, line: line)
            loss = try loss + (o * tensor(w)).sum()
        }
        try loss.backward()
        for (k, g) in c.grads {
            let parts = k.split(separator: ":", maxSplits: 1).map(String.init)
            let t = parts[0] == "input" ? inputs[parts[1]] : params[parts[1]]
            guard let t else { XCTFail("\(name): no tensor for \(k)", file: file, line: line); continue }
            let got = try Tensor(t.gradData ?? [Float](repeating: 0, count: t.count), shape: t.shape)
            compare("\(name) grad \(k)", got, g, file: file, line: line)
        }
    }

    func compare(_ what: String, _ t: Tensor, _ expected: Blob?, file: StaticString, line: UInt) {
        guard let expected else { XCTFail("\(what): no reference", file: file, line: line); return }
        XCTAssertEqual(t.shape, expected.shape, "\(what): shape", file: file, line: line)
        for (i, (a, b)) in zip(t.data, expected.data).enumerated() where !(abs(a - b) <= 1e-5 || abs(a - b) <= 1e-5 * abs(b)) {
            XCTFail("\(what)[\(i)]: \(a) vs PyTorch \(b)", file: file, line: line)
            return
        }
    }

    func testFixturesLoaded() { XCTAssertEqual(Self.fixtures.count, 28) }

    func testLinear() throws {
        let a = try Linear(5, 7)
        try check("linear", a) { i, _ in ["y": try a(i.need("x"))] }
        let b = try Linear(4, 6, bias: false)
        try check("linear_3d_nobias", b) { i, _ in ["y": try b(i.need("x"))] }
    }

    func testEmbedding() throws {
        for (name, pad) in [("embedding", nil), ("embedding_padding", 3 as Int?)] {
            let e = try Embedding(10, 4, paddingIndex: pad)
            try check(name, e) { _, ints in
                let idx = ints["indices"] ?? []
                return ["y": try e(idx.flatMap { $0 }, indexShape: [idx.count, idx.first?.count ?? 0])]
            }
        }
    }

    func testLayerNorm() throws {
        for mode in ["train", "eval"] {
            let a = try LayerNorm([6])
            try check("layer_norm_\(mode)", a) { i, _ in ["y": try a(i.need("x"))] }
            let b = try LayerNorm([3, 6])
            try check("layer_norm_2d_\(mode)", b) { i, _ in ["y": try b(i.need("x"))] }
        }
    }

    func testCells() throws {
        let lstm = try LSTMCell(3, 6)
        try check("lstm_cell", lstm) { i, _ in
            let (h, c) = try lstm.forward(i.need("x"), state: (try i.need("h"), try i.need("c")))
            return ["h1": h, "c1": c]
        }
        let gru = try GRUCell(3, 6)
        try check("gru_cell", gru) { i, _ in ["h1": try gru.forward(i.need("x"), state: try i.need("h"))] }
    }

    func testLSTM() throws {
        for (name, inF, hidden, layers, batchFirst) in [("lstm_batch_first", 3, 8, 1, true), ("lstm_2layers_seq_first", 3, 5, 2, false),
                                                       ("lstm_one_step", 3, 16, 1, true)] {
            let m = try LSTM(inF, hidden, numLayers: layers, batchFirst: batchFirst)
            try check(name, m) { i, _ in
                let (out, (h, c)) = try m.forward(i.need("x"), state: (try i.need("h0"), try i.need("c0")))
                return ["out": out, "h": h, "c": c]
            }
        }
    }

    func testGRU() throws {
        for (name, inF, hidden, layers, batchFirst) in [("gru_batch_first", 3, 8, 1, true), ("gru_2layers_seq_first", 3, 5, 2, false),
                                                       ("gru_one_step_unbatched", 3, 6, 1, false)] {
            let m = try GRU(inF, hidden, numLayers: layers, batchFirst: batchFirst)
            try check(name, m) { i, _ in
                let (out, h) = try m.forward(i.need("x"), state: try i.need("h0"))
                return ["out": out, "h": h]
            }
        }
        let m = try GRU(3, 5, numLayers: 2)
        XCTAssertThrowsError(try m.forward(try Tensor.zeros([4, 2, 3]), state: try Tensor.zeros([1, 2, 5]))) {
            XCTAssertTrue("\($0)".contains("expected h_0 of shape [2, 2, 5], got [1, 2, 5]"), "\($0)")
        }
        XCTAssertThrowsError(try m.forward(try Tensor.zeros([4, 2, 4])))
    }

    func testMultiheadAttention() throws {
        for mode in ["train", "eval"] {
            let m = try MultiheadAttention(embedDim: 8, numHeads: 2, dropout: mode == "train" ? 0 : 0.1, batchFirst: true)
            try check("mha_self_\(mode)", m) { i, _ in
                let x = try i.need("x")
                let (out, w) = try m.forward(query: x, key: x, value: x, needWeights: true)
                return ["out": out, "weights": try w.need()]
            }
            try check("mha_cross_masked_\(mode)", m) { i, _ in
                let kv = try i.need("kv")
                let padding = try Tensor([0, 0, 1, 0, 0, 0, 1, 0, 0, 1], shape: [2, 5])
                let (out, w) = try m.forward(query: i.need("q"), key: kv, value: kv, keyPaddingMask: padding, needWeights: true)
                return ["out": out, "weights": try w.need()]
            }
        }
        let causal = try MultiheadAttention(embedDim: 6, numHeads: 3)
        try check("mha_seq_first_causal", causal) { i, _ in
            let x = try i.need("x")
            var mask = [Float](repeating: 0, count: 16)
            for r in 0..<4 { for c in 0..<4 where c > r { mask[r * 4 + c] = -.infinity } }
            return ["out": try causal.forward(query: x, key: x, value: x, needWeights: false,
                                              attnMask: try Tensor(mask, shape: [4, 4]), isCausal: true).output]
        }
    }

    func testTransformerEncoderLayers() throws {
        for mode in ["train", "eval"] {
            for normFirst in [false, true] {
                let layer = try TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, dropout: mode == "train" ? 0 : 0.1,
                                                        batchFirst: true, normFirst: normFirst)
                try check("encoder_layer_\(normFirst ? "prenorm" : "postnorm")_\(mode)", layer) { i, _ in ["y": try layer(i.need("x"))] }
            }
        }
        let defaults = try TransformerEncoderLayer(dModel: 4, nhead: 2, dropout: 0)
        XCTAssertEqual(defaults.dimFeedforward, 2048)
        try check("encoder_layer_default_ff", defaults) { i, _ in ["y": try defaults(i.need("x"))] }
        let encoder = try TransformerEncoder(try TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 12, dropout: 0, batchFirst: true),
                                             numLayers: 2)
        try check("encoder_2layers", encoder) { i, _ in ["y": try encoder(i.need("x"))] }
    }

    func testSequential() throws {
        let seq = Sequential([try Linear(4, 6), ReLU(), try Linear(6, 3), Tanh()])
        try check("sequential", seq) { i, _ in ["y": try seq(i.need("x"))] }
    }
}

extension Dictionary where Key == String, Value == Tensor {
    func need(_ key: String) throws -> Tensor {
        guard let t = self[key] else { throw LayerError("fixture", "missing input \(key)") }
        return t
    }
}

extension Optional where Wrapped == Tensor {
    func need() throws -> Tensor {
        guard let t = self else { throw LayerError("fixture", "missing tensor") }
        return t
    }
}
