import Foundation
import XCTest
@testable import SMRNotebook

/// The REPL in a real pseudo-terminal (readline on a pty): auto-indent after a block
/// opener and dedent after `return`, the indentation-only line closing the block, `_`,
/// `len?`, `:time`, `:timeit` and a bracketed paste. Each line waits for its prompt (so it
/// meets the pre-filled indent) with a timeout: a stuck REPL fails, it does not hang.
final class REPLTerminalTests: XCTestCase {
    func testAutoIndentUnderscoreHelpAndTimeitInATerminal() throws {
        guard let bin = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        let home = try TestSupport.tempDir()
        let t = try PseudoTerminal(binary: bin, home: home.path)
        XCTAssertTrue(t.waitFor(">>> "), t.plain())
        let keys: [(String, String)] = [
            ("for i in range(3):", "... "), ("print(i * 10)", "... "), ("", ">>> "),
            ("def f(x):", "... "), ("return x + 1", "... "), ("", ">>> "), ("f(1)", ">>> "),
            ("6 * 7", ">>> "), ("_", ">>> "), ("len?", ">>> "), ("f??", ">>> "), ("MemoryTaskEnv?", ">>> "),
            (":time sum(range(10))", ">>> "), (":timeit -n 1000 -r 5 sum(range(1000))", ">>> "),
        ]
        for (line, prompt) in keys {
            XCTAssertTrue(t.enter(line, prompt: prompt, timeout: 20), "no \(prompt) after \(line): \(t.plain())")
        }
        // A bracketed paste of a class with a blank line between its methods, then a call.
        var mark = t.screen.endIndex
        t.type("\u{1B}[200~class A:\r    def f(self):\r        return 1\r\r    def g(self):\r        return 2\r\u{1B}[201~")
        // readline shows the pasted text (highlighted) and no prompt until Enter.
        t.waitFor("return 2", timeout: 10, since: mark)
        mark = t.screen.endIndex
        t.type("\r")
        XCTAssertTrue(t.waitFor(">>> ", timeout: 10, since: mark), t.plain(from: mark))
        XCTAssertTrue(t.enter("A().g() * 21", prompt: ">>> "), t.plain())
        mark = t.screen.endIndex
        t.type("\u{04}")
        XCTAssertEqual(t.waitExit(), 0, t.plain(from: mark))

        let text = t.plain()
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
        XCTAssertNotNil(text.range(of: #"per loop \(mean ± std. dev. of 5 runs, 1,000 loops each\)"#, options: .regularExpression), text)
    }

    /// Backspace in the pre-filled indentation removes one level; the body dedents by itself
    /// after `continue` and `pass`; `__` and `___`; `obj??` of a session class; a bracketed
    /// paste at a continuation prompt; `:paste`; Ctrl-C in `:timeit`.
    func testBackspaceDedentHistoryValuesSourceAndPaste() throws {
        guard let bin = TestSupport.smrBinary else { throw XCTSkip("smr binary not built") }
        let home = try TestSupport.tempDir()
        let t = try PseudoTerminal(binary: bin, home: home.path)
        XCTAssertTrue(t.waitFor(">>> "), t.plain())
        let keys: [(String, String)] = [
            // The body of `if` is pre-filled with 8 spaces; one DEL takes it back to 4.
            ("for i in range(2):", "... "), ("if i:", "... "), ("print('odd', i)", "... "),
            ("\u{7F}print('row', i)", "... "), ("", ">>> "),
            // `continue` and `pass` end their block: the next line is one level shallower.
            ("for i in range(3):", "... "), ("if i == 1:", "... "), ("continue", "... "), ("print('kept', i)", "... "), ("", ">>> "),
            ("class B:", "... "), ("def f(self):", "... "), ("pass", "... "), ("def g(self):", "... "), ("return 'g'", "... "), ("", ">>> "),
            ("B().g()", ">>> "), ("B??", ">>> "),
            ("10", ">>> "), ("20", ">>> "), ("30", ">>> "), ("(_, __, ___)", ">>> "),
        ]
        for (line, prompt) in keys {
            XCTAssertTrue(t.enter(line, prompt: prompt, timeout: 20), "no \(prompt) after \(line): \(t.plain())")
        }
        // A bracketed paste at a continuation prompt keeps its own indentation (the pre-filled
        // one is not added to its first line).
        XCTAssertTrue(t.enter("for i in range(2):", prompt: "... ", timeout: 20), t.plain())
        var mark = t.screen.endIndex
        t.type("\u{1B}[200~    y = i\r    print('pasted body', y * 3)\r\u{1B}[201~")
        t.waitFor("* 3)", timeout: 10, since: mark)
        XCTAssertTrue(t.enter("", prompt: ">>> ", timeout: 20), t.plain(from: mark))
        // :paste reads lines as typed, blank lines included (readline ends an empty line
        // at an empty prompt with no newline of its own), until --.
        for line in [":paste", "def h():", "", "    return 'pasted'"] {
            if line.isEmpty { t.type("\r"); Thread.sleep(forTimeInterval: 0.3); continue }
            XCTAssertTrue(t.enter(line, prompt: "\n", timeout: 20), "no newline after \(line): \(t.plain())")
        }
        XCTAssertTrue(t.enter("--", prompt: ">>> ", timeout: 20), t.plain())
        XCTAssertTrue(t.enter("h()", prompt: ">>> ", timeout: 20), t.plain())
        // Ctrl-C stops :timeit's loops; the session goes on.
        mark = t.screen.endIndex
        t.type(":timeit sum(range(3000000))\r")
        Thread.sleep(forTimeInterval: 0.7)
        t.type("\u{03}")
        XCTAssertTrue(t.waitFor("KeyboardInterrupt", timeout: 20, since: mark), t.plain(from: mark))
        XCTAssertTrue(t.waitFor(">>> ", timeout: 10, since: mark), t.plain(from: mark))
        mark = t.screen.endIndex
        XCTAssertTrue(t.enter("h() * 2", prompt: ">>> ", timeout: 20), t.plain(from: mark))
        mark = t.screen.endIndex
        t.type("\u{04}")
        XCTAssertEqual(t.waitExit(), 0, t.plain(from: mark))

        let text = t.plain()
        XCTAssertTrue(text.contains("^C\n") && text.contains("'pastedpasted'"), text)
        XCTAssertTrue(text.contains("pasted body 0\npasted body 3\n"), text)
        XCTAssertTrue(text.contains("row 0\nodd 1\nrow 1\n"), "Backspace removed one level: \(text)")
        XCTAssertTrue(text.contains("kept 0\nkept 2\n"), text)
        XCTAssertTrue(text.contains("...         pass\n...     def g(self):"), "the line after pass starts one level up: \(text)")
        XCTAssertTrue(text.contains(">>> B().g()\n'g'\n"), text)
        XCTAssertTrue(text.contains("Source:\nclass B:\n    def f(self):\n        pass\n    def g(self):"), text)
        XCTAssertTrue(text.contains("(30, 20, 10)"), text)
        XCTAssertTrue(text.contains(">>> h()\n'pasted'\n"), text)
        XCTAssertFalse(text.contains("Error"), text)
        XCTAssertEqual(text.components(separatedBy: "KeyboardInterrupt").count, 2, text)
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
        for ender in ["return x", "pass", "break", "continue", "raise ValueError('x')"] {
            var b = InputAccumulator()
            _ = b.add("while True:")
            _ = b.add("    if x:")
            _ = b.add("        " + ender)
            XCTAssertEqual(b.nextIndent, "    ", ender)
        }
        var c = InputAccumulator()
        _ = c.add("def f():")
        _ = c.add("    passed = 1")
        XCTAssertEqual(c.nextIndent, "    ", "a name starting with pass is no pass")
    }
}
