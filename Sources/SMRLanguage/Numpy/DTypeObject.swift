/// numpy's `dtype('float32')` / torch's `torch.float32`: printed as the library prints it.
public class DTypeObject: NativeObject {
    public let name: String
    let reprText: String

    public init(name: String, repr: String) {
        self.name = name
        self.reprText = repr
    }

    public static let float32 = DTypeObject(name: "float32", repr: "dtype('float32')")
    public static let float64 = DTypeObject(name: "float64", repr: "dtype('float64')")
    public static let int64 = DTypeObject(name: "int64", repr: "dtype('int64')")
    public static let bool = DTypeObject(name: "bool", repr: "dtype('bool')")
    public static let torchFloat32 = DTypeObject(name: "float32", repr: "torch.float32")
    public static let torchInt64 = DTypeObject(name: "int64", repr: "torch.int64")

    public override var typeName: String { "dtype" }
    public override var repr: String { reprText }
    public override var str: String { reprText.hasPrefix("torch.") ? reprText : name }
    public override var attributeNames: [String] { ["name"] }
    public override func getAttribute(_ attr: String) throws -> Value {
        if attr == "name" { return .str(name) }
        return try super.getAttribute(attr)
    }
    public override func equals(_ other: Value) -> Bool {
        switch other {
        case .str(let s): return s == name
        case .object(let o as DTypeObject): return o.name == name
        case .object(let o as NativeInstance): return o.nativeType.name == name
        default: return false
        }
    }
}
