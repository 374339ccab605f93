import XCTest
@testable import SMRTensor

/// Mismatched shapes and bad arguments are thrown, descriptive errors, never crashes.
final class ShapeErrorTests: XCTestCase {
    func expectError(_ fragment: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Any) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(fragment), "message \"\(error)\" lacks \"\(fragment)\"", file: file, line: line)
        }
    }

    func testMismatchedShapes() throws {
        let a = try Tensor.zeros([2, 3]), b = try Tensor.zeros([4]), c = try Tensor.zeros([3, 2])
        expectError("add: shapes [2, 3] and [4] are incompatible") { try a + b }
        expectError("mul:") { try a * b }
        expectError("inner dimensions differ (3 vs 4)") { try a.matmul(try Tensor.zeros([4, 2])) }
        expectError("matmul") { try a.matmul(c, transposeA: false, transposeB: true) }
        expectError("cannot take shape [4, 2]") { try a.reshape([4, 2]) }
        expectError("sizes must match except along axis 1") { try Tensor.concat([a, c], axis: 1) }
        expectError("stack needs equal shapes") { try Tensor.stack([a, c]) }
        expectError("axis 3 is out of range") { try a.sum(axes: [3]) }
        expectError("axis -3 is out of range") { try a.softmax(axis: -3) }
        expectError("trailing dimensions") { try a.layerNorm(normalizedShape: [2]) }
        expectError("cannot be expanded") { try a.broadcast(to: [3]) }
        expectError("12 elements cannot fill shape [5]") { try Tensor([Float](repeating: 0, count: 12), shape: [5]) }
    }

    func testBadArguments() throws {
        let a = try Tensor.zeros([2, 3])
        expectError("index 3 is out of range") { try a.indexSelect(axis: 0, indices: [3]) }
        expectError("index 7 is out of range for 2 embeddings") { try a.embedding([7]) }
        expectError("target 3 is out of bounds for 3 classes") { try a.crossEntropy(targets: [0, 3]) }
        expectError("expected 2 targets") { try a.crossEntropy(targets: [0]) }
        expectError("probability has to be between 0 and 1") { try a.dropout(p: 1.5) }
        expectError("step must be positive") { try a.slice(axis: 0, step: 0) }
        expectError("repeats an axis") { try a.permute([0, 0]) }
        expectError("a tensor with 6 elements cannot be converted") { try a.item() }
        expectError("expected a non-empty list") { try Tensor.concat([]) }
        expectError("negative dimension") { try Tensor.zeros([-1]) }
        var rng = RandomGenerator(seed: 0)
        expectError("sum of probabilities <= 0") { try rng.categorical(weights: [0, 0]) }
        expectError("expects 'from' to be less than 'to'") { try rng.integer(low: 3, high: 3) }
    }
}
