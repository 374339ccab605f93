import Foundation
import XCTest
@testable import SMRNeural
import SMRTensor

/// Checkpoint round trips and every failure mode: a truncated, corrupted, empty, missing
/// or mismatched file must throw a clear error and leave model, optimizer and generator
/// exactly as they were.
final class CheckpointTests: XCTestCase {
    /// A tiny module tree: own parameters, a child module and a buffer.
    final class TinyNet: Module {
        init(hidden: Int = 3, seed: UInt64 = 1, extra: Bool = false) throws {
            super.init()
            var rng = RandomGenerator(seed: seed)
            func values(_ n: Int) -> [Float] { (0..<n).map { _ in Float(rng.normal()) } }
            register(parameter: try Tensor(values(hidden * 2), shape: [hidden, 2]), as: "weight")
            register(parameter: Tensor(values(hidden)), as: "bias")
            let head = Module()
            head.register(parameter: try Tensor(values(hidden), shape: [1, hidden]), as: "weight")
            register(module: head, as: "head")
            register(buffer: Tensor(values(2)), as: "running_mean")
            if extra { register(parameter: Tensor(values(2)), as: "extra") }
        }
    }

    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "smr-ckpt-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A trained model with Adam state (usefulness-style duplicate included) and a used generator.
    private func trainedSetup(seed: UInt64 = 1) throws -> (TinyNet, Adam, RandomGenerator) {
        let net = try TinyNet(seed: seed)
        let params = net.parameters()
        let adam = try Adam(params + [params[1]], lr: 0.01, amsgrad: true)
        var rng = RandomGenerator(seed: seed &+ 100)
        for _ in 0..<3 {
            for p in params { try p.setGrad((0..<p.count).map { _ in Float(rng.normal()) }) }
            try adam.step()
        }
        _ = rng.normal()  // leaves a spare normal in the state
        return (net, adam, rng)
    }

    private func snapshot(_ net: Module) -> [[Float]] {
        (net.namedParameters() + net.namedBuffers()).map(\.tensor.data)
    }

    // MARK: - Round trip

    func testRoundTripRestoresEverything() throws {
        let (net, adam, rng) = try trainedSetup()
        let path = directory + "/run.smrckpt"
        let saved = try Checkpoint.save(to: path, model: net, optimizer: adam, generators: ["global": rng],
                                        metadata: ["episode": "42", "note": "ünïcode ✓"])
        let (other, otherAdam, _) = try trainedSetup(seed: 7)
        var otherRng = RandomGenerator(seed: 999)
        let loaded = try Checkpoint.load(from: path, into: other, optimizer: otherAdam, generator: &otherRng)
        XCTAssertEqual(loaded, saved)
        XCTAssertEqual(loaded.metadata["note"], "ünïcode ✓")
        XCTAssertEqual(snapshot(other), snapshot(net))
        XCTAssertEqual(otherAdam.stateDict(), adam.stateDict())
        XCTAssertEqual(otherRng, rng)
        XCTAssertEqual(loaded.tensors.map(\.name), ["weight", "bias", "head.weight", "running_mean"])
        XCTAssertEqual(loaded.tensors.map(\.isBuffer), [false, false, false, true])

        // Training continues identically from the restored state.
        var g1 = rng, g2 = otherRng
        for _ in 0..<2 {
            for p in net.parameters() { try p.setGrad((0..<p.count).map { _ in Float(g1.normal()) }) }
            for p in other.parameters() { try p.setGrad((0..<p.count).map { _ in Float(g2.normal()) }) }
            try adam.step()
            try otherAdam.step()
        }
        XCTAssertEqual(snapshot(other), snapshot(net))
    }

