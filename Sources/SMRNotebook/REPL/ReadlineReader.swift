import CReadline
import Foundation
import SMRNeural
#if canImport(Glibc)
import Glibc
#endif

/// Interactive input through GNU readline's callback interface: line editing, history
/// saved across sessions, Tab completion, and Ctrl-C that clears the line (the prompt
/// loop polls stdin and the interrupt pipe, so a SIGINT is seen at once).
public final class ReadlineReader: LineReader {
    let historyPath: String?
    nonisolated(unsafe) static var done = false
    nonisolated(unsafe) static var received: String?
    nonisolated(unsafe) static var completer: Completer?
    nonisolated(unsafe) static var matches: [String] = []
    static let maxHistory: Int32 = 10_000
    private static let wordBreaks: UnsafeMutablePointer<CChar> = strdup(" \t\n\"'`@$><=;|&{(,[]+-*/%!~^)}") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    private static let appName: UnsafeMutablePointer<CChar> = strdup("smr") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)

    /// - Parameters:
    ///   - historyPath: the history file (created if missing); nil keeps no history.
    ///   - completer: where Tab completions come from.
    public init(historyPath: String?, completer: Completer?) {
        self.historyPath = historyPath
        ReadlineReader.completer = completer
        smr_rl_set_name(ReadlineReader.appName)
        smr_rl_set_catch_signals(0)
        smr_rl_set_word_breaks(ReadlineReader.wordBreaks)
        smr_rl_set_query_items(200)
        smr_rl_set_completion { text, start, end in ReadlineReader.attemptCompletion(text, start, end) }
        using_history()
        if let p = historyPath {
            let dir = (p as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: p) { FileManager.default.createFile(atPath: p, contents: nil) }
            read_history(p)
        }
        stifle_history(ReadlineReader.maxHistory)
    }

    /// `$XDG_DATA_HOME/smr/history`, else `~/.local/share/smr/history`.
    public static func defaultHistoryPath() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let x = env["XDG_DATA_HOME"], x.hasPrefix("/") { return x + "/smr/history" }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/share/smr/history"
    }

    public func read(prompt: String) -> LineResult { read(prompt: prompt, indent: "") }

    public func read(prompt: String, indent: String) -> LineResult {
        InterruptHandler.takePending()
        ReadlineReader.done = false
        ReadlineReader.received = nil
        rl_callback_handler_install(prompt) { line in
            ReadlineReader.done = true
            if let l = line {
                ReadlineReader.received = String(cString: l)
                free(l)
            }
            rl_callback_handler_remove()
        }
        smr_rl_bind_smart_backspace()
        if !indent.isEmpty {
            smr_rl_prefill(indent)
            rl_redisplay()
        }
        while !ReadlineReader.done {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: InterruptHandler.wakeFD, events: Int16(POLLIN), revents: 0)]
            let r = poll(&fds, InterruptHandler.wakeFD >= 0 ? 2 : 1, -1)
            let err = errno
            // Ctrl-C: the handler wrote to the wake-up pipe (poll may have returned EINTR).
            if InterruptHandler.takePending() {
                smr_rl_cancel_line()
                Console.out("^C\n")
                return .interrupted
            }
            if r < 0 {
                if err == EINTR || err == EAGAIN { continue }
                rl_callback_handler_remove()
                return .eof
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 { rl_callback_read_char() }
        }
        guard let line = ReadlineReader.received else { return .eof } // readline ended the line
        remember(line)
        return .line(line)
    }

    func remember(_ line: String) {
        guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { return }
        if let last = history_get(history_base + smr_history_length() - 1), let t = last.pointee.line, String(cString: t) == line { return }
        add_history(line)
        if let p = historyPath { append_history(1, p) }
    }

    public func close() {
        if let p = historyPath { try? HistoryFile.truncate(p, keeping: Int(ReadlineReader.maxHistory)) }
    }

    // MARK: completion callbacks

    static func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let word = text.map { String(cString: $0) } ?? ""
        let lineBytes = Array(String(cString: smr_rl_line_buffer()).utf8)
        let cursor = max(0, min(Int(smr_rl_point()), lineBytes.count))
        let prefix = String(decoding: lineBytes[0..<cursor], as: UTF8.self)
        let isCommandArg = prefix.drop { $0 == " " }.hasPrefix(":") && prefix.contains(" ")
        if isCommandArg {
            smr_rl_completion_options(0, 0) // file names, by readline
            return nil
        }
        matches = completer?.complete(word: word, linePrefix: prefix) ?? []
        // Keyword arguments (`name=`) and attributes take no space after them.
        smr_rl_completion_options(1, 1)
        guard !matches.isEmpty, let text else { return nil }
        return rl_completion_matches(text) { _, state in
            let k = Int(state)
            guard k < ReadlineReader.matches.count else { return nil }
            return strdup(ReadlineReader.matches[k])
        }
    }
}
