/// Which cells `--cells` selects: ranges and lists of 1-based cell numbers such as
/// `2-5`, `1,3,7-9`, `4-` (4 to the end) or `-3` (1 to 3).
public struct CellSelection: Sendable, Equatable {
    /// Inclusive ranges; an open end is `Int.max`.
    public var ranges: [ClosedRange<Int>]

    /// Every cell.
    public static let all = CellSelection(ranges: [1...Int.max])

    public init(ranges: [ClosedRange<Int>]) { self.ranges = ranges }

    /// Parse `--cells` text; throws `NotebookError.badCellSelection` with the reason.
    public init(parsing text: String) throws {
        var ranges: [ClosedRange<Int>] = []
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        for raw in parts {
            let part = raw.trimmingCharacters(in: .whitespaces)
            func bad(_ why: String) -> NotebookError {
                .badCellSelection("invalid --cells '\(text)': \(why) (expected e.g. 2-5 or 1,3,7-9)")
            }
            if part.isEmpty { throw bad("empty item") }
            if let dash = part.firstIndex(of: "-") {
                let lo = part[part.startIndex..<dash].trimmingCharacters(in: .whitespaces)
                let hi = part[part.index(after: dash)...].trimmingCharacters(in: .whitespaces)
                let a = lo.isEmpty ? 1 : Int(lo)
                let b = hi.isEmpty ? Int.max : Int(hi)
                guard let a, let b else { throw bad("'\(part)' is not a range of cell numbers") }
                guard a >= 1 else { throw bad("cell numbers start at 1") }
                guard a <= b else { throw bad("range '\(part)' is empty") }
                ranges.append(a...b)
            } else {
                guard let n = Int(part) else { throw bad("'\(part)' is not a cell number") }
                guard n >= 1 else { throw bad("cell numbers start at 1") }
                ranges.append(n...n)
            }
        }
        self.ranges = ranges
    }

    /// Whether cell `number` is selected.
    public func contains(_ number: Int) -> Bool { ranges.contains { $0.contains(number) } }

    /// Check the selection against a notebook with `count` cells: a closed range or a
    /// single number past the end is an error.
    public func validate(cellCount count: Int) throws {
        for r in ranges where r.lowerBound > count || (r.upperBound != Int.max && r.upperBound > count) {
            let shown = r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)-\(r.upperBound)"
            throw NotebookError.badCellSelection("--cells \(shown): the notebook has \(count) cell\(count == 1 ? "" : "s")")
        }
    }
}
