/// The on-disk layout of a checkpoint (format version 1, or 2 when extra optimizers are
/// saved), all integers little-endian:
///
///     header (32 bytes)
///       0  magic "SMRCKPT\n"        8 bytes
///       8  format version          UInt32 (1)
///      12  flags                   UInt32 (0, reserved)
///      16  payload length          UInt64
///      24  payload CRC-32          UInt32
///      28  header CRC-32           UInt32 (of bytes 0..<28)
///     payload
///       metadata   count, (key, value)*                              strings: UInt32 length + UTF-8
///       tensors    count, (name, kind UInt8 0=parameter 1=buffer, rank UInt32, dims Int64*, values)
///                                                                     values: UInt64 count + Float32*
///       optimizer  present UInt8; kind, groups (count, (count, (key, Float64)*)*),
///                  group sizes (count, Int64*), parameter counts (count, Int64*),
///                  entries (count, (index Int64, step Float64, buffers (count, (name, values)*)))
///       random     count, (name, words (count, UInt64*))*
///       extra optimizers (version 2 only)  count, (name, optimizer as above)*
///
/// The checksums are CRC-32 (zlib's), so corruption anywhere is detected before anything
/// is decoded, and a truncated file is recognised from the recorded payload length.
enum CheckpointFormat {
    static let magic: [UInt8] = Array("SMRCKPT\n".utf8)
    /// The newest version this build writes and reads (it reads every older one too).
    static let version: UInt32 = 2
    static let headerSize = 32

    // MARK: - Encoding

    static func encode(_ c: Checkpoint) -> [UInt8] {
        var w = ByteWriter()
        let keys = c.metadata.keys.sorted()
        w.count(keys.count)
        for k in keys {
            w.string(k)
            w.string(c.metadata[k] ?? "")
        }
        w.count(c.tensors.count)
        for t in c.tensors {
            w.string(t.name)
            w.u8(t.isBuffer ? 1 : 0)
            w.count(t.shape.count)
            for d in t.shape { w.i64(d) }
            w.floats(t.values)
        }
        if let o = c.optimizer {
            w.u8(1)
            encode(o, into: &w)
        } else {
            w.u8(0)
        }
        let names = c.randomStates.keys.sorted()
        w.count(names.count)
        for n in names {
            w.string(n)
            let words = c.randomStates[n] ?? []
            w.count(words.count)
            for x in words { w.u64(x) }
        }
        // Files without extra optimizers stay version 1, readable by older builds.
        let fileVersion: UInt32 = c.extraOptimizers.isEmpty ? 1 : 2
        if fileVersion >= 2 {
            let extra = c.extraOptimizers.keys.sorted()
            w.count(extra.count)
            for n in extra {
                w.string(n)
                if let o = c.extraOptimizers[n] { encode(o, into: &w) }
            }
        }
        let payload = w.bytes

        var h = ByteWriter()
        for b in magic { h.u8(b) }
        h.u32(fileVersion)
        h.u32(0)
        h.u64(UInt64(payload.count))
        h.u32(CRC32.checksum(payload[...]))
        let headerCRC = CRC32.checksum(h.bytes[...])
        h.u32(headerCRC)
        return h.bytes + payload
    }

    private static func encode(_ o: OptimizerState, into w: inout ByteWriter) {
        w.string(o.kind)
        w.count(o.groups.count)
        for g in o.groups {
            let keys = g.keys.sorted()
            w.count(keys.count)
            for k in keys {
                w.string(k)
                w.f64(g[k] ?? 0)
            }
        }
        w.count(o.groupSizes.count)
        for s in o.groupSizes { w.i64(s) }
        w.count(o.parameterCounts.count)
        for s in o.parameterCounts { w.i64(s) }
        w.count(o.entries.count)
        for e in o.entries {
            w.i64(e.index)
            w.f64(e.step)
            let names = e.buffers.keys.sorted()
            w.count(names.count)
            for n in names {
                w.string(n)
                w.floats(e.buffers[n] ?? [])
            }
        }
    }

    // MARK: - Decoding

    /// Checks magic, header checksum, version, length and payload checksum, then decodes.
    static func decode(_ bytes: [UInt8], path: String) throws -> Checkpoint {
        guard !bytes.isEmpty else { throw CheckpointError.emptyFile(path: path) }
        let magicPart = bytes.prefix(magic.count)
        guard magicPart.elementsEqual(magic.prefix(magicPart.count)) else {
            throw CheckpointError.notACheckpoint(path: path)
        }
        guard bytes.count >= headerSize else {
            throw CheckpointError.truncated(path: path, expectedBytes: headerSize, actualBytes: bytes.count)
        }
        var header = ByteReader(bytes[magic.count..<headerSize])
        do {
            let version = try header.u32("version")
            _ = try header.u32("flags")
            let length = try header.u64("payload length")
            let payloadCRC = try header.u32("payload checksum")
            let headerCRC = try header.u32("header checksum")
            guard CRC32.checksum(bytes[0..<(headerSize - 4)]) == headerCRC else {
                throw CheckpointError.checksumMismatch(path: path, part: "header")
            }
            guard version >= 1, version <= Self.version else {
                throw CheckpointError.unsupportedVersion(path: path, found: version, supported: Self.version)
            }
            let available = UInt64(bytes.count - headerSize)
            guard length <= available else {
                let expected = length > UInt64(Int.max / 2) ? Int.max : headerSize + Int(length)
                throw CheckpointError.truncated(path: path, expectedBytes: expected, actualBytes: bytes.count)
            }
            guard length == available else {
                throw CheckpointError.malformed(path: path, reason: "\(available - length) unexpected bytes after the payload")
            }
            let payload = bytes[headerSize...]
            guard CRC32.checksum(payload) == payloadCRC else {
                throw CheckpointError.checksumMismatch(path: path, part: "payload")
            }
            var r = ByteReader(payload)
            let c = try decodePayload(&r, version: version)
            guard r.isAtEnd else { throw ByteReader.Failure(reason: "\(r.remaining) bytes left after the last section") }
            return c
        } catch let failure as ByteReader.Failure {
            throw CheckpointError.malformed(path: path, reason: failure.reason)
        }
    }

