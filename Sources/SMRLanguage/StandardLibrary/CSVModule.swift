/// `import csv`: `reader`, `writer`, `DictReader` and `DictWriter` with CPython's default
/// dialect (excel: `,` delimiter, `"` quotes doubled, minimal quoting, `\r\n` line
/// terminator), the `excel-tab` and `unix` dialects, `QUOTE_*` constants and `csv.Error`.
enum CSVModule {
    static let quoteMinimal = 0, quoteAll = 1, quoteNonnumeric = 2, quoteNone = 3

    /// Formatting parameters (a dialect with keyword overrides).
    struct Dialect {
        var delimiter: Unicode.Scalar = ","
        var quotechar: Unicode.Scalar? = "\""
        var escapechar: Unicode.Scalar?
        var doublequote = true
        var skipinitialspace = false
        var lineterminator = "\r\n"
        var quoting = quoteMinimal
        var strict = false

        static let names = ["delimiter", "quotechar", "escapechar", "doublequote", "skipinitialspace", "lineterminator", "quoting", "strict"]

        init(_ name: Value, _ kw: [(String, Value)]) throws {
            switch name {
            case .str("excel"): break
            case .str("excel-tab"): delimiter = "\t"
            case .str("unix"): lineterminator = "\n"; quoting = quoteAll
            case .str: throw PyError(.csvError, "unknown dialect")
            default: throw PyError.type("dialect must be a dialect name ('excel', 'excel-tab' or 'unix')")
            }
            func char(_ n: String, _ v: Value, optional: Bool) throws -> Unicode.Scalar? {
                if v.isNone && optional { return nil }
                guard case .str(let s) = v else { throw PyError.type("\"\(n)\" must be a 1-character string") }
                guard s.unicodeScalars.count == 1, let c = s.unicodeScalars.first else { throw PyError.type("\"\(n)\" must be a 1-character string") }
                return c
            }
            for (n, v) in kw {
                switch n {
                case "delimiter": delimiter = try char(n, v, optional: false) ?? ","
                case "quotechar": quotechar = try char(n, v, optional: true)
                case "escapechar": escapechar = try char(n, v, optional: true)
                case "doublequote": doublequote = v.isTruthy
                case "skipinitialspace": skipinitialspace = v.isTruthy
                case "strict": strict = v.isTruthy
                case "lineterminator":
                    guard case .str(let s) = v else { throw PyError.type("\"lineterminator\" must be a string") }
                    lineterminator = s
                case "quoting":
                    guard let q = v.asInt, (0...3).contains(q) else { throw PyError.type("bad \"quoting\" value") }
                    quoting = q
                default: throw PyError.type("'\(n)' is an invalid keyword argument for this function" + Suggestions.hint(n, Dialect.names))
                }
            }
            if quotechar == nil && quoting != quoteNone { throw PyError.type("quotechar must be set if quoting enabled") }
        }
    }

