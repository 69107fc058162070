import GRDB

/// The schema, as append-only migrations. A shipped migration is never edited: change the schema
/// with a new one. The SQL sticks to what SQLite and PostgreSQL both accept (TEXT/INTEGER/REAL,
/// deferrable foreign keys, partial unique indexes, ISO-8601 text dates), so the PostgreSQL
/// backend can carry the same statements with few changes.
enum Migrations {
    static let identifiers = ["v1-organisation-catalog-attempts-audit", "v2-reporting-indexes", "v3-attempt-outcome-local-date",
                              "v4-unique-active-username-settings", "v5-unanswered-questions",
                              "v6-since-dates-exemptions", "v7-system-risk-overseers",
                              "v8-change-cursor", "v9-passes-covering-index", "v10-api-tokens", "v11-system-route",
                              "v12-attested-measures", "v13-system-local-unit", "v14-module-version-facts-index"]

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(identifiers[0]) { db in try v1(db) }
        migrator.registerMigration(identifiers[1]) { db in try v2(db) }
        migrator.registerMigration(identifiers[2]) { db in try v3(db) }
        migrator.registerMigration(identifiers[3]) { db in try v4(db) }
        migrator.registerMigration(identifiers[4]) { db in try v5(db) }
        migrator.registerMigration(identifiers[5]) { db in try v6(db) }
        migrator.registerMigration(identifiers[6]) { db in try v7(db) }
        migrator.registerMigration(identifiers[7]) { db in try v8(db) }
        migrator.registerMigration(identifiers[8]) { db in try v9(db) }
        migrator.registerMigration(identifiers[9]) { db in try v10(db) }
        migrator.registerMigration(identifiers[10]) { db in try v11(db) }
        migrator.registerMigration(identifiers[11]) { db in try v12(db) }
        migrator.registerMigration(identifiers[12]) { db in try v13(db) }
        migrator.registerMigration(identifiers[13]) { db in try v14(db) }
        return migrator
    }

    static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE unit (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                parent_id TEXT REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                CHECK (parent_id IS NULL OR parent_id <> id)
            );
            CREATE TABLE person (
                employee_id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                email TEXT NOT NULL,
                username TEXT NOT NULL,
                unit_id TEXT NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
                start_date TEXT NOT NULL,
                manager_employee_id TEXT REFERENCES person(employee_id) DEFERRABLE INITIALLY DEFERRED,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
            );
            CREATE INDEX person_by_username ON person(username);
            CREATE TABLE person_role (
                employee_id TEXT NOT NULL REFERENCES person(employee_id) ON DELETE CASCADE,
                role_id TEXT NOT NULL,
                PRIMARY KEY (employee_id, role_id)
            );
            CREATE TABLE ai_system (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                vendor TEXT NOT NULL,
                purpose TEXT NOT NULL
            );
            CREATE TABLE ai_system_context (
                system_id TEXT NOT NULL REFERENCES ai_system(id) ON DELETE CASCADE,
                context_id TEXT NOT NULL,
                PRIMARY KEY (system_id, context_id)
            );
            CREATE TABLE ai_system_unit (
                system_id TEXT NOT NULL REFERENCES ai_system(id) ON DELETE CASCADE,
                unit_id TEXT NOT NULL REFERENCES unit(id) DEFERRABLE INITIALLY DEFERRED,
                PRIMARY KEY (system_id, unit_id)
            );
            CREATE TABLE ai_system_role (
                system_id TEXT NOT NULL REFERENCES ai_system(id) ON DELETE CASCADE,
                role_id TEXT NOT NULL,
                PRIMARY KEY (system_id, role_id)
            );
            CREATE TABLE module_version (
                module_id TEXT NOT NULL,
                lang TEXT NOT NULL,
                version TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                title TEXT NOT NULL,
                module_text TEXT NOT NULL,
                quiz_text TEXT NOT NULL,
                synced_at TEXT NOT NULL,
                PRIMARY KEY (module_id, lang, content_hash)
            );
            CREATE TABLE quiz_attempt (
                id TEXT PRIMARY KEY NOT NULL,
                employee_id TEXT NOT NULL REFERENCES person(employee_id),
                module_id TEXT NOT NULL,
                lang TEXT NOT NULL,
                version TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                seed INTEGER NOT NULL,
                questions TEXT NOT NULL,
                pass_mark REAL NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                score REAL,
                passed INTEGER CHECK (passed IN (0, 1)),
                FOREIGN KEY (module_id, lang, content_hash) REFERENCES module_version(module_id, lang, content_hash)
            );
            CREATE UNIQUE INDEX one_open_attempt_per_module ON quiz_attempt(employee_id, module_id) WHERE finished_at IS NULL;
            CREATE TABLE quiz_answer (
                attempt_id TEXT NOT NULL REFERENCES quiz_attempt(id),
                position INTEGER NOT NULL CHECK (position >= 0),
                question_id TEXT NOT NULL,
                chosen TEXT NOT NULL,
                correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
                answered_at TEXT NOT NULL,
                PRIMARY KEY (attempt_id, position)
            );
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY NOT NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                details TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE
            );
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """)
    }

    /// Indexes the reports and the tutor's look-ups need once the roster is large.
    static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX person_by_unit ON person(unit_id);
            CREATE INDEX person_by_manager ON person(manager_employee_id);
            CREATE INDEX attempt_by_person ON quiz_attempt(employee_id, module_id, finished_at);
            CREATE INDEX system_by_unit ON ai_system_unit(unit_id);
            """)
    }

    /// How an attempt ended (passed, failed, or abandoned when its module changed), the number of
    /// right answers (no more score × count rounding), and the calendar day it ended in the
    /// organisation's time zone: the date a pass counts from. Attempts finished before v3 get the
    /// UTC date of `finished_at`, which is what earlier versions showed as their date.
    static func v3(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE quiz_attempt ADD COLUMN outcome TEXT CHECK (outcome IN ('passed', 'failed', 'abandoned'));
            ALTER TABLE quiz_attempt ADD COLUMN correct INTEGER CHECK (correct >= 0);
            ALTER TABLE quiz_attempt ADD COLUMN finished_on TEXT;
            UPDATE quiz_attempt SET
                outcome = CASE passed WHEN 1 THEN 'passed' ELSE 'failed' END,
                correct = (SELECT COUNT(*) FROM quiz_answer WHERE attempt_id = quiz_attempt.id AND correct = 1),
                finished_on = substr(finished_at, 1, 10)
            WHERE finished_at IS NOT NULL;
            CREATE INDEX attempt_by_outcome ON quiz_attempt(employee_id, outcome);
            """)
    }

    /// A username identifies who takes a quiz, so no two active people may share one (imports
    /// check it too, with row numbers; this makes it a fact of the database). And a small
    /// key-value table for facts about the database itself, such as "this is a demo".
    static func v4(_ db: Database) throws {
        let shared = try Row.fetchAll(db, sql: """
            SELECT username, group_concat(employee_id, ', ') AS ids FROM person WHERE active = 1
            GROUP BY username HAVING COUNT(*) > 1 ORDER BY username
            """)
        if !shared.isEmpty {
            let list = shared.map { "'\($0["username"] as String? ?? "")' (\($0["ids"] as String? ?? ""))" }.joined(separator: "; ")
            throw MigrationBlocked(reason: "active people share a username: \(list). Import a roster that gives each their own username with the Kyndig version that wrote this database, then open it with this one")
        }
        try db.execute(sql: """
            CREATE UNIQUE INDEX one_active_person_per_username ON person(username) WHERE active = 1;
            CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            """)
    }
}

extension Migrations {
    /// Questions the tutor could not answer from the course, for content authors: the question
    /// and its language, never who asked. Kept for the policy's retention period.
    static func v5(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE unanswered_question (
                id INTEGER PRIMARY KEY NOT NULL,
                asked_at TEXT NOT NULL,
                lang TEXT NOT NULL,
                question TEXT NOT NULL
            );
            CREATE INDEX unanswered_by_time ON unanswered_question(asked_at);
            """)
    }
}

