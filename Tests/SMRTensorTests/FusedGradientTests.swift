import XCTest
@testable import SMRTensor

/// Gradient checks of the fused ops (linear, recurrent cells, attention) and checks that
/// each equals its composition from primitive ops.
final class FusedGradientTests: XCTestCase {
    func values(_ shape: [Int], _ seed: UInt64, scale: Float = 1) -> ([Float], [Int]) {
        (testValues(Shape.count(shape), seed: seed, low: -scale, high: scale), shape)
    }

    func assertClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) where abs(x - y) > tolerance * max(1, abs(y)) {
            XCTFail("\(x) vs \(y)", file: file, line: line)
            return
        }
    }

    func testLinear() throws {
        try checkGradients("linear 2-D", inputs: [values([3, 4], 51), values([5, 4], 52), values([5], 53)]) {
            try Tensor.linear($0[0], weight: $0[1], bias: $0[2])
        }
        try checkGradients("linear 3-D no bias", inputs: [values([2, 3, 4], 54), values([5, 4], 55)]) {
            try Tensor.linear($0[0], weight: $0[1], bias: nil)
        }
        try checkGradients("linear 1-D", inputs: [values([4], 56), values([2, 4], 57), values([2], 58)]) {
            try Tensor.linear($0[0], weight: $0[1], bias: $0[2])
        }
        let x = try Tensor(values([3, 4], 59).0, shape: [3, 4]), w = try Tensor(values([5, 4], 60).0, shape: [5, 4])
        let b = Tensor(values([5], 61).0)
        assertClose(try Tensor.linear(x, weight: w, bias: b).data, try (x.matmul(w.t()) + b).data)
    }

    func testLSTMCell() throws {
        let h = 3
        let inputs = [values([2, 4], 62), values([2, h], 63), values([2, h], 64),
                      values([4 * h, 4], 65, scale: 0.7), values([4 * h, h], 66, scale: 0.7), values([4 * h], 67), values([4 * h], 68)]
        try checkGradients("lstm_cell", inputs: inputs, step: 1e-3) {
            try Tensor.lstmCell($0[0], h: $0[1], c: $0[2], weightIH: $0[3], weightHH: $0[4], biasIH: $0[5], biasHH: $0[6])
        }
        // Equal to the textbook composition.
        let t = try inputs.map { try Tensor($0.0, shape: $0.1) }
        let fused = try Tensor.lstmCell(t[0], h: t[1], c: t[2], weightIH: t[3], weightHH: t[4], biasIH: t[5], biasHH: t[6])
        let gates = try Tensor.linear(t[0], weight: t[3], bias: t[5]) + Tensor.linear(t[1], weight: t[4], bias: t[6])
        let i = try gates.slice(axis: 1, start: 0, end: h).sigmoid(), f = try gates.slice(axis: 1, start: h, end: 2 * h).sigmoid()
        let g = try gates.slice(axis: 1, start: 2 * h, end: 3 * h).tanh(), o = try gates.slice(axis: 1, start: 3 * h, end: 4 * h).sigmoid()
        let c2 = try f * t[2] + i * g
        let h2 = try o * c2.tanh()
        assertClose(fused.data, try Tensor.concat([h2, c2], axis: 1).data)
    }

    func testGRUCell() throws {
        let h = 3
        let inputs = [values([2, 4], 69), values([2, h], 70), values([3 * h, 4], 71, scale: 0.7),
                      values([3 * h, h], 72, scale: 0.7), values([3 * h], 73), values([3 * h], 74)]
        try checkGradients("gru_cell", inputs: inputs, step: 1e-3) {
            try Tensor.gruCell($0[0], h: $0[1], weightIH: $0[2], weightHH: $0[3], biasIH: $0[4], biasHH: $0[5])
        }
        try checkGradients("gru_cell no bias", inputs: Array(inputs[0..<4]), step: 1e-3) {
            try Tensor.gruCell($0[0], h: $0[1], weightIH: $0[2], weightHH: $0[3], biasIH: nil, biasHH: nil)
        }
    }

    func testSelfAttentionGradients() throws {
        var g = RandomGenerator(seed: 0)
        let qkv = values([2, 3, 12], 75)
        try checkGradients("self_attention", inputs: [qkv], step: 1e-3) { try Tensor.selfAttention(packedQKV: $0[0], heads: 2, generator: &g) }
        let causal = Tensor.AttentionMasks(causal: true)
        try checkGradients("self_attention causal", inputs: [qkv], step: 1e-3) {
            try Tensor.selfAttention(packedQKV: $0[0], heads: 2, masks: causal, generator: &g)
        }
        let padded = Tensor.AttentionMasks(additive: try Tensor(values([3, 3], 76).0, shape: [3, 3]),
                                           keyPadding: try Tensor([0, 0, 1, 0, 1, 0], shape: [2, 3]))
        try checkGradients("self_attention masks", inputs: [qkv], step: 1e-3) {
            try Tensor.selfAttention(packedQKV: $0[0], heads: 2, masks: padded, generator: &g)
        }
        try checkGradients("self_attention dropout", inputs: [qkv], step: 1e-3) {
            var fixed = RandomGenerator(seed: 9)
            return try Tensor.selfAttention(packedQKV: $0[0], heads: 4, dropout: 0.3, generator: &fixed)
        }
        try checkGradients("cross attention", inputs: [values([2, 3, 4], 77), values([2, 5, 4], 78), values([2, 5, 4], 79)], step: 1e-3) {
            try Tensor.attention(query: $0[0], key: $0[1], value: $0[2], heads: 2, generator: &g)
        }
    }

    func testSelfAttentionEqualsComposition() throws {
        var g = RandomGenerator(seed: 0)
        let (b, t, e, heads) = (2, 4, 8, 2)
        let d = e / heads
        let qkv = try Tensor(values([b, t, 3 * e], 80).0, shape: [b, t, 3 * e])
        let fused = try Tensor.selfAttention(packedQKV: qkv, heads: heads, generator: &g)
        func split(_ part: Int) throws -> Tensor {  // [b, heads, t, d]
            try qkv.slice(axis: 2, start: part * e, end: (part + 1) * e).reshape([b, t, heads, d]).permute([0, 2, 1, 3])
        }
        let scores = try split(0).matmul(split(1), transposeA: false, transposeB: true) * (1 / Float(d).squareRoot())
        let o = try scores.softmax(axis: -1).matmul(split(2)).permute([0, 2, 1, 3]).reshape([b, t, e])
        assertClose(fused.data, o.data)
    }

    func testAttentionErrors() throws {
        var g = RandomGenerator(seed: 0)
        XCTAssertThrowsError(try Tensor.selfAttention(packedQKV: try Tensor.zeros([1, 2, 9]), heads: 2, generator: &g))
        XCTAssertThrowsError(try Tensor.selfAttention(packedQKV: try Tensor.zeros([1, 2, 10]), heads: 2, generator: &g))
        XCTAssertThrowsError(try Tensor.selfAttention(packedQKV: try Tensor.zeros([1, 2, 12]), heads: 2,
                                                      masks: .init(keyPadding: try Tensor.zeros([2, 2])), generator: &g))
        XCTAssertThrowsError(try Tensor.lstmCell(try Tensor.zeros([1, 3]), h: try Tensor.zeros([1, 2]), c: try Tensor.zeros([1, 2]),
                                                 weightIH: try Tensor.zeros([8, 4]), weightHH: try Tensor.zeros([8, 2]), biasIH: nil, biasHH: nil))
    }
}