    static func make() -> NativeModule {
        let m = NativeModule("csv", doc: """
            CSV files, as Python's csv module (open them with newline="").
                with open("log.csv", "w", newline="") as f:
                    w = csv.writer(f); w.writerow(["step", "reward"]); w.writerows(rows)
                with open("log.csv", newline="") as f:
                    for row in csv.DictReader(f): print(row["reward"])
            """)
        m.add("reader", .builtin(BuiltinFunction(raw: "reader", signature: "reader(csvfile, dialect='excel', **fmtparams)",
                                                 doc: "An iterator over the rows (lists of str) of an iterable of lines, e.g. a file.") { _, a, kw in
            let (file, dialect) = try fileAndDialect("reader", a, kw, extra: [])
            return .object(CSVReader(try Iteration.makeIterator(file), dialect))
        }))
        m.add("writer", .builtin(BuiltinFunction(raw: "writer", signature: "writer(csvfile, dialect='excel', **fmtparams)",
                                                 doc: "A writer with writerow(row) and writerows(rows), writing to an object with write(), e.g. a file.") { rt, a, kw in
            let (file, dialect) = try fileAndDialect("writer", a, kw, extra: [])
            return .object(CSVWriter(file, dialect, rt))
        }))
        m.add("DictReader", .builtin(BuiltinFunction(raw: "DictReader", signature: "DictReader(f, fieldnames=None, restkey=None, restval=None, dialect='excel', **fmtparams)",
                                                     doc: "Rows as dicts keyed by fieldnames (by default the first row).", isType: true) { _, a, kw in
            var args = a
            var named: [String: Value] = [:]
            for key in ["fieldnames", "restkey", "restval"] {
                if let v = kw.first(where: { $0.0 == key })?.1 { named[key] = v }
            }
            // Positional order as CPython's: f, fieldnames, restkey, restval, dialect.
            for (k, key) in ["fieldnames", "restkey", "restval"].enumerated() where args.count > k + 1 && named[key] == nil {
                named[key] = args[k + 1]
            }
            if args.count > 4 { args = [args[0], args[4]] } else { args = Array(args.prefix(1)) }
            let (file, dialect) = try fileAndDialect("DictReader", args, kw, extra: ["fieldnames", "restkey", "restval"])
            let r = CSVDictReader(CSVReader(try Iteration.makeIterator(file), dialect), restkey: named["restkey"] ?? .none, restval: named["restval"] ?? .none)
            if let f = named["fieldnames"], !f.isNone { r.fields = try Iteration.toArray(f) }
            return .object(r)
        }))
        m.add("DictWriter", .builtin(BuiltinFunction(raw: "DictWriter", signature: "DictWriter(f, fieldnames, restval='', extrasaction='raise', dialect='excel', **fmtparams)",
                                                     doc: "A writer of dicts: writeheader(), writerow(d), writerows(ds).", isType: true) { rt, a, kw in
            var named: [String: Value] = [:]
            for key in ["fieldnames", "restval", "extrasaction"] {
                if let v = kw.first(where: { $0.0 == key })?.1 { named[key] = v }
            }
            for (k, key) in ["fieldnames", "restval", "extrasaction"].enumerated() where a.count > k + 1 && named[key] == nil {
                named[key] = a[k + 1]
            }
            guard let fieldnames = named["fieldnames"] else { throw PyError.type("DictWriter.__init__() missing 1 required positional argument: 'fieldnames'") }
            let action = named["extrasaction"] ?? .str("raise")
            guard case .str(let act) = action, act == "raise" || act == "ignore" else {
                throw PyError.value("extrasaction (\(Repr.str(action))) must be 'raise' or 'ignore'")
            }
            let args = a.count > 4 ? [a[0], a[4]] : Array(a.prefix(1))
            let (file, dialect) = try fileAndDialect("DictWriter", args, kw, extra: ["fieldnames", "restval", "extrasaction"])
            return .object(CSVDictWriter(CSVWriter(file, dialect, rt), fields: try Iteration.toArray(fieldnames),
                                         restval: named["restval"] ?? .str(""), ignoreExtras: act == "ignore"))
        }))
        m.add("QUOTE_MINIMAL", .int(quoteMinimal))
        m.add("QUOTE_ALL", .int(quoteAll))
        m.add("QUOTE_NONNUMERIC", .int(quoteNonnumeric))
        m.add("QUOTE_NONE", .int(quoteNone))
        if let cls = Exceptions.classes(includingModuleClasses: true)["Error"] { m.add("Error", cls) }
        return m
    }

    /// The file and the dialect of `reader(csvfile, dialect, **fmtparams)`-style calls.
    static func fileAndDialect(_ name: String, _ a: [Value], _ kw: [(String, Value)], extra: Set<String>) throws -> (Value, Dialect) {
        guard let file = a.first else { throw PyError.type("\(name)() expected at least 1 argument, got 0") }
        if a.count > 2 { throw PyError.type("\(name)() expected at most 2 positional arguments, got \(a.count)") }
        var dialect: Value = a.count > 1 ? a[1] : .str("excel")
        var fmt: [(String, Value)] = []
        for (n, v) in kw where !extra.contains(n) {
            if n == "dialect" { dialect = v } else { fmt.append((n, v)) }
        }
        return (file, try Dialect(dialect, fmt))
    }
}

