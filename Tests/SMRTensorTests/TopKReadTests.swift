import XCTest
@testable import SMRTensor

/// The episodic-memory read: equals a brute-force read (full sort), and its hand-written
/// backward matches finite differences for both weightings.
final class TopKReadTests: XCTestCase {
    let batch = 2, keySize = 3, valueSize = 4, slots = 5

    func inputs(_ seed: UInt64) -> [(values: [Float], shape: [Int])] {
        [(testValues(batch * keySize, seed: seed), [batch, keySize])]
            + (0..<slots).map { (testValues(batch * keySize, seed: seed + 1 + UInt64($0)), [batch, keySize]) }
            + (0..<slots).map { (testValues(batch * valueSize, seed: seed + 20 + UInt64($0)), [batch, valueSize]) }
    }

    func read(_ t: [Tensor], topK: Int, _ weighting: Tensor.ReadWeighting) throws -> Tensor {
        try Tensor.topKRead(query: t[0], keys: Array(t[1...slots]), values: Array(t[(slots + 1)...]),
                            valueSize: valueSize, topK: topK, weighting: weighting)
    }

    func testEqualsBruteForceRead() throws {
        let ins = inputs(7)
        let t = try ins.map { try Tensor($0.values, shape: $0.shape) }
        for weighting in [Tensor.ReadWeighting.dot, .softmax] {
            for topK in 1...slots + 2 {
                let m = try read(t, topK: topK, weighting)
                for b in 0..<batch {
                    let scores = (0..<slots).map { i in (0..<keySize).reduce(Float(0)) { $0 + t[0].data[b * keySize + $1] * t[1 + i].data[b * keySize + $1] } }
                    let order = (0..<slots).sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
                    let top = Array(order.prefix(topK))
                    let maxScore = top.map { scores[$0] }.max() ?? 0
                    let raw = top.map { weighting == .dot ? scores[$0] : exp(scores[$0] - maxScore) }
                    let total = raw.reduce(0, +)
                    let w = weighting == .dot ? raw : raw.map { $0 / total }
                    for d in 0..<valueSize {
                        let expected = zip(top, w).reduce(Float(0)) { $0 + $1.1 * t[1 + slots + $1.0].data[b * valueSize + d] }
                        XCTAssertEqual(m.data[b * valueSize + d], expected, accuracy: 1e-5, "\(weighting) top_k=\(topK)")
                    }
                }
            }
        }
    }

    func testEmptyMemoryReadsZeros() throws {
        let q = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3], requiresGrad: true)
        let m = try Tensor.topKRead(query: q, keys: [], values: [], valueSize: 4, topK: 2)
        XCTAssertEqual(m.shape, [2, 4])
        XCTAssertEqual(m.data, [Float](repeating: 0, count: 8))
    }

    func testGradientsThroughTheRead() throws {
        for weighting in [Tensor.ReadWeighting.dot, .softmax] {
            for topK in [2, 5] {
                // Slots no batch row selects get no gradient (their finite difference is 0 too).
                let ins = inputs(11)
                let t = try ins.map { try Tensor($0.values, shape: $0.shape, requiresGrad: true) }
                try read(t, topK: topK, weighting).sum().backward()
                let reached = (0..<(1 + 2 * slots)).filter { t[$0].gradData != nil }
                XCTAssertEqual(reached.count, topK == slots ? 1 + 2 * slots : reached.count)
                XCTAssertLessThan(reached.count, topK == slots ? 100 : 1 + 2 * slots, "some slot is left out at top_k=2")
                try checkGradients("topk_read \(weighting) k=\(topK)", inputs: ins, wrt: reached, step: 1e-3, tolerance: 5e-3) {
                    try self.read($0, topK: topK, weighting)
                }
            }
        }
    }

    func testShapeErrors() throws {
        let q = try Tensor.zeros([2, 3])
        XCTAssertThrowsError(try Tensor.topKRead(query: q, keys: [try Tensor.zeros([2, 4])], values: [try Tensor.zeros([2, 4])], valueSize: 4, topK: 1))
        XCTAssertThrowsError(try Tensor.topKRead(query: q, keys: [], values: [], valueSize: 4, topK: 0))
    }
}
