import SMRLanguage
import SMRTensor

/// `choice(a, size=None, replace=True, p=None)` for `np.random` (RandomState) and
/// `Generator`: the same validation in each one's own words, and each one's draws, as NumPy.
struct NumpyChoice {
    enum Dialect { case legacy, generator }
    let dialect: Dialect
    /// One uniform double in [0, 1).
    let uniform: () -> Double
    /// An index in 0..<n, drawn with replacement.
    let index: (Int) throws -> Int
    /// `count` distinct indices of 0..<n, in the order `choice` returns them.
    let distinct: (_ n: Int, _ count: Int) -> [Int]

    static let params = [Param("a"), Param("size", .any, default: .none), Param("replace", .bool, default: .bool(true)),
                         Param("p", .any, default: .none)]

    private func message(_ legacy: String, _ generator: String) -> PyError {
        PyError(.valueError, dialect == .legacy ? legacy : generator)
    }

    func callAsFunction(_ a: Arguments) throws -> Value {
        let count = try NumpyRandomModule.count(a["size"])
        let samples = count ?? 1
        var pool: [Value]? = nil
        let n: Int
        if case .int(let size) = a["a"] {
            guard size > 0 || samples == 0 else {
                throw message("a must be greater than 0 unless no samples are taken", "a must be a positive integer unless no samples are taken")
            }
            n = size
        } else {
            let items = try NumpyRandomModule.population(a["a"])
            guard !items.isEmpty || samples == 0 else {
                throw message("'a' cannot be empty unless no samples are taken", "a cannot be empty unless no samples are taken")
            }
            pool = items
            n = items.count
        }
        let p = try probabilities(a["p"], n: n)
        let replace = try a.bool("replace")
        let indices: [Int]
        if replace {
            if let p { indices = WeightedChoice.withReplacement(p, count: samples, uniform: uniform) }
            else { indices = try (0..<samples).map { _ in try index(n) } }
        } else {
            guard samples <= n else {
                throw message("Cannot take a larger sample than population when 'replace=False'",
                              "Cannot take a larger sample than population when replace is False")
            }
            if let p {
                guard p.filter({ $0 > 0 }).count >= samples else { throw PyError(.valueError, "Fewer non-zero entries in p than size") }
                indices = WeightedChoice.withoutReplacement(p, count: samples, uniform: uniform)
            } else {
                indices = distinct(n, samples)
            }
        }
        let values = indices.map { i in pool.map { $0[i] } ?? .int(i) }
        if count == nil { return values.first ?? .none }
        return NumpyRandomModule.array(values)
    }

    /// `p` as doubles, checked as NumPy checks it (shape, NaN, sign, sum within √ε).
    private func probabilities(_ v: Value, n: Int) throws -> [Double]? {
        if v.isNone { return nil }
        let (p, shape) = try ValueConversion.numbers(v, what: "p")
        guard shape.count == 1 else { throw message("'p' must be 1-dimensional", "p must be 1-dimensional") }
        guard p.count == n else { throw message("'a' and 'p' must have same size", "a and p must have same size") }
        var sum = 0.0, compensation = 0.0  // Kahan, as NumPy sums p
        for x in p {
            let y = x - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        guard !sum.isNaN else { throw message("probabilities contain NaN", "Probabilities contain NaN") }
        guard !p.contains(where: { $0 < 0 }) else { throw message("probabilities are not non-negative", "Probabilities are not non-negative") }
        guard abs(sum - 1) <= Double.ulpOfOne.squareRoot() else {
            throw message("probabilities do not sum to 1", "Probabilities do not sum to 1. See Notes section of docstring for more information.")
        }
        return p
    }
}
