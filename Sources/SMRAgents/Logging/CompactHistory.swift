/// A number a `CompactHistory` can store in a narrower form when that is exact.
public protocol CompactNumber: Equatable, Sendable {
    /// The value as an `Int8`, when that is exactly it (nil otherwise, and for -0.0).
    var exactInt8: Int8? { get }
    /// The value as an `Int16`, when that is exactly it (nil otherwise, and for -0.0).
    var exactInt16: Int16? { get }
    /// The value as a `Float`, when that is exactly it.
    var exactFloat: Float? { get }
    /// The value stored as one of the narrow forms above.
    static func widened(from value: Float) -> Self
    /// Whether the two are the same value bit for bit (so -0.0 and 0.0 differ).
    func isIdentical(to other: Self) -> Bool
}

extension Double: CompactNumber {
    public var exactInt8: Int8? { sign == .minus && self == 0 ? nil : Int8(exactly: self) }
    public var exactInt16: Int16? { sign == .minus && self == 0 ? nil : Int16(exactly: self) }
    public var exactFloat: Float? { Float(exactly: self) }
    public static func widened(from value: Float) -> Double { Double(value) }
    public func isIdentical(to other: Double) -> Bool { bitPattern == other.bitPattern }
}

extension Int: CompactNumber {
    public var exactInt8: Int8? { Int8(exactly: self) }
    public var exactInt16: Int16? { Int16(exactly: self) }
    public var exactFloat: Float? { Float(exactly: self) }
    /// Floats stored here came from exact integers, so the conversion is exact (0 otherwise).
    public static func widened(from value: Float) -> Int { Int(exactly: value) ?? 0 }
    public func isIdentical(to other: Int) -> Bool { self == other }
}

/// A growing per-episode history (returns, lengths) kept in the narrowest form that holds
/// every value exactly: one value and a count while they are all the same (fixed-length
/// episodes), then bytes, 16-bit integers, floats, or the full type. A long training run
/// keeps the whole history its API promises (`episode_rewards`) in about one byte per episode
/// for typical small integer rewards, instead of 8 — an hour of delay-32 training is ~540,000
/// episodes — and reads back exactly the values appended (-0.0 and NaN included).
///
/// ```swift
/// var lengths: CompactHistory<Int> = []
/// for _ in 0..<1000 { lengths.append(32) }   // stored as (32, 1000)
/// lengths.storageBytes                       // 0
/// ```
public struct CompactHistory<Element: CompactNumber>: RandomAccessCollection, Equatable, ExpressibleByArrayLiteral, Sendable {
    private enum Storage: Sendable {
        case repeated(Element, count: Int)
        case int8([Int8])
        case int16([Int16])
        case float([Float])
        case full([Element])
    }
    private var storage: Storage = .repeated(Element.widened(from: 0), count: 0)

    /// An empty history.
    public init() {}

    /// A history holding `values`, in order.
    public init<S: Sequence>(_ values: S) where S.Element == Element {
        for v in values { append(v) }
    }

    public init(arrayLiteral values: Element...) { self.init(values) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .repeated(_, let n): return n
        case .int8(let a): return a.count
        case .int16(let a): return a.count
        case .float(let a): return a.count
        case .full(let a): return a.count
        }
    }

    public subscript(i: Int) -> Element {
        switch storage {
        case .repeated(let v, let n):
            precondition(i >= 0 && i < n, "CompactHistory index out of range")
            return v
        case .int8(let a): return Element.widened(from: Float(a[i]))
        case .int16(let a): return Element.widened(from: Float(a[i]))
        case .float(let a): return Element.widened(from: a[i])
        case .full(let a): return a[i]
        }
    }

    /// Bytes the stored values occupy (not counting the arrays' spare capacity).
    public var storageBytes: Int {
        switch storage {
        case .repeated: return 0
        case .int8(let a): return a.count
        case .int16(let a): return 2 * a.count
        case .float(let a): return 4 * a.count
        case .full(let a): return MemoryLayout<Element>.stride * a.count
        }
    }

    /// 0 int8, 1 int16, 2 float, 3 full: the narrowest array form holding `v`.
    private static func level(_ v: Element) -> Int {
        if v.exactInt8 != nil { return 0 }
        if v.exactInt16 != nil { return 1 }
        if v.exactFloat != nil { return 2 }
        return 3
    }

    private var level: Int {
        switch storage {
        case .repeated(let v, _): return Self.level(v)
        case .int8: return 0
        case .int16: return 1
        case .float: return 2
        case .full: return 3
        }
    }

    /// Adds `v` at the end (amortised O(1); a wider value rewrites the history once per form).
    public mutating func append(_ v: Element) {
        if case .repeated(let x, let n) = storage {
            if n == 0 || x.isIdentical(to: v) {
                storage = .repeated(n == 0 ? v : x, count: n + 1)
                return
            }
            storage = Self.array(of: Array(repeating: x, count: n), level: Swift.max(Self.level(x), Self.level(v)))
        } else if Self.level(v) > level {
            storage = Self.array(of: Array(self), level: Self.level(v))
        }
        // Each array is taken out of `storage` before the append, so it is uniquely
        // referenced and grows in place. The form was widened above: the conversions succeed.
        switch storage {
        case .int8(var a): storage = .repeated(v, count: 0); a.append(v.exactInt8 ?? 0); storage = .int8(a)
        case .int16(var a): storage = .repeated(v, count: 0); a.append(v.exactInt16 ?? 0); storage = .int16(a)
        case .float(var a): storage = .repeated(v, count: 0); a.append(v.exactFloat ?? 0); storage = .float(a)
        case .full(var a): storage = .repeated(v, count: 0); a.append(v); storage = .full(a)
        case .repeated: break
        }
    }

    private static func array(of values: [Element], level: Int) -> Storage {
        switch level {
        case 0: return .int8(values.map { $0.exactInt8 ?? 0 })
        case 1: return .int16(values.map { $0.exactInt16 ?? 0 })
        case 2: return .float(values.map { $0.exactFloat ?? 0 })
        default: return .full(values)
        }
    }

    public static func == (a: CompactHistory, b: CompactHistory) -> Bool { a.elementsEqual(b) }
}
