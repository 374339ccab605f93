import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// The Pendulum actor-critic models (the memory-augmented RL notebook) and helpers against PyTorch with the same weights (fixtures from
/// `scripts/make_agent_fixtures.py`): forward outputs, one episode's losses and gradients
/// with fixed actions, and the parameters after one Adam step.
final class PendulumActorCriticParityTests: XCTestCase {
    static let fixture = Result { try ArrayFixture.load() }

    /// The notebook-style fixed actions of the fixture script: 0.8·sin(0.37·t) in float32.
    static func fixedActions(_ steps: Int) -> [[Float]] {
        (0..<steps).map { [Float(0.8 * sin(0.37 * Double($0)))] }
    }

    func checkUpdate(_ prefix: String, _ module: Module, lr: Double, gradRtol: Float, file: StaticString = #filePath, line: UInt = #line) throws {
        let f = try Self.fixture.get()
        for (name, p) in module.namedParameters() {
            let grad = try f.array("\(prefix)/grad/\(name)").values
            assertClose(p.gradData ?? [Float](repeating: 0, count: p.count), grad, rtol: gradRtol, atol: 1e-6,
                        "\(prefix) grad \(name)", file: file, line: line)
            // Adam's first step moves each weight by about lr·sign(g): a sign flip of a
            // near-zero gradient is the only admissible large difference.
            let updated = try f.array("\(prefix)/updated/\(name)").values
            assertClose(p.data, updated, rtol: 0, atol: Float(2.02 * lr), "\(prefix) updated \(name)", file: file, line: line)
            // Mathematically zero gradients (the key bias of attention: softmax ignores a
            // shift) are pure rounding noise on both sides; leave them out of the mean.
            let gradScale = grad.map { abs($0) }.max() ?? 0
            let informative = p.data.indices.filter { abs(grad[$0]) > 1e-5 * gradScale }
            let meanDiff = informative.map { abs(p.data[$0] - updated[$0]) }.reduce(0, +) / Float(max(informative.count, 1))
            XCTAssertLessThan(meanDiff, Float(lr) * 0.02, "\(prefix) updated \(name): mean difference", file: file, line: line)
        }
    }

    func testLSTMForward() throws {
        let f = try Self.fixture.get()
        let agent = try LSTMActorCritic(obsDim: 3, actDim: 1, hiddenSize: 32)
        try f.loadParameters("lstm", into: agent)
        let obs = try f.array("lstm/forward/obs").values
        var hidden = try agent.initHidden()
        var means: [Float] = [], values: [Float] = []
        for t in 0..<5 {
            let out = try agent.forward(Tensor(Array(obs[(3 * t)..<(3 * t + 3)]), shape: [3]), hidden: hidden)
            hidden = out.hidden
            means += out.actionMean.data; values += out.value.data
        }
        assertClose(means, try f.array("lstm/forward/means").values, "LSTM action means")
        assertClose(values, try f.array("lstm/forward/values").values, "LSTM values")
        assertClose(hidden.h.data, try f.array("lstm/forward/h").values, "LSTM h")
        assertClose(hidden.c.data, try f.array("lstm/forward/c").values, "LSTM c")
    }

    func testLSTMEpisodeUpdate() throws {
        let f = try Self.fixture.get()
        let agent = try LSTMActorCritic(obsDim: 3, actDim: 1, hiddenSize: 32)
        try f.loadParameters("lstm", into: agent)
        let env = try make("Pendulum-v1")
        _ = try env.reset(seed: Int(try f.scalar("lstm", "env_seed")))
        let optimizer = try Adam(agent.parameters(), lr: try f.scalar("lstm", "lr"))
        let r = try RunEpisode.run(env: env, agent: agent, optimizer: optimizer, actions: .fixed(Self.fixedActions(200)))
        XCTAssertEqual(r.steps, 200)
        XCTAssertEqual(r.reward, try f.scalar("lstm", "reward"), accuracy: 1e-9)
        assertClose([try XCTUnwrap(r.actorLoss)], [Float(try f.scalar("lstm", "actor_loss"))], rtol: 1e-4, "LSTM actor_loss")
        assertClose([try XCTUnwrap(r.criticLoss)], [Float(try f.scalar("lstm", "critic_loss"))], rtol: 1e-5, "LSTM critic_loss")
        try checkUpdate("lstm", agent, lr: 3e-4, gradRtol: 1e-3)
    }

