import XCTest
@testable import SMRLanguage

/// Programs in Golden/*.py must print exactly what CPython printed for them.
final class GoldenTests: XCTestCase {
    func testGoldenPrograms() {
        for c in goldenCases {
            let (out, err) = runProgram(c.source, file: c.name + ".py")
            if let err { XCTFail("\(c.name): \(err.formatted())") }
            if out != c.expected {
                let got = out.split(separator: "\n", omittingEmptySubsequences: false)
                let want = c.expected.split(separator: "\n", omittingEmptySubsequences: false)
                for k in 0..<max(got.count, want.count) {
                    let g = k < got.count ? String(got[k]) : "<missing>"
                    let w = k < want.count ? String(want[k]) : "<missing>"
                    if g != w { XCTFail("\(c.name) line \(k + 1):\n  got:  \(g)\n  want: \(w)") }
                }
            }
        }
    }
}
