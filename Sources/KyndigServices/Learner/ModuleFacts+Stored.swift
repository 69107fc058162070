public import KyndigCore
public import KyndigStore

extension ModuleFacts {
    /// Publication facts of every catalog module from the versions the store holds (a module not
    /// stored yet has none: it counts as published when the caller's day says).
    public static func all(_ catalog: Catalog, stored: [StoredModuleVersion]) -> [String: ModuleFacts] {
        let byModule = Dictionary(grouping: stored, by: \.moduleID)
        var facts: [String: ModuleFacts] = [:]
        for (id, module) in catalog.modules {
            guard let versions = byModule[id], !versions.isEmpty else { continue }
            let day = { (version: StoredModuleVersion) in catalog.policy.calendarDate(of: version.storedAt) }
            let current = versions.filter { catalog.policy.accepts(passed: $0.version, current: module.version) }
            let effective = module.obligationIDs.compactMap { catalog.obligation($0)?.effectiveFrom }.min()
            facts[id] = ModuleFacts(
                currentVersion: module.version, published: versions.map(day).min()!,
                currentVersionPublished: current.map(day).min() ?? versions.map(day).max()!, obligationsEffective: effective)
        }
        return facts
    }
}
