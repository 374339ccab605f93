/// Where in the user's code the operation being evaluated is: a call, a binary or unary
/// operator, an augmented assignment or a subscript, with the function it is in. Tracked only
/// while a library asks for it — PyTorch's anomaly mode records each op's forward line, so that
/// a NaN gradient can name it ("Traceback of forward call that caused the error").
///
/// Compiled code notes its site on the paths that can reach library code (never on the int and
/// float fast paths), and only when `isTracking` is on: one test of a flag otherwise. Attribute
/// reads and `for` iteration note nothing: the tensors they make (`x.T`, a row) only route
/// gradients, so they never produce the first NaN an anomaly error names.
///
/// ```swift
/// OperationSite.setTracking(true)
/// // … run code …
/// OperationSite.current?.description  // File "<input>", line 3, column 5, in f\n    y = torch.sqrt(x)
/// ```
public final class OperationSite: CustomStringConvertible {
    let site: Site
    /// The enclosing function's name (`<module>` at the top level).
    public let function: String

    init(_ site: Site, function: String) {
        self.site = site
        self.function = function
    }

    /// The location in the source.
    public var location: SourceLocation { site.location }

    /// A traceback entry: `  File "…", line N, column C, in f` and the source line, stripped.
    public var description: String {
        let loc = location
        var out = "  " + PyError.header(loc) + ", in \(function)"
        let text = loc.sourceLine.trimmingLeadingWhitespace()
        if !text.isEmpty { out += "\n    " + text }
        return out
    }

    /// Whether compiled code records `current` (off by default).
    nonisolated(unsafe) public private(set) static var isTracking = false
    /// The site of the operation being evaluated, or of the last one (nil when not tracking,
    /// or before any).
    nonisolated(unsafe) public private(set) static var current: OperationSite?

    /// Switches tracking on or off; either way forgets the current site.
    public static func setTracking(_ on: Bool) {
        isTracking = on
        current = nil
    }

    /// Records `site` as the current operation's when tracking.
    @inline(__always)
    static func note(_ site: OperationSite) {
        if _slowPath(isTracking) { current = site }
    }
}

extension String {
    /// The text without leading spaces and tabs.
    fileprivate func trimmingLeadingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" })
    }
}
