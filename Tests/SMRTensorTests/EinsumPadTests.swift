import XCTest
@testable import SMRTensor

/// einsum and pad are compositions of ops with their own backward; these checks confirm the
/// compositions' gradients against finite differences and the values against direct ops.
final class EinsumPadTests: XCTestCase {
    func testEinsumGradientsMatchFiniteDifferences() throws {
        let cases: [(String, [[Int]])] = [
            ("ij,jk->ik", [[2, 3], [3, 4]]), ("bij,bjk->bik", [[2, 2, 3], [2, 3, 2]]), ("i,i->", [[5], [5]]),
            ("bi,bi->b", [[3, 4], [3, 4]]), ("ij->ji", [[2, 3]]), ("bhqd,bhkd->bhqk", [[1, 2, 3, 2], [1, 2, 2, 2]]),
            ("ii->i", [[3, 3]]), ("ij,jk,kl->il", [[2, 3], [3, 2], [2, 2]]), ("ij,j", [[2, 3], [3]]),
        ]
        for (k, (equation, shapes)) in cases.enumerated() {
            let inputs = shapes.enumerated().map { (i, s) in (testValues(Shape.count(s), seed: UInt64(10 * k + i)), s) }
            try checkGradients("einsum \(equation)", inputs: inputs) { try Tensor.einsum(equation, $0) }
        }
    }

    func testEinsumValuesMatchMatmul() throws {
        let a = try Tensor(testValues(24, seed: 1), shape: [2, 3, 4]), b = try Tensor(testValues(40, seed: 2), shape: [2, 4, 5])
        let e = try Tensor.einsum("bij,bjk->bik", [a, b]), m = try a.matmul(b)
        XCTAssertEqual(e.shape, [2, 3, 5])
        for (x, y) in zip(e.data, m.data) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        XCTAssertThrowsError(try Tensor.einsum("ij,jk->ik", [a]))
        XCTAssertThrowsError(try Tensor.einsum("ij->ik", [try Tensor(testValues(6, seed: 3), shape: [2, 3])]))
    }

    func testPadGradientsMatchFiniteDifferences() throws {
        let x = (testValues(12, seed: 7), [1, 3, 4])
        for mode in [Tensor.PadMode.constant, .reflect, .replicate, .circular] {
            try checkGradients("pad \(mode)", inputs: [x]) { try $0[0].pad([2, 1], mode: mode, value: 0.5) }
        }
        try checkGradients("pad 2-D reflect", inputs: [(testValues(18, seed: 8), [1, 2, 3, 3])]) { try $0[0].pad([1, 2, 2, 1], mode: .reflect) }
        try checkGradients("pad crop", inputs: [x]) { try $0[0].pad([-1, 2, 1, 0]) }
    }
}
