import Foundation
import SMRLanguage
#if canImport(Glibc)
import Glibc
#endif

/// Writing to the terminal's standard streams.
public enum Console {
    /// Write to standard output now.
    public static func out(_ s: String) {
        var t = s
        t.withUTF8 { b in if let p = b.baseAddress { _ = fwrite(p, 1, b.count, stdout) } }
        fflush(stdout)
    }

    /// Write to standard error now (after flushing standard output, to keep order).
    public static func err(_ s: String) {
        fflush(stdout)
        var t = s
        t.withUTF8 { b in if let p = b.baseAddress { _ = fwrite(p, 1, b.count, stderr) } }
        fflush(stderr)
    }

    /// Whether standard output is a terminal that accepts colors (and NO_COLOR is unset).
    public static var stdoutColor: Bool {
        isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// The header line `smr run` prints above a cell's outputs.
    public static func cellHeader(number: Int, title: String?, injected: Bool) -> String {
        var label = "── cell \(number)"
        if injected { label += ": injected parameters" } else if let t = title, !t.isEmpty { label += ": " + t }
        label += " "
        let n = max(3, 60 - label.count)
        return label + String(repeating: "─", count: n)
    }
}

/// Prints a notebook run as it happens: a header per code cell, then its printed
/// text, displays and value; errors go to stderr.
public final class ConsoleRunPrinter: RunObserver {
    let color = Console.stdoutColor
    /// Whether the last thing written ended a line.
    private var atLineStart = true

    public init() {}

    public func cellStarted(_ cell: Cell, executionCount: Int, injected: Bool) {
        let h = Console.cellHeader(number: cell.number, title: cell.title, injected: injected)
        Console.out((color ? "\u{1B}[2m" + h + "\u{1B}[0m" : h) + "\n")
        atLineStart = true
    }

    public func cellOutput(_ output: CellOutput) {
        switch output {
        case .stream(let s):
            Console.out(s)
            if let l = s.last { atLineStart = l == "\n" }
        case .display(let item):
            newline()
            let shown = (color ? (item.object as? SelfDisplaying)?.displayItem(color: true).text : nil) ?? item.text
            Console.out(shown + "\n")
        case .result(let text, let item):
            newline()
            let shown = (color ? (item?.object as? SelfDisplaying)?.displayItem(color: true).text : nil) ?? text
            Console.out(shown + "\n")
        case .error(let e):
            newline()
            Console.err(e.formatted() + "\n")
        }
    }

    private func newline() {
        if !atLineStart { Console.out("\n"); atLineStart = true }
    }

    public func cellFinished(_ run: CellRun) {}
}
