import SMRLanguage

/// Something shown as a cell output besides printed text: a plot (text + SVG) or a
/// table. Exports pick the richest rendering they support.
public struct DisplayItem {
    /// The plain-text rendering (also what `smr run` prints).
    public var text: String
    /// An SVG image, if the item has one.
    public var svg: String?
    /// The object shown, so that hosts don't show it a second time as the cell's value.
    public var object: NativeObject?

    public init(text: String, svg: String? = nil, object: NativeObject? = nil) {
        self.text = text
        self.svg = svg
        self.object = object
    }
}

/// An output sink that can also receive rich display items (`plot(...)` shows itself
/// through it as soon as it is called, as matplotlib's inline backend does).
public protocol DisplaySink: OutputSink {
    func display(_ item: DisplayItem)
}

/// Objects that display themselves immediately when created (plots).
public protocol SelfDisplaying: NativeObject {
    /// The item to show; `color` asks for ANSI colors (a terminal).
    func displayItem(color: Bool) -> DisplayItem
}
