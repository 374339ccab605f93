import CReadline
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The real `smr` binary on a pseudo-terminal: keys typed into the master side, the
/// screen read back. Every wait has a timeout and the child is killed at the end, so a
/// REPL that stops answering fails the test instead of hanging the suite.
final class PseudoTerminal {
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

    /// Type one line (Enter included) and wait for the next prompt after it.
    @discardableResult
    func enter(_ line: String, prompt: String = "", timeout: Double = 10) -> Bool {
        let mark = screen.endIndex
        type(line + "\r")
        return prompt.isEmpty ? waitFor("\n", timeout: timeout, since: mark) : waitFor(prompt, timeout: timeout, since: mark)
    }

    deinit {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        close(fd)
    }
}
