import HTTPTypes
import Foundation
import Hummingbird
import KyndigStore
import KyndigCore
import KyndigReports
import KyndigServices
import NIOCore

/// HR's integration: streamed CSV exports with a polling cursor, the roster import and (admin)
/// the AI-system register, through the same services as `kyndig export`, `roster import` and
/// `systems import`.
struct HRRoutes {
    let environment: ServerEnvironment

    func register(on group: RouterGroup<APIContext>) {
        for kind in HRExports.Kind.allCases {
            group.get(RouterPath("exports/\(kind.rawValue).csv")) { request, context in
                try context.require(.export)
                return try await export(kind, request: request)
            }
        }
        group.post("roster") { request, context in
            try context.require(.importRoster)
            let dryRun = try request.flag("dry_run"), full = try request.flag("full"), force = try request.flag("force")
            var maxDeactivate = 10
            if let text = request.query("max_deactivate") {
                guard let value = Int(text), (0...100).contains(value) else {
                    throw APIProblem.badRequest("bad-parameter", "max_deactivate='\(PlainText.escaped(text))' is not a percentage from 0 to 100.")
                }
                maxDeactivate = value
            }
            let actor = try context.auditActor
            let summary = try await withUpload(request, name: "roster.csv") { path in
                try await RosterImport(store: environment.store, clock: environment.clock).run(
                    path: path, name: "roster.csv", catalog: environment.catalog, full: full, dryRun: dryRun, actor: actor,
                    safety: RosterImport.Safety(maxDeactivatedShare: Double(maxDeactivate) / 100, force: force))
            }
            environment.learnerFacts?.invalidate()
            return try Rendering.json(summary)
        }
        group.post("systems") { request, context in
            try context.require(.importSystems)
            let dryRun = try request.flag("dry_run"), force = try request.flag("force")
            // The register is YAML unless the client says it sends CSV.
            let csv = request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true
            let name = csv ? "ai-systems.csv" : "ai-systems.yaml"
            let actor = try context.auditActor
            let summary = try await withUpload(request, name: name) { path in
                try await SystemsImport(store: environment.store, clock: environment.clock).run(
                    path: path, name: name, catalog: environment.catalog, dryRun: dryRun, force: force, actor: actor)
            }
            environment.learnerFacts?.invalidate()
            return try Rendering.json(summary)
        }
    }

    /// Writes the body to a private temporary file named like `name` (the import services read
    /// files, and name them in problems by `name`), runs `body`, and removes the file.
    private func withUpload<T>(_ request: Request, name: String, _ body: (String) async throws -> T) async throws -> T {
        let bytes = try await request.bodyBytes(limit: environment.limits.upload, timeout: environment.limits.uploadTimeout)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kyndig-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes.readableBytesView), attributes: [.posixPermissions: 0o600]) else {
            throw APIProblem(.internalServerError, type: "internal", title: "Internal error",
                             detail: "The server could not keep the upload for reading. Tell the Kyndig administrator, quoting the request id.")
        }
        return try await body(path)
    }

    /// The export as CSV, streamed in chunks of about 64 KiB as the service produces rows.
    ///
    /// People and completions carry the cursor to poll with next in `Kyndig-Next-Cursor`. It is
    /// read before the rows (headers go first): a change made while the export runs may come in
    /// this export and again in the next, never in neither. The first column is the key to
    /// deduplicate on.
    private func export(_ kind: HRExports.Kind, request: Request) async throws -> Response {
        let excel = try request.flag("excel")
        let dialect: CSVWriter.Dialect = excel ? .excel : .standard
        let store = environment.store
        let catalog = environment.catalog
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8",
                                   .contentDisposition: "attachment; filename=\"\(kind.rawValue).csv\""]
        var since: Int?
        var unitID: String?
        var day = catalog.policy.calendarDate(of: environment.clock.now())
        if kind == .requirements {
            if request.query("since") != nil {
                throw APIProblem.badRequest("bad-parameter", "requirements is always a full snapshot (statuses change as days pass): leave out since.")
            }
            unitID = request.query("unit")
            let units = try await store.units()
            if let unitID, !units.contains(where: { $0.id == unitID }) {
                throw ProblemWording.describe(ComplianceReporting.Problem.unknownUnit(unitID, suggestion: nil))
            }
            day = try request.day("as_of") ?? day
        } else {
            if request.query("unit") != nil || request.query("as_of") != nil {
                throw APIProblem.badRequest("bad-parameter", "unit and as_of are for requirements.csv; \(kind.rawValue) exports the whole organisation.")
            }
            if let text = request.query("since") {
                guard let value = Int(text), value >= 0 else {
                    throw APIProblem.badRequest("bad-parameter", "since='\(PlainText.escaped(text))' is not a cursor: cursors are whole numbers from 0.")
                }
                since = value
            }
            let cursor = try await store.changeCursor()
            if let since, since > cursor { throw HRExports.Problem.cursorAhead(given: since, newest: cursor) }
            headers[.kyndigNextCursor] = String(cursor)
        }
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let producer = Task { [since, unitID, day] in
            do {
                let chunk = Chunk(continuation)
                var writer = CSVWriter(dialect: dialect) { chunk.append($0) }
                try writer.write(HRExports.columns(of: kind))
                let sink: (ExportRecord) throws -> Void = { try writer.write($0.csvFields(decimalSeparator: dialect.decimalSeparator)) }
                let exports = HRExports(store: store)
                switch kind {
                case .people: _ = try await exports.people(since: since, sink)
                case .completions: _ = try await exports.completions(since: since, sink)
                case .requirements: try await exports.requirements(unitID: unitID, catalog: catalog, asOf: day, sink)
                }
                chunk.flush()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in producer.cancel() }
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: stream))
    }
}

/// Text gathered into buffers of about 64 KiB for the response stream.
private final class Chunk {
    let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
    var text = ""

    init(_ continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation) {
        self.continuation = continuation
    }

    func append(_ piece: String) {
        text += piece
        if text.utf8.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !text.isEmpty else { return }
        continuation.yield(ByteBuffer(string: text))
        text = ""
    }
}
