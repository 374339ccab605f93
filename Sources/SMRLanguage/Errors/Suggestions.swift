/// "Did you mean" suggestions computed as CPython 3.11 computes them
/// (Python/suggestions.c): a Levenshtein distance where inserting, deleting or
/// substituting a character costs 2 and changing only its case costs 1, after trimming
/// the common prefix and suffix; a candidate qualifies when at most about a third of
/// the characters involved change, and the first closest candidate wins.
public enum Suggestions {
    static let moveCost = 2
    static let caseCost = 1
    static let maxStringSize = 40
    static let maxCandidates = 750

    static func substitutionCost(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int {
        if a == b { return 0 }
        if a.value & 31 != b.value & 31 { return moveCost }
        func lower(_ c: Unicode.Scalar) -> UInt32 { c.value >= 65 && c.value <= 90 ? c.value + 32 : c.value }
        return lower(a) == lower(b) ? caseCost : moveCost
    }

    /// CPython's `levenshtein_distance`; returns `maxCost + 1` once the bound is exceeded.
    public static func distance(_ x: String, _ y: String, maxCost: Int = Int.max - 1) -> Int {
        var a = Array(x.unicodeScalars)[...], b = Array(y.unicodeScalars)[...]
        while let f = a.first, let g = b.first, f == g { a = a.dropFirst(); b = b.dropFirst() }
        while let f = a.last, let g = b.last, f == g { a = a.dropLast(); b = b.dropLast() }
        if a.isEmpty || b.isEmpty { return (a.count + b.count) * moveCost }
        if a.count > maxStringSize || b.count > maxStringSize { return maxCost + 1 }
        if b.count < a.count { swap(&a, &b) }
        if (b.count - a.count) * moveCost > maxCost { return maxCost + 1 }
        let aa = Array(a), bb = Array(b)
        var buffer = (0..<aa.count).map { ($0 + 1) * moveCost }
        var result = 0
        for (bi, code) in bb.enumerated() {
            var dist = bi * moveCost
            result = dist
            var minimum = Int.max
            for ai in 0..<aa.count {
                let substitute = dist + substitutionCost(code, aa[ai])
                dist = buffer[ai]
                let insertDelete = min(result, dist) + moveCost
                result = min(insertDelete, substitute)
                buffer[ai] = result
                minimum = min(minimum, result)
            }
            if minimum > maxCost { return maxCost + 1 }
        }
        return result
    }

    /// The closest candidate to `name`, if it is close enough to be a plausible typo.
    /// Candidates are tried in order (CPython: locals, then globals, then builtins).
    public static func closest(to name: String, in candidates: [String]) -> String? {
        if candidates.count >= maxCandidates { return nil }
        var best: String?
        var bestDistance = Int.max
        let n = name.unicodeScalars.count
        for c in candidates where c != name {
            var maxDistance = (n + c.unicodeScalars.count + 3) * moveCost / 6
            maxDistance = min(maxDistance, bestDistance - 1)
            let d = distance(name, c, maxCost: maxDistance)
            if d > maxDistance { continue }
            if best == nil || d < bestDistance {
                best = c
                bestDistance = d
            }
        }
        return best
    }

    /// `". Did you mean: 'x'?"` or the empty string.
    static func hint(_ name: String, _ candidates: [String]) -> String {
        if let c = closest(to: name, in: candidates) { return ". Did you mean: '\(c)'?" }
        return ""
    }
}
