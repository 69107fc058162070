/// A bounded map from a folded word (UTF-8 bytes) to its analysed form: stem and stop-word flag.
///
/// Open addressing over one byte arena, so a hit costs a hash and a byte comparison and
/// allocates nothing. When it holds `capacity` entries it starts again empty, which keeps memory
/// flat on any input (a word list of a million distinct words, say). All state lives behind
/// pointers, so lookups through a `let` need no exclusivity checks. Not thread-safe: each
/// analyzer owns its own.
struct TermCache: ~Copyable {
    /// One cached word.
    struct Entry {
        var hash: UInt64
        var keyOffset: Int32
        var keyLength: Int32
        var stemOffset: Int32
        var stemLength: Int32
        var isStopWord: Bool
    }

    /// The mutable part.
    private struct State {
        var count: Int
        var arena: UnsafeMutablePointer<UInt8>
        var arenaCapacity: Int
        var arenaCount: Int
    }

    /// The most entries held before the cache is emptied.
    let capacity: Int
    private let slotMask: Int
    /// Entry index + 1 per slot; 0 is empty.
    private let slots: UnsafeMutablePointer<Int32>
    private let entries: UnsafeMutablePointer<Entry>
    private let state: UnsafeMutablePointer<State>

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        var slotCount = 16
        while slotCount < capacity * 2 { slotCount <<= 1 }
        slotMask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        entries = .allocate(capacity: capacity)
        state = .allocate(capacity: 1)
        let arenaCapacity = max(capacity * 24, 1024)
        state.initialize(
            to: State(count: 0, arena: .allocate(capacity: arenaCapacity), arenaCapacity: arenaCapacity, arenaCount: 0))
    }

    deinit {
        state.pointee.arena.deallocate()
        state.deallocate()
        slots.deallocate()
        entries.deallocate()
    }

    /// The number of cached words.
    var count: Int { state.pointee.count }

    /// A 64-bit hash of the bytes, eight at a time.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= key.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        if offset < key.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < key.count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ tail) &* 0xFF51_AFD7_ED55_8CCD
        }
        hash ^= hash >> 29
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }

    /// The entry for a key, if cached.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Entry? {
        let arena = state.pointee.arena
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let index = Int(slots[slot])
            if index == 0 { return nil }
            let entry = entries[index - 1]
            if entry.hash == hash, Int(entry.keyLength) == key.count,
                Self.equal(arena + Int(entry.keyOffset), key.baseAddress, count: key.count)
            {
                return entry
            }
            slot = (slot + 1) & slotMask
        }
    }

    @inline(__always)
    private static func equal(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>?, count: Int) -> Bool {
        guard let rhs else { return count == 0 }
        var offset = 0
        while offset + 8 <= count {
            if UnsafeRawPointer(lhs).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != UnsafeRawPointer(rhs).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        while offset < count {
            if lhs[offset] != rhs[offset] { return false }
            offset += 1
        }
        return true
    }

    /// The stem bytes of an entry, valid until the next `insert`.
    @inline(__always)
    func stem(of entry: Entry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: state.pointee.arena + Int(entry.stemOffset), count: Int(entry.stemLength))
    }

    /// Caches a key, emptying the cache first when it is full. Returns the new entry.
    func insert(
        _ key: UnsafeBufferPointer<UInt8>, hash: UInt64, stem: UnsafeBufferPointer<UInt8>,
        isStopWord: Bool
    ) -> Entry {
        if state.pointee.count == capacity { removeAll() }
        let needed = key.count + stem.count
        if state.pointee.arenaCount + needed > state.pointee.arenaCapacity {
            growArena(toHold: state.pointee.arenaCount + needed)
        }
        let arena = state.pointee.arena
        let keyOffset = state.pointee.arenaCount
        if let base = key.baseAddress { (arena + keyOffset).update(from: base, count: key.count) }
        let stemOffset = keyOffset + key.count
        if let base = stem.baseAddress { (arena + stemOffset).update(from: base, count: stem.count) }
        state.pointee.arenaCount += needed
        let entry = Entry(
            hash: hash, keyOffset: Int32(keyOffset), keyLength: Int32(key.count),
            stemOffset: Int32(stemOffset), stemLength: Int32(stem.count), isStopWord: isStopWord)
        let index = state.pointee.count
        entries[index] = entry
        state.pointee.count = index + 1
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while slots[slot] != 0 { slot = (slot + 1) & slotMask }
        slots[slot] = Int32(index + 1)
        return entry
    }

    /// Empties the cache.
    func removeAll() {
        slots.update(repeating: 0, count: slotMask + 1)
        state.pointee.count = 0
        state.pointee.arenaCount = 0
    }

    private func growArena(toHold size: Int) {
        var newCapacity = state.pointee.arenaCapacity * 2
        while newCapacity < size { newCapacity *= 2 }
        let newArena = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newArena.update(from: state.pointee.arena, count: state.pointee.arenaCount)
        state.pointee.arena.deallocate()
        state.pointee.arena = newArena
        state.pointee.arenaCapacity = newCapacity
    }
}