    private static func decodePayload(_ r: inout ByteReader, version: UInt32) throws -> Checkpoint {
        var metadata: [String: String] = [:]
        for _ in 0..<(try r.count("metadata", minimumSize: 8)) {
            let k = try r.string("metadata key")
            metadata[k] = try r.string("metadata value for \(k)")
        }
        var tensors: [Checkpoint.TensorRecord] = []
        var seen = Set<String>()
        for _ in 0..<(try r.count("tensors", minimumSize: 17)) {
            let name = try r.string("tensor name")
            guard seen.insert(name).inserted else { throw ByteReader.Failure(reason: "tensor '\(name)' appears twice") }
            let kind = try r.u8("kind of \(name)")
            guard kind <= 1 else { throw ByteReader.Failure(reason: "tensor '\(name)' has unknown kind \(kind)") }
            var shape: [Int] = []
            for _ in 0..<(try r.count("rank of \(name)", minimumSize: 8)) {
                let d = try r.i64("dimension of \(name)")
                guard d >= 0, d <= Int(Int32.max) else { throw ByteReader.Failure(reason: "tensor '\(name)' has dimension \(d)") }
                shape.append(d)
            }
            let values = try r.floats("values of \(name)")
            let expected = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? -1 : $0 * $1 }
            guard values.count == expected else {
                throw ByteReader.Failure(reason: "tensor '\(name)' has \(values.count) values for shape \(shape)")
            }
            tensors.append(.init(name: name, shape: shape, values: values, isBuffer: kind == 1))
        }
        var optimizer: OptimizerState?
        switch try r.u8("optimizer flag") {
        case 0: optimizer = nil
        case 1: optimizer = try decodeOptimizer(&r)
        case let f: throw ByteReader.Failure(reason: "optimizer flag is \(f)")
        }
        var random: [String: [UInt64]] = [:]
        for _ in 0..<(try r.count("random generators", minimumSize: 8)) {
            let name = try r.string("generator name")
            var words: [UInt64] = []
            for _ in 0..<(try r.count("state of \(name)", minimumSize: 8)) { words.append(try r.u64("state of \(name)")) }
            random[name] = words
        }
        var extra: [String: OptimizerState] = [:]
        if version >= 2 {
            for _ in 0..<(try r.count("extra optimizers", minimumSize: 8)) {
                let name = try r.string("extra optimizer name")
                guard extra[name] == nil else { throw ByteReader.Failure(reason: "optimizer '\(name)' appears twice") }
                extra[name] = try decodeOptimizer(&r)
            }
        }
        return Checkpoint(tensors: tensors, optimizer: optimizer, randomStates: random, metadata: metadata,
                          extraOptimizers: extra)
    }

    private static func decodeOptimizer(_ r: inout ByteReader) throws -> OptimizerState {
        let kind = try r.string("optimizer kind")
        var groups: [[String: Double]] = []
        for _ in 0..<(try r.count("optimizer groups", minimumSize: 4)) {
            var g: [String: Double] = [:]
            for _ in 0..<(try r.count("hyper-parameters", minimumSize: 12)) {
                let k = try r.string("hyper-parameter name")
                g[k] = try r.f64("hyper-parameter \(k)")
            }
            groups.append(g)
        }
        var sizes: [Int] = []
        for _ in 0..<(try r.count("group sizes", minimumSize: 8)) { sizes.append(try r.i64("group size")) }
        var counts: [Int] = []
        for _ in 0..<(try r.count("parameter counts", minimumSize: 8)) { counts.append(try r.i64("parameter count")) }
        var entries: [OptimizerState.Entry] = []
        for _ in 0..<(try r.count("optimizer entries", minimumSize: 20)) {
            let index = try r.i64("entry index")
            let step = try r.f64("entry step")
            var buffers: [String: [Float]] = [:]
            for _ in 0..<(try r.count("entry buffers", minimumSize: 12)) {
                let n = try r.string("buffer name")
                buffers[n] = try r.floats("buffer \(n)")
            }
            entries.append(.init(index: index, step: step, buffers: buffers))
        }
        return OptimizerState(kind: kind, groups: groups, groupSizes: sizes, parameterCounts: counts, entries: entries)
    }
}
