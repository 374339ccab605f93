import SMRLanguage

/// The value of `table(...)`: prints (and displays as a cell's value) as the laid-out text.
public final class TableObject: NativeObject {
    /// The rendered table.
    public let text: String

    public init(text: String) { self.text = text }

    public override var typeName: String { "Table" }
    public override var repr: String { text }
    public override var str: String { text }
    public override var helpText: String { "Table: the text made by table(rows, headers=None, tablefmt='rounded_outline', floatfmt='g')." }
}