/// What `csv.reader` returns: an iterator of rows with `line_num`.
final class CSVReader: NativeInstance, NativeIterator {
    let lines: () throws -> Value?
    let dialect: CSVModule.Dialect
    var lineNumber = 0

    init(_ lines: @escaping () throws -> Value?, _ dialect: CSVModule.Dialect) {
        self.lines = lines
        self.dialect = dialect
        super.init(type: CSVReader.type)
    }

    static let type: NativeType = {
        let t = NativeType("_csv.reader", doc: "The rows of a CSV file, as lists of str (iterate over it, or call next()).")
        t.property("line_num", doc: "How many lines have been read.", get: { o in .int((o as? CSVReader)?.lineNumber ?? 0) })
        return t
    }()

    override var typeName: String { "_csv.reader" }
    override func makeIterator() throws -> () throws -> Value? { { [self] in try nextItem() } }

    func nextItem() throws -> Value? {
        try nextRow().map { row in .list(row) }
    }

    /// One record, CPython's parser: fields may be quoted, quoted fields may hold delimiters,
    /// doubled quotes and line breaks.
    func nextRow() throws -> [Value]? {
        enum State { case startRecord, startField, inField, inQuoted, escape, quotedEscape, quoteInQuoted, eatCRNL }
        let d = dialect
        var fields: [Value] = []
        var field = String.UnicodeScalarView()
        var state = State.startRecord
        var quoted = false
        func save() {
            let s = String(field)
            if !quoted && d.quoting == CSVModule.quoteNonnumeric && !s.isEmpty, let x = Double(s.trimmingCharacters(in: .whitespaces)) {
                fields.append(.float(x))
            } else {
                fields.append(.str(s))
            }
            field = String.UnicodeScalarView()
            quoted = false
        }
        while true {
            guard let lineValue = try lines() else {
                if !field.isEmpty || state == .inQuoted {
                    if d.strict { throw PyError(.csvError, "unexpected end of data") }
                    save()
                    return fields
                }
                if state == .startRecord { return nil }
                if state != .eatCRNL { save() }
                return fields
            }
            guard case .str(let line) = lineValue else {
                throw PyError(.csvError, "iterator should return strings, not \(lineValue.typeName) (the file should be opened in text mode)")
            }
            lineNumber += 1
            for c in line.unicodeScalars {
                if c == "\0" { throw PyError(.csvError, "line contains NUL") }
                switch state {
                case .startRecord, .startField:
                    if state == .startRecord && (c == "\n" || c == "\r") { state = .eatCRNL; continue }
                    if c == "\n" || c == "\r" { save(); state = .eatCRNL }
                    else if c == d.quotechar && d.quoting != CSVModule.quoteNone { quoted = true; state = .inQuoted }
                    else if c == d.escapechar { state = .escape }
                    else if c == " " && d.skipinitialspace { state = .startField }
                    else if c == d.delimiter { save(); state = .startField }
                    else { field.append(c); state = .inField }
                case .escape:
                    field.append(c); state = .inField
                case .inField:
                    if c == "\n" || c == "\r" { save(); state = .eatCRNL }
                    else if c == d.escapechar { state = .escape }
                    else if c == d.delimiter { save(); state = .startField }
                    else { field.append(c) }
                case .inQuoted:
                    if c == d.escapechar { state = .quotedEscape }
                    else if c == d.quotechar && d.quoting != CSVModule.quoteNone { state = d.doublequote ? .quoteInQuoted : .inField }
                    else { field.append(c) }
                case .quotedEscape:
                    field.append(c); state = .inQuoted
                case .quoteInQuoted:
                    if c == d.quotechar && d.quoting != CSVModule.quoteNone { field.append(c); state = .inQuoted }
                    else if c == d.delimiter { save(); state = .startField }
                    else if c == "\n" || c == "\r" { save(); state = .eatCRNL }
                    else if !d.strict { field.append(c); state = .inField }
                    else { throw PyError(.csvError, "'\(String(d.delimiter))' expected after '\(String(d.quotechar ?? "\""))'") }
                case .eatCRNL:
                    if c == "\n" || c == "\r" { continue }
                    throw PyError(.csvError, "new-line character seen in unquoted field - do you need to open the file with newline=''?")
                }
            }
            // End of the line: a quoted field goes on on the next line.
            switch state {
            case .inQuoted, .quotedEscape: continue
            case .escape: field.append("\n"); state = .inField; continue
            case .startRecord: return []
            case .eatCRNL: return fields
            default:
                save()
                return fields
            }
        }
    }
}

