import Foundation
import XCTest
@testable import SMRNotebook

/// The REPL history is cut to its last lines by an atomic rewrite: no temporary file is left
/// behind and a short file is not rewritten.
final class HistoryFileTests: XCTestCase {
    func testTruncateKeepsTheLastLinesAtomically() throws {
        let dir = NSTemporaryDirectory() + "smr-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/history"
        try Data((1...5).map { "line \($0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        try HistoryFile.truncate(path, keeping: 10)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), (1...5).map { "line \($0)\n" }.joined())
        try HistoryFile.truncate(path, keeping: 2)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "line 4\nline 5\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["history"])
        XCTAssertThrowsError(try HistoryFile.truncate(dir + "/missing", keeping: 2))
    }
}
