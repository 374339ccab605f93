import SMRLanguage

/// The REPL's output: program text to stdout as it is written; plots drawn in color
/// when stdout is a terminal.
final class ConsoleSink: DisplaySink {
    var displayed: [ObjectIdentifier] = []
    let color = Console.stdoutColor
    /// Whether the last text written ended a line (so a value starts on its own line).
    var atLineStart = true

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        Console.out(text)
        atLineStart = text.hasSuffix("\n")
    }

    func display(_ item: DisplayItem) {
        if let o = item.object { displayed.append(ObjectIdentifier(o)) }
        let text = color ? ((item.object as? SelfDisplaying)?.displayItem(color: true).text ?? item.text) : item.text
        if !atLineStart { Console.out("\n") }
        Console.out(text + "\n")
        atLineStart = true
    }
}
