import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `open()` returns: a text file (`TextIOWrapper`, str in and out, UTF-8, universal
/// newlines) or a binary one (`BufferedReader`/`BufferedWriter`/`BufferedRandom`, bytes),
/// with Python's methods, errors and reprs. Writes are buffered until `flush`, `close`,
/// the end of a `with` block or a read; a file left open is flushed and closed when the
/// object goes away, as CPython does.
public final class FileObject: NativeInstance, NativeIterator {
    private var fd: Int32
    public let name: String
    let mode: OpenFunction.Mode
    /// `newline=` as given (nil: universal newlines).
    let newline: String?
    /// `encoding=` as given (a UTF-8 spelling), or the locale's `UTF-8` as Python reports it.
    let encoding: String

    // Binary reading: bytes read from the file and not consumed yet.
    private var readBuffer: [UInt8] = []
    private var readPos = 0
    // Text reading: the rest of the file, decoded, untranslated (newlines are translated as
    // characters are taken, so `tell` can count the bytes consumed).
    private var text: [Unicode.Scalar] = []
    private var textPos = 0
    private var textLoaded = false
    private var textBase: Int = 0
    // Pending writes.
    private var writeBuffer: [UInt8] = []

    init(fd: Int32, name: String, mode: OpenFunction.Mode, newline: String?, encoding: String?) {
        self.fd = fd
        self.encoding = encoding ?? "UTF-8"
        self.name = name
        self.mode = mode
        self.newline = newline
        super.init(type: FileObject.type)
    }

    deinit {
        if fd >= 0 {
            try? flushWrites()
            Glibc.close(fd)
        }
    }

    public var closed: Bool { fd < 0 }

    public override var typeName: String {
        if !mode.binary { return "TextIOWrapper" }
        return mode.canRead && mode.canWrite ? "BufferedRandom" : (mode.canRead ? "BufferedReader" : "BufferedWriter")
    }

    /// `f.mode`: as given for text files; FileIO's normalised form (`rb`, `wb`, `rb+`, …) for binary ones.
    var modeText: String {
        guard mode.binary else { return mode.text }
        let base = mode.creating ? "xb" : mode.appending ? "ab" : mode.canRead ? "rb" : "wb"
        return base + (mode.canRead && mode.canWrite ? "+" : "")
    }

    public override var repr: String {
        if mode.binary { return "<_io.\(typeName) name=\(Repr.stringRepr(name))>" }
        return "<_io.TextIOWrapper name=\(Repr.stringRepr(name)) mode=\(Repr.stringRepr(modeText)) encoding=\(Repr.stringRepr(encoding))>"
    }

    public override func makeIterator() throws -> () throws -> Value? {
        try checkOpen()
        return { [self] in try nextItem() }
    }

    public func nextItem() throws -> Value? {
        let line = try readline(-1)
        return try Iteration.length(line) == 0 ? nil : line
    }

    // MARK: checks

    private func checkOpen() throws {
        if fd < 0 { throw PyError.value("I/O operation on closed file.") }
    }

    private func checkReadable() throws {
        try checkOpen()
        if !mode.canRead { throw PyError(.unsupportedOperation, mode.binary ? "read" : "not readable") }
    }

    private func checkWritable() throws {
        try checkOpen()
        if !mode.canWrite { throw PyError(.unsupportedOperation, mode.binary ? "write" : "not writable") }
    }

    // MARK: low level

    private func flushWrites() throws {
        var k = 0
        while k < writeBuffer.count {
            let n = writeBuffer[k...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                writeBuffer.removeAll()
                throw OpenFunction.osError(code, name)
            }
            k += n
        }
        writeBuffer.removeAll(keepingCapacity: true)
    }

    /// Read up to `count` bytes from the file (fewer only at end of file).
    private func readBytes(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(max(count, 1), 1 << 16))
        while out.count < count {
            try Iteration.pollInterrupt()
            let want = min(chunk.count, count - out.count)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OpenFunction.osError(errno, name)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    private func offset() -> Int { Int(lseek(fd, 0, SEEK_CUR)) }

    /// Put the file offset where the program's reads have got to and drop read-ahead
    /// (before a write, seek or tell).
    private func syncReadPosition() {
        if textLoaded {
            let consumed = text[0..<textPos].reduce(0) { $0 + UTF8.width($1) }
            lseek(fd, off_t(textBase + consumed), SEEK_SET)
            text = []; textPos = 0; textLoaded = false
        } else if readPos < readBuffer.count {
            lseek(fd, off_t(readPos - readBuffer.count), SEEK_CUR)
        }
        readBuffer = []; readPos = 0
    }

    private func loadText() throws {
        if textLoaded { return }
        try flushWrites()
        textBase = offset()
        text = Array(try BytesObject.decodeUTF8(try readBytes(Int.max)).unicodeScalars)
        textPos = 0
        textLoaded = true
    }

    /// The next character, newlines translated when `newline=None`.
    private func nextChar() -> Unicode.Scalar? {
        guard textPos < text.count else { return nil }
        let c = text[textPos]
        textPos += 1
        if newline == nil && c == "\r" {
            if textPos < text.count && text[textPos] == "\n" { textPos += 1 }
            return "\n"
        }
        return c
    }

    private func fillBinary(_ want: Int) throws {
        try flushWrites()
        if readPos > 0 { readBuffer.removeFirst(readPos); readPos = 0 }
        if readBuffer.count < want { readBuffer += try readBytes(want - readBuffer.count) }
    }

    // MARK: Python methods

    func read(_ size: Int) throws -> Value {
        try checkReadable()
        if mode.binary {
            if size < 0 {
                try fillBinary(Int.max)
            } else {
                try fillBinary(size)
            }
            let n = size < 0 ? readBuffer.count - readPos : min(size, readBuffer.count - readPos)
            let out = Array(readBuffer[readPos..<(readPos + n)])
            readPos += n
            return .object(BytesObject(out))
        }
        try loadText()
        var out = String.UnicodeScalarView()
        while size < 0 || out.count < size, let c = nextChar() { out.append(c) }
        return .str(String(out))
    }

    func readline(_ limit: Int) throws -> Value {
        try checkReadable()
        if mode.binary {
            var out: [UInt8] = []
            while limit < 0 || out.count < limit {
                if readPos >= readBuffer.count {
                    try fillBinary(1 << 16)
                    if readBuffer.isEmpty { break }
                }
                let b = readBuffer[readPos]
                readPos += 1
                out.append(b)
                if b == 0x0A { break }
            }
            return .object(BytesObject(out))
        }
        try loadText()
        var out = String.UnicodeScalarView()
        while limit < 0 || out.count < limit, let c = nextChar() {
            out.append(c)
            switch newline {
            case nil, "\n": if c == "\n" { return .str(String(out)) }
            case "\r": if c == "\r" { return .str(String(out)) }
            case "\r\n": if c == "\n", out.count >= 2, out[out.index(out.endIndex, offsetBy: -2)] == "\r" { return .str(String(out)) }
            default: // "": any of \n, \r, \r\n ends a line, kept as it is
                if c == "\n" { return .str(String(out)) }
                if c == "\r" {
                    if textPos < text.count && text[textPos] == "\n" && (limit < 0 || out.count < limit) { out.append(text[textPos]); textPos += 1 }
                    return .str(String(out))
                }
            }
        }
        return .str(String(out))
    }

    @discardableResult
    func write(_ v: Value) throws -> Value {
        try checkWritable()
        let bytes: [UInt8], count: Int
        if mode.binary {
            guard case .object(let b as BytesObject) = v else { throw PyError.type("a bytes-like object is required, not '\(v.typeName)'") }
            bytes = b.bytes
            count = bytes.count
        } else {
            guard case .str(let s) = v else { throw PyError.type("write() argument must be str, not \(v.typeName)") }
            count = s.unicodeScalars.count
            if let nl = newline, nl == "\r" || nl == "\r\n" {
                bytes = Array(s.replacingOccurrences(of: "\n", with: nl).utf8)
            } else {
                bytes = Array(s.utf8)
            }
        }
        if textLoaded {
            // As CPython's TextIOWrapper: the write lands where the read-ahead left the
            // file (here the end, as the text was read whole), not after the characters taken.
            text = []; textPos = 0; textLoaded = false
        } else if readBuffer.count > 0 {
            syncReadPosition()
        }
        writeBuffer += bytes
        if writeBuffer.count >= 1 << 16 { try flushWrites() }
        return .int(count)
    }

    func close() throws {
        guard fd >= 0 else { return }
        defer {
            Glibc.close(fd)
            fd = -1
            text = []; readBuffer = []
        }
        try flushWrites()
    }

    func seek(_ target: Int, _ whence: Int) throws -> Value {
        try checkOpen()
        guard (0...2).contains(whence) else { throw PyError.value("invalid whence (\(whence), should be 0, 1 or 2)") }
        if !mode.binary && whence != 0 && target != 0 { throw PyError(.unsupportedOperation, "can't do nonzero \(whence == 1 ? "cur" : "end")-relative seeks") }
        if !mode.binary && whence == 0 && target < 0 { throw PyError.value("negative seek position \(target)") }
        try flushWrites()
        syncReadPosition()
        let r = lseek(fd, off_t(target), whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END)
        if r < 0 { throw PyError(.osError, "[Errno \(errno)] \(String(cString: strerror(errno)))") }
        return .int(Int(r))
    }

    func tell() throws -> Value {
        try checkOpen()
        try flushWrites()
        if textLoaded {
            return .int(textBase + text[0..<textPos].reduce(0) { $0 + UTF8.width($1) })
        }
        return .int(offset() - (readBuffer.count - readPos))
    }

    // MARK: declaration

    private static func file(_ o: NativeInstance) -> FileObject {
        // Every instance of `type` is a FileObject (only `open` creates them).
        unsafeDowncast(o, to: FileObject.self)
    }

    static let type: NativeType = {
        let t = NativeType("file", doc: "A file object, as open() returns it. Iterating gives its lines; `with open(...) as f:` closes it.")
        t.method("read", doc: "Read up to size characters (bytes in binary mode), or everything left when size is negative.",
                 params: [Param("size", .int, default: .int(-1))]) { o, a in try file(o).read(try a.int("size")) }
        t.method("readline", doc: "Read one line, with its line ending ('' at end of file).",
                 params: [Param("size", .int, default: .int(-1))]) { o, a in try file(o).readline(try a.int("size")) }
        t.method("readlines", doc: "All remaining lines as a list.", params: [Param("hint", .int, default: .int(-1))]) { o, a in
            let f = file(o), hint = try a.int("hint")
            var lines: [Value] = [], total = 0
            while true {
                let line = try f.readline(-1)
                let n = try Iteration.length(line)
                if n == 0 { break }
                lines.append(line)
                total += n
                if hint > 0 && total >= hint { break }
            }
            return .list(lines)
        }
        t.method("write", doc: "Write a str (bytes in binary mode); returns how many characters (bytes) were written.",
                 params: [Param("s")]) { o, a in try file(o).write(a["s"]) }
        t.method("writelines", doc: "Write each string of an iterable (no line endings are added).", params: [Param("lines")]) { o, a in
            let f = file(o)
            try Iteration.forEach(a["lines"]) { try f.write($0); return true }
            return .none
        }
        t.method("close", doc: "Flush and close the file (closing twice is harmless).", params: []) { o, _ in try file(o).close(); return .none }
        t.method("flush", doc: "Write buffered data to the file.", params: []) { o, _ in
            let f = file(o)
            try f.checkOpen()
            try f.flushWrites()
            return .none
        }
        t.method("seek", doc: "Move to offset (whence 0: from the start, 1: from here, 2: from the end); returns the new position.",
                 params: [Param("offset", .int), Param("whence", .int, default: .int(0))]) { o, a in
            try file(o).seek(try a.int("offset"), try a.int("whence"))
        }
        t.method("tell", doc: "The current position in bytes.", params: []) { o, _ in try file(o).tell() }
        t.method("readable", doc: "Whether the file was opened for reading.", params: []) { o, _ in
            try file(o).checkOpen(); return .bool(file(o).mode.canRead)
        }
        t.method("writable", doc: "Whether the file was opened for writing.", params: []) { o, _ in
            try file(o).checkOpen(); return .bool(file(o).mode.canWrite)
        }
        t.method("__enter__", doc: "Enter a with block: the file itself.", params: []) { o, _ in
            try file(o).checkOpen()
            return .object(o)
        }
        t.method("__exit__", doc: "Leave a with block: close the file.", params: [Param("exc_type", default: .none), Param("exc_value", default: .none), Param("traceback", default: .none)]) { o, _ in
            try file(o).close()
            return .bool(false)
        }
        t.property("name", doc: "The path given to open().", get: { o in .str(file(o).name) })
        t.property("mode", doc: "The mode the file was opened with.", get: { o in .str(file(o).modeText) })
        t.property("closed", doc: "Whether the file is closed.", get: { o in .bool(file(o).closed) })
        t.property("encoding", doc: "The text encoding (text files only; always a UTF-8).", get: { o in
            if file(o).mode.binary { throw PyError.attribute("'\(file(o).typeName)' object has no attribute 'encoding'") }
            return .str(file(o).encoding)
        })
        t.property("newlines", doc: "The newline= argument (text files only).", get: { o in file(o).newline.map { .str($0) } ?? .none })
        return t
    }()
}