extension Migrations {
    /// When each fact began, so that a requirement is never due before the fact behind it: the
    /// day a role was given, the day a person moved into their unit, the day a system was
    /// registered for a unit. Earlier records get the person's start date, and system links the
    /// day of the first register import in the audit log. And exemptions, granted and revoked.
    static func v6(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE person_role ADD COLUMN since TEXT;
            UPDATE person_role SET since = (SELECT start_date FROM person WHERE person.employee_id = person_role.employee_id);
            ALTER TABLE person ADD COLUMN unit_since TEXT;
            UPDATE person SET unit_since = start_date;
            ALTER TABLE ai_system_unit ADD COLUMN since TEXT;
            UPDATE ai_system_unit SET since = COALESCE(
                (SELECT substr(MIN(at), 1, 10) FROM audit_log WHERE action = 'systems.import'), date('now'));
            CREATE TABLE exemption (
                id INTEGER PRIMARY KEY NOT NULL,
                employee_id TEXT NOT NULL REFERENCES person(employee_id),
                module_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                approver TEXT NOT NULL,
                granted_on TEXT NOT NULL,
                until TEXT,
                revoked_on TEXT
            );
            CREATE INDEX exemption_by_person ON exemption(employee_id, module_id);
            """)
    }
}

extension Migrations {
    /// The register's risk class of each system and the people assigned its human oversight
    /// (AI Act Art. 26(2)). Systems registered before v7 are high-risk when they were registered
    /// in the high-risk context, minimal otherwise, until the next register import says.
    static func v7(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE ai_system ADD COLUMN risk TEXT CHECK (risk IN ('high', 'limited', 'minimal', 'gpai'));
            UPDATE ai_system SET risk = CASE WHEN EXISTS (
                SELECT 1 FROM ai_system_context WHERE system_id = ai_system.id AND context_id = 'high-risk') THEN 'high' ELSE 'minimal' END;
            CREATE TABLE ai_system_overseer (
                system_id TEXT NOT NULL REFERENCES ai_system(id) ON DELETE CASCADE,
                employee_id TEXT NOT NULL REFERENCES person(employee_id) DEFERRABLE INITIALLY DEFERRED,
                since TEXT NOT NULL,
                PRIMARY KEY (system_id, employee_id)
            );
            """)
    }
}

