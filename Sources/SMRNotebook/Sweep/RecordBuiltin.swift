import Foundation
import SMRLanguage

/// `record(name, value)`: a value a sweep collects from a run. Under `smr sweep` each call
/// appends one JSON line to the file named by `SMR_RECORD_FILE`; elsewhere the value is
/// only checked.
public enum RecordBuiltin {
    /// The environment variable naming the run's record file.
    public static let environmentVariable = "SMR_RECORD_FILE"

    public static let record = BuiltinFunction(
        "record",
        doc: """
            Record a named value of this run for `smr sweep --collect` (a number, str, bool,
            None or a list of them). Outside a sweep it does nothing.
            """,
        params: [
            Param("name", .str, doc: "the value's name (a column of the collected table)"),
            Param("value", .any, doc: "a number, str, bool, None or a list of them"),
        ]
    ) { args in
        let name = try args.string("name")
        guard !name.isEmpty else { throw PyError(.valueError, "record() name must not be empty") }
        let json = try jsonObject(args["value"], name: name)
        if let path = ProcessInfo.processInfo.environment[environmentVariable], !path.isEmpty {
            let line = try JSONSerialization.data(withJSONObject: [name, json], options: [.fragmentsAllowed]) + Data("\n".utf8)
            guard let h = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil)
                                                                 ? FileHandle(forWritingAtPath: path) : nil) else {
                throw PyError(.runtimeError, "record(): cannot write the record file \(path)")
            }
            h.seekToEndOfFile()
            h.write(line)
            h.closeFile()
        }
        return .none
    }

    static func jsonObject(_ v: Value, name: String) throws -> Any {
        switch v {
        case .none: return NSNull()
        case .bool(let b): return b
        case .int(let i): return i
        case .float(let d):
            guard d.isFinite else { return NSNull() }
            return d
        case .str(let s): return s
        case .list, .tuple:
            return try ValueAccess.elements(v, "record() value").map { x -> Any in
                if case .list = x { throw PyError(.typeError, "record('\(name)', …): nested lists are not recorded") }
                if case .tuple = x { throw PyError(.typeError, "record('\(name)', …): nested lists are not recorded") }
                return try jsonObject(x, name: name)
            }
        default:
            if let d = v.asDouble { return d.isFinite ? d : NSNull() }
            throw PyError(.typeError, "record('\(name)', …) takes a number, str, bool, None or a list of them, not \(v.typeName)")
        }
    }
}
