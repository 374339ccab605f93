/// `torch.get_rng_state()` / `torch.set_rng_state()`: the generator as PyTorch's 5056-byte
/// `CPUGeneratorImplState` (x86-64 layout): initial seed (u64), left (i32), seeded (i32),
/// next (u64), the 624 key words (each as u64), normal_x, normal_y, normal_rho (f64),
/// normal_is_valid (i32, then padding), the float normal (f32) and its validity (u8),
/// little endian. The double Box–Muller cache travels in normal_y.
extension RandomGenerator {
    /// Size of PyTorch's CPU generator state in bytes.
    public static let torchStateSize = 5056

    /// The state bytes `torch.get_rng_state()` returns. (Right after seeding PyTorch
    /// writes next = 0 where this writes 624; both mean "twist before the next draw".)
    public var torchState: [UInt8] {
        var b = [UInt8](filled: 0, count: Self.torchStateSize)
        func put<T: FixedWidthInteger>(_ v: T, at offset: Int) {
            withUnsafeBytes(of: v.littleEndian) { for (i, x) in $0.enumerated() { b[offset + i] = x } }
        }
        let p = engine.position
        put(initialSeed, at: 0)
        put(Int32(625 - max(p, 1)), at: 8)  // left: draws until the next twist, plus one
        put(Int32(1), at: 12)
        put(UInt64(p), at: 16)
        for (i, w) in engine.key.enumerated() { put(UInt64(w), at: 24 + 8 * i) }
        if let y = nextDoubleNormal {
            put(y.bitPattern, at: 5024)
            put(Int32(1), at: 5040)
        }
        if let f = nextFloatNormal {
            put(f.bitPattern, at: 5048)
            b[5052] = 1
        }
        return b
    }

    /// A generator restored from `torch.get_rng_state()` bytes; throws when they are not a
    /// valid state (wrong size, unseeded, left/next out of range), as `set_rng_state` does.
    public init(torchState b: [UInt8]) throws {
        guard b.count == Self.torchStateSize else {
            throw TensorError.invalidArgument(op: "set_rng_state", reason: "Expected a CPUGeneratorImplState of size \(Self.torchStateSize) but found the input RNG state size to be \(b.count)")
        }
        func get<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
            var v: T = 0
            for i in 0..<MemoryLayout<T>.size { v |= T(truncatingIfNeeded: b[offset + i]) << (8 * i) }
            return v
        }
        let left = Int(get(Int32.self, at: 8)), seeded = get(Int32.self, at: 12), next = get(UInt64.self, at: 16)
        guard seeded != 0, left > 0, left <= MT19937.stateLength, next <= UInt64(MT19937.stateLength) else {
            throw TensorError.invalidArgument(op: "set_rng_state", reason: "Invalid mt19937 state")
        }
        let key = (0..<MT19937.stateLength).map { UInt32(truncatingIfNeeded: get(UInt64.self, at: 24 + 8 * $0)) }
        // left = 1 means the next draw twists; otherwise `next` indexes the next word.
        let position = left == 1 ? MT19937.stateLength : Int(next)
        guard let engine = MT19937(key: key, position: position) else {
            throw TensorError.invalidArgument(op: "set_rng_state", reason: "Invalid mt19937 state")
        }
        self.init(seed: get(UInt64.self, at: 0))
        self.engine = engine
        nextDoubleNormal = get(Int32.self, at: 5040) != 0 ? Double(bitPattern: get(UInt64.self, at: 5024)) : nil
        nextFloatNormal = b[5052] != 0 ? Float(bitPattern: get(UInt32.self, at: 5048)) : nil
    }
}
