import Foundation

/// gymnasium 1.x's `RecordEpisodeStatistics`: accumulates the return and length of the
/// running episode; when it ends (terminated or truncated) puts
/// `info["episode"] = {"r": return, "l": length, "t": seconds}` and appends to the
/// last-`bufferLength` queues.
///
/// ```swift
/// let env = RecordEpisodeStatistics(try make("CartPole-v1"))
/// // … when an episode ends: result.info.episode?.episodeReturn
/// ```
public final class RecordEpisodeStatistics: Wrapper {
    public let env: any Environment
    /// The info key (gymnasium's `stats_key`).
    public let statsKey: String
    /// How many finished episodes the queues keep.
    public let bufferLength: Int
    /// Episodes finished so far.
    public private(set) var episodeCount = 0
    /// The running episode's return and length.
    public private(set) var episodeReturn = 0.0
    public private(set) var episodeLength = 0
    /// Returns, lengths and durations of the last `bufferLength` episodes, oldest first.
    public private(set) var returnQueue: [Double] = []
    public private(set) var lengthQueue: [Int] = []
    public private(set) var timeQueue: [Double] = []
    var episodeStart = Date()

    public init(_ env: any Environment, bufferLength: Int = 100, statsKey: String = "episode") {
        self.env = env
        self.bufferLength = max(bufferLength, 1)
        self.statsKey = statsKey
    }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        let result = try env.reset(seed: seed, options: options)
        episodeStart = Date()
        episodeReturn = 0
        episodeLength = 0
        return result
    }

    public func step(_ action: Action) throws -> StepResult {
        var result = try env.step(action)
        episodeReturn += result.reward
        episodeLength += 1
        if result.terminated || result.truncated {
            let seconds = (Date().timeIntervalSince(episodeStart) * 1e6).rounded() / 1e6
            let statistics = EpisodeStatistics(episodeReturn: episodeReturn, length: episodeLength, seconds: seconds)
            result.info[statsKey] = statistics.infoValue
            append(statistics)
            episodeCount += 1
            episodeStart = Date()
        }
        return result
    }

    func append(_ statistics: EpisodeStatistics) {
        returnQueue.append(statistics.episodeReturn)
        lengthQueue.append(statistics.length)
        timeQueue.append(statistics.seconds)
        if returnQueue.count > bufferLength {
            returnQueue.removeFirst()
            lengthQueue.removeFirst()
            timeQueue.removeFirst()
        }
    }
}
