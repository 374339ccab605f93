import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `open()` builtin: Python's modes (`r w a x`, `+`, `b`, `t`), UTF-8 text with
/// universal newlines, and CPython's errors (`[Errno 2] No such file or directory: 'x.txt'`).
/// Every path goes through the host's read/write policy first (`HostServices`), so a
/// notebook touches files only where `smr` allows it.
enum OpenFunction {
    static let signature = "open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)"
    static let doc = """
        Open a file and return a file object. Modes: 'r' read (default), 'w' write (truncate), \
        'x' create (fails if it exists), 'a' append, '+' read and write, 'b' binary (bytes), 't' text.
        Text is UTF-8; newline=None translates '\\r\\n' and '\\r' to '\\n' on reading, newline='' keeps line endings.
        Notebooks read and write only below their folder or the working directory unless smr is run with --allow-read/--allow-write DIR.
            with open("results.txt", "w") as f:
                f.write("score 1.5\\n")
        """

    static let params = ["file", "mode", "buffering", "encoding", "errors", "newline"]

    /// A parsed mode string.
    struct Mode {
        var reading = false, writing = false, appending = false, creating = false, updating = false, binary = false
        let text: String

        init(_ s: String) throws {
            text = s
            var seen = Set<Character>()
            for c in s {
                guard "rwaxbt+".contains(c), !seen.contains(c) else { throw PyError.value("invalid mode: '\(s)'") }
                seen.insert(c)
                switch c {
                case "r": reading = true
                case "w": writing = true
                case "a": appending = true
                case "x": creating = true
                case "+": updating = true
                case "b": binary = true
                default: break
                }
            }
            let kinds = [reading, writing, appending, creating].filter { $0 }.count
            if seen.contains("b") && seen.contains("t") { throw PyError.value("can't have text and binary mode at once") }
            if kinds > 1 { throw PyError.value("must have exactly one of create/read/write/append mode") }
            if kinds == 0 { throw PyError.value("Must have exactly one of create/read/write/append mode and at most one plus") }
        }

        var canRead: Bool { reading || updating }
        var canWrite: Bool { writing || appending || creating || updating }

        var flags: Int32 {
            var f: Int32 = canRead && canWrite ? O_RDWR : (canWrite ? O_WRONLY : O_RDONLY)
            if writing { f |= O_CREAT | O_TRUNC }
            if appending { f |= O_CREAT | O_APPEND }
            if creating { f |= O_CREAT | O_EXCL }
            return f | O_CLOEXEC
        }
    }

    static func call(_ rt: Runtime, _ a: [Value], _ kw: [(String, Value)]) throws -> Value {
        var slots = [Value?](repeating: nil, count: params.count)
        if a.count > params.count { throw PyError.type("open() takes at most \(params.count) arguments (\(a.count) given)") }
        for (k, v) in a.enumerated() { slots[k] = v }
        for (n, v) in kw {
            guard let k = params.firstIndex(of: n) else {
                throw PyError.type("'\(n)' is an invalid keyword argument for open()" + Suggestions.hint(n, params))
            }
            if slots[k] != nil { throw PyError.type("argument for open() given by name ('\(n)') and position (\(k + 1))") }
            slots[k] = v
        }
        guard let fileArg = slots[0] else { throw PyError.type("open() missing required argument 'file' (pos 1)") }
        guard case .str(let path) = fileArg else {
            throw PyError.type("expected str, bytes or os.PathLike object, not \(fileArg.typeName)")
        }
        let modeValue = slots[1] ?? .str("r")
        guard case .str(let modeText) = modeValue else { throw PyError.type("open() argument 'mode' must be str, not \(modeValue.typeName)") }
        let mode = try Mode(modeText)
        let encoding = slots[3] ?? .none
        let newline = slots[5] ?? .none
        if mode.binary {
            if !encoding.isNone { throw PyError.value("binary mode doesn't take an encoding argument") }
            if !(slots[4] ?? .none).isNone { throw PyError.value("binary mode doesn't take an errors argument") }
            if !newline.isNone { throw PyError.value("binary mode doesn't take a newline argument") }
        }
        if case .str(let e) = encoding { try BytesObject.checkEncoding(e) } else if !encoding.isNone {
            throw PyError.type("open() argument 'encoding' must be str or None, not \(encoding.typeName)")
        }
        var newlineMode: String?
        switch newline {
        case .none: newlineMode = nil
        case .str(let s):
            guard ["", "\n", "\r", "\r\n"].contains(s) else { throw PyError.value("illegal newline value: \(Repr.repr(newline))") }
            newlineMode = s
        default: throw PyError.type("open() argument 'newline' must be str or None, not \(newline.typeName)")
        }
        if path.isEmpty { throw ExceptionObject.osError(.fileNotFoundError, errno: ENOENT, "No such file or directory", filename: path) }
        if path.contains("\0") { throw PyError.value("embedded null byte") }
        // The policy decides before anything touches the file system.
        if mode.canRead { try HostServices.checkRead(path) }
        if mode.canWrite { try HostServices.checkWrite(path) }
        let fd = Glibc.open(path, mode.flags, 0o666)
        if fd < 0 { throw osError(errno, path) }
        // A directory opens read-only on Linux; Python refuses it.
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw ExceptionObject.osError(.isADirectoryError, errno: EISDIR, "Is a directory", filename: path)
        }
        // As CPython's FileIO: an appending file starts at its end (tell() is its size, read() is '').
        if mode.appending { lseek(fd, 0, SEEK_END) }
        return .object(FileObject(fd: fd, name: path, mode: mode, newline: newlineMode, encoding: encoding.asString))
    }

    /// The OSError subclass Python raises for `errno`, with its message.
    static func osError(_ code: Int32, _ path: String) -> PyError {
        let kind: ErrorKind
        switch code {
        case ENOENT: kind = .fileNotFoundError
        case EEXIST: kind = .fileExistsError
        case EISDIR: kind = .isADirectoryError
        case ENOTDIR: kind = .notADirectoryError
        case EACCES, EPERM: kind = .permissionError
        default: kind = .osError
        }
        return ExceptionObject.osError(kind, errno: code, String(cString: strerror(code)), filename: path)
    }
}
