/// A per-site inline cache for `obj.name` on user-class instances (load, store or method
/// call): for the last two classes seen at the site (a loop over a list of mixed subclasses
/// stays cached), at their current `version`, it keeps the name's instance slot and the
/// class attribute found along the MRO, so a hit costs two compares and an index instead of
/// the dictionary lookups of `getAttribute`. Anything unusual — a property or other data
/// descriptor, `__getattribute__`, `__setattr__`, `__slots__` refusing the name, a library base
/// class's hooks, `__class__` — is not cached and takes the general path, so a
/// hit always does exactly what the general path would.
final class AttributeCache {
    /// A class, not a struct: a site that alternates between two classes swaps its entries on
    /// every access, and swapping two references is cheaper than swapping two ~60-byte structs
    /// (whose overlapping copies stalled store forwarding).
    private final class Entry {
        var cls: ClassObject?
        var version = -1
        /// The name's slot in the class layout, or -1 if it has none (yet).
        var slot = -1
        /// The class attribute along the MRO, if any.
        var classAttr: Value?
        /// Loads may use the slot, then the class attribute (no property in the way).
        var plainLoad = false
        /// Stores may write the slot directly.
        var plainStore = false

        @inline(__always)
        func matches(_ c: ClassObject) -> Bool { c === cls && c.version == version }

        /// The instance's own value of the attribute, if set.
        @inline(__always)
        func slotValue(_ i: InstanceObject) -> Value? {
            guard slot >= 0, slot < i.slots.count else { return nil }
            let v = i.slots[slot]
            return v.isUnboundMarker ? nil : v
        }
    }

    private var first = Entry(), second = Entry()

    /// Makes `first` the current entry for `c` (swapping in `second`, or resolving).
    @inline(__always)
    private func select(_ c: ClassObject, _ name: String, creatingSlot: Bool) {
        if first.matches(c) { return }
        if second.matches(c) { swap(&first, &second); return }
        second = first
        first = Self.resolve(c, name, creatingSlot: creatingSlot)
    }

    private static func resolve(_ c: ClassObject, _ name: String, creatingSlot: Bool) -> Entry {
        let e = Entry()
        let found = c.lookup(name)
        var isProperty = false
        if case .object(let o)? = found, o is PropertyObject { isProperty = true }
        // A user descriptor as class attribute: a data descriptor takes loads and stores; a
        // non-data one answers loads the instance attribute does not.
        let descriptor = found?.userInstance?.cls.specials
        let isDataDescriptor = descriptor?.isDataDescriptor ?? false
        let isNonDataDescriptor = !isDataDescriptor && descriptor?.descriptorGet != nil
        e.plainStore = creatingSlot && !isProperty && !isDataDescriptor && name != "__class__" && c.specials.setattr == nil
            && c.nativeBase?.subclassHooks == nil && c.allowsAttribute(name)
        // slot(for:) can invalidate the class (a new slot shadowing a class attribute), so the
        // class attribute and the version are read after it.
        e.slot = creatingSlot && e.plainStore ? c.slot(for: name) : (c.existingSlot(name) ?? -1)
        e.classAttr = isNonDataDescriptor ? nil : c.lookup(name)
        e.plainLoad = !isProperty && !isDataDescriptor && c.specials.getattribute == nil
        e.cls = c
        e.version = c.version
        return e
    }

    /// `i.name`.
    @inline(__always)
    func load(_ i: InstanceObject, _ name: String) throws -> Value {
        select(i.cls, name, creatingSlot: false)
        if first.plainLoad {
            if let v = first.slotValue(i) { return v }
            if let a = first.classAttr { return i.bind(a) }
        }
        // Not found through the entry: perhaps a slot created since; resolve again next time.
        first.cls = nil
        return try i.getAttribute(name)
    }

    /// `i.name = value`.
    @inline(__always)
    func store(_ i: InstanceObject, _ name: String, _ value: Value) throws {
        select(i.cls, name, creatingSlot: true)
        guard first.plainStore, first.slot >= 0 else { return try i.storeAttribute(name, value, bypassHook: false) }
        i.setSlot(first.slot, value)
    }

    /// For `i.name op= value`: the slot that both the load and the store may use directly
    /// (the instance attribute is set, and no property, `__setattr__` or library hook is in
    /// the way), or -1. The value expression runs between the load and the store and may
    /// change the class, so the caller checks the class version before storing.
    @inline(__always)
    func updatableSlot(_ i: InstanceObject, _ name: String) -> Int {
        select(i.cls, name, creatingSlot: true)
        let k = first.slot
        guard first.plainLoad, first.plainStore, k >= 0, k < i.slots.count, !i.slots[k].isUnboundMarker else { return -1 }
        return k
    }

    /// The function `i.name(...)` would call with `i` as its first argument, when the name is a
    /// plain method of the class not shadowed by an instance attribute; nil otherwise. (A new
    /// slot for a name the class defines bumps the class version, so a current entry's slot
    /// index is complete.)
    @inline(__always)
    func method(_ i: InstanceObject, _ name: String) -> FunctionObject? {
        select(i.cls, name, creatingSlot: false)
        guard first.plainLoad, case .function(let f)? = first.classAttr, first.slotValue(i) == nil else { return nil }
        return f
    }
}
