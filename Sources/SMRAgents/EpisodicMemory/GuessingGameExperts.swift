import Foundation
import SMRNeural
import SMRTensor

/// The guessing game of GoodAI's episodic-memory post, with an agent made of experts.
///
/// Our formulation (the post gives none in code): as `GuessingGame-v0`, a hidden target
/// v ∈ U(−1, 1)^dimension is drawn per game and the agent only ever sees the scalar error
/// e_t = mean((v − g_t)²) of its last guess g_t (at t = 0 the error of the zero guess).
/// The agent is `experts` experts with shared weights (Badger's experts share one policy and
/// differ by their state; a one-hot expert index breaks the symmetry). Each step every expert
/// receives [e_{t−1}, all experts' messages of the previous step, its index], steps its RNN
/// (a GRU, or an `EpisodicMemory` with a GRU controller — its own memory per expert), and
/// emits a message tanh(W_m h) and a contribution W_g h; the guess is tanh(Σ contributions).
///
/// Inner loop: `innerSteps` guesses per game, a batch of games in parallel. Outer loop: one Adam
/// step per batch on the mean error over all guesses (backpropagated through the whole inner
/// loop, including the errors fed back). An "episode" is one outer-loop step; the task is
/// solved when the mean final-guess error over the last `window` episodes is below `solvedError`.
public enum GuessingGameExperts {
    public struct Options: Sendable {
        public var memory = true
        public var experts = 3
        public var hiddenSize = 16
        public var messageSize = 4
        public var dimension = 3
        public var innerSteps = 20
        public var batchSize = 32
        public var episodes = 1500
        public var learningRate = 1e-2
        public var clipNorm = 1.0
        public var memorySize = 20
        public var keySize = 8
        public var topK = 4
        public var weighting: Tensor.ReadWeighting = .softmax
        public var solvedError = 0.02
        public var window = 20
        /// Stop as soon as the task is solved (otherwise run all `episodes`).
        public var stopWhenSolved = false
        public var seed = 0
        public init() {}
    }

    /// Per episode (outer-loop step): the mean error over all guesses and of the final guess.
    public struct Result: Sendable {
        public var meanError: [Double] = []
        public var finalError: [Double] = []
        /// The first episode (1-based) at which the windowed final error fell below the threshold.
        public var solvedAt: Int?
        public var seconds = 0.0
    }

    /// The experts' shared weights: the recurrent core and the message and guess heads.
    final class Experts: Module {
        let gru: GRUCell?
        let episodic: EpisodicMemory?
        let message: Linear, guess: Linear
        let inputSize: Int

        init(_ o: Options, generator: inout RandomGenerator) throws {
            inputSize = 1 + o.experts * o.messageSize + o.experts
            if o.memory {
                episodic = try EpisodicMemory(inputSize, o.hiddenSize, memorySize: o.memorySize, keySize: o.keySize, topK: o.topK,
                                              cell: .gru, weighting: o.weighting, generator: &generator)
                gru = nil
            } else {
                gru = try GRUCell(inputSize, o.hiddenSize, generator: &generator)
                episodic = nil
            }
            message = try Linear(o.hiddenSize, o.messageSize, generator: &generator)
            guess = try Linear(o.hiddenSize, o.dimension, generator: &generator)
            super.init()
            if let gru { register(module: gru, as: "core") }
            if let episodic { register(module: episodic, as: "core") }
            register(module: message, as: "message")
            register(module: guess, as: "guess")
        }

        /// One step of every expert: `x` `[rows, input]`, `h` `[rows, hidden]` or nil at the start.
        func step(_ x: Tensor, _ h: Tensor?) throws -> Tensor {
            if let gru { return try gru.forward(x, state: h) }
            guard let episodic else { throw LayerError("GuessingGameExperts", "no core") }
            let state = try h.map { (h: try $0.unsqueeze(0), c: Tensor?.none) }
            return try episodic.forward(try x.unsqueeze(0), state: state).state.h.squeeze(0)
        }
    }

    public static func run(_ o: Options, onEpisode: (Int, Double, Double) -> Bool = { _, _, _ in true }) throws -> Result {
        guard o.experts >= 1, o.hiddenSize >= 1, o.messageSize >= 0, o.dimension >= 1, o.innerSteps >= 1,
              o.batchSize >= 1, o.episodes >= 0, o.window >= 1 else {
            throw LayerError("guessing_game", "experts, hidden_size, dimension, inner_steps, batch_size, window must be ≥ 1 (message_size, episodes ≥ 0)")
        }
        var rng = RandomGenerator(seed: o.seed)
        let model = try Experts(o, generator: &rng)
        let optimizer = try Adam(model.parameters(), lr: o.learningRate)
        let b = o.batchSize, e = o.experts, rows = b * e
        // The one-hot expert index of every row (row = game · experts + expert).
        var oneHot = [Float](filled: 0, count: rows * e)
        for r in 0..<rows { oneHot[r * e + r % e] = 1 }
        let index = try Tensor(oneHot, shape: [rows, e])
        var result = Result()
        let start = Date()
        for episode in 1...max(1, o.episodes) where o.episodes > 0 {
            let v = (0..<(b * o.dimension)).map { _ in Float(rng.uniform(low: -1, high: 1)) }
            let target = try Tensor(v, shape: [b, o.dimension])
            var error = try (target * target).mean(axes: [1], keepDim: true)  // the zero guess's error
            var messages = try Tensor.zeros([b, e * o.messageSize])
            var h: Tensor? = nil
            var total: Tensor? = nil
            var last = 0.0
            for _ in 0..<o.innerSteps {
                // Every expert of a game sees the game's error and all its experts' messages.
                let shared = try Tensor.concat([error, messages], axis: 1)
                let perExpert = try shared.unsqueeze(1).broadcast(to: [b, e, shared.shape[1]]).reshape([rows, shared.shape[1]])
                let hNew = try model.step(try Tensor.concat([perExpert, index], axis: 1), h)
                h = hNew
                messages = try model.message.forward(hNew).tanh().reshape([b, e * o.messageSize])
                let guess = try model.guess.forward(hNew).reshape([b, e, o.dimension]).sum(axes: [1]).tanh()
                let diff = try target - guess
                error = try (diff * diff).mean(axes: [1], keepDim: true)
                let stepLoss = try error.mean()
                total = try total.map { try $0 + stepLoss } ?? stepLoss
                last = Double(try stepLoss.item())
            }
            guard let total else { break }
            let loss = total / Float(o.innerSteps)
            model.zeroGrad()
            try loss.backward()
            if o.clipNorm > 0 { _ = try clipGradNorm(model.parameters(), maxNorm: o.clipNorm) }
            try FiniteCheck.beforeStep(losses: [("the loss", loss)], optimizer: optimizer, names: model.namedParameters(),
                                       at: "episode \(episode)")
            try optimizer.step()
            result.meanError.append(Double(try loss.item()))
            result.finalError.append(last)
            if result.solvedAt == nil, result.finalError.count >= o.window {
                let recent = result.finalError.suffix(o.window)
                if recent.reduce(0, +) / Double(o.window) < o.solvedError { result.solvedAt = episode }
            }
            if !onEpisode(episode, result.meanError[episode - 1], last) { break }
            if o.stopWhenSolved, result.solvedAt != nil { break }
        }
        result.seconds = Date().timeIntervalSince(start)
        return result
    }
}
