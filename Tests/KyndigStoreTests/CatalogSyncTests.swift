import Foundation
import KyndigCore
import KyndigStore
import KyndigTestSupport
import Testing

struct CatalogSyncTests {
    @Test func syncingTheSameVersionsTwiceAddsNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try KyndigDatabase(path: directory.path("sync.sqlite"))
        let records = ["nb", "en"].map {
            ModuleVersionRecord(moduleID: "m", language: Language(rawValue: $0)!, version: ModuleVersion("1.0")!,
                                contentHash: "hash-\($0)", title: "M", moduleText: "t", quizText: "q")
        }
        #expect(try store.sync(records, actor: "a", at: Date()).count == 2)
        #expect(try store.sync(records, actor: "a", at: Date()).isEmpty)
        #expect(try store.storedVersions().count == 2)
        // Only the first sync is in the audit log: a no-op leaves no trace.
        #expect(try store.auditEntries(limit: 10).count == 1)
    }
}
