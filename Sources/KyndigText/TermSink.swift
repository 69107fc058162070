/// Receives the terms of a scan.
protocol TermSink {
    /// Takes one term; returns false to stop the scan.
    mutating func accept(_ term: ScannedTerm) -> Bool
}
