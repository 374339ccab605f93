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

    /// A fuzz input may not write files, not even below the working directory (the harness ran
    /// without the host's file policies once, and its inputs wrote into the checkout).
    func testFuzzInputsCannotWriteFiles() throws {
        guard let smr = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        let fuzz = URL(fileURLWithPath: smr).deletingLastPathComponent().appendingPathComponent("smr-fuzz").path
        guard FileManager.default.isExecutableFile(atPath: fuzz) else { throw XCTSkip("smr-fuzz not built next to smr") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("writes.smrnb")
        try "with open('probe.txt', 'w') as f:\n    f.write('x')\nopen(__file__ + '.out', 'w')\n".write(to: input, atomically: true, encoding: .utf8)
        let (status, out, _) = try TestSupport.runProcess(fuzz, [input.path], cwd: dir, timeout: 120)
        XCTAssertEqual(status, 0)
        XCTAssertTrue(out.contains("ok writes.smrnb"), out)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("probe.txt").path), "the input wrote a file")
    }
}
