import SMRTensor

/// A snapshot of a training run: a module tree's parameters and buffers by dotted name,
/// an optimizer's state, random generator states and string metadata, stored in one
/// binary file with a format version and CRC-32 checksums (see `CheckpointFormat`).
///
/// Saving writes a temporary file beside the target, fsyncs it and renames it over the
/// target, so a crash leaves either the old or the new checkpoint, never a mix. Loading
/// checks everything (magic, version, checksums, length, names, shapes, optimizer fit,
/// generator states) before changing anything, so a bad file throws a `CheckpointError`
/// naming the file and the problem and leaves the model, optimizer and generators as
/// they were.
///
/// ```swift
/// try Checkpoint.save(to: "run.smrckpt", model: policy, optimizer: adam,
///                     generators: ["global": GlobalRandom.generator], metadata: ["episode": "1000"])
/// let restored = try Checkpoint.load(from: "run.smrckpt", into: policy, optimizer: adam,
///                                    generator: &GlobalRandom.generator)
/// print(restored.metadata["episode"] ?? "?")
/// ```
public struct Checkpoint: Equatable {
    /// One saved tensor.
    public struct TensorRecord: Equatable, Sendable {
        /// Dotted name (`layers.0.linear1.weight`), as `Module.namedParameters()`.
        public var name: String
        public var shape: [Int]
        public var values: [Float]
        /// A buffer (`Module.namedBuffers()`) rather than a parameter.
        public var isBuffer: Bool

        public init(name: String, shape: [Int], values: [Float], isBuffer: Bool) {
            self.name = name
            self.shape = shape
            self.values = values
            self.isBuffer = isBuffer
        }
    }

    /// Parameters, then buffers, in the module's registration order.
    public var tensors: [TensorRecord]
    /// The optimizer's state, if one was saved.
    public var optimizer: OptimizerState?
    /// Further optimizers' states by name (an agent's auxiliary learners, e.g. `rnd`).
    public var extraOptimizers: [String: OptimizerState]
    /// Random generator states by name (`RandomGenerator.state`).
    public var randomStates: [String: [UInt64]]
    /// Free-form string metadata (step counts, configuration, versions).
    public var metadata: [String: String]

    public init(tensors: [TensorRecord], optimizer: OptimizerState? = nil,
                randomStates: [String: [UInt64]] = [:], metadata: [String: String] = [:],
                extraOptimizers: [String: OptimizerState] = [:]) {
        self.tensors = tensors
        self.optimizer = optimizer
        self.extraOptimizers = extraOptimizers
        self.randomStates = randomStates
        self.metadata = metadata
    }

    /// Captures `model`'s parameters and buffers, `optimizer`'s state and the generators.
    public init(model: Module, optimizer: Optimizer? = nil, generators: [String: RandomGenerator] = [:],
                metadata: [String: String] = [:]) {
        let params = model.namedParameters().map {
            TensorRecord(name: $0.name, shape: $0.tensor.shape, values: $0.tensor.data, isBuffer: false)
        }
        let buffers = model.namedBuffers().map {
            TensorRecord(name: $0.name, shape: $0.tensor.shape, values: $0.tensor.data, isBuffer: true)
        }
        self.init(tensors: params + buffers, optimizer: optimizer?.stateDict(),
                  randomStates: generators.mapValues(\.state), metadata: metadata)
    }

    // MARK: - Bytes

    /// The file contents: header and payload.
    public func encoded() -> [UInt8] { CheckpointFormat.encode(self) }

    /// Decodes file contents, validating magic, version, length and checksums; `path`
    /// only names the source in errors.
    public init(decoding bytes: [UInt8], path: String = "<memory>") throws {
        self = try CheckpointFormat.decode(bytes, path: path)
    }

    // MARK: - Files

    /// Writes the checkpoint to `path` atomically (temporary file, fsync, rename).
    public func write(to path: String) throws {
        do {
            try AtomicFile.write(encoded(), to: path)
        } catch let e as AtomicFileError {
            throw CheckpointError(e)
        }
    }

