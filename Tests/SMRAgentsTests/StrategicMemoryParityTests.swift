import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// The agent against the reference PyTorch code with the same weights, dropout off
/// (`scripts/make_smr_agent_fixtures.py`): the memory's embeddings after prefilling (with an
/// argmin overwrite), every step's logits, value and readout of two forced-action episodes,
/// each loss term, every parameter's gradient, and the weights after each Adam step (which
/// covers the duplicate `usefulness_vec` and the skipped `grad=None` parameters).
final class StrategicMemoryParityTests: XCTestCase {
    struct Fixture {
        let root: [String: Any]
        let floats: [Float]
        static func load(_ name: String) throws -> Fixture {
            let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            let root = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name + ".json"))) as? [String: Any] ?? [:]
            let bytes = try Data(contentsOf: dir.appendingPathComponent(name + ".bin"))
            let floats = bytes.withUnsafeBytes { raw in
                (0..<(bytes.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
            return Fixture(root: root, floats: floats)
        }
        func tensors(_ list: Any?) -> [String: [Float]?] {
            var out: [String: [Float]?] = [:]
            for case let r as [String: Any] in (list as? [Any]) ?? [] {
                guard let name = r["name"] as? String else { continue }
                if let o = r["offset"] as? Int, let c = r["count"] as? Int { out[name] = Array(floats[o..<(o + c)]) } else { out[name] = .some(nil) }
            }
            return out
        }
    }

    static func floats(_ v: Any?) -> [Float] { ((v as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.floatValue } }
    static func rows(_ v: Any?) -> [[Float]] { ((v as? [Any]) ?? []).map { floats($0) } }

    func assertClose(_ a: [Float], _ b: [Float], _ what: String, tol: Float = 1e-5, file: StaticString = #filePath, line: UInt = #line) {
        assertAllClose(a, b, what, tol: tol, file: file, line: line)
    }

    final class NoEnv: Environment {
        var name: String { "scripted" }
        let observationSpace: any Space = try! Box(low: 0, high: 1, shape: [3])
        let actionSpace: any Space = try! Discrete(2)
        func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) { throw AgentError("scripted", "unused") }
        func step(_ action: Action) throws -> StepResult { throw AgentError("scripted", "unused") }
    }

    func testUpdateMatchesTheReference() throws {
        let fx = try Fixture.load("smr_agent_update")
        GlobalRandom.seed(0)
        let memory = try StrategicMemoryBuffer(obsDim: 3, actionDim: 1, memDim: 32, maxEntries: 4)
        var options = StrategicMemoryAgentOptions()
        options.memoryLearnRetention = true
        options.intrinsicExpl = false
        let agent = try StrategicMemoryAgent(env: NoEnv(), memory: memory, options: options, generator: &GlobalRandom.generator)
        agent.policy.eval()  // the fixture disables dropout (p = 0); eval mode is the same computation
        let initial = fx.tensors(fx.root["initial_parameters"])
        for (name, p) in agent.policy.namedParameters() {
            guard let values = initial[name] ?? nil else { return XCTFail("fixture lacks \(name)") }
            try p.assign(values)
        }
        try memory.usefulnessVec.assign(Self.floats(fx.root["initial_usefulness"]))
        for case let e as [String: Any] in (fx.root["prefill"] as? [Any]) ?? [] {
            try memory.addEntry(trajectory: Self.rows(e["trajectory"]), outcome: (e["outcome"] as? NSNumber)?.doubleValue ?? 0)
        }
        let prefilled = fx.root["memory_after_prefill"] as? [String: Any] ?? [:]
        assertClose(memory.entries.flatMap(\.embedding), Self.rows(prefilled["embeddings"]).flatMap { $0 }, "embeddings after prefill")

        for (k, episode) in ((fx.root["episodes"] as? [Any]) ?? []).enumerated() {
            let e = episode as? [String: Any] ?? [:]
            let obs = Self.rows(e["obs"]), actions = ((e["actions"] as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue }
            let rewards = Self.floats(e["stored_rewards"])
            var ep = StrategicMemoryAgent.Episode()
            for (t, step) in ((e["steps"] as? [Any]) ?? []).enumerated() {
                let s = step as? [String: Any] ?? [:]
                ep.observations.append(obs[t])
                let out = try agent.policy.forward(trajectory: ep.observations, actions: t == 0 ? nil : ep.actions.map(Float.init),
                                                   rewards: t == 0 ? nil : ep.rewards)
                assertClose(out.logits.data, Self.floats(s["logits"]), "episode \(k) step \(t) logits")
                assertClose([out.value.data[0]], [(s["value"] as? NSNumber)?.floatValue ?? .nan], "episode \(k) step \(t) value")
                assertClose(out.readout.data, Self.floats(s["mem_readout"]), "episode \(k) step \(t) readout")
                let dist = try Categorical(logits: out.logits)
                ep.logProbs.append(try dist.logProb([actions[t]]).reshape([]))
                ep.entropies.append(try dist.entropy().reshape([]))
                ep.values.append(out.value)
                ep.actions.append(actions[t])
                ep.rewards.append(rewards[t])
            }
            let context = try StrategicMemoryTransformerPolicy.memoryContext(
                trajectory: ep.observations, actions: ep.actions.dropLast().map(Float.init), rewards: Array(ep.rewards.dropLast()))
            try memory.addEntry(trajectory: context, outcome: ep.rewards.reduce(0) { $0 + Double($1) })
            let stats = try agent.update(ep)
            for (key, value) in [("policy_loss", stats.policyLoss), ("value_loss", stats.valueLoss), ("entropy_mean", stats.entropyMean),
                                 ("mem_loss", stats.usefulnessLoss), ("loss", stats.loss), ("explained_variance", stats.explainedVariance)] {
                assertClose([Float(value)], [(e[key] as? NSNumber)?.floatValue ?? .nan], "episode \(k) \(key)", tol: 1e-4)
            }
            assertClose(stats.advantages, Self.floats(e["advantages"]), "episode \(k) advantages")
            let grads = fx.tensors(e["gradients"]), after = fx.tensors(e["parameters_after"])
            for (name, p) in agent.policy.namedParameters() {
                if let g = grads[name] ?? nil {
                    assertClose(p.gradData ?? [], g, "episode \(k) grad \(name)", tol: 1e-4)
                } else {
                    XCTAssertNil(p.gradData, "episode \(k): \(name) has no gradient in the reference")
                }
                // Adam divides by √v, so a parameter whose true gradient is zero (the key bias, a
                // dead ReLU's weights) moves by ±lr on rounding noise in either implementation:
                // compare the updated weights where the gradient is above that noise, and bound
                // the rest by the step size.
                let reference = (after[name] ?? nil) ?? [], g = (grads[name] ?? nil) ?? []
                let informative = (0..<reference.count).filter { g.isEmpty || abs(g[$0]) >= 1e-6 }
                // (From the second update on, Adam state built from first-update noise still amplifies
                // float differences a little: 2e-4 is a fifth of one step.)
                assertClose(informative.map { p.data[$0] }, informative.map { reference[$0] }, "episode \(k) \(name) after Adam", tol: k == 0 ? 1e-5 : 2e-4)
                let noisy = (0..<reference.count).filter { !g.isEmpty && abs(g[$0]) < 1e-6 }
                XCTAssertLessThanOrEqual(noisy.map { abs(p.data[$0] - reference[$0]) }.max() ?? 0, 2 * Float(agent.options.learningRate) * Float(k + 1) + 1e-5,
                                         "episode \(k) \(name): zero-gradient elements moved more than Adam's step")
            }
        }
    }
}

/// Fails when any element differs from the reference by more than `tol` (relative above 1).
func assertAllClose(_ a: [Float], _ b: [Float], _ what: String, tol: Float = 1e-5, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(what): sizes", file: file, line: line)
    var worst: Float = 0
    for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / max(1, abs(y))) }
    if a.contains(where: \.isNaN) || b.contains(where: \.isNaN) { worst = .infinity }
    XCTAssertLessThanOrEqual(worst, tol, "\(what): largest difference \(worst)", file: file, line: line)
}
