public import KyndigCore
public import KyndigStore

/// Stores the catalog's module versions (with the normalised texts their hashes cover) that the
/// database does not have yet. Attempts and passes are pinned to these versions. Idempotent, and
/// cheap when nothing changed: one read.
public struct CatalogSync: Sendable {
    let store: any CatalogStore
    let clock: WallClock

    public init(store: any CatalogStore, clock: WallClock) {
        self.store = store
        self.clock = clock
    }

    /// - Returns: the versions that were new.
    public func sync(_ catalog: Catalog, actor: String) async throws -> [ModuleVersionRecord] {
        let stored = Set(try await store.storedVersions().map { "\($0.moduleID)/\($0.language.rawValue)/\($0.contentHash)" })
        let missing = catalog.moduleIDs.flatMap { id -> [ModuleVersionRecord] in
            let module = catalog.modules[id]!
            return module.languages.compactMap { language in
                let text = module.texts[language]!
                return stored.contains("\(id)/\(language.rawValue)/\(text.contentHash)") ? nil : ModuleVersionRecord(module, text)
            }
        }
        guard !missing.isEmpty else { return [] }
        return try await store.store(missing, change: Change(actor: actor, at: clock.now(), source: "catalog"))
    }
}
