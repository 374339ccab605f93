/// A value in an environment's info dictionary (gymnasium returns a Python dict of
/// arbitrary values; these are the kinds our environments and wrappers put there).
public enum InfoValue: Equatable, Sendable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case observation(Observation)
    case dictionary([String: InfoValue])

    /// The number inside `.int` or `.double`, as a Double.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }
}

/// The info dictionary returned by `reset` and `step`. Empty dictionaries cost nothing, so
/// environments return `[:]` on ordinary steps.
public typealias Info = [String: InfoValue]

/// The statistics `RecordEpisodeStatistics` stores under `info["episode"]` when an episode
/// ends: return `r`, length `l`, and wall-clock seconds `t` (rounded to 1 µs).
public struct EpisodeStatistics: Equatable, Sendable {
    public var episodeReturn: Double
    public var length: Int
    public var seconds: Double

    public init(episodeReturn: Double, length: Int, seconds: Double) {
        self.episodeReturn = episodeReturn
        self.length = length
        self.seconds = seconds
    }

    /// The gymnasium layout: `{"r": return, "l": length, "t": seconds}`.
    public var infoValue: InfoValue {
        .dictionary(["r": .double(episodeReturn), "l": .int(length), "t": .double(seconds)])
    }
}

extension Dictionary where Key == String, Value == InfoValue {
    /// `info["episode"]` decoded, when `RecordEpisodeStatistics` put it there.
    public var episode: EpisodeStatistics? {
        guard case .dictionary(let fields)? = self["episode"],
              let r = fields["r"]?.doubleValue, case .int(let l)? = fields["l"],
              let t = fields["t"]?.doubleValue
        else { return nil }
        return EpisodeStatistics(episodeReturn: r, length: l, seconds: t)
    }

    /// `info["terminal_observation"]`, which `DummyVecEnv` sets when it auto-resets.
    public var terminalObservation: Observation? {
        guard case .observation(let observation)? = self["terminal_observation"] else { return nil }
        return observation
    }
}
