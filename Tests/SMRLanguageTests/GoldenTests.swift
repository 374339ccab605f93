import Foundation
import XCTest
@testable import SMRLanguage

/// Every program in Golden/*.py must print exactly what CPython printed for it
/// (Golden/NAME.out) and, if CPython stopped with an uncaught exception, end with the
/// same `Kind: message` line (Golden/NAME.err). `scripts/make_language_goldens.py`
/// writes the expected files; the tests themselves need no Python.
final class GoldenTests: XCTestCase {
    struct Case {
        var name: String
        var source: String
        var expected: String
        var expectedError: String?
    }

    static func cases() throws -> [Case] {
        guard let dir = Bundle.module.url(forResource: "Golden", withExtension: nil) else {
            throw XCTSkip("Golden resources are missing from the test bundle")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".py") }.sorted()
        return try files.map { file in
            let stem = String(file.dropLast(3))
            func read(_ ext: String) throws -> String? {
                let url = dir.appendingPathComponent(stem + ext)
                guard FileManager.default.fileExists(atPath: url.path) else { return nil }
                return try String(contentsOf: url, encoding: .utf8)
            }
            return Case(name: stem, source: try read(".py") ?? "", expected: try read(".out") ?? "",
                        expectedError: try read(".err").map { $0.trimmingCharacters(in: .newlines) })
        }
    }

    func testGoldenProgramsAreThere() throws {
        XCTAssertGreaterThanOrEqual(try GoldenTests.cases().count, 7)
    }

    func testGoldenPrograms() throws {
        for c in try GoldenTests.cases() {
            let (out, err) = runProgram(c.source, file: c.name + ".py")
            switch (err, c.expectedError) {
            case (nil, nil): break
            case (let e?, nil): XCTFail("\(c.name): unexpected error\n\(e.formatted())")
            case (nil, let want?): XCTFail("\(c.name): expected \(want), but the program finished")
            case (let e?, let want?):
                XCTAssertEqual(e.summary, want, "\(c.name): \(e.formatted())")
                XCTAssertNotNil(e.location, "\(c.name): the error names no line")
            }
            if out != c.expected {
                let got = out.split(separator: "\n", omittingEmptySubsequences: false)
                let want = c.expected.split(separator: "\n", omittingEmptySubsequences: false)
                for k in 0..<max(got.count, want.count) {
                    let g = k < got.count ? String(got[k]) : "<missing>"
                    let w = k < want.count ? String(want[k]) : "<missing>"
                    if g != w { XCTFail("\(c.name).py output line \(k + 1):\n  got:  \(g)\n  want: \(w)") }
                }
            }
        }
    }
}
