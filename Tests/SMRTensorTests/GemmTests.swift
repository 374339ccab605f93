// Correctness of smr_sgemm (CKernels) on every instruction set this CPU can run, against
// a naive Double-accumulated reference: edge sizes (0, 1, primes, non-multiples of the
// register tiles), all four transpose combinations, alpha/beta variants, beta == 0 over
// NaN, padded strides (padding must be neither read into results nor written), and the
// blocking boundaries of the packed path.
import CKernels
import XCTest

final class GemmTests: XCTestCase {
    /// Instruction sets to test: all this CPU supports (the portable one always).
    static let isas: [String] = ["portable", "avx2", "avx512"].filter {
        smr_sgemm_using($0, 0, 0, 0, 0, 0, 1, nil, 1, nil, 1, 0, nil, 1) != 0
    }

    struct Problem {
        var transA = false, transB = false
        var M = 1, N = 1, K = 1
        var alpha: Float = 1, beta: Float = 0
        var padA = 0, padB = 0, padC = 0
        var integers = false  // small integers: every summation order gives the exact result
        var nanInC = false

        var lda: Int { (transA ? M : K) + padA }
        var ldb: Int { (transB ? K : N) + padB }
        var ldc: Int { N + padC }
    }

    /// A seeded generator so failures reproduce.
    struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func float() -> Float { Float(next() % (1 << 24)) / Float(1 << 23) - 1 }
        mutating func small() -> Float { Float(Int(next() % 9) - 4) }
    }

    /// Fills a rows×width matrix with leading dimension ld; padding gets `padValue`.
    func matrix(rows: Int, width: Int, ld: Int, _ rng: inout LCG, integers: Bool,
                padValue: Float) -> [Float] {
        var m = [Float](repeating: padValue, count: max(rows * ld, 1))
        for r in 0..<rows { for c in 0..<width { m[r * ld + c] = integers ? rng.small() : rng.float() } }
        return m
    }

    func check(_ p: Problem, isa: String, seed: UInt64 = 1,
               file: StaticString = #filePath, line: UInt = #line) {
        var rng = LCG(state: seed &+ UInt64(p.M * 1_000_003 + p.N * 1009 + p.K))
        let aRows = p.transA ? p.K : p.M, aCols = p.transA ? p.M : p.K
        let bRows = p.transB ? p.N : p.K, bCols = p.transB ? p.K : p.N
        let a = matrix(rows: aRows, width: aCols, ld: p.lda, &rng, integers: p.integers, padValue: .nan)
        let b = matrix(rows: bRows, width: bCols, ld: p.ldb, &rng, integers: p.integers, padValue: .nan)
        let sentinel: Float = 12345
        var c = matrix(rows: p.M, width: p.N, ld: p.ldc, &rng, integers: p.integers, padValue: sentinel)
        if p.nanInC { for r in 0..<p.M { for j in 0..<p.N { c[r * p.ldc + j] = .nan } } }
        let c0 = c

        let ok = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    smr_sgemm_using(isa, p.transA ? 1 : 0, p.transB ? 1 : 0,
                                    Int32(p.M), Int32(p.N), Int32(p.K), p.alpha,
                                    pa.baseAddress, Int32(p.lda), pb.baseAddress, Int32(p.ldb),
                                    p.beta, pc.baseAddress, Int32(p.ldc))
                }
            }
        }
        XCTAssertEqual(ok, 1, "isa \(isa) unavailable", file: file, line: line)

        var failures = 0
        for i in 0..<p.M {
            for j in 0..<p.ldc {
                let got = c[i * p.ldc + j]
                if j >= p.N {  // padding columns must be untouched
                    if got != sentinel, failures < 3 {
                        failures += 1
                        XCTFail("\(isa) \(p): wrote padding C[\(i),\(j)] = \(got)", file: file, line: line)
                    }
                    continue
                }
                var sum = 0.0, magnitude = 0.0
                for k in 0..<p.K {
                    let av = Double(p.transA ? a[k * p.lda + i] : a[i * p.lda + k])
                    let bv = Double(p.transB ? b[j * p.ldb + k] : b[k * p.ldb + j])
                    sum += av * bv
                    magnitude += abs(av * bv)
                }
                var expected = Double(p.alpha) * sum
                magnitude *= Double(abs(p.alpha))
                if p.beta != 0 {
                    expected += Double(p.beta) * Double(c0[i * p.ldc + j])
                    magnitude += abs(Double(p.beta) * Double(c0[i * p.ldc + j]))
                }
                let tolerance = p.integers ? 0 : 1e-6 * Double(p.K + 4) * magnitude + 1e-30
                let bad = !(abs(Double(got) - expected) <= tolerance)
                if bad, failures < 3 {
                    failures += 1
                    XCTFail("\(isa) \(p): C[\(i),\(j)] = \(got), expected \(expected) ± \(tolerance)",
                            file: file, line: line)
                }
            }
        }
    }

    func testDispatcherNamesAnAvailableSet() {
        let name = String(cString: smr_kernel_isa())
        XCTAssertTrue(Self.isas.contains(name), name)
        XCTAssertTrue(Self.isas.contains("portable"))
    }

    /// Single-row products (batch-1 recurrent steps: the M == 1 transposed-B dot and
    /// small-K transpose kernels) over every transpose, alpha/beta (beta 0 over NaN) and
    /// padded strides, with K == 1 outer products of the same sizes.
    func testSingleRowProducts() {
        for isa in Self.isas {
            for N in [1, 7, 8, 9, 16, 17, 512, 513] {
                for K in [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 128, 129] {
                    for t in 0..<4 {
                        let (tA, tB) = (t & 1 != 0, t & 2 != 0)
                        check(Problem(transA: tA, transB: tB, M: 1, N: N, K: K, nanInC: true), isa: isa)
                        check(Problem(transA: tA, transB: tB, M: 1, N: N, K: K, alpha: -0.5, beta: 0,
                                      padA: 3, padB: 5, padC: 2, nanInC: true), isa: isa)
                        check(Problem(transA: tA, transB: tB, M: 1, N: N, K: K, alpha: 2, beta: 0.75,
                                      padA: 1, padB: 1, padC: 1), isa: isa)
                        check(Problem(transA: tA, transB: tB, M: 1, N: N, K: K, alpha: 1, beta: 1,
                                      integers: true), isa: isa)
                    }
                }
            }
        }
    }

    /// K == 1 (outer products / rank-1 updates, e.g. the LSTM's gates-times-h gradient).
    func testRankOneUpdates() {
        for isa in Self.isas {
            for M in [1, 2, 7, 17, 512] {
                for N in [1, 7, 8, 9, 16, 17, 128, 513] {
                    for t in 0..<4 {
                        let (tA, tB) = (t & 1 != 0, t & 2 != 0)
                        check(Problem(transA: tA, transB: tB, M: M, N: N, K: 1, alpha: 1, beta: 0,
                                      padA: 2, padB: 3, padC: 1, nanInC: true), isa: isa)
                        check(Problem(transA: tA, transB: tB, M: M, N: N, K: 1, alpha: -1.5, beta: 0.5),
                              isa: isa)
                    }
                }
            }
        }
    }

    /// Every small shape around the tile sizes (4×8, 6×16, 8×32), all transposes, exact.
    func testSmallShapesExactly() {
        for isa in Self.isas {
            for M in [0, 1, 2, 3, 5, 7, 8, 9, 13, 17, 33] {
                for N in [0, 1, 5, 8, 15, 16, 17, 31, 32, 33, 47, 65] {
                    for K in [0, 1, 2, 3, 8, 17, 64] {
                        for t in 0..<4 {
                            check(Problem(transA: t & 1 != 0, transB: t & 2 != 0, M: M, N: N, K: K,
                                          alpha: 1, beta: 0, integers: true), isa: isa)
                        }
                    }
                }
            }
        }
    }

    /// Few rows times many columns: the wide 1×128 / 2×128 / 4×64 tiles and, for a
    /// transposed B, the dot-product kernel (K tails of 16-lane vectors included; on AVX2 it
    /// takes K ≥ 32, so 32 and 45 as well).
    func testFewRowsWideShapesExactly() {
        for isa in Self.isas {
            for M in [1, 2, 3, 4, 5] {
                for N in [129, 200, 257] {
                    for K in [1, 5, 32, 45, 64, 100, 300] {
                        for t in 0..<4 {
                            check(Problem(transA: t & 1 != 0, transB: t & 2 != 0, M: M, N: N, K: K,
                                          alpha: 1, beta: 1, padA: 1, padB: 2, padC: 1,
                                          integers: true), isa: isa)
                        }
                    }
                }
            }
        }
    }

    /// 5–16 rows times a large transposed B: on AVX-512 the dot-product kernel in tiles of
    /// 5, 4, 2 and 1 rows (and the blocked driver for 17 rows, and for the other operand layouts).
    func testUpToSixteenRowsTimesLargeBExactly() {
        for isa in Self.isas {
            for M in [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] {
                for (N, K) in [(450, 300), (1030, 129)] {
                    for t in 0..<4 {
                        check(Problem(transA: t & 1 != 0, transB: t & 2 != 0, M: M, N: N, K: K,
                                      alpha: 1, beta: 1, padA: 1, padB: 2, padC: 1,
                                      integers: true), isa: isa)
                    }
                }
            }
        }
    }

    /// Each thread has its own packing buffer: concurrent calls must not interfere.
    func testConcurrentCallsFromThreads() {
        let shapes = [(100, 300, 270), (3, 700, 40), (257, 33, 129), (64, 64, 64)]
        DispatchQueue.concurrentPerform(iterations: 8) { n in
            let (M, N, K) = shapes[n % shapes.count]
            for isa in Self.isas {
                check(Problem(transA: n & 1 != 0, transB: n & 2 != 0, M: M, N: N, K: K,
                              integers: true), isa: isa, seed: UInt64(n))
            }
        }
    }

    func testAlphaBetaAndStrides() {
        for isa in Self.isas {
            for t in 0..<4 {
                for (alpha, beta) in [(Float(1), Float(1)), (2, -0.5), (-1, 0), (0.5, 3)] {
                    for (M, N, K) in [(7, 19, 11), (9, 33, 37), (1, 50, 3), (40, 1, 29)] {
                        check(Problem(transA: t & 1 != 0, transB: t & 2 != 0, M: M, N: N, K: K,
                                      alpha: alpha, beta: beta, padA: 3, padB: 5, padC: 2,
                                      integers: true), isa: isa)
                    }
                }
            }
        }
    }

    /// beta == 0 must overwrite C without reading it, even when C holds NaN.
    func testBetaZeroIgnoresNaN() {
        for isa in Self.isas {
            for t in 0..<4 {
                for (M, N, K) in [(1, 1, 1), (5, 17, 9), (70, 90, 80), (3, 2049, 32)] {
                    check(Problem(transA: t & 1 != 0, transB: t & 2 != 0, M: M, N: N, K: K,
                                  beta: 0, padC: 1, nanInC: true), isa: isa)
                }
            }
        }
    }

    /// alpha == 0 or K == 0 only scale C (BLAS semantics: A and B are not read).
    func testAlphaZeroAndEmptyK() {
        let nan = Float.nan
        for isa in Self.isas {
            let a = [Float](repeating: nan, count: 12), b = [Float](repeating: nan, count: 12)
            for (alpha, K, beta) in [(Float(0), Int32(3), Float(2)), (1, 0, 2), (0, 3, 0), (1, 0, 0)] {
                var c: [Float] = [1, 2, 3, 4, .nan, 6]
                _ = smr_sgemm_using(isa, 0, 0, 2, 3, K, alpha, a, max(K, 1), b, 3, beta, &c, 3)
                let expected: [Float] = beta == 0 ? [0, 0, 0, 0, 0, 0] : [2, 4, 6, 8, .nan, 12]
                for i in 0..<6 where !(expected[i].isNaN && c[i].isNaN) {
                    XCTAssertEqual(c[i], expected[i], "\(isa) alpha \(alpha) K \(K) beta \(beta)")
                }
            }
        }
    }

    /// Sizes that cross the cache blocks (KC = 256, MC, NC = 2048) of the packed path.
    func testLargeBlockedShapes() {
        for isa in Self.isas {
            for t in 0..<4 {
                for (M, N, K) in [(130, 257, 300), (257, 67, 513), (67, 2049, 33), (96, 96, 96)] {
                    check(Problem(transA: t & 1 != 0, transB: t & 2 != 0, M: M, N: N, K: K,
                                  alpha: 1, beta: 0.5, padA: 1, padB: 2, padC: 3), isa: isa)
                }
                check(Problem(transA: t & 1 != 0, transB: t & 2 != 0, M: 150, N: 170, K: 260,
                              integers: true), isa: isa)
            }
        }
    }

    /// The products the transformer (d = 32, ff = 2048), attention and LSTM run.
    func testProjectShapes() {
        for isa in Self.isas {
            for T in [4, 32] {
                let shapes: [(Bool, Bool, Int, Int, Int)] = [
                    (false, true, T, 2048, 32), (false, true, T, 32, 2048),
                    (false, false, T, 2048, 32), (true, false, 32, 2048, T),
                    (false, false, T, 32, 2048), (true, false, 2048, 32, T),
                    (false, true, T, T, 8), (false, false, T, 8, T),
                    (false, true, 1, 512, 3), (false, true, 1, 512, 128),
                    (false, false, 1, 128, 512), (true, false, 512, 128, 1),
                ]
                for (tA, tB, M, N, K) in shapes {
                    check(Problem(transA: tA, transB: tB, M: M, N: N, K: K), isa: isa)
                }
            }
        }
    }

    /// Random shapes and strides.
    func testRandomShapes() {
        var rng = LCG(state: 42)
        for isa in Self.isas {
            for _ in 0..<60 {
                let dims = [1, 2, 3, 4, 7, 11, 16, 29, 31, 32, 33, 64, 97, 131]
                var p = Problem()
                p.M = dims[Int(rng.next()) % dims.count]
                p.N = dims[Int(rng.next()) % dims.count]
                p.K = dims[Int(rng.next()) % dims.count]
                p.transA = rng.next() % 2 == 0
                p.transB = rng.next() % 2 == 0
                p.alpha = [1, -1, 0.25][Int(rng.next()) % 3]
                p.beta = [0, 1, -2][Int(rng.next()) % 3]
                p.padA = Int(rng.next() % 4); p.padB = Int(rng.next() % 4); p.padC = Int(rng.next() % 4)
                check(p, isa: isa, seed: rng.next())
            }
        }
    }

    /// On AVX2 the dot-product kernels (the single-row one and every row-tile shape) sum each
    /// element in the same order, so a row of a few-row product equals the single-row product of
    /// that row bit for bit, whatever the row count — what lets a step over one token reproduce
    /// a row of a multi-token pass. Checked with non-integer values, where order matters.
    func testAVX2DotProductRowsDoNotDependOnTheRowCount() throws {
        guard Self.isas.contains("avx2") else { throw XCTSkip("no AVX2 on this CPU") }
        for (N, K) in [(450, 300), (1030, 129), (200, 45)] {
            let maxRows = K >= 128 ? 16 : 4
            let a = testValues(maxRows * K, seed: UInt64(K)), b = testValues(N * K, seed: UInt64(N))
            for M in 2...maxRows {
                var full = [Float](repeating: 0, count: M * N), row = [Float](repeating: 0, count: N)
                smr_sgemm_using("avx2", 0, 1, Int32(M), Int32(N), Int32(K), 1, a, Int32(K), b, Int32(K), 0, &full, Int32(N))
                for i in 0..<M {
                    let ai = Array(a[(i * K)..<((i + 1) * K)])
                    smr_sgemm_using("avx2", 0, 1, 1, Int32(N), Int32(K), 1, ai, Int32(K), b, Int32(K), 0, &row, Int32(N))
                    for j in 0..<N where full[i * N + j].bitPattern != row[j].bitPattern {
                        XCTFail("\(M)×\(N)×\(K): C[\(i),\(j)] = \(full[i * N + j]), the single-row product \(row[j])")
                        return
                    }
                }
            }
        }
    }

    /// The dot-product kernel's range, which `Tensor.linear` consults to skip packing a weight:
    /// a transposed B with few rows of A and a long K.
    func testTakesDotRange() {
        let isa = String(cString: smr_kernel_isa())
        XCTAssertEqual(smr_sgemm_takes_dot(1, 2048, 128), isa == "portable" ? 0 : 1)
        XCTAssertEqual(smr_sgemm_takes_dot(4, 100, 64), isa == "portable" ? 0 : 1)
        XCTAssertEqual(smr_sgemm_takes_dot(4, 2048, 16), 0)  // K too short: the blocked driver
        // K = 32: dot products on AVX2 (measured faster there), the blocked driver on AVX-512.
        XCTAssertEqual(smr_sgemm_takes_dot(4, 2048, 32), isa == "avx2" ? 1 : 0)
        XCTAssertEqual(smr_sgemm_takes_dot(5, 2048, 32), 0)
        XCTAssertEqual(smr_sgemm_takes_dot(300, 2048, 128), 0)
        if isa == "avx512" || isa == "avx2" {
            XCTAssertEqual(smr_sgemm_takes_dot(10, 2048, 128), 1)
            XCTAssertEqual(smr_sgemm_takes_dot(16, 128, 2048), 1)
            XCTAssertEqual(smr_sgemm_takes_dot(17, 128, 2048), 0)
            XCTAssertEqual(smr_sgemm_takes_dot(16, 512, 128), 0)  // B too small: packing pays
            XCTAssertEqual(smr_sgemm_takes_dot(10, 4096, 64), 0)  // K too short
        }
    }
}
