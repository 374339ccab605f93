import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tqdm-style progress bar for long library calls (training loops, benchmarks).
///
/// On a terminal it redraws one line on stderr at most 10 times a second:
/// `train: 42%|████▏     | 42/100 [00:03<00:04, 12.50it/s]`. When stderr is not a
/// terminal it prints a plain line at each 10 % step (or every 10 s without a total)
/// and a last line when closed.
///
///     let bar = Progress(total: 100, desc: "train")
///     for _ in 0..<100 { step(); bar.update() }
///     bar.close()
public final class Progress {
    public let total: Int?
    public var desc: String
    public var unit: String
    /// Extra text after the rate, as tqdm's `set_postfix_str`.
    public var postfix: String = ""
    public private(set) var n = 0

    private let write: (String) -> Void
    private let isTerminal: Bool
    private let clock: () -> Double
    private let start: Double
    private var lastDraw = -1.0
    private var lastPlainStep = 0
    private var lastPlainTime: Double
    private var closed = false
    private let columns: Int

    /// - Parameters:
    ///   - total: the expected number of steps (nil if unknown).
    ///   - isTerminal: override terminal detection (default: whether stderr is a tty).
    ///   - write: where text goes (default: stderr).
    ///   - clock: seconds, monotonic (tests pass a fake clock).
    public init(total: Int?, desc: String = "", unit: String = "it", isTerminal: Bool? = nil, columns: Int? = nil,
                write: ((String) -> Void)? = nil, clock: (() -> Double)? = nil) {
        self.total = total.map { max(0, $0) }
        self.desc = desc
        self.unit = unit
        self.isTerminal = isTerminal ?? (isatty(2) == 1)
        self.write = write ?? { s in FileHandle.standardError.write(Data(s.utf8)) }
        self.clock = clock ?? { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        self.columns = columns ?? Progress.terminalColumns()
        start = self.clock()
        lastPlainTime = start
        if self.isTerminal { draw(force: true) }
    }

    /// Advance by `k` steps.
    public func update(_ k: Int = 1) {
        guard !closed else { return }
        n += k
        let now = clock()
        if isTerminal {
            if now - lastDraw >= 0.1 || (total.map { n >= $0 } ?? false) { draw(force: false, now: now) }
        } else if let t = total, t > 0 {
            let step = min(10, n * 10 / t)
            if step > lastPlainStep && step < 10 { lastPlainStep = step; write(line(now: now) + "\n") }
        } else if now - lastPlainTime >= 10 {
            lastPlainTime = now
            write(line(now: now) + "\n")
        }
    }

    /// Redraw now on a terminal (after `postfix` or `desc` changed), as tqdm's `refresh()`.
    public func refresh() {
        guard !closed, isTerminal else { return }
        draw(force: true)
    }

    /// Finish: draw the final state and end the line.
    public func close() {
        guard !closed else { return }
        closed = true
        let now = clock()
        if isTerminal { write("\r" + line(now: now) + "\u{1B}[K\n") } else { write(line(now: now) + "\n") }
    }

    private func draw(force: Bool, now: Double? = nil) {
        let t = now ?? clock()
        lastDraw = t
        write("\r" + line(now: t) + "\u{1B}[K")
    }

    /// The current meter text.
    public func line(now: Double) -> String {
        Progress.meter(n: n, total: total, elapsed: now - start, desc: desc, unit: unit, columns: columns, postfix: postfix)
    }

    /// tqdm's `format_meter` with the default bar format.
    public static func meter(n: Int, total: Int?, elapsed: Double, desc: String = "", unit: String = "it",
                             columns: Int = 80, postfix: String = "") -> String {
        let rate: Double? = elapsed > 0 && n > 0 ? Double(n) / elapsed : nil
        var rateText = "?\(unit)/s"
        if let r = rate {
            let inv = 1 / r
            rateText = inv > 1 ? PyFormat.format(inv, "5.2f") + "s/\(unit)" : PyFormat.format(r, "5.2f") + "\(unit)/s"
        }
        let post = postfix.isEmpty ? "" : ", " + postfix
        let prefix = desc.isEmpty ? "" : desc + ": "
        guard let total, total > 0 else {
            return "\(prefix)\(n)\(unit) [\(interval(elapsed)), \(rateText)\(post)]"
        }
        let frac = min(1, max(0, Double(n) / Double(total)))
        let remaining = rate.map { interval(Double(total - min(n, total)) / $0) } ?? "?"
        let left = prefix + PyFormat.format(frac * 100, "3.0f") + "%|"
        let right = "| \(n)/\(total) [\(interval(elapsed))<\(remaining), \(rateText)\(post)]"
        let barWidth = max(1, columns - left.count - right.count)
        return left + bar(frac, width: barWidth) + right
    }

    static let blocks: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// tqdm's Unicode bar: full blocks, one partial block, then spaces.
    public static func bar(_ frac: Double, width: Int) -> String {
        let eighths = Int(frac * Double(width) * 8)
        let full = min(width, eighths / 8), part = eighths % 8
        var s = String(repeating: "█", count: full)
        if full < width { s.append(blocks[part]); s += String(repeating: " ", count: width - full - 1) }
        return s
    }

    /// `mm:ss`, or `h:mm:ss` past an hour.
    public static func interval(_ seconds: Double) -> String {
        let t = seconds.isFinite ? max(0, Int(seconds)) : 0
        let (mins, s) = t.quotientAndRemainder(dividingBy: 60)
        let (h, m) = mins.quotientAndRemainder(dividingBy: 60)
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(two(m)):\(two(s))"
    }

    static func terminalColumns() -> Int {
        var ws = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        return 80
    }
}
