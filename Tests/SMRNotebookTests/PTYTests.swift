import CReadline
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The REPL driven like a person at a terminal: the real `smr` binary on a
/// pseudo-terminal, keys typed into the master side, the screen read back.
final class PTYTests: XCTestCase {
    final class Terminal {
        let pid: Int32
        let fd: Int32
        var screen = ""

        init(binary: String, home: String) throws {
            let args = [binary]
            var env = ProcessInfo.processInfo.environment
            env["XDG_DATA_HOME"] = home
            env["TERM"] = "xterm"
            env["NO_COLOR"] = "1"
            env["INPUTRC"] = "/dev/null"
            let cArgs = args.map { strdup($0) } + [nil]
            let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
            var master: Int32 = -1
            let p = cArgs.withUnsafeBufferPointer { a in
                cEnv.withUnsafeBufferPointer { e in
                    smr_spawn_in_pty(binary, a.baseAddress, e.baseAddress, 24, 100, &master)
                }
            }
            guard p > 0 else { throw XCTSkip("cannot open a pseudo-terminal") }
            pid = p
            fd = master
        }

        /// Read what the program writes until `text` appears (or the timeout passes).
        @discardableResult
        func waitFor(_ text: String, timeout: Double = 10, since mark: String.Index? = nil) -> Bool {
            func seen() -> Bool { mark.map { screen[$0...].contains(text) } ?? screen.contains(text) }
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if seen() { return true }
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&p, 1, 50) > 0 {
                    var buf = [UInt8](repeating: 0, count: 4096)
                    let n = read(fd, &buf, buf.count)
                    if n <= 0 { break }
                    screen += String(decoding: buf[0..<n], as: UTF8.self)
                }
            }
            return seen()
        }

        func type(_ s: String) {
            let bytes = Array(s.utf8)
            _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        }

        /// Screen text since `mark`, without escape sequences and carriage returns.
        func plain(from mark: String.Index? = nil) -> String {
            let s = mark.map { String(screen[$0...]) } ?? screen
            return s.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
                .replacingOccurrences(of: "\r", with: "")
        }

        func waitExit(timeout: Double = 10) -> Int32? {
            let end = Date().addingTimeInterval(timeout)
            var status: Int32 = 0
            while Date() < end {
                waitFor("\u{0}", timeout: 0.05)
                if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            }
            kill(pid, SIGKILL)
            return nil
        }

        deinit { close(fd) }
    }

    func testTypeCompleteInterruptAndExit() throws {
        guard let bin = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        let home = try TestSupport.tempDir()
        let t = try Terminal(binary: bin, home: home.path)
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
