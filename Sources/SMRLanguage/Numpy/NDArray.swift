import Foundation

/// A 1-D numpy-style array of float64 or int64 values.
public final class NDArray: NativeObject {
    public var data: [Double]
    /// True for an int64 array (values are whole numbers stored as doubles).
    public let isInt: Bool

    public init(_ data: [Double], isInt: Bool = false) {
        self.data = data
        self.isInt = isInt
    }

    public override var typeName: String { "ndarray" }
    public override var isTruthy: Bool { data.count == 1 ? data[0] != 0 : true }
    public override func length() throws -> Int? { data.count }
    public override var attributeNames: [String] { ["shape", "size", "ndim", "dtype", "tolist", "mean", "std", "sum", "min", "max", "argmax", "argmin", "copy"] }

    func element(_ d: Double) -> Value { isInt ? .int(NDArray.int64(d)) : .float(d) }

    /// An int64 element stored as a double: wraps around as numpy's int64 does
    /// (2**62 * 4 is 0) instead of trapping; NaN becomes int64's minimum, as in numpy.
    static func int64(_ d: Double) -> Int {
        if d.isNaN || d.isInfinite { return Int.min }
        if d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 { return Int(d) }
        var m = fmod(d, 18446744073709551616.0)
        if m >= 9.223372036854775808e18 { m -= 18446744073709551616.0 }
        if m < -9.223372036854775808e18 { m += 18446744073709551616.0 }
        return m >= -9.223372036854775808e18 && m < 9.223372036854775808e18 ? Int(m) : Int.min
    }

    public override func makeIterator() throws -> () throws -> Value? {
        var k = 0
        return { [self] in
            guard k < data.count else { return nil }
            k += 1
            return element(data[k - 1])
        }
    }

    public override func getItem(_ index: Value) throws -> Value {
        guard let i = index.asInt else { throw PyError.index("only integers and slices are valid indices") }
        let j = i < 0 ? i + data.count : i
        guard j >= 0 && j < data.count else { throw PyError.index("index \(i) is out of bounds for axis 0 with size \(data.count)") }
        return element(data[j])
    }

    public override func setItem(_ index: Value, _ value: Value) throws {
        guard let i = index.asInt else { throw PyError.index("only integers and slices are valid indices") }
        let j = i < 0 ? i + data.count : i
        guard j >= 0 && j < data.count else { throw PyError.index("index \(i) is out of bounds for axis 0 with size \(data.count)") }
        guard let d = value.asDouble else { throw PyError.type("array elements must be numbers") }
        data[j] = isInt ? d.rounded(.towardZero) : d
    }

