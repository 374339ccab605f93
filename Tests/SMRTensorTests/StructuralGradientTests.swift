import XCTest
@testable import SMRTensor

/// Gradient checks of matmul, shape changes, joining and indexing.
final class StructuralGradientTests: XCTestCase {
    func values(_ shape: [Int], _ seed: UInt64) -> ([Float], [Int]) { (testValues(Shape.count(shape), seed: seed), shape) }

    func testMatmulShapes() throws {
        let cases: [([Int], [Int])] = [
            ([3, 4], [4, 5]), ([1, 4], [4, 1]), ([2, 3, 4], [2, 4, 5]), ([2, 3, 4], [4, 5]),
            ([3, 4], [2, 4, 5]), ([2, 1, 3, 4], [3, 4, 2]), ([4], [4, 5]), ([3, 4], [4]), ([4], [4]),
        ]
        for (sa, sb) in cases {
            try checkGradients("matmul \(sa) \(sb)", inputs: [values(sa, 31), values(sb, 32)]) { try $0[0].matmul($0[1]) }
        }
    }

    func testMatmulTransposeFlags() throws {
        for (ta, tb) in [(false, true), (true, false), (true, true)] {
            let a = values(ta ? [2, 4, 3] : [2, 3, 4], 33), b = values(tb ? [2, 5, 4] : [2, 4, 5], 34)
            try checkGradients("matmul T\(ta)\(tb)", inputs: [a, b]) { try $0[0].matmul($0[1], transposeA: ta, transposeB: tb) }
            let b2 = values(tb ? [5, 4] : [4, 5], 35)
            try checkGradients("matmul 2-D rhs T\(ta)\(tb)", inputs: [a, b2]) { try $0[0].matmul($0[1], transposeA: ta, transposeB: tb) }
        }
    }

    func testMatmulValues() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = try Tensor([7, 8, 9, 10, 11, 12], shape: [3, 2])
        XCTAssertEqual(try a.matmul(b).data, [58, 64, 139, 154])
        XCTAssertEqual(try a.matmul(b).shape, [2, 2])
        XCTAssertEqual(try Tensor([1, 2, 3]).matmul(Tensor([4, 5, 6])).shape, [])
        XCTAssertEqual(try a.matmul(a, transposeA: false, transposeB: true).data, [14, 32, 32, 77])
    }

    func testShapeOps() throws {
        let x = values([2, 3, 4], 36)
        try checkGradients("reshape", inputs: [x]) { try $0[0].reshape([4, -1]) }
        try checkGradients("flatten", inputs: [x]) { try $0[0].flatten(startAxis: 1) }
        try checkGradients("unsqueeze/squeeze", inputs: [x]) { try $0[0].unsqueeze(1).squeeze(1).unsqueeze(-1) }
        try checkGradients("transpose", inputs: [x]) { try $0[0].transpose(0, 2) }
        try checkGradients("permute", inputs: [x]) { try $0[0].permute([1, 2, 0]) }
        try checkGradients("t", inputs: [values([3, 5], 37)]) { try $0[0].t() }
        let p = try Tensor((0..<6).map(Float.init), shape: [2, 3]).transpose(0, 1)
        XCTAssertEqual(p.data, [0, 3, 1, 4, 2, 5])
        XCTAssertEqual(p.shape, [3, 2])
    }

    func testConcatAndStack() throws {
        let a = values([2, 3], 38), b = values([2, 2], 39), c = values([2, 3], 40)
        try checkGradients("concat axis 1", inputs: [a, b]) { try Tensor.concat([$0[0], $0[1]], axis: 1) }
        try checkGradients("concat axis 0", inputs: [a, c]) { try Tensor.concat([$0[0], $0[1], $0[0]], axis: 0) }
        try checkGradients("stack axis 0", inputs: [a, c]) { try Tensor.stack([$0[0], $0[1]]) }
        try checkGradients("stack axis -1", inputs: [a, c]) { try Tensor.stack([$0[0], $0[1]], axis: -1) }
        let s = try Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 1)
        XCTAssertEqual(s.data, [1, 3, 2, 4])
    }

    func testSlicingAndGathers() throws {
        let x = values([4, 5], 41)
        try checkGradients("slice step", inputs: [x]) { try $0[0].slice(axis: 1, start: 1, end: nil, step: 2) }
        try checkGradients("slice negative", inputs: [x]) { try $0[0].slice(axis: 0, start: -3, end: -1) }
        try checkGradients("select", inputs: [x]) { try $0[0].select(axis: 1, index: -1) }
        try checkGradients("index_select repeats", inputs: [x]) { try $0[0].indexSelect(axis: 0, indices: [3, 0, 3, 1]) }
        try checkGradients("embedding", inputs: [values([6, 3], 42)]) { try $0[0].embedding([5, 0, 5, 2], indexShape: [2, 2]) }
        let r = try Tensor((0..<10).map(Float.init), shape: [10]).slice(axis: 0, start: -10, end: nil, step: 3)
        XCTAssertEqual(r.data, [0, 3, 6, 9])
        XCTAssertEqual(try Tensor([1, 2, 3]).slice(axis: 0, start: 5).count, 0)
    }
}
