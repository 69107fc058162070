import Foundation
import GRDB
import GRDBSQLite
import KyndigCore

/// The row a statement stands on, read through SQLite's C API without a GRDB `Row` in between:
/// for the bulk reads of a report (hundreds of thousands of passes), where decoding each column
/// through `Row` and making a `String` of every text was most of the read. As strict as
/// `RowReader`: NULL where a value belongs, a value of another type, text that is not UTF-8 or
/// does not parse is `StoreError.damagedRow`, naming the table, the row's key and the column.
struct RawColumns {
    let statement: SQLiteStatement
    let table: String
    /// The column that names the row in an error (`id=…`), and its name.
    let keyIndex: Int32
    let keyName: String

    init(_ statement: Statement, table: String, keyIndex: Int32, keyName: String) {
        self.statement = statement.sqliteStatement
        self.table = table
        self.keyIndex = keyIndex
        self.keyName = keyName
    }

    func damaged(_ column: String) -> StoreError {
        let key = (try? bytes(keyIndex, keyName)).flatMap { String(validating: $0, as: UTF8.self) } ?? "?"
        return .damagedRow(table: table, key: "\(keyName)=\(key)", column: column)
    }

    /// The UTF-8 bytes of a TEXT column, valid until the statement steps.
    func bytes(_ index: Int32, _ column: String) throws -> UnsafeBufferPointer<UInt8> {
        guard sqlite3_column_type(statement, index) == SQLITE_TEXT, let start = sqlite3_column_text(statement, index) else {
            throw damaged(column)
        }
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement, index)))
    }

    func text(_ index: Int32, _ column: String) throws -> String {
        guard let text = String(validating: try bytes(index, column), as: UTF8.self) else { throw damaged(column) }
        return text
    }

    /// nil for NULL.
    func optionalText(_ index: Int32, _ column: String) throws -> String? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : try text(index, column)
    }

    /// An INTEGER column holding 0 or 1.
    func bool(_ index: Int32, _ column: String) throws -> Bool {
        guard sqlite3_column_type(statement, index) == SQLITE_INTEGER else { throw damaged(column) }
        switch sqlite3_column_int64(statement, index) {
        case 0: return false
        case 1: return true
        default: throw damaged(column)
        }
    }

    /// A text that recurs from row to row (a module id, a content hash), made once per read.
    func text(_ index: Int32, _ column: String, from texts: inout ByteKeyedCache<String>) throws -> String {
        try texts.value(for: try bytes(index, column)) { bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else { throw damaged(column) }
            return text
        }
    }

    func date(_ index: Int32, _ column: String) throws -> CalendarDate {
        guard let date = CalendarDate(isoUTF8: try bytes(index, column)) else { throw damaged(column) }
        return date
    }

    func version(_ index: Int32, _ column: String, from versions: inout ByteKeyedCache<ModuleVersion>) throws -> ModuleVersion {
        try versions.value(for: try bytes(index, column)) { bytes in
            guard let version = ModuleVersion(utf8: bytes) else { throw damaged(column) }
            return version
        }
    }

    /// A REAL or INTEGER column as a double (as GRDB reads one).
    func double(_ index: Int32, _ column: String) throws -> Double {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_FLOAT, SQLITE_INTEGER: return sqlite3_column_double(statement, index)
        default: throw damaged(column)
        }
    }
}

/// Values made from a text once and found again by its bytes: a bulk read meets the same few
/// module ids, versions and content hashes on every row, and would otherwise allocate a string
/// (a content hash is 64 characters) and parse it each time. Open addressing on a hash of the
/// length and the first and last bytes; a full comparison decides.
struct ByteKeyedCache<Value> {
    private var keys: [[UInt8]] = []
    private var values: [Value] = []
    /// Index into `keys` plus one, zero for an empty slot; the count is a power of two.
    private var slots = [Int32](repeating: 0, count: 64)

    mutating func value(for bytes: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) throws -> Value) rethrows -> Value {
        let mask = slots.count - 1
        var slot = Self.hash(bytes) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if bytesEqual(keys[index], bytes) { return values[index] }
            slot = (slot + 1) & mask
        }
        let value = try make(bytes)
        keys.append(Array(bytes))
        values.append(value)
        slots[slot] = Int32(keys.count)
        if keys.count * 2 > slots.count { grow() }
        return value
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        func mix(_ word: UInt64) { hash = (hash ^ word) &* 0x100_0000_01b3 ^ (hash >> 29) }
        if bytes.count >= 16, let start = bytes.baseAddress {
            // The first and last sixteen bytes, read as words.
            let raw = UnsafeRawPointer(start)
            mix(raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            mix(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            mix(raw.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt64.self))
            mix(raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        } else {
            for byte in bytes { mix(UInt64(byte)) }
        }
        return Int(truncatingIfNeeded: hash)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, key) in keys.enumerated() {
            var slot = key.withUnsafeBufferPointer(Self.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}

/// Whether `bytes` are those of `key`.
func bytesEqual(_ key: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard key.count == bytes.count else { return false }
    guard let start = bytes.baseAddress else { return true }
    return key.withUnsafeBufferPointer { memcmp($0.baseAddress!, start, bytes.count) == 0 }
}
