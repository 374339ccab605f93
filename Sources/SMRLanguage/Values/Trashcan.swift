import Foundation

/// Deep container chains (`x = [x]` a million times) would release recursively and
/// exhaust the native stack. Like CPython's trashcan, containers nested deeper than a
/// few hundred levels hand their items to a deferred list that the outermost release
/// drains iteratively.
enum Trashcan {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var depth = 0
    nonisolated(unsafe) private static var deferred: [[Value]] = []
    nonisolated(unsafe) private static var draining = false

    /// Whether releasing these items can recurse into more containers.
    @inline(__always)
    static func mayNest(_ items: [Value]) -> Bool {
        for v in items {
            switch v {
            case .list, .tuple, .dict: return true
            default: continue
            }
        }
        return false
    }

    /// Release `items` safely; called from container deinits.
    static func release(_ items: inout [Value]) {
        if !mayNest(items) { return }
        var local: [Value] = []
        swap(&local, &items)
        lock.lock()
        let postpone = depth > 200
        if postpone {
            deferred.append(local)
        } else {
            depth += 1
        }
        lock.unlock()
        if postpone {
            withExtendedLifetime(local) {}
            return
        }
        // Elements are released here, with the lock not held.
        local.removeAll()
        lock.lock()
        depth -= 1
        let drain = depth == 0 && !draining
        if drain { draining = true }
        lock.unlock()
        guard drain else { return }
        while true {
            lock.lock()
            let next = deferred.popLast()
            if next != nil { depth += 1 }
            lock.unlock()
            guard var batch = next else { break }
            batch.removeAll()
            lock.lock()
            depth -= 1
            lock.unlock()
        }
        lock.lock()
        draining = false
        lock.unlock()
    }
}
