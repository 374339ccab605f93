import CKernels
import XCTest
@testable import SMRTensor

/// `linear` keeps a leaf weight's packed transpose between calls; it must give the plain
/// GEMM's values and follow every change of the weight.
final class PackedTransposeTests: XCTestCase {
    func testCachedPackingEqualsPlainProductAndFollowsWeightChanges() throws {
        let rows = 24, inF = 128, outF = 96  // more rows than the dot-product kernel takes
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

    /// Products the GEMM takes as dot products read the weight in place: packing it first
    /// would only add a copy, so none is made (and the values are the plain product's).
    func testDotProductShapesAreNotPacked() throws {
        let rows = 10, inF = 128, outF = 2048
        let w = try Tensor(testValues(outF * inF, seed: 10, low: -1, high: 1), shape: [outF, inF], requiresGrad: true)
        let x = try Tensor(testValues(rows * inF, seed: 11, low: -1, high: 1), shape: [rows, inF])
        let dot = smr_sgemm_takes_dot(Int32(rows), Int32(outF), Int32(inF)) != 0
        XCTAssertEqual(w.wantsPackedTranspose(rows: rows), !dot)
        let y = try Tensor.linear(x, weight: w, bias: nil).data
        XCTAssertEqual(w.packedTransposeCache == nil, dot)
        for (a, b) in zip(y, try x.matmul(w.t()).data) { XCTAssertEqual(a, b, accuracy: 1e-4) }
    }
}
