import XCTest
@testable import SMRTensor

/// The fused dropout ops equal the ops they replace bit for bit — values, every gradient and
/// the generator's position afterwards — at sizes on and off the 16-lane boundaries.
final class DropoutFusionTests: XCTestCase {
    func tensor(_ shape: [Int], _ seed: UInt64) throws -> Tensor {
        try Tensor(testValues(Shape.count(shape), seed: seed), shape: shape, requiresGrad: true)
    }

    /// Runs `body` on fresh leaves, backpropagates a fixed weighting of its output, and
    /// returns the output, the leaves' gradients and the generator's state.
    func run(_ shapes: [[Int]], seed: UInt64,
             _ body: ([Tensor], inout RandomGenerator) throws -> Tensor) throws -> (out: [Float], grads: [[Float]], state: [UInt64]) {
        let leaves = try shapes.enumerated().map { try tensor($0.element, seed + UInt64($0.offset)) }
        var g = RandomGenerator(seed: seed)
        let y = try body(leaves, &g)
        let w = try Tensor(testValues(y.count, seed: seed + 99), shape: y.shape)
        try (y * w).sum().backward()
        return (y.data, leaves.map { $0.grad?.data ?? [] }, g.state)
    }

    func assertBitEqual(_ a: [Float], _ b: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        for (i, (x, y)) in zip(a, b).enumerated() where x != y {
            XCTFail("\(what)[\(i)]: \(x) vs \(y)", file: file, line: line)
            return
        }
    }

    func testLinearReLUDropoutEqualsTheUnfusedOps() throws {
        for (rows, inF, outF, p) in [(1, 3, 5, Float(0.1)), (4, 32, 2048, 0.1), (3, 7, 19, 0.5), (2, 5, 33, 0.9)] {
            let shapes = [[rows, inF], [outF, inF], [outF]]
            let fused = try run(shapes, seed: UInt64(rows * 7 + outF)) { t, g in
                try Tensor.linearReLUDropout(t[0], weight: t[1], bias: t[2], p: p, training: true, generator: &g)
            }
            let plain = try run(shapes, seed: UInt64(rows * 7 + outF)) { t, g in
                try Tensor.linear(t[0], weight: t[1], bias: t[2]).relu().dropout(p: p, generator: &g)
            }
            let what = "rows \(rows), \(inF)→\(outF), p \(p)"
            assertBitEqual(fused.out, plain.out, "\(what) output")
            for k in 0..<3 { assertBitEqual(fused.grads[k], plain.grads[k], "\(what) grad \(k)") }
            XCTAssertEqual(fused.state, plain.state, "\(what): generator position")
            XCTAssertTrue(fused.out.contains(0) && fused.out.contains { $0 > 0 }, "\(what): the mask and relu act")
        }
    }

    func testAddingDropoutEqualsTheUnfusedOps() throws {
        for (shape, p) in [([1, 4, 32], Float(0.1)), ([3, 17], 0.3), ([5], 0.5)] {
            let fused = try run([shape, shape], seed: UInt64(shape.count * 11)) { t, g in
                try t[0].addingDropout(t[1], p: p, training: true, generator: &g)
            }
            let plain = try run([shape, shape], seed: UInt64(shape.count * 11)) { t, g in
                try t[0] + t[1].dropout(p: p, generator: &g)
            }
            assertBitEqual(fused.out, plain.out, "\(shape) output")
            for k in 0..<2 { assertBitEqual(fused.grads[k], plain.grads[k], "\(shape) grad \(k)") }
            XCTAssertEqual(fused.state, plain.state, "\(shape): generator position")
        }
    }

