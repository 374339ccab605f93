/// Why a checkpoint could not be written or loaded. Every case names the file; a failed
/// load never changes the model, optimizer or random generators.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// There is no file at the path.
    case fileNotFound(path: String)
    /// The operating system refused an operation (open, read, write, fsync, rename).
    case io(path: String, operation: String, reason: String)
    /// The file has no bytes at all (e.g. a crash before anything was written).
    case emptyFile(path: String)
    /// The file does not start with the checkpoint magic bytes.
    case notACheckpoint(path: String)
    /// Written by a newer (or unknown) format version.
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    /// The file ends before the length recorded in its header.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The stored checksum does not match the bytes (the file was corrupted).
    case checksumMismatch(path: String, part: String)
    /// The checksum matched but the contents are inconsistent (or extra bytes follow them).
    case malformed(path: String, reason: String)
    /// The model has a parameter or buffer the checkpoint lacks.
    case missingTensors(path: String, names: [String])
    /// The checkpoint has tensors the model lacks (allowed with `strict: false`).
    case unexpectedTensors(path: String, names: [String])
    /// A tensor exists in both but with different shapes (a different architecture).
    case shapeMismatch(path: String, name: String, model: [Int], checkpoint: [Int])
    /// The optimizer state is missing or does not fit the given optimizer.
    case optimizerMismatch(path: String, reason: String)
    /// A requested random generator state is missing or invalid.
    case randomStateMismatch(path: String, name: String, reason: String)

    public var description: String {
        func file(_ p: String) -> String { "checkpoint '\(p)'" }
        func shape(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }
        func list(_ names: [String]) -> String {
            names.prefix(8).joined(separator: ", ") + (names.count > 8 ? " and \(names.count - 8) more" : "")
        }
        switch self {
        case let .fileNotFound(p): return "\(file(p)): no such file"
        case let .io(p, op, reason): return "\(file(p)): \(op) failed: \(reason)"
        case let .emptyFile(p): return "\(file(p)): the file is empty"
        case let .notACheckpoint(p): return "\(file(p)): not an smr checkpoint (wrong magic bytes)"
        case let .unsupportedVersion(p, found, supported):
            return "\(file(p)): format version \(found) is not supported (this build reads version \(supported))"
        case let .truncated(p, expected, actual):
            return "\(file(p)): the file is truncated (\(actual) bytes, expected \(expected))"
        case let .checksumMismatch(p, part): return "\(file(p)): the \(part) checksum does not match; the file is corrupted"
        case let .malformed(p, reason): return "\(file(p)): malformed contents: \(reason)"
        case let .missingTensors(p, names): return "\(file(p)): missing tensors for the model: \(list(names))"
        case let .unexpectedTensors(p, names):
            return "\(file(p)): tensors not in the model: \(list(names)) (use strict: false to ignore them)"
        case let .shapeMismatch(p, name, model, ckpt):
            return "\(file(p)): '\(name)' has shape \(shape(ckpt)) in the checkpoint but \(shape(model)) in the model"
        case let .optimizerMismatch(p, reason): return "\(file(p)): optimizer state does not fit: \(reason)"
        case let .randomStateMismatch(p, name, reason): return "\(file(p)): random generator '\(name)': \(reason)"
        }
    }
}

extension CheckpointError {
    /// The checkpoint form of a failed file operation.
    init(_ e: AtomicFileError) {
        self = e.notFound && e.operation == "open" ? .fileNotFound(path: e.path)
            : .io(path: e.path, operation: e.operation, reason: e.reason)
    }
}
