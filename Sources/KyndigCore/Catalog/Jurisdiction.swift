/// Where a legal instrument applies. The AI Act is EU law that Norway takes in through the EEA
/// agreement and its own act (KI-loven), which are not in force yet; the GDPR applies in the EU
/// from 25 May 2018 and in Norway, through personopplysningsloven, from 20 July 2018. So each
/// obligation record says where its date holds, and the hospital's policy says where it is.
public enum Jurisdiction: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case eu
    /// Norway, an EEA state: Norwegian acts, and EU acts once Norwegian law has taken them in.
    case norway = "no"

    public var description: String { rawValue }
}

/// The two routes by which an AI system is high-risk (AI Act Art. 6), which the 2026 amendment
/// gives different dates for the deployer duties: Annex III use cases (Art. 6(2)) from
/// 2 December 2027, AI in Annex I products such as medical devices (Art. 6(1)) from 2 August 2028.
public enum HighRiskRoute: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A safety component of, or itself, a product under Annex I law (e.g. a medical device).
    case annexI = "annex-i"
    /// A use case listed in Annex III (e.g. access to essential public services, triage of emergency calls).
    case annexIII = "annex-iii"

    public var description: String { rawValue }
}

/// Routes are keys in JSON (`"annex-i": "2028-08-02"`), not Swift's array-of-pairs encoding.
extension HighRiskRoute: CodingKeyRepresentable {}
