import CReadline
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The REPL driven like a person at a terminal: the real `smr` binary on a
/// pseudo-terminal, keys typed into the master side, the screen read back.
final class PTYTests: XCTestCase {
    func testTypeCompleteInterruptAndExit() throws {
        guard let bin = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        let home = try TestSupport.tempDir()
        let t = try PseudoTerminal(binary: bin, home: home.path)
        XCTAssertTrue(t.waitFor(">>> "), t.screen)

        // Type a statement, then an expression: its value is shown.
        t.type("reward_total = 40\r")
        XCTAssertTrue(t.waitFor(">>> ", timeout: 5))
        var mark = t.screen.endIndex
        t.type("reward_total + 2\r")
        XCTAssertTrue(t.waitFor("42"), t.plain())

        // Tab completes a variable name.
        mark = t.screen.endIndex
        t.type("rewar\t")
        XCTAssertTrue(t.waitFor("reward_total"), t.plain(from: mark))
        t.type(" * 2\r")
        XCTAssertTrue(t.waitFor("80"), t.plain(from: mark))

        // Attribute and keyword-argument completion.
        t.type("import numpy as np\r")
        XCTAssertTrue(t.waitFor(">>> "))
        mark = t.screen.endIndex
        t.type("np.mea\t")
        XCTAssertTrue(t.waitFor("np.mean"), t.plain(from: mark))
        t.type("([1, 2])\r")
        XCTAssertTrue(t.waitFor("1.5"), t.plain(from: mark))
        mark = t.screen.endIndex
        t.type("table([[1]], tablef\t")
        XCTAssertTrue(t.waitFor("tablefmt="), t.plain(from: mark))
        t.type("'plain')\r")
        XCTAssertTrue(t.waitFor(">>> "))

        // A multi-line block with the continuation prompt.
        mark = t.screen.endIndex
        t.type("for i in range(2):\r")
        XCTAssertTrue(t.waitFor("... "), t.plain(from: mark))
        t.type("    print('row', i)\r\r")
        XCTAssertTrue(t.waitFor("row 1"), t.plain(from: mark))

        // Ctrl-C at the prompt clears the line.
        mark = t.screen.endIndex
        t.type("this is not run")
        t.waitFor("not run", timeout: 2)
        t.type("\u{03}")
        XCTAssertTrue(t.waitFor("^C"), t.plain(from: mark))
        t.type("reward_total\r")
        XCTAssertTrue(t.waitFor("40\n", timeout: 5) || t.plain(from: mark).contains("40"), t.plain(from: mark))

        // Ctrl-C during a running loop stops it with KeyboardInterrupt; state survives.
        mark = t.screen.endIndex
        t.type("n = 0\r")
        t.type("while True:\r    n += 1\r\r")
        Thread.sleep(forTimeInterval: 0.7)
        t.type("\u{03}")
        XCTAssertTrue(t.waitFor("KeyboardInterrupt"), t.plain(from: mark))
        mark = t.screen.endIndex
        t.type("n > 0, reward_total\r")
        XCTAssertTrue(t.waitFor("(True, 40)"), t.plain(from: mark))

        // Ctrl-D exits with status 0, and the history was saved. Send it only once the
        // prompt is back, so readline (not the cooked terminal) reads it.
        mark = t.screen.range(of: "(True, 40)", options: .backwards)?.upperBound ?? t.screen.endIndex
        XCTAssertTrue(t.waitFor(">>> ", timeout: 5, since: mark), t.plain(from: mark))
        t.type("\u{04}")
        XCTAssertEqual(t.waitExit(), 0)
        let history = try String(contentsOf: home.appendingPathComponent("smr/history"), encoding: .utf8)
        XCTAssertTrue(history.contains("reward_total = 40"), history)
    }
}
