/// "Did you mean" suggestions by edit distance, as Python 3.11 makes them.
public enum Suggestions {
    /// Edit distance with adjacent transpositions (optimal string alignment), so that
    /// `maen` is one edit from `mean`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The closest candidate to `name`, if it is close enough to be a plausible typo.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        var best: String?
        var bestD = Int.max
        let limit = max(1, min(3, (name.count + 2) / 3))
        for c in candidates where c != name && !c.hasPrefix("_") {
            let d = distance(name.lowercased(), c.lowercased()) + (name.lowercased() == c.lowercased() ? 0 : 0)
            let dd = name.lowercased() == c.lowercased() ? 0 : d
            if dd < bestD || (dd == bestD && (best.map { c < $0 } ?? true)) {
                bestD = dd
                best = c
            }
        }
        guard let b = best, bestD <= limit else { return nil }
        return b
    }

    /// `". Did you mean: 'x'?"` or the empty string.
    static func hint(_ name: String, _ candidates: [String]) -> String {
        if let c = closest(to: name, in: candidates) { return ". Did you mean: '\(c)'?" }
        return ""
    }
}
