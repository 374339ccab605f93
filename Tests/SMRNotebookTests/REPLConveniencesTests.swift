import Foundation
import XCTest
@testable import SMRNotebook

/// IPython's conveniences in the REPL, driven through piped input: `_`/`__`, `obj?`,
/// `obj??` with a session definition's source, `:time` and `:timeit`.
final class REPLConveniencesTests: XCTestCase {
    func testUnderscoreHelpAndTiming() throws {
        let input = "6 * 7\n_ + 1\n__\nlen?\ndef f(x):\n    return x + 1\n\nf??\n:time sum(range(1000))\n:timeit sum(range(1000))\n:timeit undefined_name\n"
        let (status, out, err) = try TestSupport.run([], stdin: input)
        XCTAssertEqual(status, 1, "the failing :timeit makes piped input exit 1")
        XCTAssertTrue(out.hasPrefix("42\n43\n42\n"), out)
        XCTAssertTrue(out.contains("Help on built-in function len:"), out)
        XCTAssertTrue(out.contains("Help on function f:"), out)
        XCTAssertTrue(out.contains("Source:\ndef f(x):\n    return x + 1\n"), out)
        XCTAssertNotNil(out.range(of: #"CPU times: user [0-9.]+ [mµn]?s, sys: [0-9.]+ [mµn]?s, total: [0-9.]+ [mµn]?s\nWall time: [0-9.]+ [mµn]?s"#, options: .regularExpression), out)
        XCTAssertNotNil(out.range(of: #"[0-9.]+ [mµn]?s ± [0-9.]+ [mµn]?s per loop \(mean ± std. dev. of 7 runs, [0-9,]+ loops? each\)"#, options: .regularExpression), out)
        XCTAssertTrue(err.contains("NameError: name 'undefined_name' is not defined"), err)
    }

    func testPasteReadsUntilDashes() throws {
        let input = ":paste\nclass A:\n    def f(self):\n        return 1\n\n    def g(self):\n        return 2\n--\nA().g() + A().f()\n"
        let (status, out, err) = try TestSupport.run([], stdin: input)
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out, "3\n")
    }

    func testTimeFormatsAsIPython() {
        XCTAssertEqual(REPLTiming.format(1.5), "1.5 s")
        XCTAssertEqual(REPLTiming.format(0.00743), "7.43 ms")
        XCTAssertEqual(REPLTiming.format(7.43e-6), "7.43 µs")
        XCTAssertEqual(REPLTiming.format(1.2e-8), "12 ns")
        XCTAssertEqual(REPLTiming.format(0), "0 ns")
        XCTAssertEqual(REPLTiming.format(75), "1min 15s")
    }

    /// IPython's `-n LOOPS` and `-r RUNS` skip the calibration; a malformed option is a
    /// usage error that names it, and the session goes on.
    func testTimeitLoopAndRunOptions() throws {
        typealias O = REPLTiming.TimeitOptions
        XCTAssertEqual(try O.parse("-n 5 -r2 x + 1").get(), O(number: 5, repeats: 2, statement: "x + 1"))
        XCTAssertEqual(try O.parse("sum(range(3))").get(), O(number: nil, repeats: 7, statement: "sum(range(3))"))
        XCTAssertThrowsError(try O.parse("-n 0 f()").get())
        let input = ":timeit -n 3 -r 2 sum(range(10))\n:timeit -r 1 -n 1 sum(range(10))\n:timeit -n many f()\n6 * 7\n"
        let (status, out, err) = try TestSupport.run([], stdin: input)
        XCTAssertEqual(status, 1, "the malformed option makes piped input exit 1")
        XCTAssertTrue(out.contains("per loop (mean ± std. dev. of 2 runs, 3 loops each)\n"), out)
        XCTAssertTrue(out.contains("per loop (mean ± std. dev. of 1 run, 1 loop each)\n"), out)
        XCTAssertTrue(out.hasSuffix("42\n"), out)
        XCTAssertTrue(err.contains("UsageError: -n needs a positive whole number"), err)
    }
}
