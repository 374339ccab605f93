/// A tabulate table style: rule lines, row delimiters and padding.
public struct TableFormat: Sendable {
    /// `begin`, `fill`, `separator`, `end` of a horizontal rule.
    public struct Line: Sendable { var begin, fill, sep, end: String }
    /// `begin`, `separator`, `end` of a row.
    public struct Row: Sendable { var begin, sep, end: String }

    var lineAbove: Line?
    var lineBelowHeader: Line?
    var lineBelow: Line?
    var lineBetweenRows: Line? = nil
    var headerRow: Row
    var dataRow: Row
    var padding: Int
    /// Lines left out when the table has headers.
    var hiddenWithHeaders: Set<String>

    /// The styles by tabulate name.
    public static func named(_ name: String) -> TableFormat? {
        switch name {
        case "rounded_outline":
            return TableFormat(lineAbove: Line(begin: "╭", fill: "─", sep: "┬", end: "╮"),
                               lineBelowHeader: Line(begin: "├", fill: "─", sep: "┼", end: "┤"),
                               lineBelow: Line(begin: "╰", fill: "─", sep: "┴", end: "╯"),
                               headerRow: Row(begin: "│", sep: "│", end: "│"), dataRow: Row(begin: "│", sep: "│", end: "│"),
                               padding: 1, hiddenWithHeaders: [])
        case "simple_outline":
            return TableFormat(lineAbove: Line(begin: "┌", fill: "─", sep: "┬", end: "┐"),
                               lineBelowHeader: Line(begin: "├", fill: "─", sep: "┼", end: "┤"),
                               lineBelow: Line(begin: "└", fill: "─", sep: "┴", end: "┘"),
                               headerRow: Row(begin: "│", sep: "│", end: "│"), dataRow: Row(begin: "│", sep: "│", end: "│"),
                               padding: 1, hiddenWithHeaders: [])
        case "simple":
            let l = Line(begin: "", fill: "-", sep: "  ", end: "")
            return TableFormat(lineAbove: l, lineBelowHeader: l, lineBelow: l,
                               headerRow: Row(begin: "", sep: "  ", end: ""), dataRow: Row(begin: "", sep: "  ", end: ""),
                               padding: 0, hiddenWithHeaders: ["lineabove", "linebelow"])
        case "github":
            let l = Line(begin: "|", fill: "-", sep: "|", end: "|")
            return TableFormat(lineAbove: l, lineBelowHeader: l, lineBelow: nil,
                               headerRow: Row(begin: "|", sep: "|", end: "|"), dataRow: Row(begin: "|", sep: "|", end: "|"),
                               padding: 1, hiddenWithHeaders: ["lineabove"])
        case "plain":
            return TableFormat(lineAbove: nil, lineBelowHeader: nil, lineBelow: nil,
                               headerRow: Row(begin: "", sep: "  ", end: ""), dataRow: Row(begin: "", sep: "  ", end: ""),
                               padding: 0, hiddenWithHeaders: [])
        case "grid":
            return TableFormat(lineAbove: Line(begin: "+", fill: "-", sep: "+", end: "+"),
                               lineBelowHeader: Line(begin: "+", fill: "=", sep: "+", end: "+"),
                               lineBelow: Line(begin: "+", fill: "-", sep: "+", end: "+"),
                               lineBetweenRows: Line(begin: "+", fill: "-", sep: "+", end: "+"),
                               headerRow: Row(begin: "|", sep: "|", end: "|"), dataRow: Row(begin: "|", sep: "|", end: "|"),
                               padding: 1, hiddenWithHeaders: [])
        default:
            return nil
        }
    }

    /// Names accepted by `table(…, tablefmt=)`.
    public static let names = ["rounded_outline", "simple_outline", "simple", "github", "plain", "grid"]
}
