import XCTest
@testable import SMRNeural
@testable import SMRTensor

/// The episodic-memory RNN: shapes, the circular buffer, the RNN interface, gradients
/// through the whole module against finite differences, and a short training that improves.
final class EpisodicMemoryTests: XCTestCase {
    func make(_ cell: EpisodicMemory.Cell = .lstm, memorySize: Int = 4, topK: Int = 2,
              weighting: Tensor.ReadWeighting = .dot, seed: UInt64 = 3) throws -> EpisodicMemory {
        var rng = RandomGenerator(seed: seed)
        return try EpisodicMemory(3, 5, memorySize: memorySize, keySize: 4, topK: topK, cell: cell, weighting: weighting, generator: &rng)
    }

    func sequence(_ shape: [Int], seed: UInt64) throws -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return try Tensor((0..<Shape.count(shape)).map { _ in Float(rng.uniform(low: -1, high: 1)) }, shape: shape)
    }

    func testShapesMatchTheRNN() throws {
        for cell in [EpisodicMemory.Cell.lstm, .gru] {
            let m = try make(cell)
            let (out, state) = try m.forward(try sequence([6, 2, 3], seed: 1))
            XCTAssertEqual(out.shape, [6, 2, 5])
            XCTAssertEqual(state.h.shape, [1, 2, 5])
            XCTAssertEqual(state.c?.shape, cell == .lstm ? [1, 2, 5] : nil)
            XCTAssertEqual(try m.forward(try sequence([6, 3], seed: 2)).output.shape, [6, 5])
        }
        // Parameters: key and query Linear([x, h]) plus the controller on [x, m] (m = [x, h]).
        let m = try make()
        XCTAssertEqual(m.namedParameters().map(\.name), ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                                         "key.weight", "key.bias", "query.weight", "query.bias"])
        XCTAssertEqual(m.namedParameters()[0].tensor.shape, [20, 3 + 8])
    }

    /// Same call and same state as `LSTM`: the state it returns feeds back in, and feeding a
    /// sequence in one call or step by step gives the same outputs (the memory persists).
    func testDropInInterfaceAndStepwiseEqualsWholeSequence() throws {
        let x = try sequence([7, 2, 3], seed: 4)
        let whole = try make().forward(x).output
        let m = try make()
        var state: (h: Tensor, c: Tensor?)? = nil
        var steps: [Tensor] = []
        for t in 0..<7 {
            let r = try m.forward(try x.slice(axis: 0, start: t, end: t + 1), state: state)
            steps.append(r.output)
            state = r.state
        }
        let stepwise = try Tensor.concat(steps, axis: 0)
        for (a, b) in zip(whole.data, stepwise.data) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        // A nil state starts over: the same first output again.
        XCTAssertEqual(try m.forward(try x.slice(axis: 0, start: 0, end: 1)).output.data, Array(whole.data[0..<10]))
        XCTAssertEqual(try m.memoryKeys.count, 0)
        XCTAssertThrowsError(try m.forward(try sequence([2, 3, 3], seed: 5), state: state))  // batch 3 vs the memory's 2
        XCTAssertThrowsError(try m.forward(try sequence([2, 2, 4], seed: 5)))
    }

    func testCircularBufferWrapsAround() throws {
        let m = try make(memorySize: 4)
        let x = try sequence([7, 1, 3], seed: 6)
        let (out, _) = try m.forward(x)
        // Steps 1…6 wrote the rows of steps 0…5; rows 4 and 5 overwrote slots 0 and 1.
        XCTAssertEqual(try m.memoryValues.count, 4)
        XCTAssertEqual(m.nextSlot, 2)
        for (slot, step) in [(0, 4), (1, 5), (2, 2), (3, 3)] {
            let expected = Array(x.data[(3 * step)..<(3 * step + 3)]) + Array(out.data[(5 * step)..<(5 * step + 5)])
            XCTAssertEqual(try m.memoryValues[slot].data, expected, "slot \(slot)")
            XCTAssertEqual(try m.memoryKeys[slot].data, try m.keyLayer.forward(try Tensor(expected, shape: [1, 8])).data)
        }
        XCTAssertThrowsError(try EpisodicMemory(3, 5, memorySize: 2, keySize: 4, topK: 3))
    }

    /// d(Σ w·output)/d(parameters, input) of the whole module against central differences.
    func testGradientsThroughTheModule() throws {
        for (cell, weighting) in [(EpisodicMemory.Cell.lstm, Tensor.ReadWeighting.dot), (.gru, .softmax)] {
            let m = try make(cell, memorySize: 3, topK: 2, weighting: weighting)
            let x = try Tensor(try sequence([5, 2, 3], seed: 8).data, shape: [5, 2, 3], requiresGrad: true)
            var rng = RandomGenerator(seed: 9)
            let w = (0..<50).map { _ in Double(rng.uniform(low: -1, high: 1)) }
            func loss() throws -> Double {
                let out = try GradMode.noGrad { try m.forward(x).output }
                return zip(out.data, w).reduce(0) { $0 + Double($1.0) * $1.1 }
            }
            let out = try m.forward(x).output
            try out.backward(gradient: w.map(Float.init))
            let checked = m.namedParameters().map { ($0.name, $0.tensor) } + [("input", x)]
            for (name, p) in checked {
                guard let analytic = p.gradData else { XCTFail("\(cell) \(name): no gradient"); continue }
                for j in stride(from: 0, to: p.count, by: max(1, p.count / 6)) {
                    let v = p.data[j], h: Float = 1e-2
                    p.data[j] = v + h; let up = try loss()
                    p.data[j] = v - h; let down = try loss()
                    p.data[j] = v
                    let numeric = (up - down) / (2 * Double(h))
                    XCTAssertEqual(Double(analytic[j]), numeric, accuracy: 2e-2 * max(1, abs(numeric)), "\(cell) \(name)[\(j)]")
                }
            }
        }
    }

    /// The fused whole-sequence op and the step-by-step composition give the same outputs and
    /// the same gradients (both weightings, memory wrapping around, batch-first input).
    func testFusedSequenceEqualsStepByStep() throws {
        for weighting in [Tensor.ReadWeighting.dot, .softmax] {
            var grads: [[[Float]]] = [], outs: [[Float]] = []
            for fused in [true, false] {
                var rng = RandomGenerator(seed: 12)
                let m = try EpisodicMemory(3, 5, memorySize: 4, keySize: 4, topK: 2, weighting: weighting, batchFirst: true, generator: &rng)
                m.fusedSequences = fused
                let x = try Tensor(try sequence([2, 9, 3], seed: 13).data, shape: [2, 9, 3], requiresGrad: true)
                let r = try m.forward(x)
                let loss = try (r.output * (try sequence([2, 9, 5], seed: 15))).sum() + (r.state.c ?? r.state.h).sum() * 0.5
                try loss.backward()
                outs.append(r.output.data + r.state.h.data + (r.state.c?.data ?? []))
                grads.append(m.parameters().map { $0.gradData ?? [] } + [x.gradData ?? []])
            }
            for (a, b) in zip(outs[0], outs[1]) { XCTAssertEqual(a, b, accuracy: 1e-5) }
            for (ga, gb) in zip(grads[0], grads[1]) {
                XCTAssertEqual(ga.count, gb.count)
                for (a, b) in zip(ga, gb) { XCTAssertEqual(a, b, accuracy: 1e-4 * max(1, abs(b))) }
            }
        }
    }

    /// Recall a value shown at the first step after five blank steps: Adam on a fixed seed
    /// cuts the loss by more than half within 60 updates.
    func testShortTrainingImproves() throws {
        var rng = RandomGenerator(seed: 10)
        let m = try EpisodicMemory(1, 8, memorySize: 8, keySize: 4, topK: 2, generator: &rng)
        let head = try Linear(8, 1, generator: &rng)
        let opt = try Adam(m.parameters() + head.parameters(), lr: 0.02)
        func batch() throws -> (Tensor, Tensor) {
            let v = (0..<16).map { _ in Float(rng.uniform(low: -1, high: 1)) }
            var x = [Float](repeating: 0, count: 6 * 16)
            for b in 0..<16 { x[b] = v[b] }
            return (try Tensor(x, shape: [6, 16, 1]), try Tensor(v, shape: [16, 1]))
        }
        var losses: [Float] = []
        for _ in 0..<60 {
            let (x, y) = try batch()
            let (_, state) = try m.forward(x)
            let loss = try head.forward(try state.h.reshape([16, 8])).mseLoss(y)
            m.zeroGrad(); head.zeroGrad()
            try loss.backward()
            try opt.step()
            losses.append(try loss.item())
        }
        let first = losses.prefix(10).reduce(0, +) / 10, last = losses.suffix(10).reduce(0, +) / 10
        XCTAssertLessThan(last, first / 2, "loss \(first) → \(last)")
    }
}
