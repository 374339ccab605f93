import Foundation
import SMRNeural

/// A `.smrnb` notebook: jupytext "percent" cells in a file that is also a plain program.
///
/// Parsing keeps every byte: `write()` gives back the file exactly as read (line
/// endings, blank lines, trailing spaces, a missing final newline).
///
///     let nb = try Notebook.load(path: "train.smrnb")
///     for cell in nb.codeCells { print(cell.number, cell.source) }
public struct Notebook: Sendable, Equatable {
    /// Where the notebook was read from (used in error locations).
    public var path: String
    /// The cells in file order; `cells[k].number == k + 1`.
    public var cells: [Cell]
    /// Lines before the first marker that hold no code (blank lines, comments).
    public var preamble: [String]
    /// The file's lines, each with its own line ending, for the lossless round trip.
    public var rawLines: [String]

    /// The code cells, in order.
    public var codeCells: [Cell] { cells.filter { $0.kind == .code } }

    /// The cell tagged `parameters`, if any.
    public var parametersCell: Cell? { cells.first { $0.kind == .code && $0.isParameters } }

    /// `\r\n` if the file uses CRLF line endings, else `\n`.
    public var lineEnding: String {
        // Compare scalars: "\r\n" is a single Character, so hasSuffix("\n") misses it.
        guard let line = rawLines.first(where: { $0.unicodeScalars.last == "\n" }) else { return "\n" }
        return line.unicodeScalars.dropLast().last == "\r" ? "\r\n" : "\n"
    }

    /// Read and parse a notebook file.
    public static func load(path: String) throws -> Notebook {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let reason = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
                ? (isDir.boolValue ? "it is a directory" : "permission denied") : "no such file"
            throw NotebookError.unreadable(path: path, reason: reason)
        }
        return try parse(data: data, path: path)
    }

    /// Parse notebook bytes; invalid UTF-8 is an error naming the line.
    public static func parse(data: Data, path: String = "<notebook>") throws -> Notebook {
        guard let text = String(data: data, encoding: .utf8) else {
            let (line, column) = firstInvalidUTF8([UInt8](data))
            throw NotebookError.notUTF8(path: path, line: line, column: column)
        }
        return parse(text: text, path: path)
    }

    /// Line and column (1-based, in characters) of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            guard n > 0, i + n <= bytes.count,
                  String(bytes: bytes[i..<(i + n)], encoding: .utf8) != nil else { return (line, column) }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += n
        }
        return (line, column)
    }

    /// Parse notebook text.
    public static func parse(text: String, path: String = "<notebook>") -> Notebook {
        let raw = splitKeepingEndings(text)
        var lines = raw.map(stripEnding)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }

        var cells: [Cell] = []
        var preamble: [String] = []
        var k = 0
        // Lines before the first marker.
        var before: [String] = []
        while k < lines.count, !isMarker(lines[k]) { before.append(lines[k]); k += 1 }
        if k == lines.count {
            // No marker: the whole file is one code cell.
            cells.append(Cell(kind: .code, number: 1, title: nil, tags: [], marker: nil, lines: before, firstLine: 1))
            return Notebook(path: path, cells: cells, preamble: [], rawLines: raw)
        }
        if before.contains(where: holdsCode) {
            cells.append(Cell(kind: .code, number: 1, title: nil, tags: [], marker: nil, lines: before, firstLine: 1))
        } else {
            preamble = before
        }
        while k < lines.count {
            let marker = lines[k]
            let markerLine = k + 1
            k += 1
            var body: [String] = []
            while k < lines.count, !isMarker(lines[k]) { body.append(lines[k]); k += 1 }
            let (kind, title, tags) = parseMarker(marker)
            cells.append(Cell(kind: kind, number: cells.count + 1, title: title, tags: tags, marker: marker,
                              lines: body, firstLine: markerLine + 1))
        }
        return Notebook(path: path, cells: cells, preamble: preamble, rawLines: raw)
    }

    /// The notebook's text, byte for byte as it was read.
    public func text() -> String { rawLines.joined() }

    /// Write the notebook back (byte-identical to what was read), atomically.
    public func write(to path: String) throws {
        try FileAccessPolicy.writing.check(path)
        try AtomicFile.write(text(), to: path)
    }

    // MARK: line handling

    /// A line starts a cell when it begins with `# %%` followed by nothing or a space.
    public static func isMarker(_ line: String) -> Bool {
        guard line.hasPrefix("# %%") else { return false }
        let rest = line.dropFirst(4)
        guard let c = rest.first else { return true }
        return c == " " || c == "\t"
    }

    static func holdsCode(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return !t.isEmpty && !t.hasPrefix("#")
    }

    /// `[markdown]`/`[md]`/`[raw]`, a title, and `tags=[…]` (other `key=value`
    /// metadata of jupytext is kept in the marker but not interpreted).
    static func parseMarker(_ line: String) -> (Cell.Kind, String?, [String]) {
        var rest = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
        var kind = Cell.Kind.code
        for (tag, k) in [("[markdown]", Cell.Kind.markdown), ("[md]", .markdown), ("[raw]", .raw)] where rest.hasPrefix(tag) {
            kind = k
            rest = String(rest.dropFirst(tag.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        var tags: [String] = []
        if let r = rest.range(of: "tags=[") {
            if let close = rest[r.upperBound...].firstIndex(of: "]") {
                tags = parseQuotedList(String(rest[r.upperBound..<close]))
                rest.removeSubrange(r.lowerBound...close)
            }
        }
        // Drop other jupytext metadata (key="value" / key=value words).
        let words = rest.split(separator: " ", omittingEmptySubsequences: true)
        let titleWords = words.filter { w in
            guard let eq = w.firstIndex(of: "="), eq != w.startIndex else { return true }
            return !w[w.startIndex..<eq].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
        let title = titleWords.joined(separator: " ")
        return (kind, title.isEmpty ? nil : title, tags)
    }

    static func parseQuotedList(_ s: String) -> [String] {
        s.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }.filter { !$0.isEmpty }
    }

    static func splitKeepingEndings(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            // "\r\n" is a single Character in Swift.
            if ch == "\n" || ch == "\r\n" { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func stripEnding(_ line: String) -> String {
        var s = line
        if s.hasSuffix("\r\n") || s.hasSuffix("\n") { s.removeLast() }
        if s.hasSuffix("\r") { s.removeLast() }
        return s
    }
}
