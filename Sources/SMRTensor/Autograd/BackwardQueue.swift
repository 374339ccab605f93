/// The op results waiting for `backward()` to run their nodes, latest-created first.
///
/// An op is always recorded after its parents' ops, so taking the highest `Tensor.sequence`
/// next runs every node after all of its children, as PyTorch's engine orders its ready
/// queue. Unlike sorting the whole graph first, this visits each tensor once, right when
/// its gradient is used, instead of a separate pass whose cache misses dominated long tapes.
/// A binary max-heap; the frontier stays small (a tape's width, not its length).
struct BackwardQueue {
    /// Each entry owns one retain of its tensor (taken on push, handed back on pop), so
    /// moving entries while sifting costs no reference counting.
    private var heap: [(sequence: UInt64, tensor: Unmanaged<Tensor>)] = []

    var isEmpty: Bool { heap.isEmpty }

    /// Queues an op result (ordered by its op's `sequence`).
    mutating func push(_ tensor: Tensor) {
        heap.append((tensor.sequence, Unmanaged.passRetained(tensor)))
        heap.withUnsafeMutableBufferPointer { h in
            var child = h.count - 1
            let item = h[child]
            while child > 0 {
                let parent = (child - 1) / 2
                if h[parent].sequence >= item.sequence { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = item
        }
    }

    /// Removes and returns the queued tensor whose node was created last.
    mutating func popLatest() -> Tensor? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last.tensor.takeRetainedValue() }
        return heap.withUnsafeMutableBufferPointer { h in
            let top = h[0].tensor
            var parent = 0
            let n = h.count
            while true {
                let left = 2 * parent + 1
                if left >= n { break }
                var larger = left
                if left + 1 < n, h[left + 1].sequence > h[left].sequence { larger = left + 1 }
                if last.sequence >= h[larger].sequence { break }
                h[parent] = h[larger]
                parent = larger
            }
            h[parent] = last
            return top.takeRetainedValue()
        }
    }

    /// Entries still queued when `backward()` stops early (an error in anomaly mode).
    mutating func releaseAll() {
        while popLatest() != nil {}
    }
}