    /// Reads and validates the checkpoint at `path` (nothing is applied yet).
    public static func read(from path: String) throws -> Checkpoint {
        let bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(path)
        } catch let e as AtomicFileError {
            throw CheckpointError(e)
        }
        return try Checkpoint(decoding: bytes, path: path)
    }

    /// Captures and writes in one call; returns what was written.
    @discardableResult
    public static func save(to path: String, model: Module, optimizer: Optimizer? = nil,
                            generators: [String: RandomGenerator] = [:],
                            metadata: [String: String] = [:]) throws -> Checkpoint {
        let c = Checkpoint(model: model, optimizer: optimizer, generators: generators, metadata: metadata)
        try c.write(to: path)
        return c
    }

    /// Reads `path`, validates it against `model` (and `optimizer`), then applies it.
    /// `strict: false` ignores tensors missing on either side (shapes must still match).
    @discardableResult
    public static func load(from path: String, into model: Module, optimizer: Optimizer? = nil,
                            strict: Bool = true) throws -> Checkpoint {
        let c = try read(from: path)
        try c.apply(to: model, optimizer: optimizer, strict: strict, path: path)
        return c
    }

    /// As `load(from:into:optimizer:strict:)`, and also restores `generator` from the state
    /// saved under `name` — after everything else has been validated.
    @discardableResult
    public static func load(from path: String, into model: Module, optimizer: Optimizer? = nil,
                            generator: inout RandomGenerator, named name: String = "global",
                            strict: Bool = true) throws -> Checkpoint {
        let c = try read(from: path)
        let restored = try c.generator(name, path: path)
        try c.apply(to: model, optimizer: optimizer, strict: strict, path: path)
        generator = restored
        return c
    }

    /// The generator saved under `name`; throws if it is missing or malformed.
    public func generator(_ name: String, path: String = "<memory>") throws -> RandomGenerator {
        guard let words = randomStates[name] else {
            throw CheckpointError.randomStateMismatch(
                path: path, name: name, reason: "not in the checkpoint (saved: \(randomStates.keys.sorted().joined(separator: ", ")))")
        }
        var g = RandomGenerator(seed: 0)
        do {
            try g.restore(state: words)
        } catch {
            throw CheckpointError.randomStateMismatch(path: path, name: name, reason: "malformed state (\(words.count) words)")
        }
        return g
    }

    // MARK: - Applying

    /// Throws the first reason this checkpoint cannot be applied to `model` / `optimizer`.
    public func validate(against model: Module, optimizer: Optimizer? = nil, strict: Bool = true,
                         path: String = "<memory>") throws {
        _ = try plan(model: model, optimizer: optimizer, strict: strict, path: path)
    }

    /// Validates, then copies the saved values into `model`'s tensors and loads the
    /// optimizer state. On any error nothing has changed.
    public func apply(to model: Module, optimizer: Optimizer? = nil, strict: Bool = true,
                      path: String = "<memory>") throws {
        let assignments = try plan(model: model, optimizer: optimizer, strict: strict, path: path)
        let previous = assignments.map { $0.tensor.data }  // copy-on-write references, for rollback
        do {
            for (t, values) in assignments { try t.assign(values) }
            if let optimizer, let state = self.optimizer { try optimizer.load(state) }
        } catch {
            for ((t, _), old) in zip(assignments, previous) { try? t.assign(old) }
            throw CheckpointError.optimizerMismatch(path: path, reason: "\(error)")
        }
    }

    /// Matches saved tensors to the model's by name and checks every shape and the optimizer.
    private func plan(model: Module, optimizer: Optimizer?, strict: Bool,
                      path: String) throws -> [(tensor: Tensor, values: [Float])] {
        var saved: [String: TensorRecord] = [:]
        for t in tensors { saved[t.name] = t }
        let live = model.namedParameters() + model.namedBuffers()
        var missing: [String] = []
        var out: [(tensor: Tensor, values: [Float])] = []
        var used = Set<String>()
        for (name, t) in live {
            guard let record = saved[name] else {
                missing.append(name)
                continue
            }
            used.insert(name)
            guard record.shape == t.shape, record.values.count == t.count else {
                throw CheckpointError.shapeMismatch(path: path, name: name, model: t.shape, checkpoint: record.shape)
            }
            out.append((t, record.values))
        }
        if strict && !missing.isEmpty { throw CheckpointError.missingTensors(path: path, names: missing) }
        let unexpected = tensors.map(\.name).filter { !used.contains($0) }
        if strict && !unexpected.isEmpty { throw CheckpointError.unexpectedTensors(path: path, names: unexpected) }
        if let optimizer {
            guard let state = self.optimizer else {
                throw CheckpointError.optimizerMismatch(path: path, reason: "the checkpoint has no optimizer state")
            }
            do {
                try optimizer.validate(state)
            } catch {
                throw CheckpointError.optimizerMismatch(path: path, reason: "\(error)")
            }
        }
        return out
    }
}
