import Foundation
import XCTest
@testable import SMRNotebook

/// `smr` run as a process: golden outputs, exit codes, help, piped REPL.
final class CLITests: XCTestCase {
    /// Golden/notebooks/NAME.smrnb printed by `smr run` equals NAME.expected, made by
    /// scripts/make_notebook_goldens.py from CPython running the same cells.
    func testRunGoldens() throws {
        let dir = TestSupport.goldenFile("notebooks")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".smrnb") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for f in files {
            let expected = try String(contentsOf: dir.appendingPathComponent(f.replacingOccurrences(of: ".smrnb", with: ".expected")), encoding: .utf8)
            let (status, out, err) = try TestSupport.run(["run", dir.appendingPathComponent(f).path])
            XCTAssertEqual(status, 0, "\(f): \(err)")
            XCTAssertEqual(out, expected, f)
        }
    }

    func testRunParamsCellsAndExitCodes() throws {
        let dir = try TestSupport.tempDir()
        let nb = dir.appendingPathComponent("p.smrnb")
        try """
            # %% tags=["parameters"]
            n = 2
            label = "a"
            # %% Show
            print(label * n)
            # %% Boom
            undefined_thing
            # %% After
            print("after")
            """.write(to: nb, atomically: true, encoding: .utf8)
        var (s, out, err) = try TestSupport.run(["run", nb.path, "--param", "n=3", "--param", "label='xy'", "--cells", "1-2"])
        XCTAssertEqual(s, 0, err)
        XCTAssertTrue(out.contains("xyxyxy\n"), out)
        XCTAssertTrue(out.contains("injected parameters"))
        (s, out, err) = try TestSupport.run(["run", nb.path])
        XCTAssertEqual(s, 1)
        XCTAssertFalse(out.contains("after"))
        XCTAssertTrue(err.contains("File \"\(nb.path)\", cell 3, line 7, column 1"), err)
        XCTAssertTrue(err.contains("    undefined_thing\n    ^^^^^^^^^^^^^^^\nNameError"), err)
        (s, out, _) = try TestSupport.run(["run", nb.path, "--keep-going"])
        XCTAssertEqual(s, 1)
        XCTAssertTrue(out.contains("after"))
        (s, _, err) = try TestSupport.run(["run", nb.path, "--param", "m=1"])
        XCTAssertEqual(s, 2)
        XCTAssertTrue(err.contains("no parameter 'm'"), err)
        (s, _, _) = try TestSupport.run(["run", nb.path, "--cells", "7"])
        XCTAssertEqual(s, 2)
        (s, _, _) = try TestSupport.run(["run", nb.path, "--cells", "x"])
        XCTAssertEqual(s, 2)
        (s, _, _) = try TestSupport.run(["run", dir.appendingPathComponent("missing.smrnb").path])
        XCTAssertEqual(s, 2)
        (s, _, _) = try TestSupport.run(["run"])
        XCTAssertEqual(s, 2)
        (s, _, _) = try TestSupport.run(["run", nb.path, "--bogus"])
        XCTAssertEqual(s, 2)
    }

    func testBinaryFileDoesNotCrash() throws {
        let dir = try TestSupport.tempDir()
        let f = dir.appendingPathComponent("bin.smrnb")
        try Data((0..<2000).map { UInt8(($0 * 7919) % 256) }).write(to: f)
        for cmd in ["run", "check"] {
            let (s, _, err) = try TestSupport.run([cmd, f.path])
            XCTAssertTrue(s == 1 || s == 2, "\(cmd): \(s) \(err)")
            XCTAssertFalse(err.isEmpty)
        }
    }

    func testCheckReportsEverySyntaxError() throws {
        let dir = try TestSupport.tempDir()
        let nb = dir.appendingPathComponent("bad.smrnb")
        try "# %%\nx = (1,\n# %% ok\ny = 2\n# %%\ndef f(:\n    pass\n".write(to: nb, atomically: true, encoding: .utf8)
        let (s, out, _) = try TestSupport.run(["check", nb.path])
        XCTAssertEqual(s, 1)
        XCTAssertTrue(out.contains("cell 1"), out)
        XCTAssertTrue(out.contains("cell 3, line 6"), out)
        XCTAssertTrue(out.contains("2 syntax errors in 2 of 3 code cells"), out)
        let good = TestSupport.goldenFile("notebooks/basics.smrnb")
        XCTAssertEqual(try TestSupport.run(["check", good.path]).0, 0)
    }

    func testExportWritesBesideTheNotebookAndRespectsThePolicy() throws {
        let dir = try TestSupport.tempDir()
        let nb = dir.appendingPathComponent("e.smrnb")
        try "# %%\nprint('hi')\n[1, 2]\n# %%\nplot([1, 3, 2])\n".write(to: nb, atomically: true, encoding: .utf8)
        for f in ["ipynb", "md", "html"] {
            let (s, _, err) = try TestSupport.run(["export", nb.path, "--to", f], cwd: dir)
            XCTAssertEqual(s, 0, err)
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("e.\(f)").path), f)
        }
        let outside = try TestSupport.tempDir()
        let target = outside.appendingPathComponent("x.html").path
        var (s, _, err) = try TestSupport.run(["export", nb.path, "--to", "html", "-o", target], cwd: dir)
        XCTAssertEqual(s, 2)
        XCTAssertTrue(err.contains("not allowed"), err)
        (s, _, err) = try TestSupport.run(["export", nb.path, "--to", "html", "-o", target, "--allow-write", outside.path], cwd: dir)
        XCTAssertEqual(s, 0, err)
        (s, _, _) = try TestSupport.run(["export", nb.path, "--to", "pdf"], cwd: dir)
        XCTAssertEqual(s, 2)
    }

    func testVersionAndHelpOnEverySubcommand() throws {
        let (s, out, _) = try TestSupport.run(["--version"])
        XCTAssertEqual(s, 0)
        XCTAssertFalse(out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        for sub in [[], ["run"], ["check"], ["export"], ["repl"]] {
            let (hs, hout, _) = try TestSupport.run(sub + ["--help"])
            XCTAssertEqual(hs, 0, "\(sub)")
            XCTAssertTrue(hout.contains("USAGE"), "\(sub): \(hout)")
        }
    }

    func testPipedREPLReadsStatementsWithoutPrompts() throws {
        let input = """
            x = 1
            for i in range(3):
                x += i

            x
            def f(a, b=2):
                return a * b

            f(5)
            print("p"); None
            1/0
            print("still alive")
            :vars
            :bogus
            """
        let (s, out, err) = try TestSupport.run([], stdin: input + "\n")
        XCTAssertEqual(s, 1) // a statement failed
        XCTAssertFalse(out.contains(">>>"))
        XCTAssertFalse(out.contains("..."))
        XCTAssertTrue(out.hasPrefix("4\n10\np\nstill alive\n"), out)
        XCTAssertTrue(out.contains("x       int") && out.contains("name"), out)
        XCTAssertTrue(err.contains("ZeroDivisionError"), err)
        XCTAssertTrue(err.contains("unknown command :bogus"), err)
        let ok = try TestSupport.run([], stdin: "y = [1, 2,\n 3]\ny[-1]\n")
        XCTAssertEqual(ok.0, 0)
        XCTAssertEqual(ok.1, "3\n")
    }
}
