// smr_sgemm_prepacked (op(B) packed once by smr_sgemm_pack) against smr_sgemm on the same
// operands: small integers, so every summation order gives the exact result and the two
// must agree bit for bit — across the register tile, KC and NC block edges, both
// transpositions of A and B, alpha/beta, and a C with padded rows.
import CKernels
import XCTest

final class PrepackedGemmTests: XCTestCase {
    func values(_ n: Int, seed: Int) -> [Float] {
        (0..<n).map { Float(($0 &* 2_654_435_761 &+ seed &* 40_503) % 9 - 4) }
    }

    func testEqualsTheGEMMOnEveryShapeAndTransposition() {
        let shapes = [(1, 1, 1), (5, 1024, 256), (26, 1024, 256), (64, 2048, 32), (64, 32, 2048), (9, 33, 257),
                      (130, 2050, 300), (8, 32, 16)]
        for (m, n, k) in shapes {
            for (transA, transB) in [(false, false), (false, true), (true, false), (true, true)] {
                for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (1, -2)] {
                    let lda = transA ? m : k, ldb = transB ? k : n, ldc = n + 3
                    let a = values(m * k, seed: 1), b = values(k * n, seed: 2), c0 = values(m * ldc, seed: 3)
                    var expected = c0, got = c0
                    smr_sgemm(transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                              beta, &expected, Int32(ldc))
                    var packed = [Float](repeating: .nan, count: smr_sgemm_packed_size(Int32(n), Int32(k)))
                    smr_sgemm_pack(transB ? 1 : 0, Int32(n), Int32(k), b, Int32(ldb), &packed)
                    smr_sgemm_prepacked(transA ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), packed, beta, &got, Int32(ldc))
                    XCTAssertEqual(got, expected, "M \(m) N \(n) K \(k) transA \(transA) transB \(transB) alpha \(alpha) beta \(beta)")
                }
            }
        }
    }

    func testDegenerateSizesOnlyScaleC() {
        var c: [Float] = [1, 2, 3, 4]
        smr_sgemm_prepacked(0, 2, 2, 0, 1, nil, 1, nil, 0.5, &c, 2)
        XCTAssertEqual(c, [0.5, 1, 1.5, 2])
        XCTAssertEqual(smr_sgemm_packed_size(0, 5), 0)
    }
}
