import XCTest
@testable import SMRLanguage

/// The BigInt type on its own: arithmetic identities on random operands, checked against
/// a reference built from 64-bit arithmetic (values made of known small parts).
final class BigIntTests: XCTestCase {
    func testSmallValuesMatchIntArithmetic() {
        var rng = SplitMix(state: 1)
        for _ in 0..<5000 {
            let x = Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 40)
            var y = Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 40 + 20)
            if y == 0 { y = 7 }
            let bx = BigInt(x), by = BigInt(y)
            XCTAssertEqual((bx + by).asInt, x.addingReportingOverflow(y).overflow ? nil : x + y)
            XCTAssertEqual((bx - by).asInt, x.subtractingReportingOverflow(y).overflow ? nil : x - y)
            if !x.multipliedReportingOverflow(by: y).overflow { XCTAssertEqual((bx * by).asInt, x * y) }
            let q = x / y, r = x % y
            let (fq, fr) = (r != 0 && (r < 0) != (y < 0)) ? (q - 1, r + y) : (q, r)
            XCTAssertEqual(BigInt.floorDivMod(bx, by)?.0.asInt, fq)
            XCTAssertEqual(BigInt.floorDivMod(bx, by)?.1.asInt, fr)
            XCTAssertEqual(BigInt.bitwise(bx, by, &).asInt, x & y)
            XCTAssertEqual(BigInt.bitwise(bx, by, |).asInt, x | y)
            XCTAssertEqual(BigInt.bitwise(bx, by, ^).asInt, x ^ y)
            XCTAssertEqual(bx.shiftedRight(5).asInt, x >> 5)
            XCTAssertEqual(bx.toDouble(), Double(x))
            XCTAssertEqual(bx.digits(radix: 16), String(x.magnitude, radix: 16))
        }
    }

    func testDivisionIdentitiesOnRandomOperands() {
        var rng = SplitMix(state: 42)
        for _ in 0..<3000 {
            let a = rng.big(maxLimbs: 12)
            var b = rng.big(maxLimbs: 7)
            if b.isZero { b = BigInt(3) }
            guard let (q, r) = BigInt.floorDivMod(a, b) else { return XCTFail("zero divisor") }
            XCTAssertEqual(q * b + r, a)
            XCTAssertTrue(r.isZero || r.negative == b.negative)
            XCTAssertEqual(Magnitude.compare(r.limbs, b.limbs), -1)
            XCTAssertEqual((a * b).limbs.count >= a.limbs.count, !b.isZero || a.isZero)
            XCTAssertEqual((a + b) - b, a)
            XCTAssertEqual(BigInt.compare(a + b.magnitude, a), b.isZero ? 0 : 1)
        }
    }

    func testShiftsAndBitwiseAgreeWithArithmetic() {
        var rng = SplitMix(state: 7)
        for _ in 0..<2000 {
            let a = rng.big(maxLimbs: 6), b = rng.big(maxLimbs: 6)
            let n = Int(rng.next() % 100)
            let p = BigInt(1).shiftedLeft(n)
            XCTAssertEqual(a.shiftedLeft(n), a * p)
            XCTAssertEqual(a.shiftedRight(n), BigInt.floorDivMod(a, p)?.0)
            // a + b == (a ^ b) + 2·(a & b) and a | b == (a ^ b) + (a & b) hold in two's complement.
            let and = BigInt.bitwise(a, b, &), or = BigInt.bitwise(a, b, |), xor = BigInt.bitwise(a, b, ^)
            XCTAssertEqual(a + b, xor + and + and)
            XCTAssertEqual(or, xor + and)
        }
    }

    func testTextRoundTripsInEveryRadix() {
        var rng = SplitMix(state: 9)
        for _ in 0..<500 {
            let a = rng.big(maxLimbs: 20).magnitude
            for radix in [2, 3, 8, 10, 16, 36] {
                let text = a.digits(radix: radix)
                XCTAssertEqual(BigInt(digits: Substring(text).utf8, radix: radix), a, "radix \(radix)")
            }
        }
        XCTAssertEqual(BigInt(1).shiftedLeft(100).digits(), "1267650600228229401496703205376")
        XCTAssertNil(BigInt(digits: Substring("12z").utf8, radix: 10))
    }

    func testDoubleConversionRoundsToNearestEven() {
        // 2**53 + 1 is halfway between two doubles: ties go to the even one (2**53).
        XCTAssertEqual((BigInt(1).shiftedLeft(53) + BigInt(1)).toDouble(), 9007199254740992.0)
        XCTAssertEqual((BigInt(1).shiftedLeft(53) + BigInt(3)).toDouble(), 9007199254740996.0)
        // Far above 64 bits the sticky bit decides: 2**100 + 2**47 + 1 rounds up.
        let above = BigInt(1).shiftedLeft(100) + BigInt(1).shiftedLeft(47) + BigInt(1)
        XCTAssertEqual(above.toDouble(), 0x1.0000000000001p100)
        XCTAssertNil(BigInt(1).shiftedLeft(1024).toDouble())
        XCTAssertEqual(BigInt(exactly: 1e30)?.digits(), "1000000000000000019884624838656")
        XCTAssertEqual(BigInt(1).shiftedLeft(64).pythonHash, 8)
        XCTAssertEqual((-BigInt(1).shiftedLeft(64)).pythonHash, -8)
        XCTAssertEqual(try BigIntArith.trueDivide(BigInt(10).power(30), BigInt(7)), 1.4285714285714286e+29)
    }

    func testSquareRootAndGCD() {
        var rng = SplitMix(state: 3)
        for _ in 0..<300 {
            let a = rng.big(maxLimbs: 10).magnitude
            let s = a.squareRoot()
            XCTAssertTrue(BigInt.compare(s * s, a) <= 0 && BigInt.compare((s + BigInt(1)) * (s + BigInt(1)), a) > 0)
            let b = rng.big(maxLimbs: 5)
            let g = BigInt.gcd(a * b, b)
            XCTAssertEqual(g, b.magnitude)
        }
    }

    /// numpy mixes big ints as numpy 2 does: float arrays and float64 take them as floats,
    /// int64 cannot hold them (OverflowError, where numpy would build an object array).
    func testNumpyWithBigInts() {
        let src = "import numpy as np\nprint(np.array([1.0]) * 2**70, np.float64(1.5) + 2**70, 2**70 * np.array([1.0, 2.0]))\n"
        XCTAssertEqual(output(src), "[1.18059162e+21] 1.1805916207174113e+21 [1.18059162e+21 2.36118324e+21]\n")
        for bad in ["np.array([2**70])", "np.array([1, 2]) + 2**70", "np.int64(5) + 2**70"] {
            let e = error("import numpy as np\nx = " + bad + "\n")
            XCTAssertEqual(e?.kind, .overflowError, bad)
            XCTAssertEqual(e?.message, "Python int too large to convert to C long", bad)
        }
    }
}

extension SplitMix {
    /// A random big int of up to `maxLimbs` 32-bit limbs.
    mutating func big(maxLimbs: Int) -> BigInt {
        let n = Int(next() % UInt64(maxLimbs + 1))
        var limbs = (0..<n).map { _ in UInt32(truncatingIfNeeded: next()) }
        // Sometimes all-ones or zero limbs, where carries and Knuth D's corrections happen.
        if n > 0, next() % 4 == 0 { limbs[Int(next() % UInt64(n))] = next() % 2 == 0 ? 0 : .max }
        return BigInt(negative: next() % 2 == 0, limbs: limbs)
    }
}
