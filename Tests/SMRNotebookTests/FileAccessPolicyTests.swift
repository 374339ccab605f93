import Foundation
import XCTest
@testable import SMRNotebook

final class FileAccessPolicyTests: XCTestCase {
    func testAllowsBelowRootsAndRefusesOutside() throws {
        let root = try TestSupport.tempDir()
        let other = try TestSupport.tempDir()
        let policy = FileAccessPolicy(allowing: [root.path])
        XCTAssertTrue(policy.allows(root.appendingPathComponent("a.txt").path))
        XCTAssertTrue(policy.allows(root.appendingPathComponent("new/dir/ckpt.bin").path))
        XCTAssertFalse(policy.allows(other.appendingPathComponent("a.txt").path))
        XCTAssertFalse(policy.allows(root.path + "/../" + other.lastPathComponent + "/x"))
        XCTAssertFalse(policy.allows(root.appendingPathComponent("missing/../../escape").path))
        XCTAssertFalse(policy.allows("/etc/passwd"))
        XCTAssertThrowsError(try policy.check("/etc/x")) { e in XCTAssertTrue("\(e)".contains("--allow-write")) }
    }

    func testSymlinkEscapesAreRefused() throws {
        let root = try TestSupport.tempDir()
        let outside = try TestSupport.tempDir()
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("dangling").path,
                                  withDestinationPath: outside.appendingPathComponent("nofile").path)
        let policy = FileAccessPolicy(allowing: [root.path])
        XCTAssertFalse(policy.allows(root.appendingPathComponent("link/file.txt").path))
        XCTAssertFalse(policy.allows(root.appendingPathComponent("dangling").path))
        policy.allow(outside.path)
        XCTAssertTrue(policy.allows(root.appendingPathComponent("link/file.txt").path))
    }

    func testNotebookPolicyAllowsItsFolder() throws {
        let dir = try TestSupport.tempDir()
        let p = FileAccessPolicy.forNotebook(dir.appendingPathComponent("nb.smrnb").path)
        XCTAssertTrue(p.allows(dir.appendingPathComponent("out.ipynb").path))
        XCTAssertTrue(p.allows(FileManager.default.currentDirectoryPath + "/x"))
    }
}
