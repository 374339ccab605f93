#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Shape arithmetic shared by the ops: element counts, row-major strides, axis
/// normalisation and NumPy/PyTorch broadcasting.
public enum Shape {
    /// Number of elements of a tensor with this shape (1 for a scalar `[]`).
    @inlinable
    /// The element count and whether computing it overflowed.
    public static func checkedCount(_ shape: [Int]) -> (count: Int, overflow: Bool) {
        var n = 1
        for d in shape {
            let (m, o) = n.multipliedReportingOverflow(by: d)
            if o { return (Int.max, true) }
            n = m
        }
        return (n, false)
    }

    /// The most a tensor's data may ask for: the machine's physical memory, or
    /// `SMR_MEMORY_LIMIT_MB` megabytes when that is set lower (a shared machine; the fuzzer).
    public static let memoryLimit: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        let physical = pages > 0 && size > 0 ? pages.multipliedReportingOverflow(by: size).partialValue : Int.max
        if let text = getenv("SMR_MEMORY_LIMIT_MB").map({ String(cString: $0) }), let mb = Int(text), mb > 0,
           !mb.multipliedReportingOverflow(by: 1 << 20).overflow {
            return min(physical, mb << 20)
        }
        return physical
    }()

    /// Throws `outOfMemory` when `shape`'s float32 data could not fit in memory.
    public static func checkAllocation(_ shape: [Int], _ op: String) throws {
        let (count, overflow) = checkedCount(shape)
        let (bytes, tooMany) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
        if overflow || tooMany || bytes > memoryLimit { throw TensorError.outOfMemory(op: op, shape: shape) }
    }

    public static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// The number of elements spanned by some of the axes (`shape[a...]`), without copying them.
    public static func count(_ axes: ArraySlice<Int>) -> Int {
        var n = 1
        for d in axes { n &*= d }
        return n
    }

    /// Row-major (C-contiguous) strides in elements.
    @inlinable
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](filled: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s &*= shape[i]
        }
        return strides
    }

    /// Maps a possibly negative axis into `0..<rank`, or throws.
    @inlinable
    public static func normalize(axis: Int, rank: Int, op: String) throws -> Int {
        let r = max(rank, 1)
        let a = axis < 0 ? axis + r : axis
        guard a >= 0, a < r else { throw TensorError.invalidAxis(op: op, axis: axis, rank: rank) }
        return a
    }

    /// Normalises a list of axes (sorted, unique); `nil` means every axis.
    public static func normalize(axes: [Int]?, rank: Int, op: String) throws -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var out: [Int] = []
        for a in axes {
            let n = try normalize(axis: a, rank: rank, op: op)
            if out.contains(n) {
                throw TensorError.invalidArgument(op: op, reason: "axis \(a) appears more than once")
            }
            out.append(n)
        }
        return out.sorted()
    }

    /// The broadcast shape of `a` and `b` (trailing dimensions aligned; a 1 stretches).
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var out = [Int](filled: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                throw TensorError.shapeMismatch(
                    op: op, shapes: [a, b],
                    reason: "dimension \(i - rank) is \(da) vs \(db) and neither is 1")
            }
        }
        return out
    }

    /// Strides of `shape` seen inside the broadcast shape `target`: 0 on stretched axes.
    public static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        var out = [Int](filled: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 || target[i + offset] == 1 {
            out[i + offset] = shape[i] == 1 ? 0 : own[i]
        }
        return out
    }

    /// A readable form such as `[2, 3]`.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