extension Migrations {
    /// Which audit entry last changed a person or an attempt: the cursor HR
    /// integrations poll with (`kyndig export --since`). The audit sequence only grows, one
    /// number per change, so two changes in the same second still have two cursors. Rows
    /// from before v8 carry 0: a first export without `--since` includes them.
    static func v8(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE person ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE quiz_attempt ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX person_by_change ON person(changed_seq);
            CREATE INDEX attempt_by_change ON quiz_attempt(changed_seq);
            """)
    }
}

extension Migrations {
    /// Everything a report reads of a pass, in an index of passes only: the bulk read then never
    /// touches the attempt rows themselves, whose drawn questions make them ten times wider
    /// (100,000 people with 1.2M attempts: the read went from reading a 1.5 GB table to a slim index).
    /// It replaces the (employee, outcome) index, which the planner would otherwise still pick.
    static func v9(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX attempt_passes ON quiz_attempt(employee_id, finished_at, id, module_id, version, content_hash, finished_on, score, outcome)
            WHERE outcome = 'passed';
            DROP INDEX attempt_by_outcome;
            """)
    }
}

extension Migrations {
    /// API tokens for `kyndig serve`: the secret only as its SHA-256 hash (64 hex digits), the
    /// scope as text (`admin`, `hr`, `manager:UNIT`, `learner:EMPLOYEE`), an optional first day
    /// it no longer works, and when it was revoked. Rows are never deleted: the audit log names them.
    static func v10(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE api_token (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                scope TEXT NOT NULL,
                secret_hash TEXT NOT NULL CHECK (length(secret_hash) = 64),
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                expires_on TEXT,
                revoked_at TEXT
            );
            """)
    }
}

extension Migrations {
    /// A high-risk system's route (AI Act Art. 6(1) Annex I product, or Art. 6(2) Annex III use),
    /// which decides from when the deployer duties apply to it. NULL for other systems, and for
    /// high-risk systems registered before routes were asked for, until the register is imported again.
    static func v11(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE ai_system ADD COLUMN route TEXT CHECK (route IS NULL OR route IN ('annex-i', 'annex-iii'));
            """)
    }
}

extension Migrations {
    /// Other measures than the course: who took part in which, on which day, attested by whom
    /// (rows are never changed or deleted: they are evidence), and which measures each AI system
    /// in the register accepts for the requirements it brings.
    static func v12(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE attestation (
                id INTEGER PRIMARY KEY NOT NULL,
                employee_id TEXT NOT NULL REFERENCES person(employee_id),
                measure_id TEXT NOT NULL,
                attested_by TEXT NOT NULL REFERENCES person(employee_id),
                attested_on TEXT NOT NULL,
                recorded_at TEXT NOT NULL
            );
            CREATE INDEX attestation_by_person ON attestation(employee_id, attested_on);
            CREATE TABLE ai_system_measure (
                system_id TEXT NOT NULL REFERENCES ai_system(id) ON DELETE CASCADE,
                measure_id TEXT NOT NULL,
                PRIMARY KEY (system_id, measure_id)
            );
            """)
    }
}

extension Migrations {
    /// The hospital's own short unit on each AI system (the register's `local_unit`: a module id of
    /// kind local-unit). NULL while a system has none; the catalog's modules are not in this
    /// database's tables, so the import checks the id, not a foreign key.
    static func v13(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE ai_system ADD COLUMN local_unit TEXT CHECK (local_unit IS NULL OR length(local_unit) > 0);
            """)
    }
}

extension Migrations {
    /// Every report and status reads each stored module version's facts (not its texts). The
    /// sync time is stored after the texts, so reading it walked every version's text, about 2 MB
    /// in a course that has been revised a few times; an index holding the facts is read instead.
    static func v14(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX module_version_facts ON module_version (module_id, lang, version, content_hash, synced_at);
            """)
    }
}

/// A migration that cannot run on this database's data, and why (worded for the person).
struct MigrationBlocked: Error {
    let reason: String
}