    /// Applying a mask from any offset (byte aligned or not, vector bodies and tails), after a
    /// relu or not, gives each element times its own noise, as the one-by-one loop does.
    func testMaskAppliedFromAnyOffsetMatchesElementByElement() throws {
        var g = RandomGenerator(seed: 5)
        let n = 200
        let mask = DropoutMask(p: 0.4, count: n, generator: &g)
        let noise: [Float] = try (0..<n).map { e in
            let x: [Float] = [1]
            var y: [Float] = [0]
            try x.withUnsafeBufferPointer { xb in
                try y.withUnsafeMutableBufferPointer { yb in
                    let (xp, yp) = (try XCTUnwrap(xb.baseAddress), try XCTUnwrap(yb.baseAddress))
                    mask.apply(xp, count: 1, into: yp, offset: e)
                }
            }
            return y[0] == 0 ? 0 : mask.scale
        }
        XCTAssertTrue(noise.contains(0) && noise.contains(mask.scale))
        let x = testValues(n, seed: 9)
        for offset in [0, 3, 8, 13, 16, 64, 71] {
            for count in [1, 7, 8, 9, 33, n - offset] where offset + count <= n {
                var y = [Float](repeating: .nan, count: count), r = y
                try x.withUnsafeBufferPointer { xb in
                    let xp = try XCTUnwrap(xb.baseAddress)
                    try y.withUnsafeMutableBufferPointer { mask.apply(xp, count: count, into: try XCTUnwrap($0.baseAddress), offset: offset) }
                    try r.withUnsafeMutableBufferPointer { mask.applyAfterReLU(xp, count: count, into: try XCTUnwrap($0.baseAddress), offset: offset) }
                }
                for i in 0..<count {
                    XCTAssertEqual(y[i].bitPattern, (x[i] * noise[offset + i]).bitPattern, "offset \(offset), count \(count), element \(i)")
                    XCTAssertEqual(r[i].bitPattern, ((x[i] > 0 ? x[i] : 0) * noise[offset + i]).bitPattern, "relu, offset \(offset), count \(count), element \(i)")
                }
            }
        }
    }

    func testEvalModeAndEdgeProbabilitiesTakeThePlainOps() throws {
        var g = RandomGenerator(seed: 3)
        let x = try tensor([2, 3], 1), w = try tensor([4, 3], 2), b = try tensor([4], 3)
        let before = g.state
        let eval = try Tensor.linearReLUDropout(x, weight: w, bias: b, p: 0.1, training: false, generator: &g)
        XCTAssertEqual(eval.data, try Tensor.linear(x, weight: w, bias: b).relu().data)
        XCTAssertEqual(g.state, before, "eval mode draws nothing")
        let dropAll = try Tensor.linearReLUDropout(x, weight: w, bias: b, p: 1, training: true, generator: &g)
        XCTAssertTrue(dropAll.data.allSatisfy { $0 == 0 })
        XCTAssertThrowsError(try x.addingDropout(x, p: 1.5, training: true, generator: &g))
        XCTAssertThrowsError(try Tensor.linearReLUDropout(x, weight: w, bias: b, p: -0.1, training: true, generator: &g))
    }

    func testPartialMaskEqualsTheFullMaskOnItsDrawnBlocks() throws {
        for (count, block, skipBelow) in [(2048 * 5, 2048, 4), (13 * 40, 13, 7), (1000, 1, 333), (37, 8, 1)] {
            for start in [0, 5, 623] {  // engine positions: fresh, odd, a pair split by a twist
                var full = RandomGenerator(seed: 11), part = RandomGenerator(seed: 11)
                for _ in 0..<start { _ = full.random(); _ = part.random() }
                let whole = DropoutMask(p: 0.1, count: count, generator: &full)
                let drawn = DropoutMask(p: 0.1, count: count, blockLength: block, drawing: { $0 % 10 >= skipBelow % 10 || $0 >= skipBelow },
                                        generator: &part)
                XCTAssertEqual(full.state, part.state, "count \(count), block \(block), start \(start): same stream position")
                for i in 0..<count {
                    let b = i / block
                    let used = b % 10 >= skipBelow % 10 || b >= skipBelow
                    XCTAssertEqual(drawn.keeps(i), used && whole.keeps(i), "element \(i) (block \(b))")
                    if drawn.keeps(i) != (used && whole.keeps(i)) { return }
                }
            }
        }
    }
}
