import XCTest
@testable import SMRTensor

/// `linear` keeps a leaf weight's packed transpose between calls; it must give the plain
/// GEMM's values and follow every change of the weight.
final class PackedTransposeTests: XCTestCase {
    func testCachedPackingEqualsPlainProductAndFollowsWeightChanges() throws {
        let rows = 10, inF = 128, outF = 96
        let w = try Tensor(testValues(outF * inF, seed: 7, low: -1, high: 1), shape: [outF, inF], requiresGrad: true)
        let x = try Tensor(testValues(rows * inF, seed: 8, low: -1, high: 1), shape: [rows, inF])
        XCTAssertTrue(w.wantsPackedTranspose(rows: rows))
        func plain() throws -> [Float] { try x.matmul(w.t()).data }
        let first = try Tensor.linear(x, weight: w, bias: nil).data
        for (a, b) in zip(first, try plain()) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        XCTAssertNotNil(w.packedTransposeCache)
        let cached = try XCTUnwrap(w.packedTransposeCache)
        XCTAssertEqual(try Tensor.linear(x, weight: w, bias: nil).data, first)
        XCTAssertTrue(w.packedTransposeCache === cached, "an unchanged weight is not packed again")

        // An optimizer-style in-place update and an assign both invalidate the packing.
        w.withMutableData { d in for i in d.indices { d[i] *= -0.5 } }
        XCTAssertNil(w.packedTransposeCache)
        let second = try Tensor.linear(x, weight: w, bias: nil).data
        for (a, b) in zip(second, try plain()) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        for (a, b) in zip(second, first) { XCTAssertEqual(a, -0.5 * b, accuracy: 1e-4) }
        try w.assign([Float](repeating: 0, count: outF * inF))
        XCTAssertEqual(try Tensor.linear(x, weight: w, bias: nil).data, [Float](repeating: 0, count: rows * outF))
    }

    func testOpResultsAndFewRowsAreNotCached() throws {
        let w = try Tensor(testValues(64 * 256, seed: 9), shape: [64, 256], requiresGrad: true)
        XCTAssertFalse(w.wantsPackedTranspose(rows: 4))
        let derived = try w * 2
        XCTAssertFalse(derived.wantsPackedTranspose(rows: 10))
    }
}
