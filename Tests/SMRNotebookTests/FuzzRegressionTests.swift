import Foundation
import XCTest

/// Inputs the fuzzer (scripts/fuzz.sh) found crashing, hanging or exhausting memory — and
/// hand-written ones of each kind — replayed through `smr-fuzz`, the fuzz target built
/// without libFuzzer: every one must now run to its end (its errors are the program's).
final class FuzzRegressionTests: XCTestCase {
    func testEverySavedFuzzInputRunsWithoutCrashing() throws {
        let dir = TestSupport.packageRoot.appendingPathComponent("Tests/SMRNotebookTests/FuzzRegressions")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
        XCTAssertFalse(inputs.isEmpty)
        guard let smr = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        let fuzz = URL(fileURLWithPath: smr).deletingLastPathComponent().appendingPathComponent("smr-fuzz").path
        guard FileManager.default.isExecutableFile(atPath: fuzz) else { throw XCTSkip("smr-fuzz not built next to smr") }
        let (status, out, err) = try TestSupport.runProcess(fuzz, [dir.path], timeout: 300)
        XCTAssertEqual(status, 0, "smr-fuzz stopped: \(err.suffix(2000))")
        for name in inputs {
            XCTAssertTrue(out.contains("ok \(name)\n"), "\(name) did not finish:\n\(err.suffix(2000))")
        }
    }
}
