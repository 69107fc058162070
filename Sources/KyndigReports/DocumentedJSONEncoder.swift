public import Foundation

/// Writes a value in the documented JSON shape (docs/json.md): the document Foundation's
/// `JSONEncoder` writes with sorted keys, unescaped slashes, ISO 8601 instants and `SnakeCaseKey`,
/// byte for byte (a test holds the two side by side), at a fraction of the cost. Foundation's
/// encoder calls the key strategy with a fresh coding path for every key and checks every value
/// for a dozen special types; a learner's status spent most of an API request there (issue 13's
/// profile).
///
/// Like Foundation's encoder, the keys of a `[String: …]` dictionary are written as they are, while
/// every other key (a type's coding keys, an `[Int: …]` dictionary's) is snake_cased.
public struct DocumentedJSONEncoder: Sendable {
    public let pretty: Bool

    public init(pretty: Bool) {
        self.pretty = pretty
    }

    public func encode(_ value: some Encodable) throws -> Data {
        Data(try bytes(value))
    }

    /// The document as UTF-8 bytes.
    public func bytes(_ value: some Encodable) throws -> [UInt8] {
        var output = JSONOutput(pretty: pretty)
        try output.write(try JSONTreeEncoder.node(of: value, parent: nil, key: nil))
        return output.bytes
    }
}

// MARK: - The tree a value encodes into

/// One JSON value. Objects and arrays are classes because the containers `Encoder` hands out are
/// values that must all add to the same object.
enum JSONNode {
    case null
    case bool(Bool)
    /// A number, already as its JSON text.
    case literal(String)
    case string(String)
    case object(JSONObject)
    case array(JSONArray)
}

/// An object's members, kept in the order they are written: by the keys' UTF-8 bytes, as
/// Foundation sorts them.
final class JSONObject {
    var entries: [(key: String, value: JSONNode)] = []

    func set(_ key: String, _ value: JSONNode) {
        // From the end: keys mostly come in an order close to the sorted one.
        var index = entries.count
        while index > 0 {
            let order = Self.compare(entries[index - 1].key, key)
            if order == 0 {
                entries[index - 1].value = value  // a key set twice keeps the last value, as Foundation's encoder does
                return
            }
            if order < 0 { break }
            index -= 1
        }
        entries.insert((key, value), at: index)
    }

    /// The order of `a` and `b` by their UTF-8 bytes: negative, zero or positive.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : Int(memcmp(x.baseAddress!, y.baseAddress!, common))
                return order != 0 ? order : x.count - y.count
            }
        }
    }
}

final class JSONArray {
    var items: [JSONNode] = []
}

/// The `Encoder` a value encodes itself to: it fills one `JSONNode`.
final class JSONTreeEncoder: Encoder {
    let parent: JSONTreeEncoder?
    let key: (any CodingKey)?
    var node: JSONNode?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(parent: JSONTreeEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: JSONTreeEncoder? = self
        while let current = encoder, let key = current.key {
            path.append(key)
            encoder = current.parent
        }
        return path.reversed()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        container(keyedBy: type, dictionary: ObjectIdentifier(type) == dictionaryKeyType)
    }

    /// - Parameter dictionary: whether `Key` is a dictionary's (a `[String: …]` one keeps its keys as they are).
    func container<Key: CodingKey>(keyedBy type: Key.Type, dictionary: Bool) -> KeyedEncodingContainer<Key> {
        let object: JSONObject
        if case let .object(existing) = node {
            object = existing
        } else {
            object = JSONObject()
            node = .object(object)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, object: object, dictionary: dictionary))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONArray
        if case let .array(existing) = node {
            array = existing
        } else {
            array = JSONArray()
            node = .array(array)
        }
        return UnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    /// The node `value` encodes to; a value that encodes nothing is an empty object (an error at
    /// the top, as Foundation has it).
    static func node<T: Encodable>(of value: T, parent: JSONTreeEncoder?, key: (any CodingKey)?) throws -> JSONNode {
        // The common leaves first, by their type (cheaper than a cast), without an encoder of their own.
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .literal(String(unsafeBitCast(value, to: Int.self))) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Double.self { return try .literal(literal(unsafeBitCast(value, to: Double.self), parent: parent, key: key)) }
        if T.self == Date.self { return .string(iso8601(unsafeBitCast(value, to: Date.self))) }
        let encoder = JSONTreeEncoder(parent: parent, key: key)
        try value.encode(to: encoder)
        if let node = encoder.node { return node }
        guard parent != nil || key != nil else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return .object(JSONObject())
    }

