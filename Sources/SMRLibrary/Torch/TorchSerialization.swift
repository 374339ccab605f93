import Foundation
import SMRLanguage
import SMRNeural
import SMRTensor

/// `torch.save(obj, path)` and `torch.load(path)` for what checkpoints hold: tensors (with
/// dtype, `requires_grad` and whether they are parameters) inside dicts, lists, tuples,
/// strings, numbers, bools and None — e.g. `{"model": net.state_dict(), "epoch": 3}`.
///
/// smr's own format, not PyTorch's zip of pickles: a JSON document (`"format":
/// "smr.torch.save"`) with each tensor's float32 values in base64, written atomically (a
/// crash leaves the old file). `torch.load` checks the format and says what is wrong with a
/// file it cannot read, and changes nothing. A state dict comes back as a plain dict.
enum TorchSerialization {
    static let format = "smr.torch.save", version = 1

    static func register(_ torch: NativeModule) {
        torch.function("save", doc: "Write obj (tensors in dicts/lists/tuples, numbers, strings) to path, atomically.",
                       params: [Param("obj"), Param("f", .str)]) { a in
            let path = try a.string("f")
            try HostServices.checkWrite(path)
            let document: [String: Any] = ["format": format, "version": version, "value": try encode(a["obj"], at: "obj")]
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            try wrap { try AtomicFile.write([UInt8](data), to: path) }
            return .none
        }
        torch.function("load", doc: "Read what torch.save wrote (tensors come back on the CPU).",
                       params: [Param("f", .str), Param("map_location", .any, default: .none), Param("weights_only", .any, default: .none)]) { a in
            let path = try a.string("f")
            try HostServices.checkRead(path)
            guard FileManager.default.fileExists(atPath: path) else {
                throw PyError(.fileNotFoundError, "[Errno 2] No such file or directory: \(Repr.stringRepr(path))")  // as torch.load says it
            }
            let bytes = try wrap { try AtomicFile.read(path) }
            func bad(_ why: String) -> PyError { PyError(.runtimeError, "torch.load('\(path)'): \(why)") }
            guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
                  root["format"] as? String == format else {
                throw bad("not a file written by torch.save here (smr reads its own format, not PyTorch's .pt zip files)")
            }
            guard let v = root["version"] as? Int, v <= version else { throw bad("written by a newer smr (format version \(root["version"] ?? "?"))") }
            guard let value = root["value"] else { throw bad("the file holds no value") }
            do { return try decode(value) } catch let e as PyError { throw bad("corrupt at \(e.message)") }
        }
    }

    static func encode(_ v: Value, at path: String) throws -> Any {
        switch v {
        case .none: return ["t": "none"]
        case .bool(let b): return ["t": "bool", "v": b]
        case .int(let i): return ["t": "int", "v": String(i)]
        case .float(let d): return ["t": "float", "v": Repr.floatRepr(d)]
        case .str(let s): return ["t": "str", "v": s]
        case .list(let l): return ["t": "list", "v": try l.items.enumerated().map { try encode($1, at: "\(path)[\($0)]") }]
        case .tuple(let t): return ["t": "tuple", "v": try t.items.enumerated().map { try encode($1, at: "\(path)[\($0)]") }]
        case .dict(let d):
            return ["t": "dict", "v": try zip(d.keys, d.values).map { k, x in [try encode(k, at: "\(path) key"), try encode(x, at: "\(path)[\(Repr.repr(k))]")] }]
        case .object(let o as TensorObject):
            let t = o.tensor
            let data = t.data.withUnsafeBufferPointer { Data(buffer: $0) }
            return ["t": "tensor", "shape": t.shape, "dtype": o.isBool ? "bool" : o.isInt ? "int64" : "float32",
                    "requires_grad": t.requiresGrad, "parameter": o.isParameter, "data": data.base64EncodedString()]
        case .object(let s as NumpyScalar): return try encode(s.value, at: path)
        default:
            throw PyError(.typeError, "torch.save(): cannot save \(path) of type '\(v.typeName)' (tensors, dicts, lists, tuples, numbers, strings and None can be saved)")
        }
    }

    static func decode(_ node: Any) throws -> Value {
        guard let n = node as? [String: Any], let t = n["t"] as? String else { throw PyError(.valueError, "an entry without a type") }
        func items() throws -> [Any] {
            guard let a = n["v"] as? [Any] else { throw PyError(.valueError, "a \(t) without items") }
            return a
        }
        switch t {
        case "none": return .none
        case "bool": guard let b = n["v"] as? Bool else { break }; return .bool(b)
        case "int": guard let s = n["v"] as? String, let i = Int(s) else { break }; return .int(i)
        case "float":
            guard let s = n["v"] as? String else { break }
            switch s {
            case "nan": return .float(.nan)
            case "inf": return .float(.infinity)
            case "-inf": return .float(-.infinity)
            default: guard let d = Double(s) else { break }; return .float(d)
            }
        case "str": guard let s = n["v"] as? String else { break }; return .str(s)
        case "list": return .list(try items().map(decode))
        case "tuple": return .tuple(try items().map(decode))
        case "dict":
            var pairs: [(Value, Value)] = []
            for p in try items() {
                guard let kv = p as? [Any], kv.count == 2 else { throw PyError(.valueError, "a dict entry that is not a (key, value) pair") }
                pairs.append((try decode(kv[0]), try decode(kv[1])))
            }
            let d = DictObject()
            for (k, x) in pairs { try d.set(k, x) }
            return .dict(d)
        case "tensor":
            guard let shape = n["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }), let text = n["data"] as? String,
                  let data = Data(base64Encoded: text), data.count == Shape.count(shape) * 4 else {
                throw PyError(.valueError, "a tensor whose values do not match its shape")
            }
            var values = [Float](filled: 0, count: Shape.count(shape))
            _ = values.withUnsafeMutableBytes { data.copyBytes(to: $0) }  // the base64 bytes need not be aligned
            let dtype = n["dtype"] as? String ?? "float32"
            let tensor = try wrap { try Tensor(values, shape: shape, requiresGrad: n["requires_grad"] as? Bool ?? false) }
            return .object(TensorObject(tensor, isInt: dtype == "int64", isBool: dtype == "bool", isParameter: n["parameter"] as? Bool ?? false))
        default: break
        }
        throw PyError(.valueError, "an unreadable \(t) entry")
    }
}
