/// Little-endian binary writing and bounds-checked reading for the checkpoint format.
/// The reader never traps: every read checks the remaining length and throws instead.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func f64(_ v: Double) { u64(v.bitPattern) }

    mutating func count(_ n: Int) { u32(UInt32(truncatingIfNeeded: n)) }

    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        count(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    mutating func floats(_ values: [Float]) {
        u64(UInt64(values.count))
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for v in values { u32(v.bitPattern) }
        #endif
    }
}

/// Reads what `ByteWriter` wrote; `Failure` carries a reason for `CheckpointError.malformed`.
struct ByteReader {
    struct Failure: Error { let reason: String }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    var remaining: Int { bytes.endIndex - position }
    var isAtEnd: Bool { position == bytes.endIndex }

    private mutating func take(_ n: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else {
            throw Failure(reason: "\(what) needs \(n) bytes but only \(remaining) remain")
        }
        defer { position += n }
        return bytes[position..<(position + n)]
    }

    mutating func u8(_ what: String) throws -> UInt8 { try take(1, what).first ?? 0 }

    mutating func u32(_ what: String) throws -> UInt32 {
        try take(4, what).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func u64(_ what: String) throws -> UInt64 {
        try take(8, what).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func i64(_ what: String) throws -> Int { Int(truncatingIfNeeded: Int64(bitPattern: try u64(what))) }
    mutating func f64(_ what: String) throws -> Double { Double(bitPattern: try u64(what)) }

    /// A count of items that each need at least `minimumSize` bytes (rejects absurd counts early).
    mutating func count(_ what: String, minimumSize: Int) throws -> Int {
        let n = Int(try u32(what))
        guard n * Swift.max(minimumSize, 0) <= remaining else {
            throw Failure(reason: "\(what) claims \(n) entries, more than the remaining \(remaining) bytes can hold")
        }
        return n
    }

    mutating func string(_ what: String) throws -> String {
        let n = Int(try u32("length of \(what)"))
        let raw = try take(n, what)
        let s = String(decoding: raw, as: UTF8.self)
        guard s.utf8.elementsEqual(raw) else {  // invalid sequences were replaced
            throw Failure(reason: "\(what) is not valid UTF-8")
        }
        return s
    }

    mutating func floats(_ what: String) throws -> [Float] {
        let n64 = try u64("length of \(what)")
        guard n64 <= UInt64(remaining / 4) else {
            throw Failure(reason: "\(what) claims \(n64) values, more than the remaining \(remaining) bytes can hold")
        }
        let n = Int(n64)
        let raw = try take(4 * n, what)
        var out = [Float](repeating: 0, count: n)
        #if _endian(little)
        out.withUnsafeMutableBytes { dst in raw.withUnsafeBytes { dst.copyMemory(from: $0) } }
        #else
        var r = ByteReader(raw)
        for i in 0..<n { out[i] = Float(bitPattern: try r.u32(what)) }
        #endif
        return out
    }
}
