import Foundation

/// The JSON record of one sweep run, `DIR/runs/ID/record.json`: its parameters, exit
/// status, duration and the values it recorded with `record(name, value)`.
public struct SweepRecord {
    public var id: String
    /// Parameter name → value source text, in grid order.
    public var params: [(String, String)]
    public var status: Int32
    public var seconds: Double
    /// Recorded name → JSON value (the last value recorded under a name).
    public var values: [(String, Any)]

    public var succeeded: Bool { status == 0 }

    static func file(_ dir: URL, _ id: String) -> URL { dir.appendingPathComponent("runs/\(id)/record.json") }

    /// Write atomically, so a killed sweep never leaves half a record.
    func write(to url: URL) throws {
        let obj: [String: Any] = [
            "id": id,
            "params": Dictionary(params, uniquingKeysWith: { _, b in b }),
            "param_order": params.map(\.0),
            "status": Int(status), "seconds": seconds,
            "values": Dictionary(values, uniquingKeysWith: { _, b in b }),
            "value_order": values.map(\.0),
        ]
        let data = try JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: url, options: .atomic)
    }

    /// Read a record; nil if missing or not a record.
    static func read(_ url: URL) -> SweepRecord? {
        guard let data = try? Data(contentsOf: url),
              let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let id = o["id"] as? String, let p = o["params"] as? [String: String],
              let order = o["param_order"] as? [String], let status = o["status"] as? Int,
              let seconds = o["seconds"] as? Double else { return nil }
        let vals = o["values"] as? [String: Any] ?? [:]
        let vorder = o["value_order"] as? [String] ?? vals.keys.sorted()
        return SweepRecord(id: id, params: order.compactMap { k in p[k].map { (k, $0) } }, status: Int32(clamping: status),
                           seconds: seconds, values: vorder.compactMap { k in vals[k].map { (k, $0) } })
    }

    /// The values of a `record()` file: one `[name, value]` JSON line per call.
    static func readValues(_ url: URL) -> [(String, Any)] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var out: [(String, Any)] = []
        for line in text.split(separator: "\n") {
            guard let a = (try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])) as? [Any],
                  a.count == 2, let name = a[0] as? String else { continue }
            out.removeAll { $0.0 == name }
            out.append((name, a[1]))
        }
        return out
    }
}