    /// A number as Foundation writes it: the shortest text that reads back the same, without a
    /// trailing ".0" (`1`, `0.8`, `1e-07`, `1e+20`).
    static func literal<F: BinaryFloatingPoint & LosslessStringConvertible>(_ number: F, parent: JSONTreeEncoder?, key: (any CodingKey)?) throws -> String {
        guard number.isFinite else {
            let path = (parent?.codingPath ?? []) + (key.map { [$0] } ?? [])
            throw EncodingError.invalidValue(number, .init(codingPath: path, debugDescription: "\(number) is not a JSON number."))
        }
        let text = number.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `2026-11-30T19:08:38Z`: UTC, whole seconds, as Foundation's `.iso8601` strategy writes it.
    static func iso8601(_ instant: Date) -> String {
        instant.formatted(.iso8601)
    }

}

/// The key type a dictionary encodes its keys with (the standard library's own, not public),
/// found once by encoding a dictionary: a `[String: …]` dictionary's keys are data (module ids,
/// names) and written as they are, where a type's coding keys are snake_cased.
private let dictionaryKeyType: ObjectIdentifier? = {
    final class Probe: Encoder {
        var found: ObjectIdentifier?
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            found = ObjectIdentifier(type)
            return JSONTreeEncoder(parent: nil, key: nil).container(keyedBy: type, dictionary: false)
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { JSONTreeEncoder(parent: nil, key: nil).unkeyedContainer() }
        func singleValueContainer() -> any SingleValueEncodingContainer { JSONTreeEncoder(parent: nil, key: nil).singleValueContainer() }
    }
    let probe = Probe()
    try? ["key": 0].encode(to: probe)
    return probe.found
}()

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let object: JSONObject
    /// Whether `Key` is a dictionary's: a `[String: …]` one keeps its keys as they are.
    let dictionary: Bool

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func text(_ key: Key) -> String {
        dictionary && key.intValue == nil ? key.stringValue : SnakeCaseKey.snakeCased(key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws { object.set(text(key), .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(text(key), .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(text(key), .string(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        object.set(text(key), .literal(try JSONTreeEncoder.literal(value, parent: encoder, key: key)))
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        object.set(text(key), .literal(try JSONTreeEncoder.literal(value, parent: encoder, key: key)))
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(text(key), .literal(String(value))) }

    // Optional members straight to their value, not through the protocol's generic default.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(text(key), try JSONTreeEncoder.node(of: value, parent: encoder, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONTreeEncoder(parent: encoder, key: key)
        let container = child.container(keyedBy: keyType)
        object.set(text(key), child.node!)
        return container
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONTreeEncoder(parent: encoder, key: key)
        let container = child.unkeyedContainer()
        object.set(text(key), child.node!)
        return container
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: text(key)) }

    private func superEncoder(named name: String) -> any Encoder {
        // The super encoder's value lands under `name` once it has one: it is set as an empty
        // object now and replaced by whatever container the caller asks for.
        let child = ReferencingEncoder(parent: encoder, key: JSONIndexKey(name)) { [object] node in object.set(name, node) }
        object.set(name, .object(JSONObject()))
        return child
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let array: JSONArray

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode(_ value: Bool) throws { array.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: Double) throws {
        array.items.append(.literal(try JSONTreeEncoder.literal(value, parent: encoder, key: JSONIndexKey(index: count))))
    }

    mutating func encode(_ value: Float) throws {
        array.items.append(.literal(try JSONTreeEncoder.literal(value, parent: encoder, key: JSONIndexKey(index: count))))
    }
    mutating func encode(_ value: Int8) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: Int16) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: Int32) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: Int64) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt8) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt16) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt32) throws { array.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt64) throws { array.items.append(.literal(String(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try JSONTreeEncoder.node(of: value, parent: encoder, key: JSONIndexKey(index: count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONTreeEncoder(parent: encoder, key: JSONIndexKey(index: count))
        let container = child.container(keyedBy: keyType)
        array.items.append(child.node!)
        return container
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONTreeEncoder(parent: encoder, key: JSONIndexKey(index: count))
        let container = child.unkeyedContainer()
        array.items.append(child.node!)
        return container
    }

    mutating func superEncoder() -> any Encoder {
        let index = count
        array.items.append(.object(JSONObject()))
        return ReferencingEncoder(parent: encoder, key: JSONIndexKey(index: index)) { [array] node in array.items[index] = node }
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }
    mutating func encode(_ value: Int) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: Double) throws { encoder.node = .literal(try JSONTreeEncoder.literal(value, parent: encoder.parent, key: encoder.key)) }

    mutating func encode(_ value: Float) throws { encoder.node = .literal(try JSONTreeEncoder.literal(value, parent: encoder.parent, key: encoder.key)) }
    mutating func encode(_ value: Int8) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: Int16) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: Int32) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: Int64) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: UInt) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.node = .literal(String(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.node = .literal(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node = try JSONTreeEncoder.node(of: value, parent: encoder.parent, key: encoder.key)
    }
}

/// A super encoder: its node goes where its parent container said, whenever it is set.
private final class ReferencingEncoder: Encoder {
    let inner: JSONTreeEncoder
    let store: (JSONNode) -> Void

    init(parent: JSONTreeEncoder, key: any CodingKey, store: @escaping (JSONNode) -> Void) {
        inner = JSONTreeEncoder(parent: parent, key: key)
        self.store = store
    }

    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        defer { store(inner.node!) }
        return inner.container(keyedBy: type)
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        defer { store(inner.node!) }
        return inner.unkeyedContainer()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { ReferencingSingleValue(encoder: self) }

    private struct ReferencingSingleValue: SingleValueEncodingContainer {
        let encoder: ReferencingEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }
        private func set(_ body: (inout any SingleValueEncodingContainer) throws -> Void) rethrows {
            var container = encoder.inner.singleValueContainer()
            try body(&container)
            encoder.store(encoder.inner.node ?? .null)
        }
        mutating func encodeNil() throws { try set { try $0.encodeNil() } }
        mutating func encode(_ value: Bool) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: String) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: Int) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: Double) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: Float) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: Int8) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: Int16) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: Int32) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: Int64) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: UInt) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: UInt8) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: UInt16) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: UInt32) throws { try set { try $0.encode(value) } }
        mutating func encode(_ value: UInt64) throws { try set { try $0.encode(value) } }
        mutating func encode<T: Encodable>(_ value: T) throws { try set { try $0.encode(value) } }
    }
}

