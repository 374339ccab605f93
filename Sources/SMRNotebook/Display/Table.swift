/// A table cell value, typed as tabulate types Python values.
public enum TableCell: Sendable, Equatable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
}

/// Tables laid out exactly as Python's tabulate 0.10 lays them out: column types
/// inferred from the values (numeric strings count as numbers), numbers right-aligned
/// on the decimal point, strings left-aligned, `floatfmt` applied to float columns, and
/// columns at least two wider than their header.
///
///     Table.render(rows: [[.str("a"), .float(1.5)]], headers: ["name", "x"])
public enum Table {
    /// tabulate's column types, from least to most generic.
    enum ColumnType: Int, Comparable {
        case none = 0, bool, int, float, str
        static func < (a: ColumnType, b: ColumnType) -> Bool { a.rawValue < b.rawValue }
    }

    /// Render rows under optional headers (`numparse: false` keeps numeric-looking
    /// strings as text, as tabulate's `disable_numparse`) in the named format (default `rounded_outline`).
    /// Throws `TableError` for an unknown format.
    public static func render(rows: [[TableCell]], headers: [String]? = nil, format: String = "rounded_outline",
                              floatfmt: String = "g", intfmt: String = "", missingval: String = "",
                              numparse: Bool = true) throws -> String {
        guard let fmt = TableFormat.named(format) else { throw TableError.unknownFormat(format) }
        let ncols = max(rows.map(\.count).max() ?? 0, 0)
        var headers = headers ?? []
        if !headers.isEmpty && headers.count < ncols {
            headers = Array(repeating: "", count: ncols - headers.count) + headers
        }
        let width = max(ncols, headers.count)
        // Columns, with missing cells as None (zip_longest).
        var cols: [[TableCell]] = Array(repeating: [], count: rows.isEmpty ? 0 : width)
        if !rows.isEmpty {
            for r in rows { for c in 0..<width { cols[c].append(c < r.count ? r[c] : .none) } }
        }
        let types = cols.map { $0.map { cellType($0, numparse: numparse) }.max() ?? .bool }
        var formatted: [[String]] = []
        for (c, col) in cols.enumerated() {
            formatted.append(col.map { formatCell($0, types[c], floatfmt: floatfmt, intfmt: intfmt, missingval: missingval) })
        }
        let numeric = types.map { $0 == .int || $0 == .float }
        let minWidths = headers.isEmpty ? Array(repeating: 0, count: cols.count) : headers.map { len($0) + 2 }
        var aligned: [[String]] = []
        for (c, col) in formatted.enumerated() {
            aligned.append(alignColumn(col, decimal: numeric[c], minWidth: c < minWidths.count ? minWidths[c] : 0))
        }
        var widths: [Int]
        var shownHeaders: [String] = []
        if !headers.isEmpty {
            let tcols = aligned.isEmpty ? Array(repeating: [""], count: headers.count) : aligned
            widths = zip(minWidths, tcols).map { mw, col in max(mw, col.map(len).max() ?? 0) }
            for (k, h) in headers.enumerated() {
                let isNum = k < numeric.count ? numeric[k] : false
                shownHeaders.append(isNum ? padLeft(h, widths[k]) : padRight(h, widths[k]))
            }
        } else {
            widths = aligned.map { $0.map(len).max() ?? 0 }
        }
        let nrows = aligned.first?.count ?? 0
        let rowsOut: [[String]] = (0..<nrows).map { r in aligned.map { $0[r] } }
        return formatTable(fmt, headers: shownHeaders, rows: rowsOut, widths: widths)
    }

    static func formatTable(_ fmt: TableFormat, headers: [String], rows: [[String]], widths: [Int]) -> String {
        var lines: [String] = []
        let hidden = headers.isEmpty ? [] : fmt.hiddenWithHeaders
        let pad = fmt.padding
        let padded = widths.map { $0 + 2 * pad }
        func line(_ l: TableFormat.Line) -> String {
            rstrip(l.begin + padded.map { String(repeating: l.fill, count: $0) }.joined(separator: l.sep) + l.end)
        }
        func row(_ cells: [String], _ f: TableFormat.Row) -> String {
            let p = String(repeating: " ", count: pad)
            return rstrip(f.begin + cells.map { p + $0 + p }.joined(separator: f.sep) + f.end)
        }
        if let l = fmt.lineAbove, !hidden.contains("lineabove") { lines.append(line(l)) }
        if !headers.isEmpty {
            lines.append(row(headers, fmt.headerRow))
            if let l = fmt.lineBelowHeader { lines.append(line(l)) }
        }
        for (k, r) in rows.enumerated() {
            lines.append(row(r, fmt.dataRow))
            if k < rows.count - 1, let l = fmt.lineBetweenRows { lines.append(line(l)) }
        }
        if let l = fmt.lineBelow, !hidden.contains("linebelow") { lines.append(line(l)) }
        return lines.joined(separator: "\n")
    }

