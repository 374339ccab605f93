import Foundation
import SMRLanguage

/// A line chart made by `plot(...)`: it draws itself as Unicode braille text in the
/// terminal (`repr`) and as an SVG image in exports.
public final class Plot: NativeObject, SelfDisplaying {
    public let series: [PlotSeries]
    public let title: String?
    public let xlabel: String?
    public let ylabel: String?

    /// Plot area size in characters for the text rendering.
    public var textWidth = 60
    public var textHeight = 14

    public init(series: [PlotSeries], title: String? = nil, xlabel: String? = nil, ylabel: String? = nil) {
        self.series = series
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
    }

    public override var typeName: String { "Plot" }
    public override var repr: String { text(color: false) }
    public override var str: String { repr }
    public override var attributeNames: [String] { ["title", "xlabel", "ylabel", "svg", "text"] }
    public override var helpText: String { "Plot: a line chart made by plot(); shown as text in the terminal and as SVG in exports." }

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "title": return title.map { .str($0) } ?? .none
        case "xlabel": return xlabel.map { .str($0) } ?? .none
        case "ylabel": return ylabel.map { .str($0) } ?? .none
        case "svg": return .str(svg())
        case "text": return .str(text(color: false))
        default: return try super.getAttribute(name)
        }
    }

    public func displayItem(color: Bool) -> DisplayItem {
        DisplayItem(text: text(color: color), svg: svg(), object: self)
    }

    // MARK: ranges

    struct Ranges { var x: (lo: Double, hi: Double, ticks: [Double]); var y: (lo: Double, hi: Double, ticks: [Double]) }

    func ranges() -> Ranges {
        var xs: [Double] = [], ys: [Double] = []
        for s in series { for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite { xs.append(x); ys.append(y) } }
        let xr = xs.isEmpty ? (0.0, 1.0) : (xs.min() ?? 0, xs.max() ?? 1)
        let yr = ys.isEmpty ? (0.0, 1.0) : (ys.min() ?? 0, ys.max() ?? 1)
        var xt = NiceTicks.ticks(xr.0, xr.1, count: 6)
        // Keep the x axis tight to the data when it spans integers (indices).
        if xr.0 != xr.1 { xt = (xr.0, xr.1, xt.ticks.filter { $0 >= xr.0 - 1e-12 && $0 <= xr.1 + 1e-12 }) }
        return Ranges(x: xt, y: NiceTicks.ticks(yr.0, yr.1, count: 5))
    }

    // MARK: text

    static let ansiColors = ["\u{1B}[34m", "\u{1B}[33m", "\u{1B}[32m", "\u{1B}[31m", "\u{1B}[35m", "\u{1B}[36m", "\u{1B}[94m", "\u{1B}[93m"]
    static let markers: [Character] = ["•", "×", "+", "o", "*", "#", "@", "%"]

    /// The chart as text; with `color`, series are ANSI-colored, otherwise several
    /// series are told apart by marker characters.
    public func text(color: Bool) -> String {
        let r = ranges()
        let W = textWidth, H = textHeight
        var canvas = BrailleCanvas(columns: W, rows: H, layers: series.count)
        func px(_ x: Double) -> Int { Int(((x - r.x.lo) / (r.x.hi - r.x.lo) * Double(canvas.pixelWidth - 1)).rounded()) }
        func py(_ y: Double) -> Int { Int(((r.y.hi - y) / (r.y.hi - r.y.lo) * Double(canvas.pixelHeight - 1)).rounded()) }
        for (k, s) in series.enumerated() {
            var prev: (Int, Int)?
            for (x, y) in zip(s.x, s.y) {
                guard x.isFinite, y.isFinite else { prev = nil; continue }
                let p = (px(x), py(y))
                if let q = prev { canvas.line(q.0, q.1, p.0, p.1, layer: k) } else { canvas.set(p.0, p.1, layer: k) }
                prev = p
            }
        }
        let useMarkers = !color && series.count > 1
        // y tick labels at the rows nearest each tick
        var rowLabel: [Int: String] = [:]
        for t in r.y.ticks {
            let row = Int(((r.y.hi - t) / (r.y.hi - r.y.lo) * Double(H - 1)).rounded())
            if row >= 0 && row < H { rowLabel[row] = NiceTicks.label(t) }
        }
        let labelWidth = max(rowLabel.values.map { $0.count }.max() ?? 1, 1)
        var lines: [String] = []
        let indent = String(repeating: " ", count: labelWidth + 1)
        if let t = title, !t.isEmpty { lines.append(indent + center(t, W + 1)) }
        if let yl = ylabel, !yl.isEmpty { lines.append(String(repeating: " ", count: max(0, labelWidth - yl.count + 1)) + yl) }
        for row in 0..<H {
            var line = ""
            if let l = rowLabel[row] { line += String(repeating: " ", count: labelWidth - l.count) + l + " ┤" }
            else { line += indent + "│" }
            for col in 0..<W {
                let layers = canvas.layers(at: col, row)
                guard let last = layers.last, let ch = canvas.character(at: col, row) else { line += " "; continue }
                if useMarkers { line.append(Plot.markers[last % Plot.markers.count]) }
                else if color && series.count > 1 { line += Plot.ansiColors[last % Plot.ansiColors.count] + String(ch) + "\u{1B}[0m" }
                else { line.append(ch) }
            }
            lines.append(rstrip(line))
        }
        // x axis with ticks
        var axis = Array(repeating: Character("─"), count: W)
        var labels = Array(repeating: Character(" "), count: W + labelWidth + 12)
        var lastEnd = -1
        for t in r.x.ticks {
            let col = Int(((t - r.x.lo) / (r.x.hi - r.x.lo) * Double(W - 1)).rounded())
            guard col >= 0 && col < W else { continue }
            axis[col] = "┬"
            let l = Array(NiceTicks.label(t))
            let start = max(0, labelWidth + 2 + col - l.count / 2)
            if start > lastEnd + 1, start + l.count <= labels.count {
                for (i, c) in l.enumerated() { labels[start + i] = c }
                lastEnd = start + l.count - 1
            }
        }
        lines.append(indent + "└" + String(axis))
        lines.append(rstrip(String(labels)))
        if let xl = xlabel, !xl.isEmpty { lines.append(indent + center(xl, W + 1)) }
        if series.count > 1 || !(series.first?.name.isEmpty ?? true) && series.count > 1 {
            var legend: [String] = []
            for (k, s) in series.enumerated() {
                if color { legend.append(Plot.ansiColors[k % Plot.ansiColors.count] + "━━" + "\u{1B}[0m " + s.name) }
                else { legend.append(String(repeating: Plot.markers[k % Plot.markers.count], count: 2) + " " + s.name) }
            }
            lines.append(indent + " " + legend.joined(separator: "   "))
        }
        return lines.map { rstrip($0) }.joined(separator: "\n")
    }

    func center(_ s: String, _ w: Int) -> String {
        let n = max(0, w - s.count)
        return String(repeating: " ", count: n / 2) + s
    }

    func rstrip(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t.removeLast() }
        return String(t)
    }

    // MARK: SVG

    static let svgColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The chart as a standalone SVG document (no external resources).
    public func svg(width: Double = 640, height: Double = 400) -> String {
        let r = ranges()
        let left = 64.0, right = 16.0, top = title == nil ? 20.0 : 40.0, bottom = xlabel == nil ? 40.0 : 58.0
        let pw = width - left - right, ph = height - top - bottom
        func sx(_ x: Double) -> Double { left + (x - r.x.lo) / (r.x.hi - r.x.lo) * pw }
        func sy(_ y: Double) -> Double { top + (r.y.hi - y) / (r.y.hi - r.y.lo) * ph }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"white\"/>\n"
        if let t = title { out += "<text x=\"\(f(left + pw / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">\(Plot.xml(t))</text>\n" }
        for t in r.y.ticks {
            let y = sy(t)
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + pw))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(Plot.xml(NiceTicks.label(t)))</text>\n"
        }
        for t in r.x.ticks {
            let x = sx(t)
            out += "<line x1=\"\(f(x))\" y1=\"\(f(top + ph))\" x2=\"\(f(x))\" y2=\"\(f(top + ph + 5))\" stroke=\"#333\"/>\n"
            out += "<text x=\"\(f(x))\" y=\"\(f(top + ph + 18))\" text-anchor=\"middle\">\(Plot.xml(NiceTicks.label(t)))</text>\n"
        }
        out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(pw))\" height=\"\(f(ph))\" fill=\"none\" stroke=\"#333\"/>\n"
        for (k, s) in series.enumerated() {
            let color = Plot.svgColors[k % Plot.svgColors.count]
            var segments: [[String]] = [[]]
            for (x, y) in zip(s.x, s.y) {
                if x.isFinite && y.isFinite { segments[segments.count - 1].append("\(f(sx(x))),\(f(sy(y)))") }
                else if !(segments.last?.isEmpty ?? true) { segments.append([]) }
            }
            for seg in segments where !seg.isEmpty {
                if seg.count == 1, let p = seg.first?.split(separator: ",") , p.count == 2 {
                    out += "<circle cx=\"\(p[0])\" cy=\"\(p[1])\" r=\"2.5\" fill=\"\(color)\"/>\n"
                } else {
                    out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\" points=\"\(seg.joined(separator: " "))\"/>\n"
                }
            }
        }
        if let xl = xlabel { out += "<text x=\"\(f(left + pw / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(Plot.xml(xl))</text>\n" }
        if let yl = ylabel { out += "<text x=\"16\" y=\"\(f(top + ph / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(top + ph / 2)))\">\(Plot.xml(yl))</text>\n" }
        if series.count > 1 {
            let lw = 24.0 + 7.0 * Double(series.map { $0.name.count }.max() ?? 4)
            let lx = left + pw - lw - 8, ly = top + 8
            out += "<rect x=\"\(f(lx))\" y=\"\(f(ly))\" width=\"\(f(lw))\" height=\"\(f(Double(series.count) * 18 + 8))\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n"
            for (k, s) in series.enumerated() {
                let y = ly + 16 + Double(k) * 18
                out += "<line x1=\"\(f(lx + 6))\" y1=\"\(f(y - 4))\" x2=\"\(f(lx + 20))\" y2=\"\(f(y - 4))\" stroke=\"\(Plot.svgColors[k % Plot.svgColors.count])\" stroke-width=\"2\"/>\n"
                out += "<text x=\"\(f(lx + 24))\" y=\"\(f(y))\">\(Plot.xml(s.name))</text>\n"
            }
        }
        return out + "</svg>"
    }

    static func xml(_ s: String) -> String {
        var o = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default:
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { continue }
                o.unicodeScalars.append(ch)
            }
        }
        return o
    }
}
