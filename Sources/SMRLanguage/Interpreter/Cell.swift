/// The shared storage of a variable that nested functions capture (CPython's cell):
/// the owning frame and every closure hold the same cell, so closures bind late.
/// Cells sit in frame slots as `.object`, and never reach programs.
final class Cell: NativeObject {
    @exclusivity(unchecked) var value: Value
    init(_ value: Value) { self.value = value }
    override var typeName: String { "cell" }

    /// The cell in a slot (slots the compiler marked as cells always hold one).
    @inline(__always)
    static func at(_ slot: Fp) -> Cell? {
        if case .object(let o) = slot.pointee { return o as? Cell }
        return nil
    }

    /// Put fresh cells into `slots` of a frame, each holding the slot's current value
    /// (a parameter's argument, or unbound).
    static func makeCells(_ fp: Fp, _ slots: [Int]) {
        for k in slots { fp[k] = .object(Cell(fp[k])) }
    }
}