/// What `csv.writer` returns: `writerow(row)` and `writerows(rows)`.
final class CSVWriter: NativeInstance {
    let file: Value
    let dialect: CSVModule.Dialect
    weak var runtime: Runtime?

    init(_ file: Value, _ dialect: CSVModule.Dialect, _ rt: Runtime) {
        self.file = file
        self.dialect = dialect
        self.runtime = rt
        super.init(type: CSVWriter.type)
    }

    override var typeName: String { "_csv.writer" }

    /// `writerow`/`writerows` for a writer type whose rows `write` turns into lines.
    static func declareRows(_ t: NativeType, row: String, doc: String, _ write: @escaping (NativeInstance, Value) throws -> Value) {
        t.method("writerow", doc: doc, params: [Param(row)]) { o, a in try write(o, a[row]) }
        t.method("writerows", doc: "Write each row of an iterable, as writerow does.", params: [Param(row + "s")]) { o, a in
            try Iteration.forEach(a[row + "s"]) { _ = try write(o, $0); return true }
            return .none
        }
    }

    static let type: NativeType = {
        let t = NativeType("_csv.writer", doc: "Writes rows to a file as CSV lines.")
        declareRows(t, row: "row", doc: "Write one row (an iterable of values); returns what the file's write() returned.") { o, row in
            try unsafeDowncast(o, to: CSVWriter.self).writeRow(row)
        }
        return t
    }()

    func field(_ v: Value, only: Bool) throws -> String {
        let d = dialect
        let text: String
        var numeric = false
        switch v {
        case .none: text = ""
        case .str(let s): text = s
        case .int, .float: text = Repr.str(v); numeric = true
        case .bool: text = Repr.str(v); numeric = true
        default: text = Repr.str(v)
        }
        var needsQuotes = d.quoting == CSVModule.quoteAll || (d.quoting == CSVModule.quoteNonnumeric && !numeric)
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            let special = c == d.delimiter || c == d.escapechar || c == d.quotechar || c == "\n" || c == "\r"
                || d.lineterminator.unicodeScalars.contains(c)
            if special {
                if d.quoting == CSVModule.quoteNone {
                    guard let e = d.escapechar else { throw PyError(.csvError, "need to escape, but no escapechar set") }
                    out.append(e)
                } else {
                    if c == d.quotechar {
                        if d.doublequote { out.append(c) } else if let e = d.escapechar { out.append(e) } else {
                            throw PyError(.csvError, "need to escape, but no escapechar set")
                        }
                    } else if c == d.escapechar {
                        out.append(c)
                    }
                    needsQuotes = true
                }
            }
            out.append(c)
        }
        if text.isEmpty && only && d.quoting != CSVModule.quoteNone { needsQuotes = true }
        if needsQuotes, let q = d.quotechar { return String(q) + String(out) + String(q) }
        return String(out)
    }

    func line(_ row: Value) throws -> String {
        let items: [Value]
        switch row {
        case .str, .list, .tuple, .dict, .range, .iterator, .object: items = try Iteration.toArray(row)
        default: throw PyError(.csvError, "iterable expected, not \(row.typeName)")
        }
        return try items.map { try field($0, only: items.count == 1) }.joined(separator: String(dialect.delimiter)) + dialect.lineterminator
    }

    func writeRow(_ row: Value) throws -> Value {
        guard let rt = runtime else { throw PyError.runtime("the interpreter of this csv writer is gone") }
        return try JSONModule.callWrite(file, .str(try line(row)), rt)
    }
}

