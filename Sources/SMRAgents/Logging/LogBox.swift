import Foundation

/// A value in a log box.
public enum LogValue: Sendable, Equatable {
    case int(Int)
    case float(Double)
    case str(String)
}

/// Stable-Baselines3 style metric boxes.
public enum LogBox {
    /// SB3's `HumanOutputFormat`: keys sorted, `rollout/ep_rew_mean` shown as a
    /// `rollout/` header row with the indented `ep_rew_mean` under it, floats as
    /// `{:<8.3g}`, keys and values cut at 36 characters.
    ///
    ///     print(LogBox.sb3([("rollout/ep_rew_mean", .float(-1234.5)), ("time/fps", .int(812))]))
    public static func sb3(_ values: [(String, LogValue)]) -> String {
        var rows: [(String, String)] = []
        var tag = ""
        for (key, value) in values.sorted(by: { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }) {
            let valueText: String
            switch value {
            case .float(let d): valueText = NumberText.general(d, precision: 3).padding(toLength: 8)
            case .int(let i): valueText = String(i)
            case .str(let s): valueText = s
            }
            var k = key
            if let slash = key.firstIndex(of: "/"), slash != key.startIndex {
                tag = String(key[...slash])
                let t = truncate(tag)
                if !rows.contains(where: { $0.0 == t && $0.1.isEmpty }) { rows.append((t, "")) }
            }
            if !tag.isEmpty, k.contains(tag), let r = k.range(of: tag) {
                k = "   " + String(k[r.upperBound...])
            }
            rows.append((truncate(k), truncate(valueText)))
        }
        guard !rows.isEmpty else { return "" }
        let kw = rows.map { $0.0.count }.max() ?? 0
        let vw = rows.map { $0.1.count }.max() ?? 0
        let dashes = String(repeating: "-", count: kw + vw + 7)
        var lines = [dashes]
        for (k, v) in rows {
            lines.append("| " + k + String(repeating: " ", count: kw - k.count) + " | " + v + String(repeating: " ", count: vw - v.count) + " |")
        }
        lines.append(dashes)
        return lines.joined(separator: "\n")
    }

    static func truncate(_ s: String) -> String {
        s.count > 36 ? String(s.prefix(33)) + "..." : s
    }

    /// A section of the reference box (`print_sb3_style_log_box`).
    public struct Section: Sendable {
        public var header: String
        public var stats: [(String, LogValue)]
        public init(header: String, stats: [(String, LogValue)]) {
            self.header = header
            self.stats = stats
        }
    }

    /// The reference implementation's `print_sb3_style_log_box(stats)` layout: sections
    /// in the given order, keys in insertion order, floats `{:8.3f}` and ints `{:8d}`
    /// centered in a 10-wide value column.
    public static func reference(_ sections: [Section]) -> String {
        var keyWidth = 0
        for s in sections {
            keyWidth = max(keyWidth, (s.header + "/").count)
            for (k, _) in s.stats { keyWidth = max(keyWidth, 4 + k.count) }
        }
        let valWidth = 10
        let boxWidth = 2 + keyWidth + 1 + valWidth + 2
        var lines = [String(repeating: "-", count: boxWidth)]
        for s in sections {
            lines.append("| " + (s.header + "/").padding(toLength: keyWidth) + "|" + String(repeating: " ", count: valWidth) + " |")
            for (k, v) in s.stats {
                let text: String
                switch v {
                case .float(let d): text = NumberText.fixed(d, precision: 3).padding(toLength: 8, right: true)
                case .int(let i): text = String(i).padding(toLength: 8, right: true)
                case .str(let s): text = s
                }
                lines.append("|    " + k.padding(toLength: keyWidth - 4) + " |" + text.centered(in: valWidth) + " |")
            }
        }
        lines.append(String(repeating: "-", count: boxWidth))
        return lines.joined(separator: "\n")
    }

}
