import Foundation
import SMRLanguage
import SMRLibrary
import XCTest

/// Runs programs through an interpreter with the library installed.
enum LibraryTestSupport {
    /// A fresh interpreter with `Library.install` and captured output.
    static func interpreter() -> (Interpreter, CapturingOutputSink) {
        let out = CapturingOutputSink()
        let interp = Interpreter(output: out)
        Library.install(into: interp)
        return (interp, out)
    }

    /// The printed output of `source`.
    static func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let (interp, out) = interpreter()
        do { try interp.run(source: source, fileName: "test.smrnb") } catch {
            XCTFail("program failed: \(error)", file: file, line: line)
        }
        return out.text
    }

    /// The error `source` raises (nil if it runs through).
    static func error(_ source: String) -> PyError? {
        let (interp, _) = interpreter()
        do { try interp.run(source: source, fileName: "test.smrnb") } catch let e as PyError { return e } catch { return nil }
        return nil
    }

    static var programsDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/programs")
    }

    /// Compare a program's output with the CPython fixture line by line. The program runs
    /// in a fresh temporary working directory below the current one (removed afterwards),
    /// as `scripts/make_library_fixtures.py` runs it, so programs may write files.
    static func checkProgram(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = programsDirectory
        let source = try String(contentsOf: dir.appendingPathComponent("\(name).smrnb"), encoding: .utf8)
        let expected = try String(contentsOf: dir.appendingPathComponent("\(name).out"), encoding: .utf8)
        let fm = FileManager.default
        let home = fm.currentDirectoryPath
        let scratch = URL(fileURLWithPath: home).appendingPathComponent(".smr-fixture-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        fm.changeCurrentDirectoryPath(scratch.path)
        defer {
            fm.changeCurrentDirectoryPath(home)
            try? fm.removeItem(at: scratch)
        }
        let actual = run(source, file: file, line: line)
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        for k in 0..<max(e.count, a.count) {
            let x = k < e.count ? e[k] : "<missing>", y = k < a.count ? a[k] : "<missing>"
            if x != y {
                XCTFail("\(name): line \(k + 1) differs\nexpected: \(x)\nactual:   \(y)", file: file, line: line)
                return
            }
        }
    }
}