    public override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        .object(NDArray(try Subscript.selectSlice(data, lo, hi, step), isInt: isInt))
    }

    public override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "shape": return .tuple(TupleObject([.int(data.count)]))
        case "size": return .int(data.count)
        case "ndim": return .int(1)
        case "dtype": return .str(isInt ? "int64" : "float64")
        case "T": return .object(self)
        default: break
        }
        if ["tolist", "mean", "std", "sum", "min", "max", "argmax", "argmin", "copy"].contains(name) {
            return .builtin(BuiltinFunction(raw: name, signature: "ndarray.\(name)()", doc: "") { [self] rt, a, kw in
                try self.callMethod(name, a, kw, runtime: rt)
            })
        }
        return try super.getAttribute(name)
    }

    public override func callMethod(_ name: String, _ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        switch name {
        case "tolist": return .list(ListObject(data.map(element)))
        case "copy": return .object(NDArray(data, isInt: isInt))
        case "mean", "std", "sum", "min", "max", "argmax", "argmin":
            guard let f = NumpyModule.shared.member(name) else { break }
            return try runtime.call(f, [.object(self)] + args, keywords: keywords)
        default: break
        }
        let f = try getAttribute(name)
        return try runtime.call(f, args, keywords: keywords)
    }

    // MARK: arithmetic

    func combine(_ other: Value, _ op: String, reflected: Bool) throws -> Value? {
        let otherData: [Double]
        var otherInt = false
        switch other {
        case .int, .bool: otherData = [other.asDouble ?? 0]; otherInt = true
        case .float(let d): otherData = [d]
        case .object(let o as NDArray): otherData = o.data; otherInt = o.isInt
        case .list, .tuple: otherData = try Arguments.doubles(other, function: "ndarray", name: "other"); otherInt = false
        default: return nil
        }
        let n = max(data.count, otherData.count)
        if data.count != otherData.count && data.count != 1 && otherData.count != 1 {
            throw PyError.value("operands could not be broadcast together with shapes (\(data.count),) (\(otherData.count),)")
        }
        var out = [Double](repeating: 0, count: n)
        let resultInt = isInt && otherInt && op != "/" && op != "**"
        for k in 0..<n {
            var a = data[data.count == 1 ? 0 : k], b = otherData[otherData.count == 1 ? 0 : k]
            if reflected { swap(&a, &b) }
            switch op {
            case "+": out[k] = a + b
            case "-": out[k] = a - b
            case "*": out[k] = a * b
            case "/": out[k] = a / b
            case "**": out[k] = Foundation.pow(a, b)
            case "//": out[k] = b == 0 ? (resultInt ? 0 : .infinity) : Arith.floatDivmod(a, b).0
            case "%": out[k] = b == 0 ? (resultInt ? 0 : .nan) : Arith.floatDivmod(a, b).1
            default: return nil
            }
        }
        return .object(NDArray(out, isInt: resultInt))
    }

    public override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        try combine(other, op, reflected: reflected)
    }

    public override func unaryOp(_ op: String) throws -> Value? {
        switch op {
        case "-": return .object(NDArray(data.map { -$0 }, isInt: isInt))
        case "abs": return .object(NDArray(data.map { Swift.abs($0) }, isInt: isInt))
        default: return nil
        }
    }

    public override func equals(_ other: Value) -> Bool {
        if case .object(let o) = other { return o === self }
        return false
    }

    // MARK: printing like numpy

    /// Element texts padded as numpy pads them.
    func elementTexts() -> [String] {
        if isInt {
            let s = data.map { String(NDArray.int64($0)) }
            let w = s.map { $0.count }.max() ?? 0
            return s.map { String(repeating: " ", count: w - $0.count) + $0 }
        }
        let finite = data.filter { $0.isFinite }
        let nonzero = finite.map { Swift.abs($0) }.filter { $0 != 0 }
        var expFormat = false
        if let mx = nonzero.max(), let mn = nonzero.min() {
            expFormat = mx >= 1e8 || mn < 0.0001 || mx / mn > 1000
        }
        if expFormat {
            let strs = data.map { NDArray.scientific($0) }
            let w = strs.map { $0.count }.max() ?? 0
            return strs.map { String(repeating: " ", count: w - $0.count) + $0 }
        }
        let strs = data.map { NDArray.positional($0) }
        var left = 0, right = 0
        for s in strs {
            if let dot = s.firstIndex(of: ".") {
                left = max(left, s.distance(from: s.startIndex, to: dot))
                right = max(right, s.distance(from: dot, to: s.endIndex) - 1)
            } else {
                left = max(left, s.count)
            }
        }
        return strs.map { s in
            if let dot = s.firstIndex(of: ".") {
                let l = s.distance(from: s.startIndex, to: dot)
                let r = s.distance(from: dot, to: s.endIndex) - 1
                return String(repeating: " ", count: left - l) + s + String(repeating: " ", count: right - r)
            }
            // nan / inf: right-aligned in the whole field.
            let total = left + 1 + right
            return String(repeating: " ", count: max(0, total - s.count)) + s
        }
    }

    /// Shortest digits, at most 8 after the point, trailing zeros trimmed but the point kept.
    static func positional(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        var s = Repr.floatRepr(d)
        if s.contains("e") || (s.split(separator: ".").last.map { $0.count > 8 } ?? false) {
            s = String(format: "%.8f", d)
        }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
        }
        return s
    }

    static func scientific(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        var s = String(format: "%.8e", d)
        // Use the shortest mantissa that round-trips, up to 8 digits.
        for p in 0...8 {
            let t = String(format: "%.\(p)e", d)
            if Double(t) == d { s = t; break }
        }
        guard let e = s.firstIndex(of: "e") else { return s }
        var mant = String(s[..<e])
        let exp = String(s[s.index(after: e)...])
        if !mant.contains(".") { mant += "." }
        while mant.hasSuffix("0") { mant.removeLast() }
        return mant + "e" + exp
    }

    public override var repr: String {
        let items = elementTexts()
        if items.isEmpty { return isInt ? "array([], dtype=int64)" : "array([], dtype=float64)" }
        var lines: [String] = []
        var line = "array(["
        for (k, t) in items.enumerated() {
            let word = t + (k == items.count - 1 ? "" : ",")
            if line.count + word.count + (k == items.count - 1 ? 2 : 0) > 75 && line.count > 7 {
                lines.append(line.hasSuffix(" ") ? String(line.dropLast()) : line)
                line = "       "
            }
            line += word + (k == items.count - 1 ? "" : " ")
        }
        lines.append(line + "])")
        return lines.joined(separator: "\n")
    }

    public override var str: String {
        let items = elementTexts()
        var lines: [String] = []
        var line = "["
        for (k, t) in items.enumerated() {
            let word = t
            if line.count + word.count + (k == items.count - 1 ? 1 : 0) > 75 && line.count > 1 {
                lines.append(line.hasSuffix(" ") ? String(line.dropLast()) : line)
                line = " "
            }
            line += word + (k == items.count - 1 ? "" : " ")
        }
        lines.append(line + "]")
        return lines.joined(separator: "\n")
    }
}
