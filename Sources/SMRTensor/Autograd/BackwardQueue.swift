/// The op results waiting for `backward()` to run their nodes, latest-created first.
///
/// An op is always recorded after its parents' ops, so taking the highest `Tensor.sequence`
/// next runs every node after all of its children, as PyTorch's engine orders its ready
/// queue. Unlike sorting the whole graph first, this visits each tensor once, right when
/// its gradient is used, instead of a separate pass whose cache misses dominated long tapes.
/// A binary max-heap; the frontier stays small (a tape's width, not its length).
struct BackwardQueue {
    private var heap: [(sequence: UInt64, tensor: Tensor)] = []

    var isEmpty: Bool { heap.isEmpty }

    /// Queues an op result (ordered by its op's `sequence`).
    mutating func push(_ tensor: Tensor) {
        heap.append((tensor.sequence, tensor))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if heap[parent].sequence >= heap[child].sequence { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    /// Removes and returns the queued tensor whose node was created last.
    mutating func popLatest() -> Tensor? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last.tensor }
        let top = heap[0].tensor
        heap[0] = last
        var parent = 0
        let n = heap.count
        while true {
            let left = 2 * parent + 1
            if left >= n { break }
            var larger = left
            if left + 1 < n, heap[left + 1].sequence > heap[left].sequence { larger = left + 1 }
            if heap[parent].sequence >= heap[larger].sequence { break }
            heap.swapAt(parent, larger)
            parent = larger
        }
        return top
    }
}
