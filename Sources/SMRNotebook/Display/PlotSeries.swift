/// One named line of a plot.
public struct PlotSeries: Sendable, Equatable {
    public var name: String
    public var x: [Double]
    public var y: [Double]

    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }
}

/// Axis ticks at "nice" values (1, 2, 2.5 or 5 × 10^k).
enum NiceTicks {
    /// The axis range widened to tick multiples, and the ticks.
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> (lo: Double, hi: Double, ticks: [Double]) {
        var lo = lo, hi = hi
        if !lo.isFinite || !hi.isFinite { return (0, 1, [0, 1]) }
        if lo == hi {
            let d = lo == 0 ? 1 : Swift.abs(lo) * 0.1
            lo -= d; hi += d
        }
        let raw = (hi - lo) / Double(max(1, count - 1))
        let mag = pow10(floor(log10(raw)))
        let norm = raw / mag
        let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag
        let a = (lo / step).rounded(.down) * step
        let b = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var k = 0
        while true {
            let t = a + Double(k) * step
            if t > b + step * 1e-9 || k > 100 { break }
            ticks.append(Swift.abs(t) < step * 1e-9 ? 0 : t)
            k += 1
        }
        return (a, b, ticks)
    }

    static func pow10(_ e: Double) -> Double { Foundation.pow(10, e) }

    /// A short label: `g` with 4 significant digits.
    static func label(_ v: Double) -> String { PyFormat.format(v, ".4g") }
}

import Foundation