    // MARK: types and formatting (tabulate's _type, _format)

    static func cellType(_ v: TableCell, numparse: Bool = true) -> ColumnType {
        switch v {
        case .none: return .none
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .str(let s):
            if s.isEmpty { return .none }
            if s == "True" || s == "False" { return .bool }
            if !numparse { return .str }
            if PyNumberText.isInt(s) { return .int }
            if PyNumberText.isNumber(s) { return .float }
            return .str
        }
    }

    static func formatCell(_ v: TableCell, _ type: ColumnType, floatfmt: String, intfmt: String, missingval: String) -> String {
        if case .none = v { return missingval }
        if case .str(let s) = v, s.isEmpty { return "" }
        switch type {
        case .int:
            switch v {
            case .int(let i): return PyFormat.format(i, intfmt)
            default: return plain(v)
            }
        case .float:
            switch v {
            case .int(let i): return PyFormat.format(Double(i), floatfmt)
            case .float(let d): return PyFormat.format(d, floatfmt)
            case .bool(let b): return PyFormat.format(b ? 1.0 : 0.0, floatfmt)
            case .str(let s): return PyNumberText.float(s).map { PyFormat.format($0, floatfmt) } ?? s
            case .none: return missingval
            }
        default:
            return plain(v)
        }
    }

    /// `f"{val}"`.
    static func plain(_ v: TableCell) -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return PyFormat.shortest(d)
        case .str(let s): return s
        }
    }

    // MARK: alignment (tabulate's _align_column)

    static func alignColumn(_ strings: [String], decimal: Bool, minWidth: Int) -> [String] {
        var ss = strings
        if decimal {
            let decs = ss.map(afterPoint)
            let maxd = decs.max() ?? -1
            ss = zip(ss, decs).map { s, d in s + String(repeating: " ", count: maxd - d) }
            let w = max(ss.map(len).max() ?? 0, minWidth)
            return ss.map { padLeft($0, w) }
        }
        ss = ss.map { $0.trimmingWhitespace() }
        let w = max(ss.map(len).max() ?? 0, minWidth)
        return ss.map { padRight($0, w) }
    }

    /// Digits after the decimal point (or exponent), -1 for ints and non-numbers.
    static func afterPoint(_ s: String) -> Int {
        guard PyNumberText.isNumber(s) else { return -1 }
        if PyNumberText.isInt(s) { return -1 }
        let scalars = Array(s.unicodeScalars)
        if let dot = scalars.lastIndex(of: ".") { return scalars.count - dot - 1 }
        if let e = scalars.lastIndex(where: { $0 == "e" || $0 == "E" }) { return scalars.count - e - 1 }
        return -1
    }

    /// Display width in terminal columns, as tabulate measures it with wcwidth: wide
    /// East Asian characters count 2, combining marks 0.
    static func len(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) } }
    static func padLeft(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - len(s))) + s }
    static func padRight(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - len(s))) }
    static func rstrip(_ s: String) -> String {
        var t = Substring(s)
        while let l = t.last, l == " " || l == "\t" || l == "\n" { t.removeLast() }
        return String(t)
    }
}

/// An error in `table(...)` arguments.
public enum TableError: Error, CustomStringConvertible {
    case unknownFormat(String)
    public var description: String {
        "unknown tablefmt '\(self.name)'; choose one of " + TableFormat.names.joined(separator: ", ")
    }
    var name: String { if case .unknownFormat(let n) = self { return n }; return "" }
}

extension String {
    /// Python's `str.strip()` (whitespace at both ends).
    func trimmingWhitespace() -> String {
        var t = Substring(self)
        while let f = t.first, f.isWhitespace { t.removeFirst() }
        while let l = t.last, l.isWhitespace { t.removeLast() }
        return String(t)
    }
}
