import Foundation
import Testing
@testable import KyndigReports

/// `DocumentedJSONEncoder` writes what Foundation's encoder, set up for the documented shape,
/// writes: byte for byte, pretty and compact, for every kind of value a type can encode.
struct DocumentedJSONEncoderTests {
    static func both(_ value: some Encodable) throws -> (ours: String, foundation: String, compactOurs: String, compactFoundation: String) {
        (String(decoding: try DocumentedJSON.encoder(pretty: true).encode(value), as: UTF8.self),
         String(decoding: try DocumentedJSON.foundationEncoder(pretty: true).encode(value), as: UTF8.self),
         String(decoding: try DocumentedJSON.encoder(pretty: false).encode(value), as: UTF8.self),
         String(decoding: try DocumentedJSON.foundationEncoder(pretty: false).encode(value), as: UTF8.self))
    }

    static func expectSame(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let texts = try both(value)
        #expect(texts.ours == texts.foundation, sourceLocation: sourceLocation)
        #expect(texts.compactOurs == texts.compactFoundation, sourceLocation: sourceLocation)
    }

    struct Everything: Encodable {
        var employeeID = "E1"
        var roleIDs = ["clinician", "leader"]
        var text = "a/b \"quoted\" back\\slash \u{1}\u{1f}\n\t\r\u{8}\u{c}\u{7f} \u{2028} æøå 🙂"
        var numbers: [Double] = [1.0, 0.8, 1e-7, 123456789.125, -0.0, 1e20, 0.1 + 0.2, -5, 2.5e-300]
        var floats: [Float] = [0.1, 1, 3.25]
        var integers: (Int8, Int16, Int32, Int64, UInt, UInt8, UInt16, UInt32, UInt64) = (-8, 16, -32, .min, .max, 255, 16, 32, .max)
        var flags = [true, false]
        var absent: String? = nil
        var present: Int? = 3
        var nulls: [Int?] = [nil, 1]
        var emptyArray: [String] = []
        var emptyObject: [String: Int] = [:]
        var byName = ["S001506": 1, "moduleID": 2, "æ": 3, "_": 4, "A": 5, "a10": 6, "a2": 7]
        var byNumber = [2: "two", 10: "ten"]
        var instants = [Date(timeIntervalSince1970: 1_780_000_000), Date(timeIntervalSince1970: 1.5)]
        var nothing = EncodesNothing()
        var nested = Nested()

        enum CodingKeys: String, CodingKey {
            case employeeID, roleIDs, text, numbers, floats, integers, flags, absent, present, nulls, emptyArray, emptyObject, byName, byNumber
            case instants, nothing, nested
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(employeeID, forKey: .employeeID)
            try container.encode(roleIDs, forKey: .roleIDs)
            try container.encode(text, forKey: .text)
            try container.encode(numbers, forKey: .numbers)
            try container.encode(floats, forKey: .floats)
            var integers = container.nestedUnkeyedContainer(forKey: .integers)
            try integers.encode(self.integers.0)
            try integers.encode(self.integers.1)
            try integers.encode(self.integers.2)
            try integers.encode(self.integers.3)
            try integers.encode(self.integers.4)
            try integers.encode(self.integers.5)
            try integers.encode(self.integers.6)
            try integers.encode(self.integers.7)
            try integers.encode(self.integers.8)
            try container.encode(flags, forKey: .flags)
            try container.encodeIfPresent(absent, forKey: .absent)
            try container.encodeIfPresent(present, forKey: .present)
            try container.encode(nulls, forKey: .nulls)
            try container.encode(emptyArray, forKey: .emptyArray)
            try container.encode(emptyObject, forKey: .emptyObject)
            try container.encode(byName, forKey: .byName)
            try container.encode(byNumber, forKey: .byNumber)
            try container.encode(instants, forKey: .instants)
            try container.encode(nothing, forKey: .nothing)
            try container.encode(nested, forKey: .nested)
        }
    }

    struct EncodesNothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    /// Nested containers, a single value inside an array, and a key set twice (the last one counts).
    struct Nested: Encodable {
        enum Keys: String, CodingKey { case innerObject, innerList, twice, dayOf }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .innerObject)
            try inner.encode("x", forKey: .dayOf)
            var list = container.nestedUnkeyedContainer(forKey: .innerList)
            try list.encode(Day(text: "2026-12-02"))
            var deeper = list.nestedContainer(keyedBy: Keys.self)
            try deeper.encode(1.5, forKey: .twice)
            var deepest = list.nestedUnkeyedContainer()
            try deepest.encodeNil()
            try container.encode(1, forKey: .twice)
            try container.encode(2, forKey: .twice)
        }
    }

    struct Day: Encodable {
        let text: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    @Test func everyKindOfValueMatchesFoundation() throws {
        try Self.expectSame(Everything())
    }

    @Test func topLevelFragmentsMatchFoundation() throws {
        try Self.expectSame("plain")
        try Self.expectSame(42)
        try Self.expectSame(0.25)
        try Self.expectSame(Day(text: "2026-11-30"))
        try Self.expectSame([[String]]())
        try Self.expectSame([Everything(), Everything()])
    }

    @Test func notANumberAndNothingAreRefused() {
        #expect(throws: EncodingError.self) { try DocumentedJSON.encoder(pretty: true).encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try DocumentedJSON.encoder(pretty: false).encode(["x": Double.infinity]) }
        #expect(throws: EncodingError.self, "a value that writes nothing is no document") {
            try DocumentedJSON.encoder(pretty: true).encode(EncodesNothing())
        }
    }
}