/// A position in an array, or a super encoder's key, in a coding path.
private struct JSONIndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}

// MARK: - Writing the tree

/// The text of a tree: two-space indents and " : " when pretty, as Foundation's writer lays it out
/// (an empty array or object keeps an empty line between its brackets).
struct JSONOutput {
    let pretty: Bool
    var bytes: [UInt8] = []
    private var indent = 0

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    mutating func write(_ node: JSONNode) throws {
        switch node {
        case .null: append("null")
        case let .bool(flag): append(flag ? "true" : "false")
        case let .literal(text): append(text)
        case let .string(text): writeString(text)
        case let .array(array):
            bytes.append(UInt8(ascii: "["))
            open()
            for (index, item) in array.items.enumerated() {
                separate(first: index == 0)
                try write(item)
            }
            close()
            bytes.append(UInt8(ascii: "]"))
        case let .object(object):
            bytes.append(UInt8(ascii: "{"))
            open()
            for (position, entry) in object.entries.enumerated() {
                separate(first: position == 0)
                writeString(entry.key)
                append(pretty ? " : " : ":")
                try write(entry.value)
            }
            close()
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func open() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        indent += 2
    }

    private mutating func separate(first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        if pretty {
            if !first { bytes.append(UInt8(ascii: "\n")) }
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        }
    }

    private mutating func close() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        indent -= 2
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A string in quotes: `"` and `\` escaped, control characters as `\n`, `\t` … or `\u001f`;
    /// everything else (slashes, non-ASCII letters) as it is.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Most text needs no escape: copied in one piece.
            guard utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
