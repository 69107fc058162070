import Foundation
import KyndigCore
import Testing

/// Values an auditor recomputes years later: a quiz replayed from its stored seed, an audit
/// chain re-hashed. These expectations are pinned, not `f(x) == f(x)`: if a change to the
/// generator, the draw or the hash breaks one, it breaks the replay of every stored attempt or
/// log, and it must be a new, versioned algorithm instead.
struct GoldenValueTests {
    @Test func seededRandomIsSplitMix64() {
        var random = SeededRandom(seed: 42)
        let first = (0..<4).map { _ in random.next() }
        #expect(first == [13_679_457_532_755_275_413, 2_949_826_092_126_892_291, 5_139_283_748_462_763_858, 6_349_198_060_258_255_764])
        var zero = SeededRandom(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    }

    static let pool = QuizPool(moduleID: "m", language: .en, questions: (1...8).map { n in
        Question(id: "q\(n)", kind: n == 8 ? .trueFalse : .single, scenario: false, section: "s", text: "Q\(n)",
                 options: n == 8 ? [.init(text: "True", correct: true), .init(text: "False", correct: false)]
                     : (0..<4).map { .init(text: "o\($0)", correct: $0 == 0) },
                 explanation: "e")
    })

    @Test func quizDrawReplaysFromItsSeed() {
        let drawn = QuizDraw.draw(from: Self.pool, count: 5, seed: 20_260_301)
        #expect(drawn.map(\.questionID) == ["q6", "q1", "q7", "q4", "q8"])
        #expect(drawn.map(\.optionOrder) == [[3, 1, 0, 2], [2, 0, 1, 3], [0, 2, 3, 1], [1, 3, 0, 2], [0, 1]])
        // True/false questions keep their order.
        let all = QuizDraw.draw(from: Self.pool, count: 8, seed: 7)
        #expect(all.first { $0.questionID == "q8" }?.optionOrder == [0, 1])
    }

    @Test func auditChainHashIsPinned() {
        let (fields, hash) = AuditChain.next(
            after: (sequence: 6, hash: "abc"), at: Date(timeIntervalSince1970: 1_772_359_200), actor: "hr",
            action: .rosterImport, subject: "roster.csv", details: ["people_added": "3", "units_added": "1"])
        #expect(fields == AuditChain.Fields(
            sequence: 7, at: "2026-03-01T10:00:00.000Z", actor: "hr", action: "roster.import", subject: "roster.csv",
            details: #"{"people_added":"3","units_added":"1"}"#, previousHash: "abc"))
        #expect(hash == "cfd8860ff8cf2f1f17d446e17b2c8d11a1707c63d40b092c3e18c208076ed8ea")
    }

    @Test func aBrokenLinkIsFoundWhereItIs() {
        var entries: [(AuditChain.Fields, String)] = []
        var previous: (sequence: Int, hash: String)?
        for n in 1...4 {
            let next = AuditChain.next(after: previous, at: Date(timeIntervalSince1970: Double(n)), actor: "a", action: .catalogSync,
                                       subject: "s", details: ["n": "\(n)"])
            entries.append(next)
            previous = (next.fields.sequence, next.hash)
        }
        var intact = AuditChain.Verifier()
        for (fields, hash) in entries { intact.check(fields, storedHash: hash) }
        #expect(intact.firstBroken == nil && intact.checked == 4)
        var tampered = AuditChain.Verifier()
        for (index, (fields, hash)) in entries.enumerated() {
            let edited = index == 2
                ? AuditChain.Fields(sequence: fields.sequence, at: fields.at, actor: "someone else", action: fields.action,
                                    subject: fields.subject, details: fields.details, previousHash: fields.previousHash)
                : fields
            tampered.check(edited, storedHash: hash)
        }
        #expect(tampered.firstBroken == 3)
    }
}