    func testFileLayoutAndChecksum() throws {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)[...]), 0xCBF4_3926)  // the standard check value
        let (net, _, _) = try trainedSetup()
        let bytes = Checkpoint(model: net).encoded()
        XCTAssertEqual(Array(bytes.prefix(8)), Array("SMRCKPT\n".utf8))
        XCTAssertEqual(bytes[8], 1)  // format version, little-endian
        XCTAssertEqual(try Checkpoint(decoding: bytes), Checkpoint(model: net))
    }

    func testWriteIsAtomicAndLeavesNoTemporaryFiles() throws {
        let (net, adam, _) = try trainedSetup()
        let path = directory + "/model.smrckpt"
        try Checkpoint.save(to: path, model: net, optimizer: adam)
        try Checkpoint.save(to: path, model: net, optimizer: adam, metadata: ["second": "yes"])  // overwrite
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["model.smrckpt"])
        XCTAssertEqual(try Checkpoint.read(from: path).metadata["second"], "yes")
        XCTAssertThrowsError(try Checkpoint.save(to: directory + "/no/such/dir/x.smrckpt", model: net)) { error in
            guard case CheckpointError.io = error else { return XCTFail("\(error)") }
        }
    }

    // MARK: - Damaged files

    /// Loads `bytes` written at a path into a trained setup and checks that it throws and
    /// that nothing changed.
    private func assertRejected(_ bytes: [UInt8], _ label: String, file: StaticString = #filePath, line: UInt = #line,
                                check: (CheckpointError) -> Bool) throws {
        let path = directory + "/damaged.smrckpt"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let (net, adam, rng) = try trainedSetup(seed: 3)
        let before = (snapshot(net), adam.stateDict(), rng)
        var live = rng
        do {
            _ = try Checkpoint.load(from: path, into: net, optimizer: adam, generator: &live)
            XCTFail("\(label): loading succeeded", file: file, line: line)
        } catch let error as CheckpointError {
            XCTAssertTrue(check(error), "\(label): unexpected error \(error)", file: file, line: line)
            XCTAssertTrue(error.description.contains(path), "\(label): error does not name the file: \(error)", file: file, line: line)
        } catch {
            XCTFail("\(label): not a CheckpointError: \(error)", file: file, line: line)
        }
        XCTAssertEqual(snapshot(net), before.0, "\(label): model changed", file: file, line: line)
        XCTAssertEqual(adam.stateDict(), before.1, "\(label): optimizer changed", file: file, line: line)
        XCTAssertEqual(live, before.2, "\(label): generator changed", file: file, line: line)
    }

    private func goodBytes() throws -> [UInt8] {
        let (net, adam, rng) = try trainedSetup()
        return Checkpoint(model: net, optimizer: adam, generators: ["global": rng], metadata: ["k": "v"]).encoded()
    }

    func testTruncatedFilesAreRejected() throws {
        let bytes = try goodBytes()
        for length in [1, 5, 8, 20, 31, 32, 33, bytes.count / 2, bytes.count - 1] {
            try assertRejected(Array(bytes.prefix(length)), "truncated to \(length)") {
                if case .truncated = $0 { return true }
                return false
            }
        }
    }

    func testCorruptedBytesAreRejected() throws {
        let bytes = try goodBytes()
        for position in [0, 7, 8, 12, 16, 24, 28, 31, 32, 40, bytes.count / 2, bytes.count - 1] {
            var damaged = bytes
            damaged[position] ^= 0x10
            try assertRejected(damaged, "byte \(position) flipped") {
                switch $0 {
                case .checksumMismatch, .notACheckpoint: return true
                default: return false
                }
            }
        }
        try assertRejected(bytes + [0], "trailing byte") {
            if case .malformed = $0 { return true }
            return false
        }
    }

    func testEmptyMissingAndForeignFiles() throws {
        try assertRejected([], "empty file") { $0 == .emptyFile(path: self.directory + "/damaged.smrckpt") }
        try assertRejected(Array("{\"not\": \"a checkpoint\"}".utf8), "JSON file") {
            if case .notACheckpoint = $0 { return true }
            return false
        }
        let net = try TinyNet()
        let missing = directory + "/absent.smrckpt"
        XCTAssertThrowsError(try Checkpoint.load(from: missing, into: net)) { error in
            XCTAssertEqual(error as? CheckpointError, .fileNotFound(path: missing))
            XCTAssertTrue("\(error)".contains("absent.smrckpt"))
        }
        XCTAssertThrowsError(try Checkpoint.load(from: directory, into: net)) { error in
            guard case CheckpointError.io = error else { return XCTFail("\(error)") }
        }
    }

    func testNewerFormatVersionIsRejected() throws {
        var bytes = try goodBytes()
        bytes[8] = 3
        // Re-seal the header so that only the version is wrong.
        let crc = CRC32.checksum(bytes[0..<28])
        for k in 0..<4 { bytes[28 + k] = UInt8((crc >> (8 * UInt32(k))) & 0xFF) }
        try assertRejected(bytes, "version 3") {
            if case .unsupportedVersion(_, 3, 2) = $0 { return true }
            return false
        }
    }

    // MARK: - Mismatched models

    func testWrongArchitectureIsRejected() throws {
        let (net, adam, _) = try trainedSetup()
        let path = directory + "/arch.smrckpt"
        try Checkpoint.save(to: path, model: net, optimizer: adam)

        let wider = try TinyNet(hidden: 4)
        let before = snapshot(wider)
        XCTAssertThrowsError(try Checkpoint.load(from: path, into: wider)) { error in
            XCTAssertEqual(error as? CheckpointError,
                           .shapeMismatch(path: path, name: "weight", model: [4, 2], checkpoint: [3, 2]))
            XCTAssertTrue("\(error)".contains("[3, 2]"), "\(error)")
        }
        XCTAssertEqual(snapshot(wider), before)

        let bigger = try TinyNet(extra: true)
        XCTAssertThrowsError(try Checkpoint.load(from: path, into: bigger)) { error in
            XCTAssertEqual(error as? CheckpointError, .missingTensors(path: path, names: ["extra"]))
        }
        // strict: false loads what matches.
        try Checkpoint.load(from: path, into: bigger, strict: false)
        XCTAssertEqual(bigger.namedParameters()[0].tensor.data, net.namedParameters()[0].tensor.data)

        try Checkpoint.save(to: path, model: bigger)
        let smaller = try TinyNet(seed: 5)
        let smallBefore = snapshot(smaller)
        XCTAssertThrowsError(try Checkpoint.load(from: path, into: smaller)) { error in
            XCTAssertEqual(error as? CheckpointError, .unexpectedTensors(path: path, names: ["extra"]))
        }
        XCTAssertEqual(snapshot(smaller), smallBefore)
        try Checkpoint.load(from: path, into: smaller, strict: false)
        XCTAssertEqual(snapshot(smaller), snapshot(bigger).enumerated().filter { $0.offset != 2 }.map(\.element))  // 2 = "extra" (own parameters come first)
    }

    func testOptimizerAndGeneratorMismatchesAreRejected() throws {
        let (net, adam, rng) = try trainedSetup()
        let path = directory + "/opt.smrckpt"
        try Checkpoint.save(to: path, model: net, optimizer: adam, generators: ["env": rng])

        let (other, _, _) = try trainedSetup(seed: 9)
        let before = snapshot(other)
        let sgd = try SGD(other.parameters(), lr: 0.1, momentum: 0.9)
        XCTAssertThrowsError(try Checkpoint.load(from: path, into: other, optimizer: sgd)) { error in
            guard case CheckpointError.optimizerMismatch = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("Adam"), "\(error)")
        }
        XCTAssertEqual(snapshot(other), before)

        // An Adam over a different parameter list (no duplicate) does not fit either.
        let plain = try Adam(other.parameters())
        XCTAssertThrowsError(try Checkpoint.load(from: path, into: other, optimizer: plain))
        XCTAssertEqual(snapshot(other), before)

        // A generator name that was not saved.
        var g = RandomGenerator(seed: 1)
        let gBefore = g
        XCTAssertThrowsError(try Checkpoint.load(from: path, into: other, generator: &g, named: "global")) { error in
            guard case CheckpointError.randomStateMismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(g, gBefore)
        XCTAssertEqual(snapshot(other), before)

        // A file without optimizer state cannot restore an optimizer.
        try Checkpoint.save(to: path, model: net)
        XCTAssertThrowsError(try Checkpoint.load(from: path, into: other, optimizer: plain))
        XCTAssertEqual(snapshot(other), before)
    }
}
