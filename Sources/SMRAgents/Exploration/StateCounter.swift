import Foundation

/// Count-based exploration bonus (the reference's `StateCounter`): observations are
/// discretised by rounding to two decimals (NumPy's round-half-to-even), and the bonus is
/// 1/√(visits) of the discretised state, counting this visit.
public struct StateCounter: Sendable {
    private var counts: [[Int64]: Int] = [:]

    public init() {}

    /// Visit counts restored from a checkpoint (`visits`).
    public init(visits: [[Int64]: Int]) { counts = visits }

    /// Visit count by discretised state (observation × 100, rounded half to even).
    public var visits: [[Int64]: Int] { counts }

    /// Number of distinct discretised states seen.
    public var distinctStates: Int { counts.count }

    /// Counts a visit and returns the state's visit count.
    public mutating func count(_ obs: [Float]) -> Int {
        let key = obs.map { Int64((Double($0) * 100).rounded(.toNearestOrEven)) }
        let c = (counts[key] ?? 0) + 1
        counts[key] = c
        return c
    }

    /// The bonus 1/√count for this visit.
    public mutating func intrinsicReward(_ obs: [Float]) -> Double {
        1 / Double(count(obs)).squareRoot()
    }
}
