import XCTest
@testable import SMRTensor

/// `gatherElements` and `cumsum`: values as PyTorch computes them and gradients against
/// finite differences.
final class GatherScanTests: XCTestCase {
    func testGatherPicksAlongTheAxisAndScattersTheGradient() throws {
        let x = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual(try x.gatherElements(axis: 1, index: [2, 0, 1, 1], indexShape: [2, 2]).data, [3, 1, 5, 5])
        XCTAssertEqual(try x.gatherElements(axis: 0, index: [1, 0, 1], indexShape: [1, 3]).data, [4, 2, 6])
        try checkGradients("gather axis 1 with repeats", inputs: [(testValues(6, seed: 3), [2, 3])]) {
            try $0[0].gatherElements(axis: 1, index: [2, 2, 0, 1], indexShape: [2, 2])
        }
        try checkGradients("gather axis 0, 3-D", inputs: [(testValues(12, seed: 4), [2, 3, 2])]) {
            try $0[0].gatherElements(axis: 0, index: [1, 0, 0, 1, 1, 1], indexShape: [1, 3, 2])
        }
        XCTAssertThrowsError(try x.gatherElements(axis: 1, index: [3, 0], indexShape: [2, 1]))
        XCTAssertThrowsError(try x.gatherElements(axis: 1, index: [0, 0, 0, 0, 0, 0, 0, 0], indexShape: [4, 2]))
    }

    func testCumsumRunsAlongTheAxis() throws {
        let x = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        XCTAssertEqual(try x.cumsum(axis: 1).data, [1, 3, 6, 4, 9, 15])
        XCTAssertEqual(try x.cumsum(axis: 0).data, [1, 2, 3, 5, 7, 9])
        XCTAssertEqual(try x.cumsum(axis: -1).data, [1, 3, 6, 4, 9, 15])
        try checkGradients("cumsum axis 0", inputs: [(testValues(12, seed: 5), [3, 2, 2])]) { try $0[0].cumsum(axis: 0) }
        try checkGradients("cumsum axis 2", inputs: [(testValues(12, seed: 6), [3, 2, 2])]) { try $0[0].cumsum(axis: 2) }
    }
}
