import Foundation
import XCTest
@testable import SMRNotebook

/// The REPL in a real pseudo-terminal (util-linux `script` gives the binary a pty and
/// readline): auto-indent after a block opener and dedent after `return`, the
/// indentation-only line closing the block, `_`, `len?` and `:timeit`.
final class REPLTerminalTests: XCTestCase {
    func testAutoIndentUnderscoreHelpAndTimeitInATerminal() throws {
        guard let bin = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("no /usr/bin/script") }
        let home = try TestSupport.tempDir()
        // Keys as typed, with pauses so each line meets its prompt (and its pre-filled indent).
        let keys = ["for i in range(3):", "print(i * 10)", "", "def f(x):", "return x + 1", "", "f(1)",
                    "6 * 7", "_", "len?", "f??", "MemoryTaskEnv?", ":time sum(range(10))", ":timeit sum(range(1000))"]
        var typing = keys.map { "printf '%s\\r' '\($0)'; sleep 0.6" }.joined(separator: "; ")
        // A bracketed paste of a class with a blank line between its methods, then a call.
        typing += "; printf '\\033[200~class A:\\r    def f(self):\\r        return 1\\r\\r    def g(self):\\r        return 2\\r\\033[201~'; sleep 0.6"
        typing += "; printf '\\r'; sleep 0.6; printf 'A().g() * 21\\r'; sleep 0.6"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "(sleep 1; \(typing); sleep 3; printf '\\004') | script -qfc '\(bin)' /dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path
        env["NO_COLOR"] = "1"
        env["TERM"] = "xterm"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        // Without carriage returns and readline's bracketed-paste mode switches.
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\u{1B}[?2004h", with: "").replacingOccurrences(of: "\u{1B}[?2004l", with: "")
        XCTAssertTrue(text.contains("...     print(i * 10)"), "the body line starts indented: \(text)")
        XCTAssertTrue(text.contains("0\n10\n20\n"), text)
        XCTAssertTrue(text.contains("...     return x + 1"), text)
        XCTAssertTrue(text.contains(">>> f(1)") && text.contains("\n2\n"), text)
        XCTAssertTrue(text.contains(">>> _") && text.contains("42\n"), text)
        XCTAssertTrue(text.contains("Help on built-in function len:"), text)
        XCTAssertTrue(text.contains("Source:\ndef f(x):\n    return x + 1"), text)
        XCTAssertTrue(text.contains(">>> MemoryTaskEnv?\nclass MemoryTaskEnv\n |  MemoryTaskEnv(delay=8, difficulty=0)"), text)
        XCTAssertTrue(text.contains("CPU times: user ") && text.contains("Wall time: "), text)
        XCTAssertTrue(text.contains(">>> A().g() * 21\n42\n"), "the pasted class works: \(text)")
        XCTAssertNotNil(text.range(of: #"per loop \(mean ± std. dev. of 7 runs, [0-9,]+ loops? each\)"#, options: .regularExpression), text)
    }

    func testNextIndent() {
        var a = InputAccumulator()
        _ = a.add("for i in range(3):")
        XCTAssertEqual(a.nextIndent, "    ")
        _ = a.add("    if i:")
        XCTAssertEqual(a.nextIndent, "        ")
        _ = a.add("        continue")
        XCTAssertEqual(a.nextIndent, "    ")
        _ = a.add("    x = [1,")
        XCTAssertEqual(a.nextIndent, "", "no auto-indent inside brackets")
        XCTAssertTrue(a.add("    ]") == false)
        XCTAssertEqual(a.nextIndent, "    ")
        XCTAssertTrue(a.add("    "), "a line of only the indentation closes the block")
    }
}
