import Foundation
import XCTest
@testable import SMRTensor

/// Replays the programs `scripts/make_torch_random_fixtures.py` recorded from PyTorch's CPU
/// generator and checks every draw bit for bit.
final class TorchRandomTests: XCTestCase {
    struct Step: Decodable {
        let op: String
        let n: Int?
        let low: Double?, high: Double?, mean: Double?, std: Double?, p: Double?, lambda: Double?
        let probs: Probs?
        let samples: Int?
        let replacement: Bool?
        let logits: Probs?
        let sample_shape: [Int]?
        let loc: [Float]?, scale: [Float]?
        let out: [Int64]
    }
    /// A 1-D or 2-D list of numbers.
    struct Probs: Decodable {
        let rows: [[Float]]
        let isMatrix: Bool
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let m = try? c.decode([[Float]].self) { rows = m; isMatrix = true } else { rows = [try c.decode([Float].self)]; isMatrix = false }
        }
    }
    struct Program: Decodable { let seed: UInt64; let generator: Bool; let steps: [Step] }
    struct RNGState: Decodable { let seed: UInt64; let state: [UInt8]; let randn5_after: [UInt32] }
    struct Fixture: Decodable { let torch_version: String; let programs: [Program]; let rng_state: RNGState }

    static let fixture: Fixture? = {
        guard let url = Bundle.module.url(forResource: "torch_random", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Fixture.self, from: data)
    }()

    func bits(_ t: Tensor) -> [Int64] { t.data.map { Int64($0.bitPattern) } }

    func run(_ s: Step, _ g: inout RandomGenerator) throws -> [Int64] {
        let n = s.n ?? 0
        switch s.op {
        case "rand": return bits(try Tensor.uniform([n], generator: &g))
        case "randn": return bits(try Tensor.normal([n], generator: &g))
        case "uniform": return bits(try Tensor.uniform([n], low: Float(s.low!), high: Float(s.high!), generator: &g))
        case "normal": return bits(try Tensor.normal([n], mean: Float(s.mean!), std: Float(s.std!), generator: &g))
        case "randint": return try (0..<n).map { _ in Int64(try g.integer(low: Int(s.low!), high: Int(s.high!))) }
        case "randperm": return g.permutation(n).map(Int64.init)
        case "bernoulli": return bits(try Tensor.bernoulli([n], p: s.p!, generator: &g))
        case "exponential": return bits(try Tensor.exponential([n], lambda: s.lambda!, generator: &g))
        case "dropout":
            let x = try Tensor((0..<n).map { Float($0 - n / 2) })
            return bits(try x.dropout(p: Float(s.p!), generator: &g))
        case "multinomial":
            var out: [Int64] = []
            for row in s.probs!.rows {
                let draws = s.samples == 1 && s.replacement == true ? [try g.categorical(probabilities: row)]
                    : s.replacement == true ? try g.multinomialWithReplacement(probabilities: row, samples: s.samples!)
                    : try g.multinomialWithoutReplacement(probabilities: row, samples: s.samples!)
                out += draws.map(Int64.init)
            }
            return out
        default:
            throw XCTSkip("op \(s.op) is checked in SMRNeuralTests")
        }
    }

    func testProgramsMatchPyTorchBitForBit() throws {
        let f = try XCTUnwrap(Self.fixture, "Fixtures/torch_random.json is missing; run scripts/make_torch_random_fixtures.py")
        var checked = 0
        for prog in f.programs {
            var g = RandomGenerator(seed: prog.seed)
            for (i, s) in prog.steps.enumerated() {
                guard !["categorical", "normal_dist"].contains(s.op) else { continue }
                let got = try run(s, &g)
                XCTAssertEqual(got, s.out, "seed \(prog.seed) step \(i) \(s.op) n=\(s.n ?? 0)")
                if got != s.out { return }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testRNGStateBytesMatchPyTorch() throws {
        let f = try XCTUnwrap(Self.fixture)
        var g = RandomGenerator(seed: f.rng_state.seed)
        _ = try Tensor.normal([3], generator: &g)
        _ = try Tensor.uniform([700], generator: &g)
        XCTAssertEqual(g.torchState, f.rng_state.state)
        var restored = try RandomGenerator(torchState: f.rng_state.state)
        XCTAssertEqual(try Tensor.normal([5], generator: &restored).data.map(\.bitPattern), f.rng_state.randn5_after)
    }
}
