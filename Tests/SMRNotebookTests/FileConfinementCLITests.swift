import Foundation
import XCTest

/// Issue 14: `open()` through the real `smr` binary stays below the notebook's folder and
/// the working directory (spec §3) unless `--allow-read` / `--allow-write` adds a folder;
/// every escape (absolute path, `..`, a symlink) is a PermissionError naming the path, the
/// flag, the cell and the line — never a crash — and a refused write leaves the file alone.
final class FileConfinementCLITests: XCTestCase {
    var notebookDir: URL!
    var outside: URL!

    override func setUpWithError() throws {
        notebookDir = try TestSupport.tempDir()
        outside = try TestSupport.tempDir()
        try "outside secret\n".write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
    }

    /// Run `code` as the second cell of a notebook in `notebookDir` (cwd there too).
    func run(_ code: String, _ flags: [String] = []) throws -> (status: Int32, output: String) {
        let nb = notebookDir.appendingPathComponent("nb.smrnb")
        try "# %%\nx = 1\n# %%\n\(code)\n".write(to: nb, atomically: true, encoding: .utf8)
        let (s, out, err) = try TestSupport.run(["run", nb.path] + flags, cwd: notebookDir)
        return (s, out + err)
    }

    func assertRefused(_ r: (status: Int32, output: String), flag: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 1, r.output, file: file, line: line)
        XCTAssertTrue(r.output.contains("PermissionError"), r.output, file: file, line: line)
        XCTAssertTrue(r.output.contains(flag), r.output, file: file, line: line)
        XCTAssertTrue(r.output.contains("cell 2, line 4"), r.output, file: file, line: line)
        XCTAssertFalse(r.output.contains("Fatal error"), r.output, file: file, line: line)
    }

    func testAbsolutePathOutsideIsRefusedUntilAllowed() throws {
        let secret = outside.appendingPathComponent("secret.txt").path
        assertRefused(try run("print(open('\(secret)').read())"), flag: "--allow-read")
        let allowed = try run("print(open('\(secret)').read(), end='')", ["--allow-read", outside.path])
        XCTAssertEqual(allowed.status, 0, allowed.output)
        XCTAssertTrue(allowed.output.contains("outside secret"), allowed.output)
        // Reading is not writing: --allow-read does not let the notebook write there.
        assertRefused(try run("open('\(outside.path)/new.txt', 'w')", ["--allow-read", outside.path]), flag: "--allow-write")
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside.appendingPathComponent("new.txt").path))
        let written = try run("open('\(outside.path)/new.txt', 'w').write('ok')", ["--allow-write", outside.path])
        XCTAssertEqual(written.status, 0, written.output)
        XCTAssertEqual(try String(contentsOf: outside.appendingPathComponent("new.txt"), encoding: .utf8), "ok")
    }

    func testDotDotEscapeIsRefused() throws {
        let escape = "../\(outside.lastPathComponent)/secret.txt"
        assertRefused(try run("open('\(escape)').read()"), flag: "--allow-read")
        assertRefused(try run("open('sub/../../\(outside.lastPathComponent)/x.txt', 'w')"), flag: "--allow-write")
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside.appendingPathComponent("x.txt").path))
        let inside = try run("open('a.txt', 'w').write('in')\nprint(open('./a.txt').read())")
        XCTAssertEqual(inside.status, 0, inside.output)
    }

    func testSymlinkPointingOutsideIsRefusedForReadsAndWrites() throws {
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: notebookDir.appendingPathComponent("link").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: notebookDir.appendingPathComponent("secret-link.txt").path,
                                  withDestinationPath: outside.appendingPathComponent("secret.txt").path)
        assertRefused(try run("open('link/secret.txt').read()"), flag: "--allow-read")
        assertRefused(try run("open('secret-link.txt').read()"), flag: "--allow-read")
        // A refused write through the link must not truncate the file it points to.
        assertRefused(try run("open('secret-link.txt', 'w')"), flag: "--allow-write")
        XCTAssertEqual(try String(contentsOf: outside.appendingPathComponent("secret.txt"), encoding: .utf8), "outside secret\n")
        let allowed = try run("print(open('link/secret.txt').read(), end='')", ["--allow-read", outside.path])
        XCTAssertEqual(allowed.status, 0, allowed.output)
        XCTAssertTrue(allowed.output.contains("outside secret"), allowed.output)
    }

    func testFileErrorsAreTypedAndTheNotebookHasNoShell() throws {
        let r = try run("""
            for thunk in [lambda: open('missing.txt'), lambda: open('.', 'w'), lambda: open('missing_dir/x.txt', 'w')]:
                try:
                    thunk()
                except OSError as e:
                    print(type(e).__name__, e)
            """)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("FileNotFoundError [Errno 2] No such file or directory: 'missing.txt'"), r.output)
        XCTAssertTrue(r.output.contains("IsADirectoryError [Errno 21] Is a directory: '.'"), r.output)
        XCTAssertTrue(r.output.contains("FileNotFoundError [Errno 2] No such file or directory: 'missing_dir/x.txt'"), r.output)
        for module in ["os", "subprocess"] {
            let imp = try run("import \(module)")
            XCTAssertEqual(imp.status, 1, imp.output)
            XCTAssertTrue(imp.output.contains("ModuleNotFoundError"), imp.output)
        }
        let uncaught = try run("open('missing.txt')")
        XCTAssertEqual(uncaught.status, 1, uncaught.output)
        XCTAssertTrue(uncaught.output.contains("cell 2, line 4"), uncaught.output)
        XCTAssertTrue(uncaught.output.contains("FileNotFoundError: [Errno 2] No such file or directory: 'missing.txt'"), uncaught.output)
    }

    func testMissingAllowReadFolderIsAUsageError() throws {
        let r = try run("x", ["--allow-read", outside.appendingPathComponent("nope").path])
        XCTAssertEqual(r.status, 2, r.output)
        XCTAssertTrue(r.output.contains("--allow-read"), r.output)
    }

    func testREPLHonoursAllowRead() throws {
        let secret = outside.appendingPathComponent("secret.txt").path
        var (s, out, err) = try TestSupport.run(["repl"], stdin: "print(open('\(secret)').read())\n", cwd: notebookDir)
        XCTAssertTrue((out + err).contains("PermissionError"), out + err)
        XCTAssertTrue((out + err).contains("--allow-read"), out + err)
        (s, out, err) = try TestSupport.run(["repl", "--allow-read", outside.path], stdin: "print(open('\(secret)').read())\n", cwd: notebookDir)
        XCTAssertEqual(s, 0, out + err)
        XCTAssertTrue(out.contains("outside secret"), out + err)
    }
}
