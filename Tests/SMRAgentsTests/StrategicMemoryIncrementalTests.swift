import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// The incremental engine (cached keys/values, hand-written batched backward) against the
/// straightforward autograd path that re-encodes the whole prefix every step, as the
/// reference does: same random draws, so the same actions, and the same losses and
/// gradients to float rounding — with dropout on and off, before and after the memory fills.
final class StrategicMemoryIncrementalTests: XCTestCase {
    func makeAgent(incremental: Bool, delay: Int, entries: Int, seed: Int,
                   configure: (inout StrategicMemoryAgentOptions) -> Void) throws -> StrategicMemoryAgent {
        var generator = RandomGenerator(seed: UInt64(seed))
        let env = try MemoryTaskEnv(delay: delay, difficulty: 1, randomState: LegacyRandomState(seed: UInt32(seed)))
        let memory = try StrategicMemoryBuffer(obsDim: 3, actionDim: 1, memDim: 32, maxEntries: entries, nhead: 2,
                                               dropout: 0.1, generator: &generator)
        var options = StrategicMemoryAgentOptions()
        options.memoryLearnRetention = true
        options.incremental = incremental
        configure(&options)
        let aux = [try AuxiliaryModule(name: "cue", task: .classification, featDim: 64, outputs: 2, generator: &generator)]
        return try StrategicMemoryAgent(env: env, memory: memory, auxModules: aux, options: options, generator: &generator)
    }

    /// Equal to 1e-5 of the tensor's largest magnitude (plus 1e-6 for all-but-zero tensors).
    func assertClose(_ a: [Float], _ b: [Float], _ what: String, atol: Float = 1e-6, rtol: Float = 1e-5,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        let scale = b.map(abs).max() ?? 0
        var worst: Float = 0
        for (x, y) in zip(a, b) { worst = max(worst, abs(x - y)) }
        XCTAssertLessThanOrEqual(worst, atol + rtol * scale, "\(what): max |Δ| \(worst) (scale \(scale))", file: file, line: line)
    }

    func compare(delay: Int, episodes: Int, dropout: Bool) throws {
        let configure: (inout StrategicMemoryAgentOptions) -> Void = { $0.intrinsicExpl = true }
        let fast = try makeAgent(incremental: true, delay: delay, entries: 3, seed: 7, configure: configure)
        let slow = try makeAgent(incremental: false, delay: delay, entries: 3, seed: 7, configure: configure)
        XCTAssertNotNil(fast.engine)
        XCTAssertNil(slow.engine)
        if !dropout { fast.policy.eval(); slow.policy.eval() }
        for (pf, ps) in zip(fast.policy.parameters(), slow.policy.parameters()) { XCTAssertEqual(pf.data, ps.data) }
        for k in 0..<episodes {
            GlobalRandom.seed(100 + k)
            let ef = try fast.runEpisode()
            let sf = try fast.update(ef, applyStep: false)
            let nextFast = GlobalRandom.generator.next()
            GlobalRandom.seed(100 + k)
            let es = try slow.runEpisode()
            let ss = try slow.update(es, applyStep: false)
            XCTAssertEqual(ef.actions, es.actions, "episode \(k) actions")
            XCTAssertEqual(nextFast, GlobalRandom.generator.next(), "episode \(k): both paths draw the same random numbers")
            assertClose([Float(sf.loss), Float(sf.usefulnessLoss)], [Float(ss.loss), Float(ss.usefulnessLoss)], "episode \(k) loss")
            assertClose(fast.memory?.entries.last?.embedding ?? [], slow.memory?.entries.last?.embedding ?? [], "episode \(k) stored embedding")
            for ((name, pf), (_, ps)) in zip(fast.policy.namedParameters(), slow.policy.namedParameters()) {
                XCTAssertEqual(pf.grad == nil, ps.grad == nil, "episode \(k) \(name): gradient presence")
                if let gf = pf.grad?.data, let gs = ps.grad?.data { assertClose(gf, gs, "episode \(k) grad \(name)") }
            }
            try fast.optimizer.step()
            try slow.optimizer.step()
            for (pf, ps) in zip(fast.policy.parameters(), slow.policy.parameters()) { try pf.assign(ps.data) }
        }
        XCTAssertEqual(fast.memory?.entries.count, 3)
    }

    func testEqualsRecomputationWithDropout() throws { try compare(delay: 6, episodes: 6, dropout: true) }

    func testEqualsRecomputationWithoutDropout() throws { try compare(delay: 5, episodes: 5, dropout: false) }

    /// Long enough for the encoders' long-episode paths (the transposed linear1 from step 16,
    /// many-row memory steps past the GEMM's packing threshold).
    func testEqualsRecomputationOnLongEpisodes() throws { try compare(delay: 24, episodes: 4, dropout: true) }

    /// Memory steps of more than one feed-forward chunk (`IncrementalEncoder.chunkRows` rows):
    /// the forward splits them, and the backward's recomputed hidden rows span steps.
    func testEqualsRecomputationPastOneFeedForwardChunk() throws {
        XCTAssertLessThan(IncrementalEncoder.chunkRows, 72)
        try compare(delay: 72, episodes: 4, dropout: true)
    }
}
