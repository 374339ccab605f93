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

/// `Tensor.minimum` / `maximum`: values with broadcasting, gradients against finite
/// differences, and PyTorch's half-and-half split at ties.
final class ElementwiseExtremeTests: XCTestCase {
    func testMinimumAndMaximum() throws {
        let a = try Tensor([1, 5, 3, 4], shape: [2, 2]), b = try Tensor([2, 2], shape: [2])
        XCTAssertEqual(try Tensor.minimum(a, b).data, [1, 2, 2, 2])
        XCTAssertEqual(try Tensor.maximum(a, b).data, [2, 5, 3, 4])
        try checkGradients("minimum broadcast", inputs: [(testValues(6, seed: 7), [2, 3]), (testValues(3, seed: 8), [3])]) {
            try Tensor.minimum($0[0], $0[1])
        }
        try checkGradients("maximum", inputs: [(testValues(6, seed: 9), [2, 3]), (testValues(6, seed: 10), [2, 3])]) {
            try Tensor.maximum($0[0], $0[1])
        }
        let x = try Tensor([1, 2], shape: [2], requiresGrad: true), y = try Tensor([1, 3], shape: [2], requiresGrad: true)
        try Tensor.minimum(x, y).sum().backward()
        XCTAssertEqual(x.gradData, [0.5, 1])
        XCTAssertEqual(y.gradData, [0.5, 0])
    }
}
