/// `bytes`: an immutable sequence of byte values, what binary files read and write.
/// Literals `b'...'`, `bytes(n)`, `bytes([1, 2])`, `str.encode()`, `b.decode()`.
public final class BytesObject: NativeInstance {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        super.init(type: BytesObject.type)
    }

    public override var typeName: String { "bytes" }
    public override var repr: String { BytesObject.repr(bytes) }
    public override var isTruthy: Bool { !bytes.isEmpty }
    public override func length() throws -> Int? { bytes.count }

    public override func makeIterator() throws -> () throws -> Value? {
        var k = 0
        return { [bytes] in
            guard k < bytes.count else { return nil }
            k += 1
            return .int(Int(bytes[k - 1]))
        }
    }

    public override func getItem(_ index: Value) throws -> Value {
        if case .object(let sl as SliceObject) = index {
            let (a, b, st) = try sl.intBounds()
            return try getSlice(a, b, st)
        }
        let k = try Subscript.index(index, for: .object(self))
        return .int(Int(bytes[try Subscript.normalize(k, bytes.count, "index")]))
    }

    public override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        let (start, stop, st) = try Subscript.sliceIndices(lo, hi, step, bytes.count)
        let n = Subscript.sliceCount(start, stop, st)
        return .object(BytesObject((0..<n).map { bytes[start + $0 * st] }))
    }

    public override func contains(_ item: Value) throws -> Bool {
        if let i = item.asInt {
            guard (0...255).contains(i) else { throw PyError.value("byte must be in range(0, 256)") }
            return bytes.contains(UInt8(i))
        }
        guard case .object(let o as BytesObject) = item else {
            throw PyError.type("a bytes-like object is required, not '\(item.typeName)'")
        }
        if o.bytes.isEmpty { return true }
        guard o.bytes.count <= bytes.count else { return false }
        return (0...(bytes.count - o.bytes.count)).contains { bytes[$0..<($0 + o.bytes.count)].elementsEqual(o.bytes) }
    }

    public override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? { .object(self) }

    public override func equals(_ other: Value) -> Bool {
        if case .object(let o as BytesObject) = other { return o.bytes == bytes }
        return false
    }

    public override func compare(_ other: Value) throws -> Int? {
        guard case .object(let o as BytesObject) = other else { return nil }
        if bytes == o.bytes { return 0 }
        return bytes.lexicographicallyPrecedes(o.bytes) ? -1 : 1
    }

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        switch op {
        case "+":
            guard case .object(let o as BytesObject) = other else {
                if reflected { return nil }
                throw PyError.type("can't concat \(other.typeName) to bytes")
            }
            return .object(BytesObject(reflected ? o.bytes + bytes : bytes + o.bytes))
        case "*":
            guard let n = other.asInt else { return nil }
            let (total, overflow) = bytes.count.multipliedReportingOverflow(by: max(n, 0))
            if overflow { throw Limits.memoryError() }
            try Limits.checkItems(total)
            return .object(BytesObject(Array([[UInt8]](repeating: bytes, count: max(n, 0)).joined())))
        default: return nil
        }
    }

    /// Python's `repr` of bytes: `b'a\n\x00'`.
    static func repr(_ bytes: [UInt8]) -> String {
        let q: UInt8 = bytes.contains(0x27) && !bytes.contains(0x22) ? 0x22 : 0x27
        var out = "b" + String(UnicodeScalar(q))
        for c in bytes {
            switch c {
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case q: out += "\\" + String(UnicodeScalar(q))
            case 0x20..<0x7F: out.unicodeScalars.append(UnicodeScalar(c))
            default: out += "\\x" + Repr.hex(UInt32(c), 2)
            }
        }
        return out + String(UnicodeScalar(q))
    }

    /// Decode UTF-8 strictly, with CPython's UnicodeDecodeError message.
    static func decodeUTF8(_ bytes: [UInt8]) throws -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            let n = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0
            let fail = { (reason: String) in
                PyError(.unicodeDecodeError, "'utf-8' codec can't decode byte 0x\(Repr.hex(UInt32(bytes[k]), 2)) in position \(k): \(reason)")
            }
            if n == 0 { throw fail("invalid start byte") }
            for j in 1..<n {
                if k + j >= bytes.count { throw fail("unexpected end of data") }
                if bytes[k + j] & 0xC0 != 0x80 { throw fail("invalid continuation byte") }
            }
            k += n
        }
        throw PyError(.unicodeDecodeError, "'utf-8' codec can't decode bytes: invalid data")
    }

    static func checkEncoding(_ e: String) throws {
        let norm = e.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        guard norm == "utf8" else { throw PyError(.lookupError, "unknown encoding: \(e) (smr reads and writes utf-8 only)") }
    }

    /// The type object: methods declared here give `help(bytes)` and `dir(b)`.
    public static let type: NativeType = {
        let t = NativeType("bytes", doc: "An immutable sequence of bytes: b'...', bytes(n), bytes([1, 2]), 'text'.encode().")
        t.method("decode", doc: "The text these UTF-8 bytes encode.",
                 params: [Param("encoding", .str, default: .str("utf-8")), Param("errors", .str, default: .str("strict"))]) { o, a in
            try checkEncoding(try a.string("encoding"))
            return .str(try decodeUTF8((o as? BytesObject)?.bytes ?? []))
        }
        t.method("hex", doc: "Two hex digits per byte.", params: []) { o, _ in
            .str(((o as? BytesObject)?.bytes ?? []).map { Repr.hex(UInt32($0), 2) }.joined())
        }
        return t
    }()

    /// `bytes(...)`: empty, n zero bytes, from an iterable of ints, or from a str and encoding.
    static func construct(_ a: [Value], _ kw: [(String, Value)]) throws -> Value {
        var args = a
        for (n, v) in kw {
            guard n == "encoding" || n == "errors" else { throw PyError.type("'\(n)' is an invalid keyword argument for bytes()") }
            if n == "encoding" { args.append(v) }
        }
        guard let first = args.first else { return .object(BytesObject([])) }
        switch first {
        case .str(let s):
            guard args.count > 1, case .str(let enc) = args[1] else { throw PyError.type("string argument without an encoding") }
            try checkEncoding(enc)
            return .object(BytesObject(Array(s.utf8)))
        case .int(let n):
            guard n >= 0 else { throw PyError.value("negative count") }
            try Limits.checkItems(n)
            return .object(BytesObject([UInt8](repeating: 0, count: n)))
        case .object(let o as BytesObject): return .object(o)
        default:
            var out: [UInt8] = []
            try Iteration.forEach(first) { x in
                guard let i = x.asInt else { throw PyError.type("'\(x.typeName)' object cannot be interpreted as an integer") }
                guard (0...255).contains(i) else { throw PyError.value("bytes must be in range(0, 256)") }
                out.append(UInt8(i))
                return true
            }
            return .object(BytesObject(out))
        }
    }
}
