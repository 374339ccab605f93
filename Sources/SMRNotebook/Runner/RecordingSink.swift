import SMRLanguage

/// The output sink of a running cell: records stream text and display items in order
/// and forwards each to an observer as it arrives.
final class RecordingSink: DisplaySink {
    var outputs: [CellOutput] = []
    /// Objects displayed during the current cell (not shown again as its value).
    var displayed: [ObjectIdentifier] = []
    var observer: RunObserver?

    init(observer: RunObserver?) { self.observer = observer }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        if case .stream(let prev)? = outputs.last {
            outputs[outputs.count - 1] = .stream(prev + text)
        } else {
            outputs.append(.stream(text))
        }
        observer?.cellOutput(.stream(text))
    }

    func display(_ item: DisplayItem) {
        if let o = item.object { displayed.append(ObjectIdentifier(o)) }
        outputs.append(.display(item))
        observer?.cellOutput(.display(item))
    }

    func append(_ o: CellOutput) {
        outputs.append(o)
        observer?.cellOutput(o)
    }

    func reset() {
        outputs = []
        displayed = []
    }
}
