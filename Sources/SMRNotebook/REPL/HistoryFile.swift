import SMRNeural

/// The REPL's history file: readline appends one line per entry as it is typed; at the
/// end of a session the file is cut to its last lines by an atomic rewrite (temporary
/// file, fsync, rename), so a crash or `kill -9` at any moment keeps the history.
enum HistoryFile {
    /// Keeps the last `limit` lines of the file at `path` (no change when it has fewer).
    static func truncate(_ path: String, keeping limit: Int) throws {
        let newline = UInt8(ascii: "\n")
        var lines = try AtomicFile.read(path).split(separator: newline, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count > limit else { return }
        var kept: [UInt8] = []
        for line in lines.suffix(limit) {
            kept += line
            kept.append(newline)
        }
        try AtomicFile.write(kept, to: path)
    }
}