    func testNTMForward() throws {
        let f = try Self.fixture.get()
        let agent = try ExplicitMemoryAgent(obsDim: 3, actDim: 1, memorySlots: 8, memoryDim: 8, hiddenDim: 32)
        try f.loadParameters("ntm", into: agent)
        let obs = try f.array("ntm/forward/obs").values
        var hidden = try agent.initHidden()
        var actions: [Float] = [], values: [Float] = []
        for t in 0..<5 {
            let out = try agent.forward(Tensor(Array(obs[(3 * t)..<(3 * t + 3)]), shape: [3]), hidden: hidden)
            hidden = out.hidden
            actions += out.action.data; values += out.value.data
        }
        assertClose(actions, try f.array("ntm/forward/actions").values, "NTM actions")
        assertClose(values, try f.array("ntm/forward/values").values, "NTM values")
        assertClose(hidden.data, try f.array("ntm/forward/hidden").values, "NTM hidden")
        assertClose(agent.memory.data, try f.array("ntm/forward/memory").values, "NTM memory")
    }

    func testNTMEpisodeUpdate() throws {
        let f = try Self.fixture.get()
        let agent = try ExplicitMemoryAgent(obsDim: 3, actDim: 1, memorySlots: 8, memoryDim: 8, hiddenDim: 32)
        try f.loadParameters("ntm", into: agent)
        let env = try make("Pendulum-v1")
        _ = try env.reset(seed: Int(try f.scalar("ntm", "env_seed")))
        let optimizer = try Adam(agent.parameters(), lr: try f.scalar("ntm", "lr"))
        let r = try RunEpisode.run(env: env, agent: agent, optimizer: optimizer, actions: .fixed(Self.fixedActions(200)))
        XCTAssertEqual(r.reward, try f.scalar("ntm", "reward"), accuracy: 1e-9)
        assertClose([try XCTUnwrap(r.actorLoss)], [Float(try f.scalar("ntm", "actor_loss"))], rtol: 1e-4, "NTM actor_loss")
        assertClose([try XCTUnwrap(r.criticLoss)], [Float(try f.scalar("ntm", "critic_loss"))], rtol: 1e-5, "NTM critic_loss")
        try checkUpdate("ntm", agent, lr: 1e-4, gradRtol: 1e-3)
    }

    func makeTransformer() throws -> TransformerActorCritic {
        let tr = try TransformerActorCritic(obsDim: 3, actDim: 1, seqLen: 10, hiddenDim: 16, nHeads: 2, nLayers: 2)
        try Self.fixture.get().loadParameters("transformer", into: tr)
        tr.eval()
        return tr
    }

    func testTransformerForward() throws {
        let f = try Self.fixture.get()
        let tr = try makeTransformer()
        let obs = try f.tensor("transformer/forward/obs")
        let (a, v) = try tr.forward(obs)
        assertClose(a.data, try f.array("transformer/forward/actions").values, "transformer actions")
        assertClose(v.data, try f.array("transformer/forward/values").values, "transformer values")
        let (a6, v6) = try tr.forward(try obs.slice(axis: 1, start: 0, end: 6))
        assertClose(a6.data, try f.array("transformer/forward/actions6").values, "transformer actions, 6 steps")
        assertClose(v6.data, try f.array("transformer/forward/values6").values, "transformer values, 6 steps")
    }

    func testTransformerTrainStep() throws {
        let f = try Self.fixture.get()
        let tr = try makeTransformer()
        func rows(_ name: String, _ width: Int) throws -> [[Float]] {
            let v = try f.array(name).values
            return stride(from: 0, to: v.count, by: width).map { Array(v[$0..<($0 + width)]) }
        }
        let rewards = try f.array("transformer/train/rewards").values.map(Double.init)
        let optimizer = try Adam(tr.parameters(), lr: 3e-4)
        let losses = try XCTUnwrap(try TrainStep.run(policy: tr, optimizer: optimizer, observations: rows("transformer/train/obs", 3),
                                                     actions: rows("transformer/train/actions", 1), rewards: rewards, seqLen: 10))
        assertClose([losses.actorLoss], [Float(try f.scalar("transformer", "actor_loss"))], rtol: 1e-4, "transformer actor_loss")
        assertClose([losses.criticLoss], [Float(try f.scalar("transformer", "critic_loss"))], rtol: 1e-5, "transformer critic_loss")
        try checkUpdate("transformer", tr, lr: 3e-4, gradRtol: 1e-3)
    }

    func testDiscountedReturnsMatchTorch() throws {
        let f = try Self.fixture.get()
        let rewards = try f.array("transformer/train/rewards").values.suffix(10).map { $0 }
        let m = try XCTUnwrap(f.scalars["transformer"] as? [String: Any])
        let expected = try XCTUnwrap(m["returns"] as? [Double]).map { Float($0) }
        XCTAssertEqual(DiscountedReturns.float32(Array(rewards)), expected)
    }
}
