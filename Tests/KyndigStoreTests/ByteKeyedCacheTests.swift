@testable import KyndigStore
import Testing

/// The bulk read's cache of texts found by their bytes: every distinct text gets its own value,
/// made once, through the table's growth and whatever the hashes share.
struct ByteKeyedCacheTests {
    @Test func eachTextIsMadeOnceAndFoundAgainByItsBytes() {
        var cache = ByteKeyedCache<String>()
        var made = 0
        // Texts alike in length, prefix and suffix (hashed only by those), and empty text.
        let texts = [""] + (0..<1_000).map { "prefix-\(String(repeating: "x", count: $0 % 7))-\($0)-same-end" }
        for _ in 0..<2 {
            for text in texts {
                let value = Array(text.utf8).withUnsafeBufferPointer { bytes in
                    cache.value(for: bytes) { bytes in
                        made += 1
                        return String(decoding: bytes, as: UTF8.self)
                    }
                }
                #expect(value == text)
            }
        }
        #expect(made == texts.count)
    }

    @Test func aFailedMakeCachesNothing() {
        var cache = ByteKeyedCache<Int>()
        struct Refused: Error {}
        let bytes = Array("1.x".utf8)
        #expect(throws: Refused.self) { try bytes.withUnsafeBufferPointer { try cache.value(for: $0) { _ in throw Refused() } } }
        #expect(bytes.withUnsafeBufferPointer { cache.value(for: $0) { _ in 7 } } == 7)
    }
}
