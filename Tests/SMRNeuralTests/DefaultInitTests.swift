import Foundation
import XCTest
@testable import SMRNeural
@testable import SMRTensor

/// Layers built after `manual_seed` start from PyTorch's exact weights (draw order, counts
/// and transformations), from `scripts/make_torch_init_fixtures.py`.
final class DefaultInitTests: XCTestCase {
    struct Digest: Decodable { let count: Int; let first: [UInt32]; let fnv: String }
    struct NamedDigest: Decodable {
        let name: String, digest: Digest
        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            name = try c.decode(String.self)
            digest = try c.decode(Digest.self)
        }
    }
    struct Layer: Decodable { let layer: String; let params: [NamedDigest] }
    struct Case: Decodable { let seed: UInt64; let layers: [Layer]; let then_rand: [UInt32] }
    struct InitStep: Decodable {
        let kind: String, shape: [Int], gain: Double, bits: [UInt32]
        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            kind = try c.decode(String.self); shape = try c.decode([Int].self)
            gain = try c.decode(Double.self); bits = try c.decode([UInt32].self)
        }
    }
    struct Inits: Decodable { let seed: UInt64; let steps: [InitStep] }
    struct File: Decodable { let cases: [Case]; let inits: [Inits] }

    static let file: File? = {
        guard let url = Bundle.module.url(forResource: "torch_init", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(File.self, from: data)
    }()

    func digest(_ t: Tensor) -> (first: [UInt32], fnv: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for x in t.data { h = (h ^ UInt64(x.bitPattern)) &* 0x100_0000_01B3 }
        let hex = String(h, radix: 16)
        return (Array(t.data.prefix(4).map(\.bitPattern)), String(repeating: "0", count: 16 - hex.count) + hex)
    }

    func build(_ name: String, _ g: inout RandomGenerator) throws -> Module {
        switch name {
        case "linear_3_4": return try Linear(3, 4, generator: &g)
        case "linear_20_7_nobias": return try Linear(20, 7, bias: false, generator: &g)
        case "linear_64_128": return try Linear(64, 128, generator: &g)
        case "lstm_5_8_2": return try LSTM(5, 8, numLayers: 2, generator: &g)
        case "lstm_4_128": return try LSTM(4, 128, generator: &g)
        case "lstmcell_3_5": return try LSTMCell(3, 5, generator: &g)
        case "grucell_4_6": return try GRUCell(4, 6, generator: &g)
        case "gru_4_6_2": return try GRU(4, 6, numLayers: 2, generator: &g)
        case "embedding_10_3": return try Embedding(10, 3, generator: &g)
        case "embedding_4_3": return try Embedding(4, 3, generator: &g)
        case "mha_8_2": return try MultiheadAttention(embedDim: 8, numHeads: 2, generator: &g)
        case "encoder_8_2_16": return try TransformerEncoderLayer(dModel: 8, nhead: 2, dimFeedforward: 16, generator: &g)
        default: throw XCTSkip("unknown layer \(name)")
        }
    }

    func testLayersStartFromPyTorchsWeights() throws {
        let file = try XCTUnwrap(Self.file, "Fixtures/torch_init.json is missing; run scripts/make_torch_init_fixtures.py")
        for c in file.cases {
            var g = RandomGenerator(seed: c.seed)
            for l in c.layers {
                let module = try build(l.layer, &g)
                let params = module.namedParameters()
                XCTAssertEqual(params.map(\.name), l.params.map(\.name), l.layer)
                for (p, expected) in zip(params, l.params) {
                    let d = digest(p.tensor)
                    XCTAssertEqual(p.tensor.count, expected.digest.count, "\(l.layer).\(p.name)")
                    XCTAssertEqual(d.first, expected.digest.first, "seed \(c.seed) \(l.layer).\(p.name)")
                    XCTAssertEqual(d.fnv, expected.digest.fnv, "seed \(c.seed) \(l.layer).\(p.name)")
                }
            }
            XCTAssertEqual(try Tensor.uniform([3], generator: &g).data.map(\.bitPattern), c.then_rand, "stream position after seed \(c.seed)")
        }
    }

    func testInitFunctionsMatchNNInit() throws {
        let file = try XCTUnwrap(Self.file)
        for run in file.inits {
            var g = RandomGenerator(seed: run.seed)
            for s in run.steps {
                let t: Tensor
                switch s.kind {
                case "xavier_uniform": t = try Initialization.xavierUniform(s.shape, gain: s.gain, generator: &g)
                case "kaiming_uniform_sqrt5": t = try Initialization.linearWeight(out: s.shape[0], in: s.shape[1], generator: &g)
                case "normal_0_0.02": t = try Initialization.normal(s.shape, mean: 0, std: 0.02, generator: &g)
                case "uniform_-0.1_0.1": t = try Initialization.uniform(s.shape, low: -0.1, high: 0.1, generator: &g)
                case "parameter_randn": t = try Tensor.normal(s.shape, generator: &g)
                default: throw XCTSkip("unknown init \(s.kind)")
                }
                XCTAssertEqual(t.data.map(\.bitPattern), s.bits, "seed \(run.seed) \(s.kind)")
            }
        }
    }
}
