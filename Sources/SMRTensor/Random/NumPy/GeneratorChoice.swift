extension NumPyGenerator {
    /// The indices `Generator.choice(n, size=count, replace=False)` picks, as NumPy picks
    /// them: a partial Fisher–Yates over the last `count` slots of `arange(n)` when the
    /// population is large (> 10,000) and so is the sample (> n/50), else Floyd's algorithm
    /// with NumPy's linear-probing set, then a shuffle of the sample (`shuffle=True`).
    public mutating func indicesWithoutReplacement(population n: Int, count: Int, shuffle: Bool = true) -> [Int] {
        let count = min(max(count, 0), max(n, 0))  // the caller validates; never trap
        if n > 10_000 && count > n / 50 {
            var values = Array(0..<n)
            tailShuffle(&values, first: max(n - count, 1))
            return Array(values[(n - count)...])
        }
        var mask = UInt64(Double(count) * 1.2)
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4
        mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        let empty = UInt64.max
        var set = [UInt64](filled: empty, count: Int(mask) + 1)
        var picked = [Int](filled: 0, count: count)
        for j in (n - count)..<n {
            let value = boundedUInt64(UInt64(j))
            var slot = Int(value & mask)
            while set[slot] != empty && set[slot] != value { slot = (slot + 1) & Int(mask) }
            if set[slot] == empty {
                set[slot] = value
                picked[j - n + count] = Int(value)
            } else {
                slot = j & Int(mask)
                while set[slot] != empty { slot = (slot + 1) & Int(mask) }
                set[slot] = UInt64(j)
                picked[j - n + count] = j
            }
        }
        if shuffle { tailShuffle(&picked, first: 1) }
        return picked
    }

    /// NumPy's `_shuffle_int(n, first, data)`: swaps slot i with a Lemire-bounded draw in
    /// 0...i for i from n−1 down to `first` (not `random_interval`, which `shuffle` uses).
    mutating func tailShuffle(_ values: inout [Int], first: Int) {
        var i = values.count - 1
        while i >= first {
            values.swapAt(i, Int(boundedUInt64(UInt64(i))))
            i -= 1
        }
    }
}

/// The draws `choice(..., p=p)` makes, shared by `RandomState` and `Generator` (NumPy's two
/// implementations agree): with replacement, `searchsorted(cdf, u, side='right')` for one
/// uniform per sample; without, rounds of that over the probabilities left, zeroing the ones
/// already drawn and keeping each round's new indices in first-drawn order.
public enum WeightedChoice {
    /// The normalised running sum, as `cdf = p.cumsum(); cdf /= cdf[-1]`.
    public static func cdf(_ p: [Double]) -> [Double] {
        var sum = 0.0
        var c = p.map { sum += $0; return sum }
        let last = c.last ?? 1
        for i in c.indices { c[i] /= last }
        return c
    }

    /// `cdf.searchsorted(u, side='right')`: the first index whose cdf exceeds `u`.
    public static func index(_ cdf: [Double], _ u: Double) -> Int {
        var lo = 0, hi = cdf.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cdf[mid] <= u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    public static func withReplacement(_ p: [Double], count: Int, uniform: () -> Double) -> [Int] {
        let c = cdf(p)
        return (0..<count).map { _ in index(c, uniform()) }
    }

    /// Needs at least `count` positive entries in `p` (the caller checks).
    public static func withoutReplacement(_ p: [Double], count: Int, uniform: () -> Double) -> [Int] {
        var p = p
        var found: [Int] = []
        while found.count < count {
            let draws = (0..<(count - found.count)).map { _ in uniform() }
            for i in found { p[i] = 0 }
            let c = cdf(p)
            var seen = Set<Int>()
            for u in draws {
                let i = index(c, u)
                if seen.insert(i).inserted { found.append(i) }
            }
        }
        return found
    }
}
