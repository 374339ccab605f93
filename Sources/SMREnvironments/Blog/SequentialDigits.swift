import SMRTensor

/// The sequential digit-classification task of the episodic-memory blog post, on real
/// data: scikit-learn's 8×8 digits (1,797 images, see `DigitsData`) shown a few pixels at
/// a time; the label must be named after the last pixels.
///
/// Reset picks an image (`np_random.integers(0, n)` over the chosen split) and shows its
/// first `pixelsPerStep` pixels (default 8: one row), scaled to [0, 1]. Each step shows
/// the next chunk; after the last chunk the next action is the guess: reward 1 if it is
/// the label, else 0, `info["label"]` holds the answer, and the episode terminates. An
/// episode is exactly `64 / pixelsPerStep` steps; actions before the last are ignored (but
/// must be in `Discrete(10)`).
///
/// Splits: `.train` = the first 1,437 images (80 %), `.test` = the last 360, `.all`.
public final class SequentialDigits: Environment {
    /// Which images episodes draw from.
    public enum Split: String, Sendable { case train, test, all }

    public let name = "SequentialDigits-v0"
    public let split: Split
    /// Pixels shown per step (a divisor of 64).
    public let pixelsPerStep: Int
    public let observationSpace: any Space
    public let actionSpace: any Space
    public private(set) var npRandom: NumPyGenerator?
    /// The current image's index in the data set and its label.
    public private(set) var imageIndex: Int?
    public private(set) var label = 0
    /// Steps taken in this episode.
    public private(set) var t = 0
    let indices: Range<Int>
    var pixels: [Float] = []

    static let images: (pixels: [UInt8], labels: [Int]) = {
        var pixels: [UInt8] = []
        var labels: [Int] = []
        pixels.reserveCapacity(DigitsData.imageCount * 64)
        for line in DigitsData.encoded.split(separator: "\n") {
            let bytes = Array(line.utf8)
            guard bytes.count == 65 else { continue }
            labels.append(Int(bytes[0]) - 48)
            pixels += bytes[1...].map { $0 - 65 }
        }
        return (pixels, labels)
    }()

    /// The number of images in the data set (1,797).
    public static var imageCount: Int { images.labels.count }

    /// The 64 pixels (0…16) and the label of image `index`, or `nil` if out of range.
    public static func image(_ index: Int) -> (pixels: [UInt8], label: Int)? {
        guard (0..<imageCount).contains(index) else { return nil }
        return (Array(images.pixels[(64 * index)..<(64 * index + 64)]), images.labels[index])
    }

    public init(split: Split = .all, pixelsPerStep: Int = 8) throws {
        guard pixelsPerStep >= 1, 64 % pixelsPerStep == 0 else {
            throw EnvironmentError.invalidArgument("SequentialDigits: pixels_per_step must divide 64, got \(pixelsPerStep)")
        }
        self.split = split
        self.pixelsPerStep = pixelsPerStep
        let count = Self.imageCount
        let trainCount = count * 4 / 5
        switch split {
        case .train: indices = 0..<trainCount
        case .test: indices = trainCount..<count
        case .all: indices = 0..<count
        }
        guard !indices.isEmpty else { throw EnvironmentError.invalidArgument("SequentialDigits: the data set is empty") }
        observationSpace = try Box(low: 0, high: 1, shape: [pixelsPerStep])
        actionSpace = try Discrete(10)
    }

    /// Steps per episode: the chunks after the first, then the guess.
    public var episodeLength: Int { 64 / pixelsPerStep }

    public func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        if seed != nil || npRandom == nil { npRandom = try GymnasiumSeeding.generator(seed: seed) }
        guard var rng = npRandom else { throw EnvironmentError.invalidArgument("\(name).reset: no generator") }
        let index = indices.lowerBound + (try rng.integers(0, indices.count))
        npRandom = rng
        guard let (raw, newLabel) = Self.image(index) else { throw EnvironmentError.invalidArgument("\(name): no image \(index)") }
        imageIndex = index
        label = newLabel
        pixels = raw.map { Float($0) / 16 }
        t = 0
        return (chunk(0), ["image_index": .int(index)])
    }

    public func step(_ action: Action) throws -> StepResult {
        guard imageIndex != nil else { throw EnvironmentError.resetNeeded(env: name, reason: "Cannot call step() before calling reset()") }
        guard t < episodeLength else { throw EnvironmentError.resetNeeded(env: name, reason: "step() called after the episode terminated; call reset() first") }
        guard case .discrete(let guess) = action, (0..<10).contains(guess) else {
            throw EnvironmentError.invalidAction(env: name, reason: "expected an integer in Discrete(10), got \(action)")
        }
        t += 1
        if t < episodeLength { return (chunk(t), 0, false, false, Info()) }
        let blank = Observation(unchecked: Array(repeating: 0, count: pixelsPerStep), shape: [pixelsPerStep])
        return (blank, guess == label ? 1 : 0, true, false, ["label": .int(label)])
    }

    func chunk(_ index: Int) -> Observation {
        let start = index * pixelsPerStep
        return Observation(unchecked: Array(pixels[start..<(start + pixelsPerStep)]), shape: [pixelsPerStep])
    }
}
