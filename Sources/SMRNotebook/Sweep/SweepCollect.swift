import Foundation

/// `smr sweep --collect DIR`: the records of a sweep as one table grouped by the swept
/// parameters (all but the seed parameter), each recorded number as mean ± std over the
/// group's successful runs, a plot against the first numeric parameter, and the runs as
/// `DIR/results.csv` and `DIR/results.json` for pandas.
public struct SweepCollection {
    public let records: [SweepRecord]
    /// The parameter averaged over (not a grouping column), if the sweep has it.
    public let seedParam: String?
    public let paramNames: [String]
    public let valueNames: [String]

    /// Read every `DIR/runs/*/record.json`; throws if there is none.
    public init(dir: URL, seedParam: String?) throws {
        let runs = dir.appendingPathComponent("runs")
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []).sorted()
        let recs = ids.compactMap { SweepRecord.read(SweepRecord.file(dir, $0)) }
        guard !recs.isEmpty else {
            throw NotebookError.unreadable(path: dir.path, reason: "no sweep records (runs/*/record.json) in it")
        }
        var pn: [String] = [], vn: [String] = []
        for r in recs {
            for (k, _) in r.params where !pn.contains(k) { pn.append(k) }
            for (k, _) in r.values where !vn.contains(k) { vn.append(k) }
        }
        if let s = seedParam, !pn.contains(s) {
            throw NotebookError.badParameter("--seed-param \(s): the sweep has no parameter '\(s)'; parameters: \(pn.joined(separator: ", "))")
        }
        self.seedParam = seedParam ?? pn.first { $0.lowercased() == "seed" }
        records = recs.sorted { Self.order($0, $1, pn) }
        paramNames = pn
        valueNames = vn
    }

    /// Grid order: numeric parameters by value, others by text.
    static func order(_ a: SweepRecord, _ b: SweepRecord, _ names: [String]) -> Bool {
        for n in names {
            let x = a.params.first { $0.0 == n }?.1 ?? "", y = b.params.first { $0.0 == n }?.1 ?? ""
            if x == y { continue }
            if let dx = Double(x), let dy = Double(y) { return dx < dy }
            return x < y
        }
        return false
    }

    public var groupNames: [String] { paramNames.filter { $0 != seedParam } }

    /// Groups of records with equal grouping parameters, in grid order.
    public var groups: [(key: [String], records: [SweepRecord])] {
        var out: [(key: [String], records: [SweepRecord])] = []
        for r in records {
            let key = groupNames.map { n in r.params.first { $0.0 == n }?.1 ?? "" }
            if let i = out.firstIndex(where: { $0.key == key }) { out[i].records.append(r) } else { out.append((key, [r])) }
        }
        return out
    }

    static func number(_ v: Any?) -> Double? {
        if let b = v as? Bool { return b ? 1 : 0 }
        if let n = v as? NSNumber { return n.doubleValue }
        return nil
    }

    /// Mean and sample standard deviation (ddof 1, as pandas; 0 for one value).
    public static func meanStd(_ xs: [Double]) -> (Double, Double) {
        let m = xs.reduce(0, +) / Double(xs.count)
        guard xs.count > 1 else { return (m, 0) }
        let v = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
        return (m, v.squareRoot())
    }

    static func shortNumber(_ d: Double) -> String { PyFormat.format(d, ".4g") }

    /// The grouping parameters with one value in every run: a line above the table rather
    /// than a column of the same value.
    public var constantParams: [(name: String, value: String)] {
        guard groups.count > 1 || records.count > 1 else { return [] }
        return groupNames.enumerated().compactMap { i, n in
            Set(groups.map { $0.key[i] }).count == 1 ? (n, groups.first?.key[i] ?? "") : nil
        }
    }

    /// The collected table: grouping parameters, `runs` (successful/total), and each
    /// recorded value as `mean ± std`; below a line naming the parameters equal in every run.
    public func table() -> String {
        let numericValues = valueNames.filter { n in records.contains { r in Self.number(r.values.first { $0.0 == n }?.1) != nil } }
        let constant = constantParams.map(\.name)
        let shown = groupNames.indices.filter { !constant.contains(groupNames[$0]) }
        var rows: [[TableCell]] = []
        for g in groups {
            let ok = g.records.filter(\.succeeded)
            var row: [TableCell] = shown.map { .str(g.key[$0]) }
            row.append(.str("\(ok.count)/\(g.records.count)"))
            for n in numericValues {
                let xs = ok.compactMap { r in Self.number(r.values.first { $0.0 == n }?.1) }
                if xs.isEmpty { row.append(.str("")); continue }
                let (m, s) = Self.meanStd(xs)
                row.append(.str(xs.count > 1 ? "\(Self.shortNumber(m)) ± \(Self.shortNumber(s))" : Self.shortNumber(m)))
            }
            rows.append(row)
        }
        let headers = shown.map { groupNames[$0] } + ["runs"] + numericValues.map { n in seedParam.map { "\(n) (mean ± std over \($0))" } ?? n }
        let note = constantParams.isEmpty ? "" : "every run: " + constantParams.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + "\n"
        return note + ((try? Table.render(rows: rows, headers: headers, numparse: false)) ?? "")
    }

    /// The first recorded number against the first numeric grouping parameter (one line per
    /// combination of the other grouping parameters); nil when there is no such pair.
    public func plot() -> Plot? {
        let numericValues = valueNames.filter { n in records.contains { r in Self.number(r.values.first { $0.0 == n }?.1) != nil } }
        guard let y = numericValues.first,
              let xi = groupNames.indices.first(where: { i in groups.allSatisfy { Double($0.key[i]) != nil } }),
              Set(groups.map { $0.key[xi] }).count > 1 else { return nil }
        let constant = constantParams.map(\.name)
        var series: [PlotSeries] = []
        for g in groups {
            let ok = g.records.filter(\.succeeded).compactMap { r in Self.number(r.values.first { $0.0 == y }?.1) }
            guard !ok.isEmpty, let x = Double(g.key[xi]) else { continue }
            let rest = g.key.enumerated().filter { $0.offset != xi && !constant.contains(groupNames[$0.offset]) }.map { "\(groupNames[$0.offset])=\($0.element)" }.joined(separator: ", ")
            let name = rest.isEmpty ? y : rest
            if let s = series.firstIndex(where: { $0.name == name }) {
                series[s].x.append(x); series[s].y.append(Self.meanStd(ok).0)
            } else {
                series.append(PlotSeries(name: name, x: [x], y: [Self.meanStd(ok).0]))
            }
        }
        return Plot(series: series, title: "\(y) (mean) against \(groupNames[xi])", xlabel: groupNames[xi], ylabel: y)
    }

    /// One row per run: parameters, status, seconds, recorded values.
    public func csv() -> String {
        func field(_ s: String) -> String {
            s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func text(_ v: Any?) -> String {
            guard let v, !(v is NSNull) else { return "" }
            if let s = v as? String { return s }
            if let d = (try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed])) { return String(decoding: d, as: UTF8.self) }
            return ""
        }
        var lines = [(paramNames + ["status", "seconds"] + valueNames).map(field).joined(separator: ",")]
        for r in records {
            let cells = paramNames.map { n in r.params.first { $0.0 == n }?.1 ?? "" } + ["\(r.status)", "\(r.seconds)"]
                + valueNames.map { n in text(r.values.first { $0.0 == n }?.1) }
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The runs as a JSON list of records (`pandas.read_json(..., orient="records")`).
    public func json() throws -> Data {
        let rows: [[String: Any]] = records.map { r in
            var o: [String: Any] = ["id": r.id, "status": Int(r.status), "seconds": r.seconds]
            for (k, v) in r.params { o[k] = v }
            for (k, v) in r.values { o[k] = v }
            return o
        }
        return try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
    }

    /// Write `results.csv`, `results.json` and `summary.txt` (table and plot) into `dir`;
    /// returns the summary text.
    public func write(to dir: URL) throws -> String {
        var summary = table() + "\n"
        if let p = plot() { summary += p.text(color: false) + "\n" }
        try Data(csv().utf8).write(to: dir.appendingPathComponent("results.csv"), options: .atomic)
        try json().write(to: dir.appendingPathComponent("results.json"), options: .atomic)
        try Data(summary.utf8).write(to: dir.appendingPathComponent("summary.txt"), options: .atomic)
        return summary
    }
}