/// What `csv.DictReader` returns: rows as dicts keyed by `fieldnames`.
final class CSVDictReader: NativeInstance, NativeIterator {
    let reader: CSVReader
    var fields: [Value]?
    let restkey: Value, restval: Value

    init(_ reader: CSVReader, restkey: Value, restval: Value) {
        self.reader = reader
        self.restkey = restkey
        self.restval = restval
        super.init(type: CSVDictReader.type)
    }

    static let type: NativeType = {
        let t = NativeType("DictReader", doc: "The rows of a CSV file as dicts keyed by fieldnames (by default the first row).")
        func reader(_ o: NativeInstance) -> CSVDictReader { unsafeDowncast(o, to: CSVDictReader.self) }
        t.property("fieldnames", doc: "The keys of each row (read from the first row when not given).", get: { o in
            try reader(o).fieldnames().map { .list($0) } ?? .none
        })
        t.property("line_num", doc: "How many lines have been read.", get: { o in .int(reader(o).reader.lineNumber) })
        t.property("restkey", doc: "The key of the extra values of a long row.", get: { o in reader(o).restkey })
        t.property("restval", doc: "The value of the missing fields of a short row.", get: { o in reader(o).restval })
        return t
    }()

    func fieldnames() throws -> [Value]? {
        if fields == nil, let first = try reader.nextRow() { fields = first }
        return fields
    }

    override func makeIterator() throws -> () throws -> Value? { { [self] in try nextItem() } }

    func nextItem() throws -> Value? {
        guard let names = try fieldnames() else { return nil }
        var row: [Value] = []
        repeat {
            guard let r = try reader.nextRow() else { return nil }
            row = r
        } while row.isEmpty
        let d = DictObject()
        for (k, name) in names.enumerated() { try d.set(name, k < row.count ? row[k] : restval) }
        if row.count > names.count { try d.set(restkey, .list(Array(row[names.count...]))) }
        return .dict(d)
    }
}

/// What `csv.DictWriter` returns: `writeheader()`, `writerow(dict)`, `writerows(dicts)`.
final class CSVDictWriter: NativeInstance {
    let writer: CSVWriter
    let fields: [Value]
    let restval: Value
    let ignoreExtras: Bool

    init(_ writer: CSVWriter, fields: [Value], restval: Value, ignoreExtras: Bool) {
        self.writer = writer
        self.fields = fields
        self.restval = restval
        self.ignoreExtras = ignoreExtras
        super.init(type: CSVDictWriter.type)
    }

    static let type: NativeType = {
        let t = NativeType("DictWriter", doc: "Writes dicts to a file as CSV rows, in fieldnames order.")
        func writer(_ o: NativeInstance) -> CSVDictWriter { unsafeDowncast(o, to: CSVDictWriter.self) }
        t.method("writeheader", doc: "Write the row of field names.", params: []) { o, _ in
            try writer(o).writer.writeRow(.list(writer(o).fields))
        }
        CSVWriter.declareRows(t, row: "rowdict", doc: "Write one dict as a row in fieldnames order.") { o, row in try writer(o).writeRow(row) }
        t.property("fieldnames", doc: "The keys written, in order.", get: { o in .list(writer(o).fields) })
        return t
    }()

    func writeRow(_ row: Value) throws -> Value {
        guard case .dict(let d) = row else { throw PyError.attribute("'\(row.typeName)' object has no attribute 'keys'") }
        if !ignoreExtras {
            let wrong = d.keys.filter { k in !fields.contains { Compare.equal($0, k) } }
            if !wrong.isEmpty { throw PyError.value("dict contains fields not in fieldnames: " + wrong.map { Repr.repr($0) }.joined(separator: ", ")) }
        }
        return try writer.writeRow(.list(try fields.map { try d.lookup($0) ?? restval }))
    }
}
